/*
 * What changed since snapshot k up to the latest, for every k, walking
 * back from the latest: the lines the latest has and k lacks (added since)
 * and the lines k has and the latest lacks (removed since). One step back
 * costs what that snapshot changed, not the size of the dataset.
 */
#ifndef MCWATCH_PUB_SINCE_H
#define MCWATCH_PUB_SINCE_H

#include <stddef.h>

#include "timeline.h"

struct pub_since {
	unsigned char	*in_latest;	/* per line number */
	size_t		*pos;		/* its index in plus or minus */
	size_t		*plus;		/* added since: numbers */
	size_t		 nplus;
	size_t		*minus;		/* removed since */
	size_t		 nminus;
};

/* Both sets empty: the latest against itself. 0, or -1 on memory. */
int	pub_since_init(struct pub_since *s, const struct pub_timeline *h);
/* From "since snapshot k" to "since snapshot k - 1". */
void	pub_since_back(struct pub_since *s, const struct pub_timeline *h,
	    size_t k);
void	pub_since_clear(struct pub_since *s);

#endif
