/* Record-set differences by identity, by sorting and merging. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diff.h"
#include "../records/lists.h"

static int
identity_qcmp(const void *a, const void *b)
{
	const struct record *const *x = a, *const *y = b;
	int c;

	if ((c = record_identity_cmp(*x, *y)) != 0)
		return c;
	return record_cmp(*x, *y);
}

/* The set's records as pointers, in identity order; NULL on memory. */
static const struct record **
by_identity(const struct recordset *rs)
{
	const struct record **v;
	size_t i;

	if ((v = calloc(rs->nrecs + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < rs->nrecs; i++)
		v[i] = &rs->recs[i];
	if (rs->nrecs > 1)
		qsort(v, rs->nrecs, sizeof(*v), identity_qcmp);
	return v;
}

const struct record *
change_record(const struct change *c)
{
	return c->after != NULL ? c->after : c->before;
}

static int
change_qcmp(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
	const struct record *rx = change_record(x), *ry = change_record(y);
	int c;

	/* Reports group by region, then list. */
	if ((c = strcmp(rx->region_code, ry->region_code)) != 0 ||
	    (c = strcmp(rx->region, ry->region)) != 0)
		return c;
	if (record_list(rx) != record_list(ry))
		return (int)record_list(rx) - (int)record_list(ry);
	if ((c = record_cmp(rx, ry)) != 0)
		return c;
	/* A removal before an addition of the same record. */
	return (x->after != NULL) - (y->after != NULL);
}

/* One change into d: before, after or both (changed). */
static void
diff_put(struct diff *d, const struct record *before,
    const struct record *after)
{
	struct change *ch = &d->changes[d->nchanges++];

	ch->before = before;
	ch->after = after;
	if (before == NULL)
		d->nadded++;
	else if (after == NULL)
		d->nremoved++;
	else
		d->nchanged++;
}

/*
 * Runs a[0..na) and b[0..nb) of one identity, each in record order (a
 * cell may list ports of one protocol): the records found on both sides
 * are no change; the others are paired in order as changes, the rest
 * removed or added. ua and ub have room for na and nb.
 */
static void
diff_run(struct diff *d, const struct record **a, size_t na,
    const struct record **b, size_t nb, const struct record **ua,
    const struct record **ub)
{
	size_t i = 0, j = 0, nua = 0, nub = 0, k;
	int c;

	while (i < na || j < nb) {
		c = i == na ? 1 : j == nb ? -1 : record_cmp(a[i], b[j]);
		if (c == 0) {
			i++;
			j++;
		} else if (c < 0)
			ua[nua++] = a[i++];
		else
			ub[nub++] = b[j++];
	}
	for (k = 0; k < nua || k < nub; k++)
		diff_put(d, k < nua ? ua[k] : NULL, k < nub ? ub[k] : NULL);
}

/* The end of the run of a[from]'s identity in a[0..n). */
static size_t
run_end(const struct record **a, size_t n, size_t from)
{
	size_t i;

	for (i = from + 1; i < n && record_identity_cmp(a[from], a[i]) == 0;
	    i++)
		;
	return i;
}

int
diff_records(const struct recordset *old, const struct recordset *new,
    struct diff *d)
{
	const struct record **a = NULL, **b = NULL, **ua = NULL, **ub = NULL;
	size_t i = 0, j = 0, ie, je;
	int rc = -1, c;

	memset(d, 0, sizeof(*d));
	if ((a = by_identity(old)) == NULL || (b = by_identity(new)) == NULL ||
	    (ua = calloc(old->nrecs + 1, sizeof(*ua))) == NULL ||
	    (ub = calloc(new->nrecs + 1, sizeof(*ub))) == NULL ||
	    (d->changes = calloc(old->nrecs + new->nrecs + 1,
	    sizeof(*d->changes))) == NULL)
		goto cleanup;
	while (i < old->nrecs || j < new->nrecs) {
		if (i == old->nrecs)
			c = 1;
		else if (j == new->nrecs)
			c = -1;
		else
			c = record_identity_cmp(a[i], b[j]);
		if (c < 0)
			diff_put(d, a[i++], NULL);
		else if (c > 0)
			diff_put(d, NULL, b[j++]);
		else {
			ie = run_end(a, old->nrecs, i);
			je = run_end(b, new->nrecs, j);
			diff_run(d, a + i, ie - i, b + j, je - j, ua, ub);
			i = ie;
			j = je;
		}
	}
	if (d->nchanges > 1)
		qsort(d->changes, d->nchanges, sizeof(*d->changes),
		    change_qcmp);
	rc = 0;
 cleanup:
	free(a);
	free(b);
	free(ua);
	free(ub);
	if (rc == -1)
		diff_free(d);
	return rc;
}

void
diff_free(struct diff *d)
{
	if (d == NULL)
		return;
	free(d->changes);
	memset(d, 0, sizeof(*d));
}

/* Whether code is one of the words of codes (spaces or commas). */
static int
code_listed(const char *codes, const char *code)
{
	size_t n = strlen(code), w;

	while (*codes != '\0') {
		codes += strspn(codes, " ,");
		w = strcspn(codes, " ,");
		if (w == n && strncasecmp(codes, code, n) == 0)
			return 1;
		codes += w;
	}
	return 0;
}

int
diff_code_wanted(const char *codes, const char *code)
{
	return codes == NULL || codes[strspn(codes, " ,")] == '\0' ||
	    code_listed(codes, code);
}

int
diff_filter(const struct diff *d, const char *codes, struct diff *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	if ((out->changes = calloc(d->nchanges + 1, sizeof(*out->changes))) ==
	    NULL)
		return -1;
	for (i = 0; i < d->nchanges; i++) {
		const struct change *c = &d->changes[i];

		if (!diff_code_wanted(codes, change_record(c)->region_code))
			continue;
		out->changes[out->nchanges++] = *c;
		if (c->before == NULL)
			out->nadded++;
		else if (c->after == NULL)
			out->nremoved++;
		else
			out->nchanged++;
	}
	return 0;
}

char *
diff_codes(const struct diff *d, const char *sep)
{
	const char *prev = NULL, *code;
	char *buf = NULL;
	size_t i, len;
	FILE *fp;
	int rc = 0;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	/* Changes are in record order: a region's are together. */
	for (i = 0; i < d->nchanges && rc == 0; i++) {
		code = change_record(&d->changes[i])->region_code;
		if (prev != NULL && strcmp(prev, code) == 0)
			continue;
		rc = fprintf(fp, "%s%s", prev ? sep : "", code) < 0;
		prev = code;
	}
	if (fclose(fp) == EOF || rc) {
		free(buf);
		return NULL;
	}
	return buf;
}
