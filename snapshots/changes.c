/* Walking the history as line diffs of the datasets, with libgit2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "internal.h"
#include "snapshot.h"
#include "../records/json.h"

/* Record lines, sorted bytewise for a merge; the bytes are a blob's. */
struct lines {
	const char	**p;
	size_t		 *len;
	size_t		  n;
};

static void
lines_free(struct lines *l)
{
	free(l->p);
	free(l->len);
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

/* Whether line [p, e) may be a record line of a dataset whose records
 * end at end: "{...}," or "{...}", the last one "{...}". */
static int
record_line_ok(const char *p, const char *e, const char *end)
{
	return e - p >= 2 && *p == '{' && (e[-1] == '}' || (e != end &&
	    e[-1] == ',' && e[-2] == '}'));
}

/*
 * Whether the n bytes at s are a dataset as output_records_json frames it:
 * its head, a record object a line ("{...}," or the last "{...}"), its
 * tail. Not a JSON parse: each line is read as a record where it is used.
 * Only the lines that begin in [from, to) are looked at (the others are
 * the last dataset's, in the same places, checked when it was read), and
 * the last record line, whose comma depends on what follows it.
 */
static int
dataset_framed(const char *s, size_t n, size_t from, size_t to)
{
	size_t hl = sizeof(DATASET_HEAD) - 1, tl = sizeof(DATASET_TAIL) - 1;
	const char *p, *e, *end;

	if (n == hl + tl - 1 && memcmp(s, "{\"records\":[\n]}\n", n) == 0)
		return 1;	/* no record at all */
	if (n < hl + tl || memcmp(s, DATASET_HEAD, hl) != 0 ||
	    memcmp(s + n - tl, DATASET_TAIL, tl) != 0)
		return 0;
	end = s + n - tl;
	for (p = end; p > s + hl && p[-1] != '\n'; p--)
		;
	if (!record_line_ok(p, end, end))
		return 0;
	for (p = s + (from > hl ? from : hl); p <= end && p < s + to;
	    p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		if (!record_line_ok(p, e, end))
			return 0;
		if (e == end)
			break;
	}
	return 1;
}

/*
 * The record lines of [s, end) (whole lines, the frame's passed over)
 * into l, sorted; -1 on memory.
 */
static int
lines_read(const char *s, const char *end, struct lines *l)
{
	const char *e;
	size_t cap, i, *idx = NULL;
	const char **p = NULL;
	size_t *len = NULL;

	memset(l, 0, sizeof(*l));
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
		if (e - s < 2 || *s != '{' || (e - s >= 10 &&
		    memcmp(s, "{\"records\"", 10) == 0))
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
 * Where a and b (an and bn bytes) differ, in whole lines: *pre, the
 * length of their common first lines, and *suf, of their common last
 * lines, which do not overlap those. A new dataset is mostly its
 * predecessor's lines in the same places: only the lines between are
 * sorted and merged, and the multiset of lines only in one of them is the
 * same as that of the whole datasets.
 */
static void
common_lines(const char *a, size_t an, const char *b, size_t bn,
    size_t *pre, size_t *suf)
{
	size_t n = an < bn ? an : bn, i = 0, s = 0;
	const char *nl;

	/* memcmp by blocks finds the first difference at its speed. */
	while (i + 4096 <= n && memcmp(a + i, b + i, 4096) == 0)
		i += 4096;
	while (i < n && a[i] == b[i])
		i++;
	while (i > 0 && a[i - 1] != '\n')
		i--;
	*pre = i;
	n -= i;
	while (s + 4096 <= n && memcmp(a + an - s - 4096, b + bn - s - 4096,
	    4096) == 0)
		s += 4096;
	while (s < n && a[an - s - 1] == b[bn - s - 1])
		s++;
	/* The common end begins where a line does. */
	if (s > 0 && s < bn && b[bn - s - 1] != '\n') {
		nl = memchr(b + bn - s, '\n', s);
		s = nl != NULL ? bn - (size_t)(nl + 1 - b) : 0;
	}
	*suf = s;
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
 * then its lines against *prev, the last whole dataset, which b becomes
 * if it is whole. 0, or -1 when fn stops or memory runs out.
 */
static int
walk_one(git_blob *b, git_blob **prev, struct line_change *c,
    int (*fn)(const struct line_change *, void *), void *arg)
{
	struct lines was, now;
	const char *as = NULL, *bs = NULL;
	size_t an = 0, bn = 0, pre = 0, suf = 0;
	int same = b != NULL && *prev != NULL &&
	    git_oid_equal(git_blob_id(*prev), git_blob_id(b)), rc = -1;

	memset(&was, 0, sizeof(was));
	memset(&now, 0, sizeof(now));
	if (b != NULL && !same) {
		bs = git_blob_rawcontent(b);
		bn = (size_t)git_blob_rawsize(b);
		if (*prev != NULL) {
			as = git_blob_rawcontent(*prev);
			an = (size_t)git_blob_rawsize(*prev);
			common_lines(as, an, bs, bn, &pre, &suf);
		}
	}
	/* Lines met already were framed: only new ones are checked. */
	c->broken = b == NULL || (!same && !dataset_framed(bs, bn, pre,
	    bn - suf));
	/* Every snapshot is told, whether or not it changed a line. */
	c->line = NULL;
	c->len = 0;
	c->added = 0;
	if (fn(c, arg) == -1)
		goto cleanup;
	if (c->broken || same) {
		rc = 0;
		goto cleanup;
	}
	if ((as != NULL && lines_read(as + pre, as + an - suf, &was) == -1) ||
	    lines_read(bs + pre, bs + bn - suf, &now) == -1 ||
	    lines_diff(&was, &now, c, fn, arg) == -1)
		goto cleanup;
	git_blob_free(*prev);
	*prev = b;
	b = NULL;
	rc = 0;
 cleanup:
	git_blob_free(b);
	lines_free(&was);
	lines_free(&now);
	return rc;
}

/*
 * Commit id to fn (changes_walk's body): its dataset against *prev, its
 * spf.json's id against *prev_spf, both made its own. 0, or -1 with err.
 */
static int
walk_commit(struct store *st, const git_oid *id, git_blob **prev,
    git_oid *prev_spf, int (*fn)(const struct line_change *, void *),
    void *arg, struct err *err)
{
	struct line_change c;
	git_commit *cm = NULL;
	git_oid spf;
	git_blob *b;
	char idbuf[GIT_OID_HEXSZ + 1];
	int rc;

	memset(&c, 0, sizeof(c));
	if (git_commit_lookup(&cm, st->repo, id) < 0)
		return store_giterr(st, "cannot read a snapshot", err);
	c.id = git_oid_tostr(idbuf, sizeof(idbuf), id);
	c.time = (time_t)git_commit_time(cm);
	b = dataset_blob(st->repo, cm, &spf);
	c.spf_changed = !git_oid_equal(&spf, prev_spf);
	git_oid_cpy(prev_spf, &spf);
	if ((rc = walk_one(b, prev, &c, fn, arg)) == -1)
		err_set(err, ERR_NOMEM, "repo %s: history: out of memory",
		    st->dir);
	git_commit_free(cm);
	return rc;
}

int
changes_walk(struct store *st,
    int (*fn)(const struct line_change *, void *), void *arg, struct err *err)
{
	git_blob *prev = NULL;
	git_revwalk *rw = NULL;
	git_oid id, prev_spf;
	int rc = -1;

	memset(&prev_spf, 0, sizeof(prev_spf));
	if (git_repository_head_unborn(st->repo) == 1)
		return 0;
	if (walk_start(st, &rw, err) == -1)
		goto cleanup;
	while (git_revwalk_next(&id, rw) == 0)
		if (walk_commit(st, &id, &prev, &prev_spf, fn, arg, err) == -1)
			goto cleanup;
	rc = 0;
 cleanup:
	git_blob_free(prev);
	git_revwalk_free(rw);
	return rc;
}

/*
 * The first-parent line from HEAD back to the first commit known says it
 * knows, at most max commits before it, into ids (newest first, malloc'd)
 * and *hit (the known one's, the caller frees it); base: the known one's
 * last whole snapshot. 0, 1 if none is known, or -1 with err.
 */
static int
back_to_known(struct store *st, const struct changes_known *k, git_oid **ids,
    size_t *n, git_commit **hit, char *base, struct err *err)
{
	git_commit *c = NULL, *p;
	git_oid head;
	char idbuf[GIT_OID_HEXSZ + 1];
	size_t cap = 0;
	void *nv;

	*ids = NULL;
	*n = 0;
	if (git_reference_name_to_id(&head, st->repo, "HEAD") < 0 ||
	    git_commit_lookup(&c, st->repo, &head) < 0)
		return store_giterr(st, "cannot read the latest snapshot", err);
	while (!k->known(git_oid_tostr(idbuf, sizeof(idbuf),
	    git_commit_id(c)), k->arg, base)) {
		if (*n == k->max || git_commit_parentcount(c) == 0) {
			git_commit_free(c);
			return 1;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = reallocarray(*ids, cap, sizeof(**ids))) ==
			    NULL) {
				git_commit_free(c);
				err_set(err, ERR_NOMEM, "repo %s: history: out "
				    "of memory", st->dir);
				return -1;
			}
			*ids = nv;
		}
		git_oid_cpy(&(*ids)[(*n)++], git_commit_id(c));
		if (git_commit_parent(&p, c, 0) < 0) {
			git_commit_free(c);
			return store_giterr(st, "cannot read a snapshot", err);
		}
		git_commit_free(c);
		c = p;
	}
	*hit = c;
	return 0;
}

int
changes_walk_since(struct store *st, const struct changes_known *k,
    int (*fn)(const struct line_change *, void *), void *arg, struct err *err)
{
	git_blob *prev = NULL;
	git_commit *hit = NULL, *bc = NULL;
	git_oid *ids = NULL, prev_spf, boid;
	char base[GIT_OID_HEXSZ + 1] = "";
	size_t n = 0;
	int rc;

	if (git_repository_head_unborn(st->repo) == 1)
		return 1;
	if ((rc = back_to_known(st, k, &ids, &n, &hit, base, err)) != 0)
		goto cleanup;
	rc = -1;
	/* The walk goes on from where the known one left it. */
	git_blob_free(dataset_blob(st->repo, hit, &prev_spf));
	if (base[0] != '\0' && (git_oid_fromstr(&boid, base) < 0 ||
	    git_commit_lookup(&bc, st->repo, &boid) < 0 ||
	    (prev = dataset_blob(st->repo, bc, &boid)) == NULL)) {
		/* Its whole snapshot is not there: the caller walks it all. */
		rc = 1;
		goto cleanup;
	}
	while (n > 0)
		if (walk_commit(st, &ids[--n], &prev, &prev_spf, fn, arg, err) ==
		    -1)
			goto cleanup;
	rc = 0;
 cleanup:
	git_blob_free(prev);
	git_commit_free(bc);
	git_commit_free(hit);
	free(ids);
	return rc;
}
