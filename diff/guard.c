/*
 * The anomaly guard. A truncated download, a login page or a half-edited
 * table must never be published as Mimecast removing ranges: each shows
 * as data vanishing wholesale, which real edits never do.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "guard.h"

/* Whether rs has a record of region code (or of kind, if code is NULL). */
static int
has(const struct recordset *rs, const char *code, int kind)
{
	size_t i;

	for (i = 0; i < rs->nrecs; i++)
		if (code != NULL ? strcmp(rs->recs[i].region_code, code) == 0 :
		    (int)rs->recs[i].kind == kind)
			return 1;
	return 0;
}

/*
 * Words of a section's name, not a region's: a page whose regions were
 * not found files its records under its section headings or its title.
 */
static const char *const section_words[] = {
	"ip address", "network range", "application url", "urls", "ports",
	"non-spf", "data center", "addresses", "netzwerk", "adresses",
	"direcciones",
};

/* Whether heading reads as a section's name (any case). */
static int
section_like(const char *heading)
{
	size_t i;

	for (i = 0; i < sizeof(section_words) / sizeof(section_words[0]); i++)
		if (strcasestr(heading, section_words[i]) != NULL)
			return 1;
	return 0;
}

int
guard_check(const struct recordset *old, const struct recordset *new,
    const struct diff *d, double max_removal, char *why, size_t len)
{
	double pct;
	size_t i, gone = 0;
	int k;

	if (new->nrecs == 0) {
		snprintf(why, len, "the page has no records");
		return 1;
	}
	/* On a first run as on later ones: sections are no regions. */
	for (i = 0; i < new->nrecs; i++)
		if (section_like(new->recs[i].region)) {
			snprintf(why, len, "region '%.200s' reads as a section's "
			    "name, not a region's: the page's regions were not "
			    "found (tabs, one table for all regions?)",
			    new->recs[i].region);
			return 1;
		}
	if (old == NULL || old->nrecs == 0)
		return 0;
	for (i = 0; i < old->nrecs; i++) {
		const struct record *r = &old->recs[i];

		/* Sorted by region code: test each code once. */
		if (i > 0 && strcmp(old->recs[i - 1].region_code,
		    r->region_code) == 0)
			continue;
		if (!has(new, r->region_code, 0)) {
			snprintf(why, len, "region %s (%s) is missing from the "
			    "page", r->region, r->region_code);
			return 1;
		}
	}
	for (k = 0; k < RECORD_NKINDS; k++)
		if (has(old, NULL, k) && !has(new, NULL, k)) {
			snprintf(why, len, "the page has no %s records at all",
			    record_kind_name((enum record_kind)k));
			return 1;
		}
	/* A record the page was retiring is expected to go: not counted. */
	for (i = 0; i < d->nchanges; i++)
		if (d->changes[i].after == NULL &&
		    d->changes[i].before->status != RECORD_RETIRING)
			gone++;
	pct = 100.0 * (double)gone / (double)old->nrecs;
	if (pct > max_removal) {
		snprintf(why, len, "it would remove %zu of %zu records (%.1f%%, "
		    "over the %.1f%% limit of --max-removal)", gone, old->nrecs,
		    pct, max_removal);
		return 1;
	}
	return 0;
}
