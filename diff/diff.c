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

int
diff_records(const struct recordset *old, const struct recordset *new,
    struct diff *d)
{
	const struct record **a = NULL, **b = NULL;
	size_t i = 0, j = 0;
	int rc = -1, c;

	memset(d, 0, sizeof(*d));
	if ((a = by_identity(old)) == NULL || (b = by_identity(new)) == NULL ||
	    (d->changes = calloc(old->nrecs + new->nrecs + 1,
	    sizeof(*d->changes))) == NULL)
		goto cleanup;
	while (i < old->nrecs || j < new->nrecs) {
		struct change *ch = &d->changes[d->nchanges];

		if (i == old->nrecs)
			c = 1;
		else if (j == new->nrecs)
			c = -1;
		else
			c = record_identity_cmp(a[i], b[j]);
		if (c < 0) {
			ch->before = a[i++];
			d->nremoved++;
		} else if (c > 0) {
			ch->after = b[j++];
			d->nadded++;
		} else {
			if (record_cmp(a[i], b[j]) == 0) {
				i++;
				j++;
				continue;
			}
			ch->before = a[i++];
			ch->after = b[j++];
			d->nchanged++;
		}
		d->nchanges++;
	}
	if (d->nchanges > 1)
		qsort(d->changes, d->nchanges, sizeof(*d->changes),
		    change_qcmp);
	rc = 0;
 cleanup:
	free(a);
	free(b);
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
