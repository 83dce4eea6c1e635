/* Loading the history once, its equal lines numbered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "timeline.h"
#include "../records/json.h"
#include "../snapshots/changes.h"
#include "../snapshots/snapshot.h"

/* Grow *p (n used, *cap slots of size sz) for one more; -1 on memory. */
static int
grow(void *p, size_t n, size_t *cap, size_t sz)
{
	void **v = p, *nv;
	size_t nc;

	if (n < *cap)
		return 0;
	nc = *cap ? *cap * 2 : 64;
	if ((nv = reallocarray(*v, nc, sz)) == NULL)
		return -1;
	*v = nv;
	*cap = nc;
	return 0;
}

int
pub_timeline_add_snap(struct pub_timeline *h, const char *id, time_t t,
    const char *source)
{
	struct pub_snap *s;

	if (grow(&h->snaps, h->nsnaps, &h->capsnaps, sizeof(*h->snaps)) == -1)
		return -1;
	s = &h->snaps[h->nsnaps];
	memset(s, 0, sizeof(*s));
	snprintf(s->id, sizeof(s->id), "%s", id);
	s->time = t;
	s->first = h->nlines;
	if (source != NULL && (s->source = strdup(source)) == NULL)
		return -1;
	h->nsnaps++;
	return 0;
}

int
pub_timeline_add_line(struct pub_timeline *h, const char *line, size_t len,
    int added)
{
	struct pub_snap *s = &h->snaps[h->nsnaps - 1];
	struct pub_line *l;

	/* The comma that separates a line from the next is no part of it. */
	if (len > 0 && line[len - 1] == ',')
		len--;
	/*
	 * A record that became the last line, or stopped being it, only lost
	 * or gained its comma: its two lines (adjacent, in sorted order)
	 * cancel out.
	 */
	if (s->n > 0 && (l = &h->lines[h->nlines - 1])->len == len &&
	    l->added != added && memcmp(h->arena + l->off, line, len) == 0) {
		h->arenalen = l->off;
		h->nlines--;
		s->n--;
		return 0;
	}
	if (grow(&h->lines, h->nlines, &h->caplines, sizeof(*h->lines)) == -1)
		return -1;
	while (h->arenalen + len > h->arenacap) {
		char *na;
		size_t nc = h->arenacap ? h->arenacap * 2 : 65536;

		if ((na = realloc(h->arena, nc)) == NULL)
			return -1;
		h->arena = na;
		h->arenacap = nc;
	}
	memcpy(h->arena + h->arenalen, line, len);
	l = &h->lines[h->nlines++];
	l->off = h->arenalen;
	l->len = len;
	l->added = added;
	h->arenalen += len;
	s->n++;
	return 0;
}

/* changes_walk's callback: a snapshot begins, or one of its lines. */
static int
collect(const struct line_change *c, void *arg)
{
	struct pub_timeline *h = arg;

	if (c->line == NULL) {
		if (pub_timeline_add_snap(h, c->id, c->time, NULL) == -1)
			return -1;
		h->snaps[h->nsnaps - 1].spf_changed = c->spf_changed;
		h->snaps[h->nsnaps - 1].broken = c->broken;
		return 0;
	}
	return pub_timeline_add_line(h, c->line, c->len, c->added);
}

/* Forget every snapshot and line, for a walk from the start. */
static void
reset(struct pub_timeline *h)
{
	size_t i;

	for (i = 0; i < h->nsnaps; i++)
		free(h->snaps[i].source);
	h->nsnaps = h->nlines = h->arenalen = 0;
}

/* qsort_r's bytewise order of line indices. */
static int
line_qcmp(const void *x, const void *y, void *arg)
{
	const struct pub_timeline *h = arg;
	const struct pub_line *a = &h->lines[*(const size_t *)x];
	const struct pub_line *b = &h->lines[*(const size_t *)y];
	int c = memcmp(h->arena + a->off, h->arena + b->off,
	    a->len < b->len ? a->len : b->len);

	return c != 0 ? c : (a->len > b->len) - (a->len < b->len);
}

/* Number the lines: equal bytes, equal number; -1 on memory. */
static int
number(struct pub_timeline *h)
{
	size_t *idx, i;

	if ((idx = calloc(h->nlines + 1, sizeof(*idx))) == NULL ||
	    (h->num_line = calloc(h->nlines + 1, sizeof(*h->num_line))) ==
	    NULL) {
		free(idx);
		return -1;
	}
	for (i = 0; i < h->nlines; i++)
		idx[i] = i;
	qsort_r(idx, h->nlines, sizeof(*idx), line_qcmp, h);
	for (i = 0; i < h->nlines; i++) {
		if (i == 0 || line_qcmp(&idx[i - 1], &idx[i], h) != 0)
			h->num_line[h->nnums++] = idx[i];
		h->lines[idx[i]].num = h->nnums - 1;
	}
	free(idx);
	if ((h->recs = calloc(h->nnums + 1, sizeof(*h->recs))) == NULL ||
	    (h->parsed = calloc(h->nnums + 1, 1)) == NULL)
		return -1;
	return 0;
}

/* The walk of every snapshot (k NULL) or of those after the known ones. */
static struct pub_timeline *
load(struct store *st, const struct changes_known *k, int *all,
    struct err *err)
{
	struct pub_timeline *h;
	int rc;

	*all = 0;
	if ((h = calloc(1, sizeof(*h))) == NULL) {
		err_set(err, ERR_NOMEM, "publish: out of memory");
		return NULL;
	}
	rc = k == NULL ? changes_walk(st, collect, h, err) :
	    changes_walk_since(st, k, collect, h, err);
	if (rc != 0) {
		*all = rc == 1;
		goto fail;
	}
	if (number(h) == -1) {
		err_set(err, ERR_NOMEM, "publish: out of memory");
		goto fail;
	}
	return h;
 fail:
	pub_timeline_free(h);
	return NULL;
}

struct pub_timeline *
pub_timeline_load(struct store *st, struct err *err)
{
	int all;

	return load(st, NULL, &all, err);
}

struct pub_timeline *
pub_timeline_since(struct store *st, const struct changes_known *k, int *all,
    struct err *err)
{
	return load(st, k, all, err);
}

void
pub_timeline_free(struct pub_timeline *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nnums && h->parsed != NULL; i++)
		if (h->parsed[i])
			record_clear(&h->recs[i]);
	reset(h);
	free(h->recs);
	free(h->parsed);
	free(h->num_line);
	free(h->arena);
	free(h->lines);
	free(h->snaps);
	free(h);
}

/* Parse number n's line once; 0, -1 if it is no record, -2 on memory. */
static int
parse_num(struct pub_timeline *h, size_t n)
{
	const struct pub_line *l = &h->lines[h->num_line[n]];
	json_t *o;
	int rc;

	if (h->parsed[n])
		return 0;
	/* A line ends with the comma that separates it from the next. */
	if ((o = json_loadb(h->arena + l->off, l->len, JSON_DISABLE_EOF_CHECK,
	    NULL)) == NULL)
		return -1;
	rc = record_from_json(o, &h->recs[n]);
	json_decref(o);
	if (rc == -2)
		return -2;
	if (rc == 0)
		h->parsed[n] = 1;
	return rc;
}

int
pub_timeline_view(struct pub_timeline *h, const size_t *nums, size_t n,
    const char *id, struct recordset *rs, struct err *err)
{
	size_t i;
	int rc;

	memset(rs, 0, sizeof(*rs));
	if ((rs->recs = calloc(n + 1, sizeof(*rs->recs))) == NULL) {
		err_set(err, ERR_NOMEM, "publish: out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if ((rc = parse_num(h, nums[i])) < 0) {
			if (rc == -2)
				err_set(err, ERR_NOMEM, "publish: out of "
				    "memory");
			else
				err_set(err, ERR_REPO, "publish: snapshot "
				    "%.12s: a line of %s is no record", id,
				    SNAP_DATA);
			free(rs->recs);
			rs->recs = NULL;
			return -1;
		}
		rs->recs[i] = h->recs[nums[i]];
	}
	rs->nrecs = rs->caprecs = n;
	return 0;
}

int
pub_timeline_lines(const struct pub_timeline *h, size_t k, size_t **rem,
    size_t *nrem, size_t **add, size_t *nadd)
{
	const struct pub_snap *s = &h->snaps[k];
	size_t i;

	*nrem = *nadd = 0;
	*rem = calloc(s->n + 1, sizeof(**rem));
	*add = calloc(s->n + 1, sizeof(**add));
	if (*rem == NULL || *add == NULL) {
		free(*rem);
		free(*add);
		*rem = *add = NULL;
		return -1;
	}
	for (i = s->first; i < s->first + s->n; i++) {
		if (h->lines[i].added)
			(*add)[(*nadd)++] = h->lines[i].num;
		else
			(*rem)[(*nrem)++] = h->lines[i].num;
	}
	return 0;
}
