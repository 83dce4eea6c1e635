/*
 * What a report tells of the second source: how the recorded answers
 * changed, where they and the page disagree, which regions got none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spf.h"

void
spf_report_clear(struct spf_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].text);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Add an item (text copied, or NULL); 0, or -1 on memory. */
static int
add(struct spf_report *r, enum spf_item_kind kind, const char *code,
    const struct cidr *net, const char *text)
{
	struct spf_item *v;

	if ((v = reallocarray(r->v, r->n + 1, sizeof(*v))) == NULL)
		return -1;
	r->v = v;
	v = &r->v[r->n];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	snprintf(v->code, sizeof(v->code), "%s", code);
	if (net != NULL)
		v->net = *net;
	if (text != NULL && (v->text = strdup(text)) == NULL)
		return -1;
	r->n++;
	if (SPF_WARNING(kind))
		r->nwarnings++;
	else
		r->nchanges++;
	return 0;
}

/* The ranges of a not in b, as kind; 0, or -1. */
static int
nets_gone(struct spf_report *r, enum spf_item_kind kind, const char *code,
    const struct spf_answer *a, const struct spf_answer *b)
{
	size_t i, j = 0;

	for (i = 0; i < a->nnets; i++) {
		while (b != NULL && j < b->nnets &&
		    cidr_cmp(&b->nets[j], &a->nets[i]) < 0)
			j++;
		if ((b == NULL || j == b->nnets ||
		    cidr_cmp(&b->nets[j], &a->nets[i]) != 0) &&
		    add(r, kind, code, &a->nets[i], NULL) == -1)
			return -1;
	}
	return 0;
}

/* The notes of a not in b, as kind; 0, or -1. */
static int
notes_gone(struct spf_report *r, enum spf_item_kind kind, const char *code,
    const struct spf_answer *a, const struct spf_answer *b)
{
	size_t i, j;

	for (i = 0; i < a->nnotes; i++) {
		for (j = 0; b != NULL && j < b->nnotes &&
		    strcmp(a->notes[i], b->notes[j]) != 0; j++)
			;
		if ((b == NULL || j == b->nnotes) &&
		    add(r, kind, code, NULL, a->notes[i]) == -1)
			return -1;
	}
	return 0;
}

int
spf_report_changes(struct spf_report *r, const struct spf_doc *old,
    const struct spf_doc *new)
{
	const struct spf_region *o, *n;
	size_t i;

	r->first = old->n == 0 && new->n > 0;
	for (i = 0; i < new->n; i++) {
		n = &new->v[i];
		o = spf_doc_find(old, n->code);
		if (nets_gone(r, SPF_ADDED, n->code, &n->a, o ? &o->a : NULL) ==
		    -1 || notes_gone(r, SPF_NOTE_ADDED, n->code, &n->a,
		    o ? &o->a : NULL) == -1 ||
		    (o != NULL && strcmp(o->a.name, n->a.name) != 0 &&
		    add(r, SPF_NAME, n->code, NULL, n->a.name) == -1))
			return -1;
	}
	/* A region no longer asked for: each of its ranges is gone. */
	for (i = 0; i < old->n; i++) {
		o = &old->v[i];
		n = spf_doc_find(new, o->code);
		if (nets_gone(r, SPF_REMOVED, o->code, &o->a, n ? &n->a :
		    NULL) == -1 || notes_gone(r, SPF_NOTE_REMOVED, o->code,
		    &o->a, n ? &n->a : NULL) == -1)
			return -1;
	}
	return 0;
}

int
spf_report_disagree(struct spf_report *r, const struct recordset *rs,
    const struct spf_doc *d)
{
	struct spf_diff sd;
	size_t i, j;
	int rc = 0;

	for (i = 0; rc == 0 && i < d->n; i++) {
		if (!recordset_has_code(rs, d->v[i].code))
			continue;	/* the page has no such region now */
		if (spf_compare(rs, d->v[i].code, &d->v[i].a, &sd) == -1)
			return -1;
		for (j = 0; rc == 0 && j < sd.npage_only; j++)
			rc = add(r, SPF_PAGE_ONLY, d->v[i].code,
			    &sd.page_only[j], NULL);
		for (j = 0; rc == 0 && j < sd.nspf_only; j++)
			rc = add(r, SPF_SPF_ONLY, d->v[i].code,
			    &sd.spf_only[j], NULL);
		spf_diff_clear(&sd);
	}
	return rc;
}

int
spf_report_failed(struct spf_report *r, const char *code, const char *why)
{
	return add(r, SPF_FAILED, code, NULL, why);
}

int
spf_report_filter(const struct spf_report *r,
    int (*keep)(void *arg, const char *code), void *arg,
    struct spf_report *out)
{
	const struct spf_item *it;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->first = r->first;
	for (i = 0; i < r->n; i++) {
		it = &r->v[i];
		if (keep(arg, it->code) && add(out, it->kind, it->code,
		    &it->net, it->text) == -1) {
			spf_report_clear(out);
			return -1;
		}
	}
	return 0;
}

static int
item_cmp(const void *x, const void *y)
{
	const struct spf_item *a = x, *b = y;
	int c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((c = strcmp(a->code, b->code)) != 0)
		return c;
	if ((c = cidr_cmp(&a->net, &b->net)) != 0)
		return c;
	return a->text != NULL && b->text != NULL ? strcmp(a->text, b->text) :
	    0;
}

void
spf_report_sort(struct spf_report *r)
{
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), item_cmp);
}

static int
str_qcmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

char *
spf_report_codes(const struct spf_report *r, int all, const char *sep)
{
	const char **v;
	char *out = NULL;
	size_t i, n = 0, len;
	FILE *fp;

	if ((v = calloc(r->n + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < r->n; i++)
		if (all || !SPF_WARNING(r->v[i].kind))
			v[n++] = r->v[i].code;
	if (n > 1)
		qsort(v, n, sizeof(*v), str_qcmp);
	if ((fp = open_memstream(&out, &len)) != NULL) {
		for (i = 0; i < n; i++)
			if (i == 0 || strcmp(v[i - 1], v[i]) != 0)
				fprintf(fp, "%s%s", i == 0 ? "" : sep, v[i]);
		if (fclose(fp) == EOF) {
			free(out);
			out = NULL;
		}
	}
	free(v);
	return out;
}
