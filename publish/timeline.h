/*
 * The history as the site needs it: every snapshot of the first-parent
 * line, oldest first, with the dataset lines it added and removed. Equal
 * lines share one number, so that each line is parsed into a record at
 * most once.
 */
#ifndef MCWATCH_PUB_TIMELINE_H
#define MCWATCH_PUB_TIMELINE_H

#include <stddef.h>
#include <time.h>

#include "../errors/err.h"
#include "../records/record.h"
#include "../snapshots/changes.h"
#include "../snapshots/store.h"

struct pub_snap {
	char		 id[41];
	time_t		 time;
	size_t		 first;		/* its lines: lines[first, first + n) */
	size_t		 n;
	char		*source;	/* its page's URL, when known */
	int		 spf_changed;	/* its spf.json is not its parent's */
	int		 broken;	/* its dataset is unread */
};

struct pub_line {
	size_t		 off;		/* in the arena */
	size_t		 len;
	size_t		 num;		/* the same for equal bytes */
	int		 added;		/* else removed */
};

struct pub_timeline {
	struct pub_snap	*snaps;
	size_t		 nsnaps;
	size_t		 capsnaps;
	struct pub_line	*lines;
	size_t		 nlines;
	size_t		 caplines;
	char		*arena;
	size_t		 arenalen;
	size_t		 arenacap;
	size_t		 nnums;		/* distinct lines */
	size_t		*num_line;	/* a line holding each number */
	struct record	*recs;		/* each number's record, once parsed */
	unsigned char	*parsed;
};

/*
 * The history of st into a new h, every snapshot read from the
 * repository (never from an old site); a broken snapshot (its dataset
 * missing or not mcwatch's) is marked so. NULL with err.
 */
struct pub_timeline	*pub_timeline_load(struct store *st, struct err *err);
/*
 * The same, for only the snapshots after the newest that k knows
 * (changes_walk_since): NULL with *all set when it knows none of them
 * (load it all), NULL with err on failure.
 */
struct pub_timeline	*pub_timeline_since(struct store *st,
			    const struct changes_known *k, int *all,
			    struct err *err);
/* Append a snapshot (source copied, or NULL); 0, or -1 on memory. */
int	pub_timeline_add_snap(struct pub_timeline *h, const char *id, time_t t,
	    const char *source);
/* Append a line to the last snapshot; 0, or -1 on memory. */
int	pub_timeline_add_line(struct pub_timeline *h, const char *line,
	    size_t len, int added);
void			 pub_timeline_free(struct pub_timeline *h);

/*
 * A view of the records numbered nums[0..n) into rs: rs->recs is the
 * caller's (free it, never recordset_free: the records are h's). 0, or -1
 * with err naming the snapshot id when a line is no record.
 */
int	pub_timeline_view(struct pub_timeline *h, const size_t *nums, size_t n,
	    const char *id, struct recordset *rs, struct err *err);

/*
 * The numbers of snapshot k's removed lines into *rem and added lines
 * into *add (malloc'd, counts beside). 0, or -1 on memory.
 */
int	pub_timeline_lines(const struct pub_timeline *h, size_t k, size_t **rem,
	    size_t *nrem, size_t **add, size_t *nadd);

#endif
