/*
 * Row readers: one data row of a known table into records, each value
 * checked, with a warning for every one that does not hold up.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rows.h"
#include "table.h"
#include "../records/region.h"
#include "../util/url.h"


static int
warn(struct tctx *t, struct row *row, const char *what, const char *v)
{
	return recordset_warn(t->rs, t->region, t->section, "row '%s': %s%s%s",
	    row_text(row), what, v ? ": " : "", v ? v : "");
}

/* A record with the table's place filled in; -1 on memory. */
static int
record_place(struct tctx *t, const struct row *row, struct record *r,
    enum record_kind kind)
{
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	if ((r->region = strdup(t->region)) == NULL ||
	    (r->region_code = strdup(t->code)) == NULL ||
	    (r->section = strdup(t->section)) == NULL)
		return -1;
	/* A row being retired: every record it makes is retiring. */
	if (row->note != NULL) {
		r->status = RECORD_RETIRING;
		if ((r->note = strdup(row->note)) == NULL)
			return -1;
	}
	return 0;
}

static char *
addr_dup(const struct addr *a)
{
	char buf[ADDR_STRLEN];

	return strdup(addr_format(a, buf));
}

/* Check a network's stated first and last host and netmask; -1 on memory. */
static int
network_check(struct tctx *t, struct row *row, const struct cidr *c,
    const struct addr *first, const struct addr *last,
    const struct addr *mask)
{
	struct addr lo, hi, ulo, uhi;
	char cb[CIDR_STRLEN], ab[ADDR_STRLEN], msg[256];
	int plen, v6;

	cidr_format(c, cb);
	cidr_first(c, &lo);
	cidr_last(c, &hi);
	ulo = lo;
	uhi = hi;
	/*
	 * IPv4 blocks of 4 and more: hosts exclude the network and broadcast
	 * addresses. IPv6 has neither, and pages write ranges both ways.
	 */
	if (c->len < addr_bits(&c->addr) - 1) {
		addr_incr(&ulo);
		addr_decr(&uhi);
	}
	v6 = c->addr.family == 6;
	if (mask != NULL) {
		if (mask->family != c->addr.family ||
		    (plen = netmask_to_prefix(mask)) == -1)
			snprintf(msg, sizeof(msg), "netmask %s is not a netmask "
			    "for %s", addr_format(mask, ab), cb);
		else if (plen != c->len)
			snprintf(msg, sizeof(msg), "netmask %s (/%d) does not "
			    "match %s", addr_format(mask, ab), plen, cb);
		else
			msg[0] = '\0';
		if (msg[0] != '\0' && warn(t, row, msg, NULL) == -1)
			return -1;
	}
	if (first != NULL) {
		msg[0] = '\0';
		if (!cidr_contains(c, first))
			snprintf(msg, sizeof(msg), "first address %s is outside "
			    "%s", addr_format(first, ab), cb);
		else if (addr_cmp(first, &ulo) < 0 && !v6)
			snprintf(msg, sizeof(msg), "first address %s of %s is "
			    "its network address", addr_format(first, ab), cb);
		else if (addr_cmp(first, &ulo) > 0)
			snprintf(msg, sizeof(msg), "first address %s is not the "
			    "first host of %s", addr_format(first, ab), cb);
		if (msg[0] != '\0' && warn(t, row, msg, NULL) == -1)
			return -1;
	}
	if (last != NULL) {
		msg[0] = '\0';
		if (!cidr_contains(c, last))
			snprintf(msg, sizeof(msg), "last address %s is outside "
			    "%s", addr_format(last, ab), cb);
		else if (addr_cmp(last, &uhi) > 0 && !v6)
			snprintf(msg, sizeof(msg), "last address %s of %s is "
			    "its broadcast address", addr_format(last, ab), cb);
		else if (addr_cmp(last, &uhi) < 0)
			snprintf(msg, sizeof(msg), "last address %s is not the "
			    "last host of %s", addr_format(last, ab), cb);
		if (msg[0] != '\0' && warn(t, row, msg, NULL) == -1)
			return -1;
	}
	return 0;
}

/* A network or host table row; 0, or -1 on memory. */
int
rows_network(struct tctx *t, struct row *row)
{
	struct record r;
	struct token *k;
	struct cidr c;
	struct addr a, first, last, mask;
	const char *bad = NULL, *loc = NULL, *second = NULL;
	int have_c = 0, have_a = 0, have_range = 0, have_mask = 0;
	int prefix = -1, rc = -1, n;
	size_t i;
	char cb[CIDR_STRLEN];

	memset(&r, 0, sizeof(r));
	for (i = 0; i < t->h->nroles && bad == NULL; i++) {
		switch (t->h->roles[i]) {
		case COL_NETWORK:
		case COL_IP:
			if ((k = row_take(row)) == NULL)
				break;
			if (k->type == TOK_CIDR) {
				c = k->c;
				have_c = 1;
			} else if (k->type == TOK_ADDR) {
				a = k->a;
				have_a = 1;
			} else
				bad = k->text;
			break;
		case COL_CIDR:
			if ((k = row_take(row)) == NULL)
				break;
			if (k->type == TOK_PREFIX || k->type == TOK_NUMBER)
				prefix = k->num;
			else if (k->type == TOK_CIDR) {
				c = k->c;
				have_c = 1;
			} else
				bad = k->text;
			break;
		case COL_NETMASK:
			if ((k = row_take(row)) == NULL)
				break;
			if (k->type == TOK_ADDR) {
				mask = k->a;
				have_mask = 1;
			} else if (k->type == TOK_PREFIX)
				prefix = k->num;
			else
				bad = k->text;
			break;
		case COL_RANGE:
			/*
			 * A network written where its host range goes
			 * ("IP Address Range: 192.0.2.0/24"): the network,
			 * stating no range; another than a Network column's
			 * is no value of this row.
			 */
			if ((k = row_peek(row)) != NULL && k->type == TOK_CIDR) {
				row_take(row);
				if (have_c && cidr_cmp(&c, &k->c) != 0)
					second = k->text;
				c = k->c;
				have_c = 1;
				break;
			}
			n = row_take_range(row, &first, &last, &bad);
			have_range = n == 1;
			break;
		case COL_LOCATION:
			/* A rowspan or a blank cell: the location above. */
			if ((k = row_peek(row)) != NULL && k->type == TOK_TEXT)
				loc = row_take(row)->text;
			break;
		default:
			row_take(row);
			break;
		}
	}
	if (bad != NULL) {
		rc = warn(t, row, "not an address", bad);
		goto cleanup;
	}
	if (second != NULL) {
		rc = warn(t, row, "a second network, unlike the first", second);
		goto cleanup;
	}
	if (!have_c && have_a) {
		c.addr = a;
		if (prefix == -1 && have_mask && mask.family == a.family)
			prefix = netmask_to_prefix(&mask);
		if (prefix == -1 && t->h->kind == TABLE_HOST)
			prefix = addr_bits(&a);
		if (prefix < 0 || prefix > addr_bits(&a)) {
			rc = warn(t, row, "no prefix length for the address",
			    NULL);
			goto cleanup;
		}
		c.len = prefix;
		have_c = 1;
	}
	if (!have_c && have_range && have_mask &&
	    (c.len = netmask_to_prefix(&mask)) != -1 &&
	    mask.family == first.family) {
		c.addr = first;
		have_c = 1;
	}
	if (!have_c) {
		rc = warn(t, row, "no network address", NULL);
		goto cleanup;
	}
	if (cidr_canonicalize(&c) && warn(t, row, "host bits set; recorded as",
	    cidr_format(&c, cb)) == -1)
		goto cleanup;
	if (network_check(t, row, &c, have_range ? &first : NULL,
	    have_range ? &last : NULL, have_mask ? &mask : NULL) == -1)
		goto cleanup;

	if (loc != NULL) {
		free(t->location);
		if ((t->location = strdup(loc)) == NULL)
			goto cleanup;
	}
	if (record_place(t, row, &r, RECORD_NETWORK) == -1)
		goto cleanup;
	r.cidr = c;
	if ((have_range && ((r.first = addr_dup(&first)) == NULL ||
	    (r.last = addr_dup(&last)) == NULL)) ||
	    (have_mask && (r.netmask = addr_dup(&mask)) == NULL) ||
	    (t->location != NULL &&
	    (r.location = strdup(t->location)) == NULL))
		goto cleanup;
	rc = recordset_add(t->rs, &r);
 cleanup:
	record_clear(&r);
	return rc;
}

/*
 * The CIDR cover of a..b into cover, within the bounds (a range, the
 * page's budget), its count in *n: 0 for a range recorded by its ends
 * alone, told in a warning, or -1 for a range that is no range (warned).
 * 0, or -1 on memory.
 */
static int
range_cover(struct tctx *t, struct row *row, const struct addr *a,
    const struct addr *b, struct cidr *cover, int *n)
{
	char msg[160];
	int max = TABLE_MAXCOVER;

	if (*t->budget < (size_t)max)
		max = (int)*t->budget;
	if ((*n = range_to_cidrs(a, b, cover, max)) == RANGE_BAD)
		return warn(t, row, a->family != b->family ?
		    "range mixes IPv4 and IPv6" : "range starts after it ends",
		    NULL);
	if (*n == RANGE_TOOMANY) {
		*n = 0;
		snprintf(msg, sizeof(msg), "range needs more than %d CIDR "
		    "blocks%s; recorded with its first and last address only, "
		    "and left out of the CIDR lists", max, max < TABLE_MAXCOVER ?
		    " (the page's limit of " TABLE_MAXCIDRS_TEXT " is reached)" :
		    "");
		return warn(t, row, msg, NULL);
	}
	*t->budget -= (size_t)*n;
	return 0;
}

/* A range table row: a label, then ranges; 0, or -1 on memory. */
int
rows_range(struct tctx *t, struct row *row)
{
	struct record r;
	struct token *k;
	struct addr a, b;
	struct cidr cover[TABLE_MAXCOVER];
	const char *label = "", *bad;
	int pos = 0, n, rc = -1;

	memset(&r, 0, sizeof(r));
	if ((k = row_peek(row)) != NULL && k->type == TOK_TEXT)
		label = row_take(row)->text;
	for (;;) {
		bad = NULL;
		if ((n = row_take_range(row, &a, &b, &bad)) == 0)
			break;
		pos++;
		if (n == -1) {
			if (warn(t, row, "not an address", bad) == -1)
				goto cleanup;
			continue;
		}
		if (range_cover(t, row, &a, &b, cover, &n) == -1)
			goto cleanup;
		if (n == -1)
			continue;
		if (record_place(t, row, &r, RECORD_RANGE) == -1 ||
		    (r.label = strdup(label)) == NULL ||
		    (r.first = addr_dup(&a)) == NULL ||
		    (r.last = addr_dup(&b)) == NULL ||
		    (n > 0 && (r.cidrs = calloc((size_t)n,
		    sizeof(*r.cidrs))) == NULL))
			goto cleanup;
		if (n > 0)
			memcpy(r.cidrs, cover, (size_t)n * sizeof(*r.cidrs));
		r.ncidrs = (size_t)n;
		r.position = pos;
		if (recordset_add(t->rs, &r) == -1)
			goto cleanup;
	}
	if (pos == 0 && warn(t, row, "no address range", NULL) == -1)
		goto cleanup;
	rc = 0;
 cleanup:
	record_clear(&r);
	return rc;
}

/*
 * The URL a cell of a URL column gives: its text when that is one, else
 * the target of its link when the text is only a label ("Log in": no
 * dot, no colon), told; NULL with *bad the text and *why the cause, or
 * *nomem set.
 */
static const char *
url_of(struct tctx *t, struct row *row, const struct token *k,
    const char **bad, const char **why, int *nomem)
{
	const char *lwhy;

	if ((k->type == TOK_URL || k->type == TOK_TEXT) &&
	    url_acceptable(k->text, why))
		return k->text;
	if (k->link != NULL && k->type == TOK_TEXT &&
	    strpbrk(k->text, ".:") == NULL && url_acceptable(k->link, &lwhy)) {
		if (warn(t, row, "link read as its target", k->link) == -1)
			*nomem = 1;
		return k->link;
	}
	*bad = k->text;
	return NULL;
}

/*
 * The URLs of a cell that lists URLs and nothing else, a space, a comma,
 * a semicolon, "or" or "and" between them (no URL holds a space, and a
 * comma inside one stays: the cell was first read whole): their count, at
 * most max, pointing into buf (text's copy, the caller's to free); 0 if
 * text is no such list, -1 on memory.
 */
static int
url_list(const char *text, char **buf, const char **v, size_t max)
{
	const char *why;
	char *p, *w, *save = NULL;
	size_t n = 0, len;

	if ((*buf = strdup(text)) == NULL)
		return -1;
	for (p = *buf; (w = strtok_r(p, " ", &save)) != NULL; p = NULL) {
		if ((len = strlen(w)) > 1 && (w[len - 1] == ',' ||
		    w[len - 1] == ';'))
			w[--len] = '\0';
		if (strcmp(w, ",") == 0 || strcmp(w, ";") == 0 ||
		    strcasecmp(w, "or") == 0 || strcasecmp(w, "and") == 0)
			continue;
		if (n == max || !url_acceptable(w, &why))
			return 0;
		v[n++] = w;
	}
	return n > 1 ? (int)n : 0;
}

/* A URL table row: a record a URL (a cell may list some). */
int
rows_url(struct tctx *t, struct row *row)
{
	struct record r;
	struct token *k;
	const char *app = NULL, *bad = NULL, *urls[URL_LISTMAX];
	const char *why = "not an http(s) URL";
	char msg[64], *buf = NULL;
	size_t i;
	int rc = -1, nomem = 0, n = 0;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < t->h->nroles; i++) {
		if ((k = row_take(row)) == NULL)
			break;
		if (t->h->roles[i] == COL_APPLICATION)
			app = k->text;
		else if (t->h->roles[i] == COL_URL)
			n = (urls[0] = url_of(t, row, k, &bad, &why,
			    &nomem)) != NULL;
	}
	if (nomem || (bad != NULL &&
	    (n = url_list(bad, &buf, urls, URL_LISTMAX)) == -1))
		goto cleanup;
	if (bad != NULL && n == 0) {
		snprintf(msg, sizeof(msg), "not a URL (%s)", why);
		rc = warn(t, row, msg, bad);
		goto cleanup;
	}
	if (n == 0 || app == NULL) {
		rc = warn(t, row, app ? "no URL" : "no application", NULL);
		goto cleanup;
	}
	for (i = 0; i < (size_t)n; i++) {
		if (record_place(t, row, &r, RECORD_URL) == -1 ||
		    (r.application = strdup(app)) == NULL ||
		    (r.url = strdup(urls[i])) == NULL ||
		    recordset_add(t->rs, &r) == -1)
			goto cleanup;
	}
	rc = 0;
 cleanup:
	free(buf);
	record_clear(&r);
	return rc;
}

/* The one number in s ("25", "TCP 25", "443/tcp"); -1 if not just one. */
static int
port_number(const char *s)
{
	long v = -1;
	int found = 0;

	while (*s != '\0') {
		if (!isdigit((unsigned char)*s)) {
			s++;
			continue;
		}
		if (found++)
			return -1;
		v = 0;
		for (; isdigit((unsigned char)*s); s++)
			if ((v = v * 10 + (*s - '0')) > 999999)
				return -1;
	}
	return (int)v;
}

/* "and" or "or" between two ports, with its spaces: its length, or 0. */
static size_t
port_word(const char *s)
{
	static const char *const words[] = { "and ", "or " };
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strncasecmp(s, words[i], n = strlen(words[i])) == 0)
			return n;
	return 0;
}

/*
 * The ports of a cell that lists numbers and nothing else ("25, 587",
 * "389 / 636", "80 and 443"): their count, at most max, into v; 0 if s
 * is no such list (a remark's numbers are never read as ports).
 */
static size_t
port_list(const char *s, int *v, size_t max)
{
	size_t n = 0, w;
	long p;

	for (;;) {
		while (*s == ' ')
			s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		for (p = 0; isdigit((unsigned char)*s); s++)
			if ((p = p * 10 + (*s - '0')) > 65535)
				return 0;
		if (p < 1 || n == max)
			return 0;
		v[n++] = (int)p;
		while (*s == ' ')
			s++;
		if (*s == '\0')
			return n > 1 ? n : 0;
		if (*s == ',' || *s == ';' || *s == '/' || *s == '&')
			s++;
		else if ((w = port_word(s)) > 0)
			s += w;
		else
			return 0;
	}
}

/* A port table row: a record a port (a cell may list some). */
int
rows_port(struct tctx *t, struct row *row)
{
	struct record r;
	struct token *k;
	const char *proto = NULL, *usage = "", *portstr = NULL;
	int ports[PORT_LISTMAX];
	size_t i, n = 0;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < t->h->nroles; i++) {
		if ((k = row_take(row)) == NULL)
			break;
		if (t->h->roles[i] == COL_PROTOCOL)
			proto = k->text;
		else if (t->h->roles[i] == COL_PORT) {
			portstr = k->text;
			if ((ports[0] = port_number(k->text)) >= 1 &&
			    ports[0] <= 65535)
				n = 1;
			else
				n = port_list(k->text, ports, PORT_LISTMAX);
		} else if (t->h->roles[i] == COL_USAGE)
			usage = k->text;
	}
	if (proto == NULL || portstr == NULL) {
		rc = warn(t, row, proto ? "no port" : "no protocol", NULL);
		goto cleanup;
	}
	if (n == 0) {
		rc = warn(t, row, "not a port number from 1 to 65535", portstr);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if (record_place(t, row, &r, RECORD_PORT) == -1 ||
		    (r.protocol = strdup(proto)) == NULL ||
		    (r.usage = strdup(usage)) == NULL)
			goto cleanup;
		r.port = ports[i];
		if (recordset_add(t->rs, &r) == -1)
			goto cleanup;
	}
	rc = 0;
 cleanup:
	record_clear(&r);
	return rc;
}
