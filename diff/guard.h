/* The anomaly guard: pages that must not replace the latest snapshot. */
#ifndef MCWATCH_GUARD_H
#define MCWATCH_GUARD_H

#include <stddef.h>

#include "diff.h"

#define GUARD_MAX_REMOVAL	20.0	/* percent, the default */

/*
 * Whether new may replace old (the latest snapshot's records; d their
 * diff): 0 if it may, 1 if not, with why (len bytes) naming what tripped.
 * A page with no records, without a region or a kind of record that old
 * has, or removing more than max_removal percent of old is refused.
 */
int	guard_check(const struct recordset *old, const struct recordset *new,
	    const struct diff *d, double max_removal, char *why, size_t len);

#endif
