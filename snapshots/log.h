/* Walking the snapshots, newest first, for 'mcwatch log'. */
#ifndef MCWATCH_LOG_H
#define MCWATCH_LOG_H

#include <stddef.h>
#include <time.h>

#include "../errors/err.h"
#include "store.h"

struct log_entry {
	char		id[41];		/* 40 hex digits */
	time_t		time;
	size_t		added;
	size_t		removed;
	size_t		changed;
	char		summary[512];	/* the subject, less "Mimecast: " */
	const char	*regions;	/* codes, ", "-separated: the walk's,
					   until the next history_next */
};

struct log_walk;

/* A walk over HEAD's first-parent line; NULL with err. */
struct log_walk	*log_open(struct store *st, struct err *err);
/* The next snapshot; 0, 1 at the end, or -1 with err. */
int		 log_next(struct log_walk *h, struct log_entry *e,
		    struct err *err);
void		 log_free(struct log_walk *h);

#endif
