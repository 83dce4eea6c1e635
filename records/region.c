/* Known region headings and the slug for unknown ones. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "region.h"
#include "sha256.h"

#define SLUG_MAX	40

/*
 * Headings as the page has printed them, and short forms seen in other
 * renderings. Matching ignores case; the caller normalizes whitespace.
 */
static const struct {
	const char	*code;
	const char	*heading;
} regions[] = {
	{ "us",     "United States of America" },
	{ "us",     "United States" },
	{ "us",     "USA" },
	{ "usb",    "United States of America (B grid)" },
	{ "usb",    "United States of America (B-grid)" },
	{ "ca",     "Canada" },
	{ "uk",     "Europe (Excluding Germany)" },
	{ "uk",     "Europe (Excl. Germany)" },
	{ "uk",     "Europe" },
	{ "de",     "Germany" },
	{ "za",     "South Africa" },
	{ "au",     "Australia" },
	{ "jer",    "Offshore (Jersey)" },
	{ "jer",    "Offshore" },
	{ "jer",    "Jersey" },
	{ "global", "Global Application Resources" },
	{ "global", "Global" },
};

const char *
region_known(const char *heading)
{
	size_t i, n = strlen(heading);

	/* "Canada:" and "Canada Region" name the same region. */
	while (n > 0 && (heading[n - 1] == ':' || heading[n - 1] == ' '))
		n--;
	if (n > 7 && strncasecmp(heading + n - 7, " region", 7) == 0)
		n -= 7;
	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (strlen(regions[i].heading) == n &&
		    strncasecmp(heading, regions[i].heading, n) == 0)
			return regions[i].code;
	return NULL;
}

char *
region_code(const char *heading)
{
	const char *known, *start = heading;
	char *slug, hex[SHA256_HEXLEN];
	size_t n = 0;
	int dash = 0;

	if ((known = region_known(heading)) != NULL)
		return strdup(known);
	if ((slug = malloc(SLUG_MAX + 1)) == NULL)
		return NULL;
	for (; *heading != '\0' && n < SLUG_MAX; heading++) {
		unsigned char c = (unsigned char)*heading;

		if (isascii(c) && isalnum(c)) {
			if (dash && n > 0)
				slug[n++] = '-';
			if (n < SLUG_MAX)
				slug[n++] = (char)tolower(c);
			dash = 0;
		} else
			dash = 1;
	}
	slug[n] = '\0';
	/*
	 * A heading with no ASCII letter or digit (another script) gets a
	 * code from its digest: stable from night to night, and two such
	 * regions never share one.
	 */
	if (n == 0 && *start != '\0' &&
	    sha256_hex(start, strlen(start), hex) != NULL)
		snprintf(slug, SLUG_MAX + 1, "r-%.8s", hex);
	else if (n == 0)
		snprintf(slug, SLUG_MAX + 1, "unknown");
	else if (strcmp(slug, REGION_ALL) == 0)
		snprintf(slug, SLUG_MAX + 1, "%s-region", REGION_ALL);
	return slug;
}

/* One region heading and its code, for finding codes shared. */
struct region_name {
	const char	*heading;
	const char	*code;
	char		*fixed;		/* the code it gets, or NULL */
};

static int
name_qcmp(const void *a, const void *b)
{
	const struct region_name *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	return c != 0 ? c : strcmp(x->heading, y->heading);
}

/* The distinct (code, heading) pairs of rs, sorted; NULL on memory. */
static struct region_name *
region_names(const struct recordset *rs, size_t *n)
{
	struct region_name *v;
	size_t i, k = 0;

	if ((v = calloc(rs->nrecs + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < rs->nrecs; i++) {
		v[i].heading = rs->recs[i].region;
		v[i].code = rs->recs[i].region_code;
	}
	qsort(v, rs->nrecs, sizeof(*v), name_qcmp);
	for (i = 0; i < rs->nrecs; i++)
		if (k == 0 || name_qcmp(&v[k - 1], &v[i]) != 0)
			v[k++] = v[i];
	*n = k;
	return v;
}

/*
 * In a run [from, to) of headings sharing one code, the one that keeps
 * it: a heading known by that code, else the first in byte order, so that
 * the choice never depends on the page's order. The others get the code
 * and their digest's first six hex digits. 0, or -1 on memory.
 */
static int
region_split(struct region_name *v, size_t from, size_t to)
{
	char hex[SHA256_HEXLEN];
	size_t i, keep = from;

	for (i = from; i < to; i++)
		if (region_known(v[i].heading) != NULL) {
			keep = i;
			break;
		}
	for (i = from; i < to; i++) {
		if (i == keep)
			continue;
		if (sha256_hex(v[i].heading, strlen(v[i].heading), hex) ==
		    NULL || (v[i].fixed = malloc(SLUG_MAX + 8)) == NULL)
			return -1;
		snprintf(v[i].fixed, SLUG_MAX + 8, "%.*s-%.6s", SLUG_MAX,
		    v[i].code, hex);
	}
	return 0;
}

int
region_codes_unique(struct recordset *rs)
{
	struct region_name *v, key, **hit = NULL;
	size_t n, i, j;
	char *c;
	int rc = -1;

	if ((v = region_names(rs, &n)) == NULL)
		return -1;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j].code, v[i].code) == 0; j++)
			;
		if (j - i > 1 && region_split(v, i, j) == -1)
			goto cleanup;
	}
	/* Look every record up first: v points into the codes replaced. */
	if ((hit = calloc(rs->nrecs + 1, sizeof(*hit))) == NULL)
		goto cleanup;
	for (i = 0; i < rs->nrecs; i++) {
		key.heading = rs->recs[i].region;
		key.code = rs->recs[i].region_code;
		hit[i] = bsearch(&key, v, n, sizeof(*v), name_qcmp);
	}
	for (i = 0; i < rs->nrecs; i++) {
		if (hit[i] == NULL || hit[i]->fixed == NULL)
			continue;
		if ((c = strdup(hit[i]->fixed)) == NULL)
			goto cleanup;
		free(rs->recs[i].region_code);
		rs->recs[i].region_code = c;
	}
	rc = 0;
 cleanup:
	for (i = 0; i < n; i++)
		free(v[i].fixed);
	free(v);
	free(hit);
	return rc;
}

size_t
region_run_end(const struct recordset *rs, size_t from)
{
	size_t i;

	for (i = from; i < rs->nrecs && strcmp(rs->recs[i].region_code,
	    rs->recs[from].region_code) == 0; i++)
		;
	return i;
}

int
region_code_ok(const char *code)
{
	size_t n = strlen(code);

	return n > 0 && n <= REGION_CODE_MAX &&
	    strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

int
recordset_has_code(const struct recordset *rs, const char *code)
{
	size_t i;

	for (i = 0; i < rs->nrecs; i++)
		if (strcasecmp(rs->recs[i].region_code, code) == 0)
			return 1;
	return 0;
}

void
recordset_codes(const struct recordset *rs, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < rs->nrecs && n < len; i = region_run_end(rs, i))
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
		    rs->recs[i].region_code);
}
