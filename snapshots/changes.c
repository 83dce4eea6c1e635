/* Walking the history as line diffs of the datasets, with libgit2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "internal.h"
#include "snapshot.h"
#include "../records/json.h"

/* A dataset's record lines, sorted bytewise for a merge. */
struct lines {
	const char	**p;
	size_t		 *len;
	size_t		  n;
	git_blob	 *blob;		/* holds the bytes */
};

static void
lines_free(struct lines *l)
{
	free(l->p);
	free(l->len);
	git_blob_free(l->blob);
	memset(l, 0, sizeof(*l));
}

/* Bytewise order of two lines. */
static int
line_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	return c != 0 ? c : (al > bl) - (al < bl);
}

/* qsort_r's order of the indices of lines l. */
static int
idx_qcmp(const void *x, const void *y, void *arg)
{
	const struct lines *l = arg;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;

	return line_cmp(l->p[i], l->len[i], l->p[j], l->len[j]);
}

/*
 * Whether the n bytes at s are a dataset as output_records_json frames it:
 * its head, a record object a line ("{...}," or the last "{...}"), its
 * tail. Not a JSON parse: each line is read as a record where it is used.
 */
static int
dataset_framed(const char *s, size_t n)
{
	size_t hl = sizeof(DATASET_HEAD) - 1, tl = sizeof(DATASET_TAIL) - 1;
	const char *p, *e, *end;

	if (n == hl + tl - 1 && memcmp(s, "{\"records\":[\n]}\n", n) == 0)
		return 1;	/* no record at all */
	if (n < hl + tl || memcmp(s, DATASET_HEAD, hl) != 0 ||
	    memcmp(s + n - tl, DATASET_TAIL, tl) != 0)
		return 0;
	end = s + n - tl;
	for (p = s + hl; p <= end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		if (e - p < 2 || *p != '{' || (e[-1] != '}' && (e == end ||
		    e[-1] != ',' || e[-2] != '}')))
			return 0;
		if (e == end)
			break;
	}
	return 1;
}

/* The record lines of blob b (taken over) into l, sorted; -1 on memory. */
static int
lines_read(git_blob *b, struct lines *l)
{
	const char *s = git_blob_rawcontent(b), *e, *end;
	size_t cap, i, *idx = NULL;
	const char **p = NULL;
	size_t *len = NULL;

	memset(l, 0, sizeof(*l));
	l->blob = b;
	end = s + git_blob_rawsize(b);
	/* memchr, not a byte loop: 5,000 datasets are 150 MB to count. */
	for (cap = 1, e = s; e < end &&
	    (e = memchr(e, '\n', (size_t)(end - e))) != NULL; e++)
		cap++;
	if ((l->p = calloc(cap, sizeof(*l->p))) == NULL ||
	    (l->len = calloc(cap, sizeof(*l->len))) == NULL ||
	    (idx = calloc(cap, sizeof(*idx))) == NULL ||
	    (p = calloc(cap, sizeof(*p))) == NULL ||
	    (len = calloc(cap, sizeof(*len))) == NULL)
		goto fail;
	for (; s < end; s = e + 1) {
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		/* The dataset's first and last lines frame it: not records. */
		if (e - s < 2 || *s != '{' || strncmp(s, "{\"records\"", 10) ==
		    0)
			continue;
		l->p[l->n] = s;
		l->len[l->n++] = (size_t)(e - s);
	}
	for (i = 0; i < l->n; i++)
		idx[i] = i;
	qsort_r(idx, l->n, sizeof(*idx), idx_qcmp, l);
	for (i = 0; i < l->n; i++) {
		p[i] = l->p[idx[i]];
		len[i] = l->len[idx[i]];
	}
	free(l->p);
	free(l->len);
	l->p = p;
	l->len = len;
	free(idx);
	return 0;
 fail:
	free(idx);
	free(p);
	free(len);
	l->blob = NULL;
	lines_free(l);
	return -1;
}

/*
 * The lines only in a (removed) and only in b (added), merged in sorted
 * order, to fn; -1 when fn stops.
 */
static int
lines_diff(const struct lines *a, const struct lines *b,
    struct line_change *c, int (*fn)(const struct line_change *, void *),
    void *arg)
{
	size_t i = 0, j = 0;
	int k;

	while (i < a->n || j < b->n) {
		k = i == a->n ? 1 : j == b->n ? -1 :
		    line_cmp(a->p[i], a->len[i], b->p[j], b->len[j]);
		if (k == 0) {
			i++;
			j++;
			continue;
		}
		c->added = k > 0;
		c->line = k > 0 ? b->p[j] : a->p[i];
		c->len = k > 0 ? b->len[j++] : a->len[i++];
		if (fn(c, arg) == -1)
			return -1;
	}
	return 0;
}

/*
 * The dataset blob of commit c, or NULL (none, or not readable), and the
 * id of its spf.json into *spf (zero when it has none).
 */
static git_blob *
dataset_blob(git_repository *repo, git_commit *c, git_oid *spf)
{
	git_tree *tree = NULL;
	const git_tree_entry *se;
	git_tree_entry *e = NULL;
	git_blob *b = NULL;

	memset(spf, 0, sizeof(*spf));
	if (git_commit_tree(&tree, c) != 0)
		return NULL;
	if (git_tree_entry_bypath(&e, tree, SNAP_DATA) == 0)
		git_blob_lookup(&b, repo, git_tree_entry_id(e));
	/* A top-level name: found in the tree itself, no lookup. */
	if ((se = git_tree_entry_byname(tree, SNAP_SPF)) != NULL)
		git_oid_cpy(spf, git_tree_entry_id(se));
	git_tree_entry_free(e);
	git_tree_free(tree);
	return b;
}

/* A first-parent walk of HEAD, oldest first, into *rw; 0, or -1. */
static int
walk_start(struct store *st, git_revwalk **rw, struct err *err)
{
	if (git_revwalk_new(rw, st->repo) < 0 ||
	    git_revwalk_sorting(*rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) <
	    0)
		return store_giterr(st, "cannot walk the history", err);
	git_revwalk_simplify_first_parent(*rw);
	if (git_revwalk_push_head(*rw) < 0)
		return store_giterr(st, "cannot walk the history", err);
	return 0;
}

/*
 * Snapshot c, whose dataset is b (taken over; NULL: none), to fn: begun,
 * then its lines against *prev, which become its own. 0, or -1 when fn
 * stops or memory runs out.
 */
static int
walk_one(git_blob *b, struct lines *prev, struct line_change *c,
    int (*fn)(const struct line_change *, void *), void *arg)
{
	struct lines cur;
	int same = b != NULL && prev->blob != NULL &&
	    git_oid_equal(git_blob_id(prev->blob), git_blob_id(b));

	/* Bytes met already were framed: only new ones are checked. */
	c->broken = b == NULL || (!same && !dataset_framed(
	    git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)));
	/* Every snapshot is told, whether or not it changed a line. */
	c->line = NULL;
	c->len = 0;
	c->added = 0;
	if (fn(c, arg) == -1) {
		git_blob_free(b);
		return -1;
	}
	if (c->broken || same) {
		git_blob_free(b);
		return 0;
	}
	if (lines_read(b, &cur) == -1)
		return -1;
	if (lines_diff(prev, &cur, c, fn, arg) == -1) {
		lines_free(&cur);
		return -1;
	}
	lines_free(prev);
	*prev = cur;
	return 0;
}

int
changes_walk(struct store *st,
    int (*fn)(const struct line_change *, void *), void *arg, struct err *err)
{
	struct lines prev;
	struct line_change c;
	git_revwalk *rw = NULL;
	git_commit *cm = NULL;
	git_oid id, spf, prev_spf;
	git_blob *b;
	char idbuf[GIT_OID_HEXSZ + 1];
	int rc = -1;

	memset(&prev, 0, sizeof(prev));
	memset(&c, 0, sizeof(c));
	memset(&prev_spf, 0, sizeof(prev_spf));
	if (git_repository_head_unborn(st->repo) == 1)
		return 0;
	if (walk_start(st, &rw, err) == -1)
		goto cleanup;
	while (git_revwalk_next(&id, rw) == 0) {
		if (git_commit_lookup(&cm, st->repo, &id) < 0) {
			store_giterr(st, "cannot read a snapshot", err);
			goto cleanup;
		}
		c.id = git_oid_tostr(idbuf, sizeof(idbuf), &id);
		c.time = (time_t)git_commit_time(cm);
		b = dataset_blob(st->repo, cm, &spf);
		c.spf_changed = !git_oid_equal(&spf, &prev_spf);
		git_oid_cpy(&prev_spf, &spf);
		if (walk_one(b, &prev, &c, fn, arg) == -1) {
			git_commit_free(cm);
			err_set(err, ERR_NOMEM, "repo %s: history: out of "
			    "memory", st->dir);
			goto cleanup;
		}
		git_commit_free(cm);
	}
	rc = 0;
 cleanup:
	lines_free(&prev);
	git_revwalk_free(rw);
	return rc;
}
