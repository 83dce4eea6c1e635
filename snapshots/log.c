/*
 * The history: counts come from each commit's trailers, written by
 * 'mcwatch run', so that listing never diffs snapshots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "internal.h"
#include "trailers.h"
#include "../util/safe.h"

struct log_walk {
	struct store	*st;
	git_revwalk	*walk;
	struct trailers	 trailers;	/* the last snapshot's */
};

struct log_walk *
log_open(struct store *st, struct err *err)
{
	struct log_walk *h;

	if ((h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	h->st = st;
	if (git_revwalk_new(&h->walk, st->repo) < 0) {
		store_giterr(st, "cannot walk the history", err);
		log_free(h);
		return NULL;
	}
	git_revwalk_simplify_first_parent(h->walk);
	if (git_repository_head_unborn(st->repo) != 1 &&
	    git_revwalk_push_head(h->walk) < 0) {
		store_giterr(st, "cannot walk the history", err);
		log_free(h);
		return NULL;
	}
	return h;
}

void
log_free(struct log_walk *h)
{
	if (h == NULL)
		return;
	git_revwalk_free(h->walk);
	trailers_clear(&h->trailers);
	free(h);
}

int
log_next(struct log_walk *h, struct log_entry *e, struct err *err)
{
	git_commit *c = NULL;
	git_oid id;
	const char *sum;

	memset(e, 0, sizeof(*e));
	if (git_revwalk_next(&id, h->walk) != 0)
		return 1;
	if (git_commit_lookup(&c, h->st->repo, &id) < 0)
		return store_giterr(h->st, "cannot read a snapshot", err);
	git_oid_tostr(e->id, sizeof(e->id), &id);
	e->time = (time_t)git_commit_time(c);
	sum = git_commit_summary(c);
	if (sum == NULL)
		sum = "";
	if (strncmp(sum, "Mimecast: ", 10) == 0)
		sum += 10;
	snprintf(e->summary, sizeof(e->summary), "%s", sum);
	trailers_clear(&h->trailers);
	if (trailers_read(git_commit_message(c), &h->trailers) == -1) {
		git_commit_free(c);
		return err_set(err, ERR_NOMEM, "repo %s: out of memory",
		    store_dir(h->st));
	}
	e->added = h->trailers.added;
	e->removed = h->trailers.removed;
	e->changed = h->trailers.changed;
	e->regions = h->trailers.regions != NULL ? h->trailers.regions : "";
	/* Messages are data: no control characters reach a terminal. */
	safe_unctrl(e->summary);
	git_commit_free(c);
	return 0;
}
