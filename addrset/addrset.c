/* Address sets: merging blocks into spans, and spans into prefixes. */
#include <stdlib.h>
#include <string.h>

#include "addrset.h"
#include "../records/lists.h"

static int
span_qcmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	int c = addr_cmp(&x->first, &y->first);

	return c != 0 ? c : addr_cmp(&x->last, &y->last);
}

/* Append a span; -1 on memory. */
static int
push(struct span **v, size_t *n, size_t *cap, const struct addr *first,
    const struct addr *last)
{
	struct span *p;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		if ((p = reallocarray(*v, *cap, sizeof(*p))) == NULL)
			return -1;
		*v = p;
	}
	(*v)[*n].first = *first;
	(*v)[(*n)++].last = *last;
	return 0;
}

/* The spans of one record, of family; -1 on memory. */
static int
record_spans(const struct record *r, int family, struct span **v, size_t *n,
    size_t *cap)
{
	struct addr a, b;
	size_t i;

	if (r->kind == RECORD_NETWORK) {
		if (r->cidr.addr.family != family)
			return 0;
		cidr_first(&r->cidr, &a);
		cidr_last(&r->cidr, &b);
		return push(v, n, cap, &a, &b);
	}
	/* A range by its exact ends, or by its cover when they are absent. */
	if (r->first != NULL && r->last != NULL &&
	    addr_parse(r->first, &a) == 0 && addr_parse(r->last, &b) == 0) {
		if (a.family != family || addr_cmp(&a, &b) > 0)
			return 0;
		return push(v, n, cap, &a, &b);
	}
	for (i = 0; i < r->ncidrs; i++) {
		if (r->cidrs[i].addr.family != family)
			continue;
		cidr_first(&r->cidrs[i], &a);
		cidr_last(&r->cidrs[i], &b);
		if (push(v, n, cap, &a, &b) == -1)
			return -1;
	}
	return 0;
}

void
addrset_merge(struct span *v, size_t *n)
{
	struct addr next;
	size_t i, k = 0;
	int wrap;

	if (*n > 1)
		qsort(v, *n, sizeof(*v), span_qcmp);
	/* Merge what overlaps or touches: the next starts by last + 1. */
	for (i = 0; i < *n; i++) {
		if (k > 0) {
			next = v[k - 1].last;
			wrap = addr_incr(&next) == -1;
			if (wrap || addr_cmp(&v[i].first, &next) <= 0) {
				if (addr_cmp(&v[i].last, &v[k - 1].last) > 0)
					v[k - 1].last = v[i].last;
				continue;
			}
		}
		v[k++] = v[i];
	}
	*n = k;
}

int
addrset_covers(const struct span *v, size_t n, const struct span *s)
{
	size_t lo = 0, hi = n, mid;

	/* The last span starting at or before s: the only one that may. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (addr_cmp(&v[mid].first, &s->first) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && addr_cmp(&v[lo - 1].last, &s->last) >= 0;
}

int
addrset_spans(const struct recordset *rs, size_t from, size_t to,
    unsigned mask, int family, struct span **out, size_t *nout)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0, i;

	for (i = from; i < to; i++) {
		const struct record *r = &rs->recs[i];

		if ((r->kind != RECORD_NETWORK && r->kind != RECORD_RANGE) ||
		    !record_in_lists(r, mask))
			continue;
		if (record_spans(r, family, &v, &n, &cap) == -1) {
			free(v);
			return -1;
		}
	}
	addrset_merge(v, &n);
	*out = v;
	*nout = n;
	return 0;
}

int
addrset_prefixes(const struct span *s, size_t n, struct cidr **out,
    size_t *nout)
{
	struct cidr cover[ADDR_MAXCOVER], *v = NULL, *p;
	size_t i, k = 0, cap = 0;
	int c;

	for (i = 0; i < n; i++) {
		if ((c = range_to_cidrs(&s[i].first, &s[i].last, cover,
		    ADDR_MAXCOVER)) <= 0)
			continue;
		if (k + (size_t)c > cap) {
			cap = (k + (size_t)c) * 2;
			if ((p = reallocarray(v, cap, sizeof(*p))) == NULL) {
				free(v);
				return -1;
			}
			v = p;
		}
		memcpy(v + k, cover, (size_t)c * sizeof(*cover));
		k += (size_t)c;
	}
	*out = v;
	*nout = k;
	return 0;
}

int
addrset_split24(const struct cidr *v, size_t n, size_t max, struct cidr **out,
    size_t *nout)
{
	struct cidr *w;
	size_t i, k = 0, parts = 0;
	uint32_t j;

	for (i = 0; i < n; i++)
		parts += v[i].len >= 24 ? 1 : v[i].len < 8 ? max + 1 :
		    (size_t)1 << (24 - v[i].len);
	if (parts > max)
		return 1;
	if ((w = calloc(parts + 1, sizeof(*w))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (v[i].len >= 24) {
			w[k++] = v[i];
			continue;
		}
		/* Aligned at len < 24: the /24s count up from it. */
		for (j = 0; j < (1u << (24 - v[i].len)); j++) {
			w[k] = v[i];
			w[k].len = 24;
			w[k].addr.b[1] |= (uint8_t)(j >> 8);
			w[k].addr.b[2] |= (uint8_t)(j & 0xff);
			k++;
		}
	}
	*out = w;
	*nout = k;
	return 0;
}

int
addrset_write(FILE *fp, const struct recordset *rs, size_t from, size_t to,
    unsigned mask, int family, int m365, size_t max)
{
	struct span *s = NULL;
	struct cidr *v = NULL, *w = NULL;
	char buf[CIDR_STRLEN];
	size_t ns, n, i;
	int rc = -1, r = 0;

	if (addrset_spans(rs, from, to, mask, family, &s, &ns) == -1 ||
	    addrset_prefixes(s, ns, &v, &n) == -1)
		goto cleanup;
	if (m365 && (r = addrset_split24(v, n, max, &w, &n)) == -1)
		goto cleanup;
	rc = 0;
	for (i = 0; r == 0 && i < n && rc == 0; i++)
		if (fprintf(fp, "%s\n", cidr_format(m365 ? &w[i] : &v[i],
		    buf)) < 0)
			rc = -1;
 cleanup:
	free(s);
	free(v);
	free(w);
	return rc;
}
