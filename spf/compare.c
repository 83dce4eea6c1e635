/* The page's gateway networks of a region against its SPF answer. */
#include <stdlib.h>
#include <string.h>

#include "spf.h"
#include "../addrset/addrset.h"
#include "../records/lists.h"

void
spf_diff_clear(struct spf_diff *d)
{
	free(d->page_only);
	free(d->spf_only);
	memset(d, 0, sizeof(*d));
}

/* The span of block c. */
static struct span
span_of(const struct cidr *c)
{
	struct span s;

	cidr_first(c, &s.first);
	cidr_last(c, &s.last);
	return s;
}

/* The merged spans of the n blocks of v into *out (malloc'd); 0, -1. */
static int
spans_of(const struct cidr *v, size_t n, struct span **out, size_t *nout)
{
	size_t i;

	if ((*out = calloc(n + 1, sizeof(**out))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		(*out)[i] = span_of(&v[i]);
	*nout = n;
	addrset_merge(*out, nout);
	return 0;
}

/* The blocks of v (n) that no span of cover holds, into *out, *nout. */
static int
uncovered(const struct cidr *v, size_t n, const struct span *cover,
    size_t ncover, struct cidr **out, size_t *nout)
{
	struct span s;
	size_t i;

	*nout = 0;
	if ((*out = calloc(n + 1, sizeof(**out))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		s = span_of(&v[i]);
		if (!addrset_covers(cover, ncover, &s))
			(*out)[(*nout)++] = v[i];
	}
	return 0;
}

/* Whether records from..to of rs hold a live gateway network. */
static int
has_gateway(const struct recordset *rs, size_t from, size_t to)
{
	struct span *s = NULL;
	size_t n4 = 0, n6 = 0;
	int rc;

	rc = addrset_spans(rs, from, to, 1u << LIST_GATEWAY, 4, &s, &n4);
	free(s);
	s = NULL;
	if (rc == 0 && n4 == 0)
		rc = addrset_spans(rs, from, to, 1u << LIST_GATEWAY, 6, &s,
		    &n6);
	free(s);
	/* Memory short: the region's own, and the caller fails next. */
	return rc == -1 || n4 + n6 > 0;
}

/*
 * The gateway blocks of region code in rs, both families, as prefixes:
 * its own, or every region's if it has none.
 */
static int
page_blocks(const struct recordset *rs, const char *code, struct cidr **out,
    size_t *nout, struct span **spans, size_t *nspans)
{
	struct span *s4 = NULL, *s6 = NULL;
	size_t from, to, n4 = 0, n6 = 0;
	int rc = -1;

	*out = NULL;
	*spans = NULL;
	*nout = *nspans = 0;
	for (from = 0; from < rs->nrecs &&
	    strcmp(rs->recs[from].region_code, code) != 0; from++)
		;
	for (to = from; to < rs->nrecs &&
	    strcmp(rs->recs[to].region_code, code) == 0; to++)
		;
	/*
	 * A region with no gateway network of its own (global) names every
	 * region's: _netblocks.mimecast.com lists them all.
	 */
	if (!has_gateway(rs, from, to)) {
		from = 0;
		to = rs->nrecs;
	}
	if (addrset_spans(rs, from, to, 1u << LIST_GATEWAY, 4, &s4, &n4) ==
	    -1 || addrset_spans(rs, from, to, 1u << LIST_GATEWAY, 6, &s6,
	    &n6) == -1 || (*spans = calloc(n4 + n6 + 1, sizeof(**spans))) ==
	    NULL)
		goto cleanup;
	if (n4 > 0)
		memcpy(*spans, s4, n4 * sizeof(*s4));
	if (n6 > 0)
		memcpy(*spans + n4, s6, n6 * sizeof(*s6));
	*nspans = n4 + n6;
	rc = addrset_prefixes(*spans, *nspans, out, nout);
 cleanup:
	free(s4);
	free(s6);
	return rc;
}

int
spf_compare(const struct recordset *rs, const char *code,
    const struct spf_answer *a, struct spf_diff *d)
{
	struct cidr *page = NULL;
	struct span *pspans = NULL, *sspans = NULL;
	size_t npage, npspans, nsspans;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	if (page_blocks(rs, code, &page, &npage, &pspans, &npspans) == -1 ||
	    spans_of(a->nets, a->nnets, &sspans, &nsspans) == -1 ||
	    uncovered(page, npage, sspans, nsspans, &d->page_only,
	    &d->npage_only) == -1 ||
	    uncovered(a->nets, a->nnets, pspans, npspans, &d->spf_only,
	    &d->nspf_only) == -1) {
		spf_diff_clear(d);
		goto cleanup;
	}
	rc = 0;
 cleanup:
	free(page);
	free(pspans);
	free(sspans);
	return rc;
}
