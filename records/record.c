/* Records, record sets and their canonical order. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "record.h"
#include "../utf8/utf8.h"

static const char *const kind_names[RECORD_NKINDS] = {
	[RECORD_NETWORK] = "network",
	[RECORD_RANGE] = "range",
	[RECORD_URL] = "url",
	[RECORD_PORT] = "port",
};

const char *
record_kind_name(enum record_kind k)
{
	return (unsigned)k < RECORD_NKINDS ? kind_names[k] : "unknown";
}

const char *
record_kind_names(void)
{
	static char names[64];
	int k;

	if (names[0] == '\0')
		for (k = 0; k < RECORD_NKINDS; k++)
			snprintf(names + strlen(names), sizeof(names) -
			    strlen(names), "%s%s", k ? "|" : "",
			    record_kind_name((enum record_kind)k));
	return names;
}

int
record_kind_parse(const char *s, enum record_kind *k)
{
	int i;

	for (i = 0; i < RECORD_NKINDS; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum record_kind)i;
			return 0;
		}
	return -1;
}

void
record_clear(struct record *r)
{
	static const struct record none;
	size_t i;

	/* Cleared already, as a record recordset_add took leaves it. */
	if (r == NULL || memcmp(r, &none, sizeof(*r)) == 0)
		return;
	for (i = 0; i < record_nfields; i++)
		field_clear(&record_fields[i], r);
	memset(r, 0, sizeof(*r));
}

const char *
record_status_name(enum record_status s)
{
	return s == RECORD_RETIRING ? "retiring" : "live";
}

int
record_strcmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
intcmp(int a, int b)
{
	return (a > b) - (a < b);
}

/* Compare the fields that make a record's identity, after the common ones. */
static int
record_cmp_key(const struct record *a, const struct record *b)
{
	int c;

	switch (a->kind) {
	case RECORD_NETWORK:
		return cidr_cmp(&a->cidr, &b->cidr);
	case RECORD_RANGE:
		c = record_strcmp(a->label, b->label);
		return c != 0 ? c : intcmp(a->position, b->position);
	case RECORD_URL:
		return record_strcmp(a->application, b->application);
	case RECORD_PORT:
		/* Ports read in numeric order wherever they are listed. */
		c = intcmp(a->port, b->port);
		return c != 0 ? c : record_strcmp(a->protocol, b->protocol);
	default:
		return 0;
	}
}

/* Region and section take part in every identity but the port's. */
static int
record_cmp_place(const struct record *a, const struct record *b)
{
	int c;

	if ((c = record_strcmp(a->region_code, b->region_code)) != 0 ||
	    (c = record_strcmp(a->region, b->region)) != 0)
		return c;
	return record_strcmp(a->section, b->section);
}

int
record_identity_cmp(const struct record *a, const struct record *b)
{
	int c;

	if (a->kind != b->kind)
		return intcmp((int)a->kind, (int)b->kind);
	switch (a->kind) {
	case RECORD_PORT:
		return record_strcmp(a->protocol, b->protocol);
	case RECORD_URL:
		if ((c = record_strcmp(a->region, b->region)) != 0)
			return c;
		return record_strcmp(a->application, b->application);
	default:
		if ((c = record_strcmp(a->region, b->region)) != 0 ||
		    (c = record_strcmp(a->section, b->section)) != 0)
			return c;
		return record_cmp_key(a, b);
	}
}

int
record_same_identity(const struct record *a, const struct record *b)
{
	return record_identity_cmp(a, b) == 0;
}

int
record_cmp(const struct record *a, const struct record *b)
{
	size_t i;
	int c;

	if ((c = record_cmp_place(a, b)) != 0 ||
	    (c = intcmp((int)a->kind, (int)b->kind)) != 0 ||
	    (c = record_cmp_key(a, b)) != 0)
		return c;
	/* The values, in the schema's order: only one identity gets here. */
	for (i = 0; i < record_nfields; i++)
		if ((c = field_cmp(&record_fields[i], a, b)) != 0)
			return c;
	return 0;
}

struct recordset *
recordset_new(void)
{
	return calloc(1, sizeof(struct recordset));
}

void
recordset_free(struct recordset *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->nrecs; i++)
		record_clear(&rs->recs[i]);
	free(rs->recs);
	for (i = 0; i < rs->nwarns; i++) {
		free(rs->warns[i].region);
		free(rs->warns[i].section);
		free(rs->warns[i].message);
	}
	free(rs->warns);
	free(rs);
}

/* Make room for one more element of size sz; 0, or -1 on memory. */
static int
grow(void **arr, size_t n, size_t *cap, size_t sz)
{
	void *p;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 64;
	if ((p = reallocarray(*arr, ncap, sz)) == NULL)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

int
recordset_reserve(struct recordset *rs, size_t n)
{
	struct record *p;

	if (n <= rs->caprecs)
		return 0;
	if ((p = reallocarray(rs->recs, n, sizeof(*p))) == NULL)
		return -1;
	rs->recs = p;
	rs->caprecs = n;
	return 0;
}

int
recordset_add(struct recordset *rs, struct record *r)
{
	if (grow((void **)&rs->recs, rs->nrecs, &rs->caprecs,
	    sizeof(*rs->recs)) == -1)
		return -1;
	rs->recs[rs->nrecs++] = *r;
	memset(r, 0, sizeof(*r));
	return 0;
}

int
recordset_warn(struct recordset *rs, const char *region, const char *section,
    const char *fmt, ...)
{
	struct warning *w;
	va_list ap;
	int rc;

	if (grow((void **)&rs->warns, rs->nwarns, &rs->capwarns,
	    sizeof(*rs->warns)) == -1)
		return -1;
	w = &rs->warns[rs->nwarns];
	va_start(ap, fmt);
	rc = vasprintf(&w->message, fmt, ap);
	va_end(ap);
	w->region = strdup(region ? region : "");
	w->section = strdup(section ? section : "");
	if (rc == -1 || w->region == NULL || w->section == NULL) {
		if (rc != -1)
			free(w->message);
		free(w->region);
		free(w->section);
		return -1;
	}
	/* Page text quoted as "%.200s" may end inside a character. */
	utf8_repair(w->message);
	rs->nwarns++;
	return 0;
}

/* A record to sort, with the rank of its place (region, section). */
struct sortee {
	size_t			 rank;
	const struct record	*r;
};

/* record_cmp, the place compared by rank: equal ranks, equal places. */
static int
sortee_qcmp(const void *x, const void *y)
{
	const struct sortee *a = x, *b = y;
	const struct record *ra = a->r, *rb = b->r;
	size_t i;
	int c;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if ((c = intcmp((int)ra->kind, (int)rb->kind)) != 0 ||
	    (c = record_cmp_key(ra, rb)) != 0)
		return c;
	for (i = 0; i < record_nfields; i++)
		if ((c = field_cmp(&record_fields[i], ra, rb)) != 0)
			return c;
	return 0;
}

/* record_cmp_place of the records the sortees point at. */
static int
place_qcmp(const void *x, const void *y)
{
	return record_cmp_place((*(const struct sortee *const *)x)->r,
	    (*(const struct sortee *const *)y)->r);
}

/*
 * Rank the places of the n sortees of s: a table's records come in a
 * run of one place, so only each run's first is sorted among the others
 * (a few dozen), not every record (a place compares three strings).
 * 0, or -1 on memory.
 */
static int
rank_places(struct sortee *s, size_t n)
{
	struct sortee **first;
	size_t i, k, nfirst = 0, rank = 0;

	if ((first = calloc(n, sizeof(*first))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (i == 0 || record_cmp_place(s[i - 1].r, s[i].r) != 0)
			first[nfirst++] = &s[i];
	qsort(first, nfirst, sizeof(*first), place_qcmp);
	for (k = 0; k < nfirst; k++) {
		if (k > 0 && place_qcmp(&first[k - 1], &first[k]) != 0)
			rank++;
		first[k]->rank = rank;
	}
	/* A run's records take its first's rank. */
	for (i = 1; i < n; i++)
		if (s[i].rank == (size_t)-1)
			s[i].rank = s[i - 1].rank;
	free(first);
	return 0;
}

/*
 * Move rs's records in place to the order of the sorted sortees s: each
 * record is moved once, along the cycles of the permutation, with one
 * record aside (a second array of records was a tenth of a parse's
 * memory). s's ranks are spent: each holds the source index of its place.
 */
static void
permute_records(struct recordset *rs, struct sortee *s)
{
	struct record tmp;
	size_t i, j, k, n = rs->nrecs;

	for (i = 0; i < n; i++)
		s[i].rank = (size_t)(s[i].r - rs->recs);
	for (i = 0; i < n; i++) {
		if (s[i].rank == i)
			continue;
		tmp = rs->recs[i];
		for (j = i; s[j].rank != i; j = k) {
			k = s[j].rank;
			rs->recs[j] = rs->recs[k];
			s[j].rank = j;
		}
		rs->recs[j] = tmp;
		s[j].rank = j;
	}
}

/*
 * rs's records in record order: sortees sorted, the records then moved
 * once, where sorting the records themselves moved each of them log n
 * times. 0, or -1 on memory.
 */
static int
sort_records(struct recordset *rs)
{
	struct sortee *p;
	size_t i;

	if (rs->nrecs < 2)
		return 0;
	if ((p = calloc(rs->nrecs, sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < rs->nrecs; i++) {
		p[i].r = &rs->recs[i];
		p[i].rank = (size_t)-1;
	}
	if (rank_places(p, rs->nrecs) == -1) {
		free(p);
		return -1;
	}
	qsort(p, rs->nrecs, sizeof(*p), sortee_qcmp);
	permute_records(rs, p);
	free(p);
	return 0;
}

static int
warning_qcmp(const void *va, const void *vb)
{
	const struct warning *a = va, *b = vb;
	int c;

	if ((c = strcmp(a->region, b->region)) != 0 ||
	    (c = strcmp(a->section, b->section)) != 0)
		return c;
	return strcmp(a->message, b->message);
}

int
recordset_sort(struct recordset *rs)
{
	size_t i, j;
	char cb[CIDR_STRLEN];

	if (sort_records(rs) == -1)
		return -1;
	for (i = j = 0; i < rs->nrecs; i++) {
		if (j > 0 && record_cmp(&rs->recs[j - 1], &rs->recs[i]) == 0) {
			struct record *r = &rs->recs[i];

			if (recordset_warn(rs, r->region,
			    r->section, "duplicate %s record %s dropped",
			    record_kind_name(r->kind),
			    r->kind == RECORD_NETWORK ? cidr_format(&r->cidr, cb) :
			    r->kind == RECORD_RANGE ? r->label :
			    r->kind == RECORD_URL ? r->application :
			    r->protocol) == -1)
				return -1;
			record_clear(r);
			continue;
		}
		if (j != i)
			rs->recs[j] = rs->recs[i];
		j++;
	}
	rs->nrecs = j;

	if (rs->nwarns > 1)
		qsort(rs->warns, rs->nwarns, sizeof(*rs->warns), warning_qcmp);
	for (i = j = 0; i < rs->nwarns; i++) {
		if (j > 0 && warning_qcmp(&rs->warns[j - 1], &rs->warns[i]) == 0) {
			free(rs->warns[i].region);
			free(rs->warns[i].section);
			free(rs->warns[i].message);
			continue;
		}
		if (j != i)
			rs->warns[j] = rs->warns[i];
		j++;
	}
	rs->nwarns = j;
	return 0;
}
