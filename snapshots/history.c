/*
 * The history: counts come from each commit's trailers, written by
 * 'mcwatch run', so that listing never diffs snapshots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "../records/safe.h"

struct history {
	struct store	*st;
	git_revwalk	*walk;
};

struct history *
history_open(struct store *st, char *err)
{
	struct history *h;

	if ((h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	h->st = st;
	if (git_revwalk_new(&h->walk, st->repo) < 0) {
		store_giterr(st, "cannot walk the history", err);
		history_free(h);
		return NULL;
	}
	git_revwalk_simplify_first_parent(h->walk);
	if (git_repository_head_unborn(st->repo) != 1 &&
	    git_revwalk_push_head(h->walk) < 0) {
		store_giterr(st, "cannot walk the history", err);
		history_free(h);
		return NULL;
	}
	return h;
}

void
history_free(struct history *h)
{
	if (h == NULL)
		return;
	git_revwalk_free(h->walk);
	free(h);
}

int
history_next(struct history *h, struct log_entry *e, char *err)
{
	git_message_trailer_array tr;
	git_commit *c = NULL;
	const char *msg, *sum;
	size_t i, n;

	memset(e, 0, sizeof(*e));
	if (git_revwalk_next(&e->id, h->walk) != 0)
		return 1;
	if (git_commit_lookup(&c, h->st->repo, &e->id) < 0)
		return store_giterr(h->st, "cannot read a snapshot", err);
	e->time = git_commit_time(c);
	sum = git_commit_summary(c);
	if (sum == NULL)
		sum = "";
	if (strncmp(sum, "Mimecast: ", 10) == 0)
		sum += 10;
	snprintf(e->summary, sizeof(e->summary), "%s", sum);
	msg = git_commit_message(c);
	if (msg != NULL && git_message_trailers(&tr, msg) == 0) {
		for (i = 0; i < tr.count; i++) {
			const char *k = tr.trailers[i].key;
			const char *v = tr.trailers[i].value;

			n = strtoul(v, NULL, 10);
			if (strcmp(k, "Mimecast-Added") == 0)
				e->added = n;
			else if (strcmp(k, "Mimecast-Removed") == 0)
				e->removed = n;
			else if (strcmp(k, "Mimecast-Changed") == 0)
				e->changed = n;
			else if (strcmp(k, "Mimecast-Regions") == 0)
				snprintf(e->regions, sizeof(e->regions), "%s",
				    v);
		}
		git_message_trailer_array_free(&tr);
	}
	/* Messages are data: no control characters reach a terminal. */
	safe_unctrl(e->summary);
	git_commit_free(c);
	return 0;
}
