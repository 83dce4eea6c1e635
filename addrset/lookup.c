/* The lookup table: spans sorted by first address, with a running maximum
 * of their last addresses, so that the spans holding an address are the
 * ones left of its position whose running maximum still reaches it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lookup.h"

struct entry {
	struct addr		 first;
	struct addr		 last;
	struct addr		 reach;	/* the largest last up to here */
	const struct record	*r;
};

/* IPv4 spans as numbers: most lookups are IPv4, and compare fastest so. */
struct entry4 {
	uint32_t		 first;
	uint32_t		 last;
	uint32_t		 reach;
	const struct record	*r;
};

/*
 * For each /16 of IPv4 space, the first entry starting in it or after: a
 * lookup searches one bucket, not the whole table (10,000 networks are
 * 14 cache-missing steps of a binary search, and a log has millions of
 * addresses).
 */
#define BUCKETS4	65536

struct lookup {
	struct entry	*v;		/* every span, IPv6 ones searched */
	size_t		 n;
	struct entry4	*v4;		/* the IPv4 spans */
	size_t		 n4;
	uint32_t	*bucket4;	/* BUCKETS4 + 1 starts into v4 */
};

static uint32_t
v4num(const struct addr *a)
{
	return (uint32_t)a->b[0] << 24 | (uint32_t)a->b[1] << 16 |
	    (uint32_t)a->b[2] << 8 | a->b[3];
}

static int
entry_qcmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = addr_cmp(&x->first, &y->first);

	return c != 0 ? c : (x->r > y->r) - (x->r < y->r);
}

/* The span of r into e; 0, or -1 if r has none. */
static int
entry_of(const struct record *r, struct entry *e)
{
	e->r = r;
	if (r->kind == RECORD_NETWORK) {
		cidr_first(&r->cidr, &e->first);
		cidr_last(&r->cidr, &e->last);
		return 0;
	}
	if (r->kind == RECORD_RANGE && r->first != NULL && r->last != NULL &&
	    addr_parse(r->first, &e->first) == 0 &&
	    addr_parse(r->last, &e->last) == 0 &&
	    e->first.family == e->last.family &&
	    addr_cmp(&e->first, &e->last) <= 0)
		return 0;
	return -1;
}

struct lookup *
lookup_new(const struct recordset *rs)
{
	struct lookup *t;
	size_t i, k;

	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->v = calloc(rs->nrecs + 1, sizeof(*t->v))) == NULL) {
		free(t);
		return NULL;
	}
	for (i = 0; i < rs->nrecs; i++)
		if (entry_of(&rs->recs[i], &t->v[t->n]) == 0)
			t->n++;
	/* One region's networks come in address order: often no sort. */
	for (i = 1; i < t->n && entry_qcmp(&t->v[i - 1], &t->v[i]) <= 0; i++)
		;
	if (i < t->n)
		qsort(t->v, t->n, sizeof(*t->v), entry_qcmp);
	for (i = 0; i < t->n; i++)
		t->v[i].reach = i > 0 && addr_cmp(&t->v[i - 1].reach,
		    &t->v[i].last) > 0 ? t->v[i - 1].reach : t->v[i].last;
	/* IPv4 sorts first: those entries again, as numbers. */
	if ((t->v4 = calloc(t->n + 1, sizeof(*t->v4))) == NULL) {
		lookup_free(t);
		return NULL;
	}
	for (i = 0; i < t->n && t->v[i].first.family == 4; i++) {
		t->v4[i].first = v4num(&t->v[i].first);
		t->v4[i].last = v4num(&t->v[i].last);
		t->v4[i].reach = v4num(&t->v[i].reach);
		t->v4[i].r = t->v[i].r;
	}
	t->n4 = i;
	if ((t->bucket4 = calloc(BUCKETS4 + 1, sizeof(*t->bucket4))) == NULL) {
		lookup_free(t);
		return NULL;
	}
	for (i = 0, k = 0; k <= BUCKETS4; k++) {
		while (i < t->n4 && (t->v4[i].first >> 16) < k)
			i++;
		t->bucket4[k] = (uint32_t)i;
	}
	return t;
}

void
lookup_free(struct lookup *t)
{
	if (t == NULL)
		return;
	free(t->v);
	free(t->v4);
	free(t->bucket4);
	free(t);
}

/* lookup_find for an IPv4 address x. */
static size_t
find4(const struct lookup *t, uint32_t x, const struct record **out,
    size_t max)
{
	size_t lo = t->bucket4[x >> 16], hi = t->bucket4[(x >> 16) + 1], mid;
	size_t k = 0, i;

	/* The first entry starting after x is in x's /16 or the next one's. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->v4[mid].first <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i > 0 && t->v4[i - 1].reach >= x; i--)
		if (t->v4[i - 1].last >= x && k < max)
			out[k++] = t->v4[i - 1].r;
	return k;
}

size_t
lookup_find(const struct lookup *t, const struct addr *a,
    const struct record **out, size_t max)
{
	size_t lo = 0, hi = t->n, mid, k = 0, i;

	if (a->family == 4)
		return find4(t, v4num(a), out, max);

	/* The first entry starting after a. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (addr_cmp(&t->v[mid].first, a) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Leftwards, while some span so far can still reach a. */
	for (i = lo; i > 0 && addr_cmp(&t->v[i - 1].reach, a) >= 0; i--)
		if (addr_cmp(&t->v[i - 1].last, a) >= 0 && k < max)
			out[k++] = t->v[i - 1].r;
	return k;
}

size_t
lookup_overlap(const struct lookup *t, const struct cidr *c,
    const struct record **out, size_t max)
{
	struct addr lo, hi;
	size_t i, k = 0;

	cidr_first(c, &lo);
	cidr_last(c, &hi);
	/* Sorted by first address: the ones starting past hi are out. */
	for (i = 0; i < t->n && addr_cmp(&t->v[i].first, &hi) <= 0; i++)
		if (t->v[i].first.family == lo.family &&
		    addr_cmp(&t->v[i].last, &lo) >= 0 && k < max)
			out[k++] = t->v[i].r;
	return k;
}
