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

/*
 * What a caller knows of the history already: known(id, arg, base) is 1
 * for a snapshot it has, with base (41 bytes) set to that one's last
 * whole snapshot ("" if none), else 0; max bounds the walk back to it.
 */
struct changes_known {
	int	(*known)(const char *id, void *arg, char *base);
	void	*arg;
	size_t	 max;
};

/*
 * changes_walk for only the snapshots after the newest one of HEAD's
 * first-parent line that k knows (at most k->max of them), compared as
 * the whole walk would. 0, 1 if k knows none of the newest k->max + 1 or
 * the known one's whole snapshot is gone (walk it all), or -1 with err.
 */
int	changes_walk_since(struct store *st, const struct changes_known *k,
	    int (*fn)(const struct line_change *, void *), void *arg,
	    struct err *err);

#endif
