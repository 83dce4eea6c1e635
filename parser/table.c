/* Reading data rows by their content, in the order the header names. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify.h"
#include "table.h"
#include "../records/region.h"
#include "../records/url.h"

#define ROWTEXT_MAX	160	/* how much of a row a message quotes */

enum tok_type {
	TOK_EMPTY,
	TOK_SEP,		/* "to", "-", an en dash */
	TOK_CIDR,		/* a.b.c.d/n */
	TOK_ADDR,
	TOK_PREFIX,		/* /n */
	TOK_RANGE,		/* "a to b" in one cell */
	TOK_URL,
	TOK_NUMBER,
	TOK_TEXT
};

struct token {
	enum tok_type	 type;
	const char	*text;
	struct addr	 a, b;	/* ADDR: a; RANGE: a to b */
	struct cidr	 c;	/* CIDR */
	int		 num;	/* PREFIX, NUMBER */
};

/* The data row being read, one token a cell (spans merged). */
struct row {
	struct token	 toks[GRID_MAXCOLS];
	size_t		 ntoks;
	size_t		 next;
	char		 text[ROWTEXT_MAX + 4];	/* for messages: row_text */
};

/* What every row of one table shares. */
struct tctx {
	const struct header	*h;
	const char		*region;
	const char		*section;
	const char		*code;
	struct recordset	*rs;
	size_t			*budget;	/* CIDR blocks the page has left */
	char			*location;	/* carried down for hosts */
};

/* Words and dashes between a range's ends: en and em dash, the
 * non-breaking hyphen, the figure dash, the minus sign, "-". */
static const char *const separators[] = {
	" to ", " through ", " thru ", "\xe2\x80\x93", "\xe2\x80\x94",
	"\xe2\x80\x91", "\xe2\x80\x92", "\xe2\x88\x92", "-",
};

static int
is_separator(const char *s)
{
	size_t i;

	if (strcasecmp(s, "to") == 0 || strcasecmp(s, "through") == 0 ||
	    strcasecmp(s, "thru") == 0)
		return 1;
	for (i = 3; i < sizeof(separators) / sizeof(separators[0]); i++)
		if (strcmp(s, separators[i]) == 0)
			return 1;
	return 0;
}

static int	parse_number(const char *, int *);

/*
 * The end of a shorthand IPv4 range, "207.211.30.40-49": r the last
 * octet alone, at most 255 and not below the start's. 0, or -1.
 */
static int
shorthand_end(const struct addr *a, const char *r, struct addr *b)
{
	int last;

	if (a->family != 4 || parse_number(r, &last) == -1 || last > 255 ||
	    last < a->b[3] || (strlen(r) > 1 && r[0] == '0'))
		return -1;
	*b = *a;
	b->b[3] = (uint8_t)last;
	return 0;
}

/*
 * A network written with its netmask, "170.10.128.0/255.255.255.0", as
 * the prefix it means (a contiguous mask only). 0, or -1.
 */
static int
mask_cidr(const char *s, struct cidr *c)
{
	const char *slash = strchr(s, '/');
	char addr[ADDR_STRLEN];
	struct addr mask;
	int len;

	if (slash == NULL || (size_t)(slash - s) >= sizeof(addr) ||
	    strchr(slash + 1, '.') == NULL)
		return -1;
	memcpy(addr, s, (size_t)(slash - s));
	addr[slash - s] = '\0';
	if (addr_parse(addr, &c->addr) == -1 || c->addr.family != 4 ||
	    addr_parse(slash + 1, &mask) == -1 || mask.family != 4 ||
	    (len = netmask_to_prefix(&mask)) < 0)
		return -1;
	c->len = len;
	return 0;
}

/* Parse "a SEP b" into two addresses; 0, or -1. */
static int
parse_range_text(const char *s, struct addr *a, struct addr *b)
{
	char buf[2 * ADDR_STRLEN + 16], *l, *r, *e;
	size_t i, n = strlen(s);
	const char *sep;

	if (n >= sizeof(buf))
		return -1;
	for (i = 0; i < sizeof(separators) / sizeof(separators[0]); i++) {
		if ((sep = strcasestr(s, separators[i])) == NULL)
			continue;
		memcpy(buf, s, n + 1);
		buf[sep - s] = '\0';
		l = buf;
		r = buf + (sep - s) + strlen(separators[i]);
		while (*l == ' ')
			l++;
		for (e = l + strlen(l); e > l && e[-1] == ' '; e--)
			*(e - 1) = '\0';
		while (*r == ' ')
			r++;
		for (e = r + strlen(r); e > r && e[-1] == ' '; e--)
			*(e - 1) = '\0';
		if (addr_parse(l, a) == -1)
			return -1;
		return addr_parse(r, b) == 0 || shorthand_end(a, r, b) == 0 ?
		    0 : -1;
	}
	return -1;
}

/* Whether s is all digits (at most 9 of them). */
static int
parse_number(const char *s, int *out)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 9)
		return -1;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return -1;
	*out = atoi(s);
	return 0;
}

/*
 * An address written with spaces ("170.10.132.0 /24", "255.255.255. 0")
 * without them, into buf; s itself when it is not one.
 */
static const char *
compact(const char *s, char *buf, size_t len)
{
	size_t i, n = 0;

	if (strchr(s, ' ') == NULL)
		return s;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == ' ')
			continue;
		if (!isxdigit((unsigned char)s[i]) && s[i] != '.' &&
		    s[i] != ':' && s[i] != '/')
			return s;
		if (n + 1 >= len)
			return s;
		buf[n++] = s[i];
	}
	buf[n] = '\0';
	return buf;
}

static void
token_read(const char *text, struct token *t)
{
	char buf[CIDR_STRLEN] = "";
	const char *s = compact(text, buf, sizeof(buf));

	memset(t, 0, sizeof(*t));
	t->text = text;
	if (*s == '\0')
		t->type = TOK_EMPTY;
	else if (is_separator(s))
		t->type = TOK_SEP;
	else if (addr_parse(s, &t->a) == 0)
		t->type = TOK_ADDR;
	else if (s[0] == '/' && parse_number(s + 1, &t->num) == 0)
		t->type = TOK_PREFIX;
	else if (parse_number(s, &t->num) == 0)
		t->type = TOK_NUMBER;
	else if (cidr_parse(s, &t->c) == 0 || mask_cidr(s, &t->c) == 0)
		t->type = TOK_CIDR;
	else if (strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0)
		t->type = TOK_URL;
	else if (parse_range_text(text, &t->a, &t->b) == 0)
		t->type = TOK_RANGE;
	else
		t->type = TOK_TEXT;
}

/* Tokenize row r; a cell spanning columns counts once. */
static void
row_read(const struct grid *g, size_t r, struct row *row)
{
	const struct grid_row *gr = &g->rows[r];
	size_t c;

	row->ntoks = row->next = 0;
	for (c = 0; c < gr->ncols; c++) {
		const struct grid_cell *cell = &g->cells[gr->off + c];

		if (c > 0 && cell->text != 0 &&
		    cell->text == g->cells[gr->off + c - 1].text)
			continue;
		token_read(g->text + cell->text, &row->toks[row->ntoks++]);
	}
}

/* The row's cells as "a | b | c", cut short; only messages need it. */
static const char *
row_text(struct row *row)
{
	size_t i, n = 0;

	row->text[0] = '\0';
	for (i = 0; i < row->ntoks && n < ROWTEXT_MAX; i++) {
		if (row->toks[i].type == TOK_EMPTY)
			continue;
		n += (size_t)snprintf(row->text + n, ROWTEXT_MAX + 1 - n,
		    "%s%s", n > 0 ? " | " : "", row->toks[i].text);
	}
	if (n >= ROWTEXT_MAX)
		strcpy(row->text + ROWTEXT_MAX, "...");
	return row->text;
}

/* The next non-empty token, consumed; NULL at the end of the row. */
static struct token *
row_take(struct row *row)
{
	while (row->next < row->ntoks) {
		struct token *t = &row->toks[row->next++];

		if (t->type != TOK_EMPTY)
			return t;
	}
	return NULL;
}

/* The next non-empty token, not consumed. */
static struct token *
row_peek(struct row *row)
{
	size_t save = row->next;
	struct token *t = row_take(row);

	row->next = save;
	return t;
}

/*
 * Read a range: one "a to b" cell, or "a" ["to"] "b" across cells, or a
 * lone address. 1 if one was read, 0 if the row had no more, -1 if the
 * next cell is not an address (*bad names it).
 */
static int
row_take_range(struct row *row, struct addr *a, struct addr *b,
    const char **bad)
{
	struct token *t, *u;

	if ((t = row_take(row)) == NULL)
		return 0;
	if (t->type == TOK_RANGE) {
		*a = t->a;
		*b = t->b;
		return 1;
	}
	if (t->type != TOK_ADDR) {
		*bad = t->text;
		return -1;
	}
	*a = *b = t->a;
	if ((u = row_peek(row)) != NULL && u->type == TOK_SEP) {
		row_take(row);
		if ((u = row_take(row)) == NULL || u->type != TOK_ADDR) {
			*bad = u ? u->text : "(nothing after the separator)";
			return -1;
		}
		*b = u->a;
	} else if (u != NULL && u->type == TOK_ADDR)
		*b = row_take(row)->a;
	return 1;
}

static int
warn(struct tctx *t, struct row *row, const char *what, const char *v)
{
	return recordset_warn(t->rs, t->region, t->section, "row '%s': %s%s%s",
	    row_text(row), what, v ? ": " : "", v ? v : "");
}

/* A record with the table's place filled in; -1 on memory. */
static int
record_place(struct tctx *t, struct record *r, enum record_kind kind)
{
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	if ((r->region = strdup(t->region)) == NULL ||
	    (r->region_code = strdup(t->code)) == NULL ||
	    (r->section = strdup(t->section)) == NULL)
		return -1;
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
static int
row_network(struct tctx *t, struct row *row)
{
	struct record r;
	struct token *k;
	struct cidr c;
	struct addr a, first, last, mask;
	const char *bad = NULL, *loc = NULL;
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
	if (record_place(t, &r, RECORD_NETWORK) == -1)
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
static int
row_range(struct tctx *t, struct row *row)
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
		if (record_place(t, &r, RECORD_RANGE) == -1 ||
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

static int
row_url(struct tctx *t, struct row *row)
{
	struct record r;
	struct token *k;
	const char *app = NULL, *url = NULL, *bad = NULL;
	const char *why = "not an http(s) URL";
	char msg[64];
	size_t i;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < t->h->nroles; i++) {
		if ((k = row_take(row)) == NULL)
			break;
		if (t->h->roles[i] == COL_APPLICATION)
			app = k->text;
		else if (t->h->roles[i] == COL_URL) {
			if ((k->type == TOK_URL || k->type == TOK_TEXT) &&
			    url_acceptable(k->text, &why))
				url = k->text;
			else
				bad = k->text;
		}
	}
	if (bad != NULL) {
		snprintf(msg, sizeof(msg), "not a URL (%s)", why);
		rc = warn(t, row, msg, bad);
		goto cleanup;
	}
	if (url == NULL || app == NULL) {
		rc = warn(t, row, app ? "no URL" : "no application", NULL);
		goto cleanup;
	}
	if (record_place(t, &r, RECORD_URL) == -1 ||
	    (r.application = strdup(app)) == NULL ||
	    (r.url = strdup(url)) == NULL)
		goto cleanup;
	rc = recordset_add(t->rs, &r);
 cleanup:
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

static int
row_port(struct tctx *t, struct row *row)
{
	struct record r;
	struct token *k;
	const char *proto = NULL, *usage = "", *portstr = NULL;
	size_t i;
	int port = -1, rc = -1;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < t->h->nroles; i++) {
		if ((k = row_take(row)) == NULL)
			break;
		if (t->h->roles[i] == COL_PROTOCOL)
			proto = k->text;
		else if (t->h->roles[i] == COL_PORT) {
			portstr = k->text;
			port = port_number(k->text);
		} else if (t->h->roles[i] == COL_USAGE)
			usage = k->text;
	}
	if (proto == NULL || portstr == NULL) {
		rc = warn(t, row, proto ? "no port" : "no protocol", NULL);
		goto cleanup;
	}
	if (port < 1 || port > 65535) {
		rc = warn(t, row, "not a port number from 1 to 65535", portstr);
		goto cleanup;
	}
	if (record_place(t, &r, RECORD_PORT) == -1 ||
	    (r.protocol = strdup(proto)) == NULL ||
	    (r.usage = strdup(usage)) == NULL)
		goto cleanup;
	r.port = port;
	rc = recordset_add(t->rs, &r);
 cleanup:
	record_clear(&r);
	return rc;
}

/* Whether a token is a value a data row holds, never a column name. */
static int
token_is_data(const struct token *t)
{
	return t->type == TOK_ADDR || t->type == TOK_CIDR ||
	    t->type == TOK_RANGE || t->type == TOK_URL ||
	    t->type == TOK_PREFIX || t->type == TOK_NUMBER;
}

/* Whether any cell of row r holds a value; styling plays no part. */
static int
row_has_data(const struct grid *g, size_t r)
{
	struct token tk;
	size_t c;

	for (c = 0; c < g->rows[r].ncols; c++) {
		token_read(grid_text(g, r, c), &tk);
		if (token_is_data(&tk))
			return 1;
	}
	return 0;
}

/* Whether row r's cells read as column names (and hold no value). */
static int
row_is_header(const struct grid *g, size_t r, struct header *h)
{
	const char *cells[GRID_MAXCOLS];
	size_t c;

	if (row_has_data(g, r))
		return 0;
	for (c = 0; c < g->rows[r].ncols; c++)
		cells[c] = grid_text(g, r, c);
	return classify_header(cells, c, h) != TABLE_UNKNOWN;
}

/*
 * Rows that carry no data and deserve no warning: empty ones, the header
 * repeated (as it was, or any row that reads as column names), and caption
 * rows whose cells all say one thing. A row holding a value is data,
 * however it is styled: bold cells are never a reason to skip a row.
 */
static int
row_is_filler(const struct grid *g, size_t r, long hr)
{
	const struct grid_row *gr = &g->rows[r];
	struct header h;
	const char *one = NULL;
	size_t c;
	int same = 1, ashead = 1;

	if (row_has_data(g, r))
		return 0;
	for (c = 0; c < gr->ncols; c++) {
		const char *s = grid_text(g, r, c);

		if (hr < 0 || strcmp(s, grid_text(g, (size_t)hr, c)) != 0)
			ashead = 0;
		if (*s == '\0')
			continue;
		if (one == NULL)
			one = s;
		else if (strcmp(one, s) != 0)
			same = 0;
	}
	return one == NULL || ashead || same || row_is_header(g, r, &h);
}

/* Whether any cell holds an address or a URL. */
static int
table_has_data(const struct grid *g)
{
	struct token tk;
	size_t r, c;

	for (r = 0; r < g->nrows; r++)
		for (c = 0; c < g->rows[r].ncols; c++) {
			token_read(grid_text(g, r, c), &tk);
			if (tk.type == TOK_ADDR || tk.type == TOK_CIDR ||
			    tk.type == TOK_RANGE || tk.type == TOK_URL)
				return 1;
		}
	return 0;
}

#define NO_HEADER	(-1)	/* no header: not a table mcwatch knows */
#define HEADING_ONLY	(-2)	/* no header row: the heading names the kind */

/*
 * Find the header row among the first few: a row whose words name columns
 * and which holds no value. Its index, else HEADING_ONLY when the section
 * heading says what the table holds (every row is data), else NO_HEADER.
 */
static long
table_header(const struct grid *g, const char *section, struct header *h)
{
	size_t r;

	for (r = 0; r < g->nrows && r < TABLE_HEADROWS; r++)
		if (row_is_header(g, r, h))
			return (long)r;
	if (classify_heading(section, h) == TABLE_UNKNOWN)
		return NO_HEADER;
	for (r = 0; r < g->nrows; r++)
		if (row_has_data(g, r))
			return HEADING_ONLY;
	return NO_HEADER;
}

/*
 * A row that names a region and nothing else (a full-width "<td
 * colspan=...>Germany</td>" of one table for all regions): the region's
 * heading, else NULL.
 */
static const char *
separator_region(const struct grid *g, size_t r)
{
	const struct grid_row *gr = &g->rows[r];
	const char *one = NULL, *s;
	size_t c;

	if (row_has_data(g, r))
		return NULL;
	for (c = 0; c < gr->ncols; c++) {
		if (*(s = grid_text(g, r, c)) == '\0')
			continue;
		if (one != NULL && strcmp(one, s) != 0)
			return NULL;
		one = s;
	}
	return one != NULL && region_known(one) != NULL ? one : NULL;
}

/*
 * The region a row names in a Region column, when the column's value is
 * a region mcwatch knows (one table for all regions), else NULL. Only
 * where the column's place in the header is its place in the row.
 */
static const char *
column_region(const struct grid *g, const struct header *h, size_t r)
{
	size_t i;

	for (i = 0; i < h->nroles && h->roles[i] != COL_RANGE; i++)
		if (i < g->rows[r].ncols && h->roles[i] == COL_LABEL &&
		    region_known(grid_text(g, r, i)) != NULL)
			return grid_text(g, r, i);
	return NULL;
}

/* Make region the place of the rows that follow; 0, or -1 on memory. */
static int
tctx_region(struct tctx *t, const char *region, char **code)
{
	char *c;

	if (strcmp(region, t->region) == 0)
		return 0;
	if ((c = region_code(region)) == NULL)
		return -1;
	free(*code);
	*code = c;
	t->region = region;
	t->code = c;
	return 0;
}

static const struct {
	enum table_kind	  kind;
	int		(*row)(struct tctx *, struct row *);
} readers[] = {
	{ TABLE_NETWORK, row_network },
	{ TABLE_HOST, row_network },
	{ TABLE_RANGE, row_range },
	{ TABLE_URL, row_url },
	{ TABLE_PORT, row_port },
};

int
table_extract(const struct grid *g, const char *region, const char *section,
    struct recordset *rs, size_t *budget)
{
	struct header h;
	struct tctx t;
	struct row *row = NULL;
	char *code = NULL, first[ROWTEXT_MAX + 4];
	const char *sep;
	size_t r, i, nrows = 0, unknown = 0;
	long hr;
	int rc = -1, (*reader)(struct tctx *, struct row *) = NULL;

	memset(&t, 0, sizeof(t));
	if (g->nrows == 0)
		return 0;
	if ((hr = table_header(g, section, &h)) == NO_HEADER) {
		if (classify_note(grid_text(g, 0, 0)) || !table_has_data(g))
			return 0;
		if ((row = malloc(sizeof(*row))) == NULL)
			return -1;
		row_read(g, 0, row);
		snprintf(first, sizeof(first), "%s", row_text(row));
		free(row);
		return recordset_warn(rs, region, section, "table with first "
		    "row '%s' holds addresses or URLs but is not a layout "
		    "mcwatch knows; skipped", first);
	}
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (readers[i].kind == h.kind)
			reader = readers[i].row;
	if ((code = region_code(region)) == NULL ||
	    (row = malloc(sizeof(*row))) == NULL)
		goto cleanup;
	t.h = &h;
	t.region = region;
	t.section = section;
	t.code = code;
	t.rs = rs;
	t.budget = budget;
	if (g->truncated && recordset_warn(rs, region, section, "%s table "
	    "larger than %u cells or %u columns; the rest is ignored",
	    classify_kind_name(h.kind), GRID_MAXCELLS, GRID_MAXCOLS) == -1)
		goto cleanup;
	for (r = hr < 0 ? 0 : (size_t)hr + 1; r < g->nrows; r++) {
		/* One table for all regions: a row of a region's name. */
		if ((sep = separator_region(g, r)) != NULL) {
			if (tctx_region(&t, sep, &code) == -1)
				goto cleanup;
			continue;
		}
		if (row_is_filler(g, r, hr))
			continue;
		/*
		 * A Region column names the region only in a table under no
		 * region (one table for all): under a region's heading it is
		 * a label ("Jersey" in Offshore (Jersey)'s ranges).
		 */
		if (region_known(region) == NULL &&
		    (sep = column_region(g, &h, r)) != NULL &&
		    tctx_region(&t, sep, &code) == -1)
			goto cleanup;
		row_read(g, r, row);
		nrows++;
		unknown += region_known(t.region) == NULL;
		if (reader(&t, row) == -1)
			goto cleanup;
	}
	/* A region told by no name mcwatch knows: never silently. */
	if (unknown > 0 && recordset_warn(rs, region, section, "%zu row%s of "
	    "the %s table under '%s', which is no region mcwatch knows "
	    "(recorded as region code '%s'); if that is a section's name, the "
	    "page's regions were not found", unknown, unknown == 1 ? "" : "s",
	    classify_kind_name(h.kind), t.region, t.code) == -1)
		goto cleanup;
	if (nrows == 0 && recordset_warn(rs, region, section,
	    "%s table has a header but no rows",
	    classify_kind_name(h.kind)) == -1)
		goto cleanup;
	rc = 0;
 cleanup:
	free(t.location);
	free(code);
	free(row);
	return rc;
}
