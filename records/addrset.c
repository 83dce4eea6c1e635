/* Address sets: merging blocks into spans, and spans into prefixes. */
#include <stdlib.h>
#include <string.h>

#include "addrset.h"
#include "lists.h"

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

int
addrset_spans(const struct recordset *rs, unsigned mask, int family,
    struct span **out, size_t *nout)
{
	struct span *v = NULL;
	struct addr next;
	size_t n = 0, cap = 0, i, k = 0;
	int wrap;

	for (i = 0; i < rs->nrecs; i++) {
		const struct record *r = &rs->recs[i];

		if ((r->kind != RECORD_NETWORK && r->kind != RECORD_RANGE) ||
		    (mask & (1u << record_list(r))) == 0)
			continue;
		if (record_spans(r, family, &v, &n, &cap) == -1) {
			free(v);
			return -1;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), span_qcmp);
	/* Merge what overlaps or touches: the next starts by last + 1. */
	for (i = 0; i < n; i++) {
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
	*out = v;
	*nout = k;
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
		    ADDR_MAXCOVER)) < 0)
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
