/* Changes between two record sets: added, removed, changed. */
#ifndef MCWATCH_DIFF_H
#define MCWATCH_DIFF_H

#include <stddef.h>

#include "../records/record.h"

/* One change: added (before NULL), removed (after NULL), or changed. */
struct change {
	const struct record	*before;
	const struct record	*after;
};

struct diff {
	struct change	*changes;	/* in record order */
	size_t		 nchanges;
	size_t		 nadded;
	size_t		 nremoved;
	size_t		 nchanged;
};

/*
 * Compare by identity (mcwatch-records(5)): the same identity with other
 * values is a change, not a removal and an addition. The diff points into
 * both sets, which must outlive it. 0, or -1 on memory.
 */
int	diff_records(const struct recordset *old, const struct recordset *new,
	    struct diff *d);
void	diff_free(struct diff *d);
/*
 * The changes of d whose region code is one of codes (separated by spaces
 * or commas, any case) into out, which points into the same sets; all of
 * them when codes is NULL or empty. 0, or -1 on memory.
 */
int	diff_filter(const struct diff *d, const char *codes, struct diff *out);
/* Whether codes (as diff_filter takes them) let region code through. */
int	diff_code_wanted(const char *codes, const char *code);
/*
 * Each region code of d once, in order, sep between them: all of them,
 * however many (a string the caller frees); NULL on memory.
 */
char	*diff_codes(const struct diff *d, const char *sep);
/* The record a change is about: after, or before if removed. */
const struct record *change_record(const struct change *c);

#endif
