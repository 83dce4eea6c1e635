/*
 * Sets of addresses: the blocks of records as merged spans (first..last),
 * and the minimal prefix list covering exactly the same addresses.
 */
#ifndef MCWATCH_ADDRSET_H
#define MCWATCH_ADDRSET_H

#include <stddef.h>

#include "addr.h"
#include "record.h"

struct span {
	struct addr	first;
	struct addr	last;
};

/*
 * The addresses of the records of rs in the lists of mask (lists.h) and
 * of family 4 or 6 (networks, ranges by their ends) as sorted spans,
 * overlapping and adjacent ones merged, into *out (malloc'd, *n of them).
 * 0, or -1 on memory.
 */
int	addrset_spans(const struct recordset *, unsigned, int, struct span **,
	    size_t *);
/*
 * The minimal prefix list of spans (exact: the same addresses) into *out
 * (malloc'd, *n); 0, or -1 on memory.
 */
int	addrset_prefixes(const struct span *, size_t, struct cidr **, size_t *);

#endif
