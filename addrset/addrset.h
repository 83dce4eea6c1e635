/*
 * Sets of addresses: the blocks of records as merged spans (first..last),
 * and the minimal prefix list covering exactly the same addresses.
 */
#ifndef MCWATCH_ADDRSET_H
#define MCWATCH_ADDRSET_H

#include <stddef.h>
#include <stdio.h>

#include "../addr/addr.h"
#include "../records/record.h"

struct span {
	struct addr	first;
	struct addr	last;
};

/*
 * The addresses of records [from, to) of rs in the lists of mask
 * (lists.h) and of family 4 or 6 (networks, ranges by their ends) as
 * sorted spans, overlapping and adjacent ones merged, into *out (malloc'd,
 * *n of them). 0, or -1 on memory.
 */
int	addrset_spans(const struct recordset *rs, size_t from, size_t to,
	    unsigned mask, int family, struct span **out, size_t *nout);
/* Sort the n spans of v and merge what overlaps or touches; *n after. */
void	addrset_merge(struct span *v, size_t *n);
/* Whether span s lies inside one of the n merged, sorted spans of v. */
int	addrset_covers(const struct span *v, size_t n, const struct span *s);
/*
 * The minimal prefix list of spans (exact: the same addresses) into *out
 * (malloc'd, *n); 0, or -1 on memory.
 */
int	addrset_prefixes(const struct span *s, size_t n, struct cidr **out,
	    size_t *nout);
/*
 * IPv4 prefixes as the Microsoft 365 connection filter takes them: /24 to
 * /32 only, a wider one split into /24s, into *out (malloc'd, *n). 0, 1
 * when there would be more than max (nothing is made), or -1 on memory.
 */
int	addrset_split24(const struct cidr *v, size_t n, size_t max,
	    struct cidr **out, size_t *nout);
/*
 * Write the merged prefixes of records [from, to) of rs (mask, family),
 * one a line; with m365, split as addrset_split24 does, and nothing at all
 * past max entries. 0, or -1 on memory or a write error.
 */
int	addrset_write(FILE *fp, const struct recordset *rs, size_t from,
	    size_t to, unsigned mask, int family, int m365, size_t max);

#endif
