/* Known region headings and the slug for unknown ones. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "region.h"
#include "../util/sha256.h"

#define SLUG_MAX	40

/*
 * Headings as the page has printed them, short forms seen in other
 * renderings, and the names the help centre's other languages give them
 * (German, French, Spanish, Japanese): one data centre keeps one code,
 * whatever the language. Matched by region_key: case, spaces, hyphens,
 * emoji and flags do not count.
 */
static const struct {
	const char	*code;
	const char	*heading;
} regions[] = {
	{ "us",     "United States of America" },
	{ "us",     "United States" },
	{ "us",     "USA" },
	{ "us",     "Vereinigte Staaten von Amerika" },
	{ "us",     "Vereinigte Staaten" },
	{ "us",     "\xc3\x89tats-Unis d'Am\xc3\xa9rique" },
	{ "us",     "\xc3\x89tats-Unis" },
	{ "us",     "Estados Unidos de Am\xc3\xa9rica" },
	{ "us",     "Estados Unidos" },
	{ "us",     "\xe3\x82\xa2\xe3\x83\xa1\xe3\x83\xaa\xe3\x82\xab"
	    "\xe5\x90\x88\xe8\xa1\x86\xe5\x9b\xbd" },	/* アメリカ合衆国 */
	{ "us",     "\xe7\xb1\xb3\xe5\x9b\xbd" },		/* 米国 */
	{ "usb",    "United States of America (B grid)" },
	{ "usb",    "Vereinigte Staaten von Amerika (B-Grid)" },
	{ "usb",    "\xc3\x89tats-Unis d'Am\xc3\xa9rique (grille B)" },
	{ "usb",    "Estados Unidos de Am\xc3\xa9rica (cuadr\xc3\xad" "cula B)" },
	{ "usb",    "\xe3\x82\xa2\xe3\x83\xa1\xe3\x83\xaa\xe3\x82\xab"
	    "\xe5\x90\x88\xe8\xa1\x86\xe5\x9b\xbd(B\xe3\x82\xb0\xe3"
	    "\x83\xaa\xe3\x83\x83\xe3\x83\x89)" },	/* …(Bグリッド) */
	{ "ca",     "Canada" },
	{ "ca",     "Kanada" },
	{ "ca",     "Canad\xc3\xa1" },
	{ "ca",     "\xe3\x82\xab\xe3\x83\x8a\xe3\x83\x80" },	/* カナダ */
	{ "uk",     "Europe (Excluding Germany)" },
	{ "uk",     "Europe (Excl. Germany)" },
	{ "uk",     "Europe" },
	{ "uk",     "Europa (ohne Deutschland)" },
	{ "uk",     "Europe (hors Allemagne)" },
	{ "uk",     "Europa (excepto Alemania)" },
	{ "uk",     "Europa" },
	{ "uk",     "\xe3\x83\xa8\xe3\x83\xbc\xe3\x83\xad\xe3\x83\x83"
	    "\xe3\x83\x91(\xe3\x83\x89\xe3\x82\xa4\xe3\x83\x84\xe3"
	    "\x82\x92\xe9\x99\xa4\xe3\x81\x8f)" },	/* ヨーロッパ(ドイツを除く) */
	{ "uk",     "\xe3\x83\xa8\xe3\x83\xbc\xe3\x83\xad\xe3\x83\x83"
	    "\xe3\x83\x91" },				/* ヨーロッパ */
	{ "de",     "Germany" },
	{ "de",     "Deutschland" },
	{ "de",     "Allemagne" },
	{ "de",     "Alemania" },
	{ "de",     "\xe3\x83\x89\xe3\x82\xa4\xe3\x83\x84" },	/* ドイツ */
	{ "za",     "South Africa" },
	{ "za",     "S\xc3\xbc" "dafrika" },
	{ "za",     "Afrique du Sud" },
	{ "za",     "Sud\xc3\xa1" "frica" },
	{ "za",     "\xe5\x8d\x97\xe3\x82\xa2\xe3\x83\x95\xe3\x83\xaa"
	    "\xe3\x82\xab" },				/* 南アフリカ */
	{ "au",     "Australia" },
	{ "au",     "Australien" },
	{ "au",     "Australie" },
	{ "au",     "\xe3\x82\xaa\xe3\x83\xbc\xe3\x82\xb9\xe3\x83\x88"
	    "\xe3\x83\xa9\xe3\x83\xaa\xe3\x82\xa2" },	/* オーストラリア */
	{ "jer",    "Offshore (Jersey)" },
	{ "jer",    "Offshore" },
	{ "jer",    "Jersey" },
	{ "global", "Global Application Resources" },
	{ "global", "Global" },
	{ "global", "Globale Anwendungsressourcen" },
	{ "global", "Ressources d'application globales" },
	{ "global", "Recursos de aplicaciones globales" },
	{ "global", "\xe3\x82\xb0\xe3\x83\xad\xe3\x83\xbc\xe3\x83\x90"
	    "\xe3\x83\xab" },				/* グローバル */
};

/* Decode one UTF-8 code point at s; its length (1 for a bad byte). */
static size_t
cp_at(const unsigned char *s, unsigned *cp)
{
	size_t len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	size_t i;

	*cp = len == 1 ? s[0] : s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = s[0];
			return 1;
		}
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return len;
}

/* Whether cp decorates a heading: emoji, flags, symbols, their joiners. */
static int
decoration(unsigned cp)
{
	return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 &&
	    cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff) ||
	    (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0x200d || cp == 0x20e3 ||
	    (cp >= 0xe0000 && cp <= 0xe007f) || (cp >= 0x2190 && cp <= 0x21ff);
}

/*
 * The key a heading is matched by, into buf (len bytes): decorations,
 * spaces, hyphens, '_', '.' and ':' left out, ASCII in lower case, a
 * typographic apostrophe as ', a trailing "region" dropped; other text
 * kept as it is.
 */
static void
region_key(const char *heading, char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)heading;
	size_t n = 0, k, i;
	unsigned cp;

	while (*s != '\0' && n + 5 < len) {
		k = cp_at(s, &cp);
		if (cp == 0x2019)
			buf[n++] = '\'';
		else if (cp < 0x80 && strchr(" -_.:\t", (int)cp) == NULL)
			buf[n++] = (char)tolower((int)cp);
		else if (cp >= 0x80 && !decoration(cp) && cp != 0xa0 &&
		    cp != 0x3000)
			for (i = 0; i < k; i++)
				buf[n++] = (char)s[i];
		s += k;
	}
	buf[n] = '\0';
	/* "Canada Region", "Canada region:": the region Canada. */
	if (n > 6 && strcmp(buf + n - 6, "region") == 0)
		buf[n - 6] = '\0';
}

#define NREGIONS	(sizeof(regions) / sizeof(regions[0]))
#define KEY_MAX		128	/* the longest heading's key, and room */

/* The code of the table's heading whose key is key, or NULL. */
static const char *
key_known(const char *key)
{
	/* The table's keys, derived once: every table row asks. */
	static char want[NREGIONS][KEY_MAX];
	static int ready;
	size_t i;

	if (!ready) {
		for (i = 0; i < NREGIONS; i++)
			region_key(regions[i].heading, want[i], KEY_MAX);
		ready = 1;
	}
	for (i = 0; i < NREGIONS; i++)
		if (strcmp(key, want[i]) == 0)
			return regions[i].code;
	return NULL;
}

const char *
region_known(const char *heading)
{
	const char *code, *open;
	char key[512];
	size_t n;

	region_key(heading, key, sizeof(key));
	if (key[0] == '\0')
		return NULL;
	if ((code = key_known(key)) != NULL)
		return code;
	/*
	 * "United States of America (US)": a known heading followed by its
	 * own code in brackets. Any other bracket ("(C grid)") may name a
	 * region of its own, and stays unknown.
	 */
	n = strlen(key);
	if (n < 4 || key[n - 1] != ')' || (open = strrchr(key, '(')) == NULL ||
	    open == key)
		return NULL;
	key[n - 1] = '\0';
	key[open - key] = '\0';
	if ((code = key_known(key)) != NULL && strcmp(code, open + 1) == 0)
		return code;
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
	size_t i, k = 0, m = 0;

	if ((v = calloc(rs->nrecs + 1, sizeof(*v))) == NULL)
		return NULL;
	/* A table's records come in a run of one region: one pair a run. */
	for (i = 0; i < rs->nrecs; i++) {
		v[m].heading = rs->recs[i].region;
		v[m].code = rs->recs[i].region_code;
		if (m == 0 || name_qcmp(&v[m - 1], &v[m]) != 0)
			m++;
	}
	qsort(v, m, sizeof(*v), name_qcmp);
	for (i = 0; i < m; i++)
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
	/* No code shared: no record to look up (the page as a rule). */
	for (i = 0; i < n && v[i].fixed == NULL; i++)
		;
	if (i == n) {
		rc = 0;
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
