/*
 * Which records an address falls in: a table of the records' address
 * spans sorted once, then a binary search per address.
 */
#ifndef MCWATCH_LOOKUP_H
#define MCWATCH_LOOKUP_H

#include <stddef.h>

#include "../addr/addr.h"
#include "../records/record.h"

struct lookup;

/* The table of rs's networks and ranges (rs must outlive it); NULL on memory. */
struct lookup	*lookup_new(const struct recordset *rs);
void		 lookup_free(struct lookup *t);
/*
 * The records a falls in, at most max of them into out, the one whose
 * span starts closest to a first; their count.
 */
size_t		 lookup_find(const struct lookup *t, const struct addr *a,
		    const struct record **out, size_t max);

/*
 * The records whose span overlaps prefix c (of the same family), at most
 * max of them into out, by first address; their count.
 */
size_t		 lookup_overlap(const struct lookup *t, const struct cidr *c,
		    const struct record **out, size_t max);

#endif
