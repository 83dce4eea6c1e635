/*
 * The dataset lines each snapshot added and removed, oldest snapshot
 * first: a line diff of consecutive datasets (one record a line, in
 * canonical order), so that a record's history is read without parsing
 * every snapshot whole.
 */
#ifndef MCWATCH_CHANGES_H
#define MCWATCH_CHANGES_H

#include <stddef.h>
#include <time.h>

#include "../errors/err.h"
#include "store.h"

/* One snapshot's changed lines. */
struct line_change {
	const char	*id;		/* the snapshot, 40 hex digits */
	time_t		 time;
	const char	*line;		/* a record's JSON, not NUL-terminated */
	size_t		 len;
	int		 added;		/* else removed */
	int		 broken;	/* line NULL: the snapshot's dataset is
					   missing or not one mcwatch writes */
	int		 spf_changed;	/* line NULL: its spf.json is not its
					   parent's (added, gone or other) */
};

/*
 * Call fn(c, arg) for every snapshot of HEAD's first-parent line, oldest
 * first, with line NULL, and then for every line it added or removed (the
 * first snapshot adds all its lines). A broken snapshot (c->broken: no
 * dataset, or one not framed a record a line) has no lines: the next one
 * is compared with the last that was whole. fn returns 0 to go on, -1 to
 * stop with an error (memory). 0, or -1 with err.
 */
int	changes_walk(struct store *st,
	    int (*fn)(const struct line_change *, void *), void *arg,
	    struct err *err);

#endif
