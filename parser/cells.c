/*
 * Cell tokens: what one cell of a data row holds (an address, a CIDR, a
 * range in one cell, a URL, a number, a separator, text), and the row as
 * tokens read in order.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cells.h"
#include "classify.h"
#include "../util/url.h"

/*
 * What stands between a range's ends, alone in a cell or inside one:
 * words (spaced inside a cell, "a to b"), in English and in the help
 * centre's other languages, and dashes and waves (unspaced or not): the
 * en and em dash, the non-breaking hyphen, the figure dash, the minus
 * sign, "-", the wave dash and the fullwidth tilde, and the Japanese
 * "kara". ASCII words match in any case. A weak one is a word too short
 * to tell alone ("A" may be a grid's name): alone in a cell, it
 * separates only between two addresses.
 */
static const struct {
	const char	*text;		/* alone in a cell */
	const char	*inside;	/* inside one: a word spaced */
	int		 weak;
} separators[] = {
	{ "to", " to ", 0 }, { "through", " through ", 0 },
	{ "thru", " thru ", 0 },
	{ "bis", " bis ", 0 },				/* German */
	{ "\xc3\xa0", " \xc3\xa0 ", 1 }, { "au", " au ", 1 },	/* French */
	{ "a", " a ", 1 }, { "hasta", " hasta ", 0 },	/* Spanish */
	{ "at\xc3\xa9", " at\xc3\xa9 ", 0 },		/* Portuguese: até */
	{ "tot", " tot ", 0 },				/* Dutch */
	{ "\xe2\x80\x93", "\xe2\x80\x93", 0 },			/* – */
	{ "\xe2\x80\x94", "\xe2\x80\x94", 0 },			/* — */
	{ "\xe2\x80\x91", "\xe2\x80\x91", 0 },
	{ "\xe2\x80\x92", "\xe2\x80\x92", 0 },
	{ "\xe2\x88\x92", "\xe2\x88\x92", 0 },			/* − */
	{ "-", "-", 0 },
	{ "\xe3\x80\x9c", "\xe3\x80\x9c", 0 },			/* 〜 */
	{ "\xef\xbd\x9e", "\xef\xbd\x9e", 0 },			/* ～ */
	{ "\xe3\x81\x8b\xe3\x82\x89",
	    "\xe3\x81\x8b\xe3\x82\x89", 0 },			/* から */
};
#define NSEPARATORS	(sizeof(separators) / sizeof(separators[0]))

/* Whether s is a separator: 1, 2 if a weak one, 0 if none. */
static int
is_separator(const char *s)
{
	size_t i;

	/* An address or a number is passed over at once. */
	if (isdigit((unsigned char)s[0]))
		return 0;
	for (i = 0; i < NSEPARATORS; i++)
		if (strcasecmp(s, separators[i].text) == 0)
			return separators[i].weak ? 2 : 1;
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

/*
 * The text of [l, r) without its spaces at either end into buf (len
 * bytes, empty if it does not fit); buf.
 */
static const char *
trimmed(const char *l, const char *r, char *buf, size_t len)
{
	while (l < r && *l == ' ')
		l++;
	while (r > l && r[-1] == ' ')
		r--;
	if ((size_t)(r - l) >= len)
		r = l;
	memcpy(buf, l, (size_t)(r - l));
	buf[r - l] = '\0';
	return buf;
}

/*
 * Parse "a SEP b" into two addresses: the first separator of the table
 * found in s (a word with a space either side) splits it; 0, or -1.
 */
static int
parse_range_text(const char *s, struct addr *a, struct addr *b)
{
	char l[2 * ADDR_STRLEN + 16] = "", r[2 * ADDR_STRLEN + 16] = "";
	size_t i, n = strlen(s);
	const char *sep;

	/* Two addresses hold a dot or a colon: text is passed over at once. */
	if (n >= sizeof(l) || strpbrk(s, ".:") == NULL)
		return -1;
	for (i = 0; i < NSEPARATORS; i++) {
		if ((sep = strcasestr(s, separators[i].inside)) == NULL)
			continue;
		if (addr_parse(trimmed(s, sep, l, sizeof(l)), a) == -1)
			return -1;
		trimmed(sep + strlen(separators[i].inside), s + n, r,
		    sizeof(r));
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

/*
 * Split text (a copy) at runs of spaces, commas and semicolons into
 * parts; the count if every part is an address or a network and there
 * are two to ROW_MAXPARTS, else 0. *nets tells whether all are networks.
 */
static size_t
split_list(char *text, char **part, int *nets)
{
	struct token t;
	size_t n = 0;
	char *p, *save = NULL;

	*nets = 1;
	for (p = strtok_r(text, " ,;", &save); p != NULL;
	    p = strtok_r(NULL, " ,;", &save)) {
		if (n == ROW_MAXPARTS)
			return 0;
		token_read(p, &t);
		if (t.type != TOK_ADDR && t.type != TOK_CIDR)
			return 0;
		*nets = *nets && t.type == TOK_CIDR;
		part[n++] = p;
	}
	return n >= 2 ? n : 0;
}


/*
 * Whether text lists addresses or networks (two to ROW_MAXPARTS), read
 * from a copy; a part holds no separator, so reading it asks no more.
 */
static int
is_list(const char *text)
{
	char buf[4096], *part[ROW_MAXPARTS];
	size_t n = strlen(text);
	int nets;

	if (n >= sizeof(buf) || strpbrk(text, " ,;") == NULL ||
	    strpbrk(text, ".:") == NULL)
		return 0;
	memcpy(buf, text, n + 1);
	return split_list(buf, part, &nets) > 0;
}

void
token_read(const char *text, struct token *t)
{
	char buf[CIDR_STRLEN] = "";
	const char *s = compact(text, buf, sizeof(buf));
	int sep = *s != '\0' ? is_separator(s) : 0;

	memset(t, 0, sizeof(*t));
	t->text = text;
	if (*s == '\0')
		t->type = TOK_EMPTY;
	else if (sep == 1)
		t->type = TOK_SEP;
	else if (sep == 2) {
		t->type = TOK_TEXT;
		t->weak = 1;
	} else if (addr_parse(s, &t->a) == 0)
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
		t->type = is_list(text) ? TOK_LIST : TOK_TEXT;
}

/* Tokenize row r; a cell spanning columns counts once. */
void
row_read(const struct grid *g, size_t r, long status_col, struct row *row)
{
	const struct grid_row *gr = &g->rows[r];
	const char *text, *note;
	size_t c;

	row->ntoks = row->next = 0;
	row->note = NULL;
	row->data = 0;
	for (c = 0; c < gr->ncols; c++) {
		const struct grid_cell *cell = &g->cells[gr->off + c];
		struct token st;

		/* A spanning cell's copies: the same text, the same token. */
		if (c > 0 && cell->text != 0 &&
		    cell->text == g->cells[gr->off + c - 1].text)
			continue;
		text = g->text + cell->text;
		if ((note = grid_note(g, r, c)) != NULL && row->note == NULL)
			row->note = note;
		if ((long)c == status_col) {
			if (classify_status(text) == STATUS_RETIRING &&
			    row->note == NULL)
				row->note = text;
			if (!row->data) {
				token_read(text, &st);
				row->data = token_is_data(&st);
			}
			continue;
		}
		token_read(text, &row->toks[row->ntoks]);
		row->data |= token_is_data(&row->toks[row->ntoks]);
		row->toks[row->ntoks++].link = grid_link(g, r, c);
	}
}

/* The row's cells as "a | b | c", cut short; only messages need it. */
const char *
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
struct token *
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
struct token *
row_peek(struct row *row)
{
	size_t save = row->next;
	struct token *t = row_take(row);

	row->next = save;
	return t;
}

/* Whether the next token is a weak separator with an address after it. */
static int
weak_between(struct row *row)
{
	size_t save = row->next;
	struct token *u = row_take(row), *v = row_take(row);

	row->next = save;
	return u != NULL && u->weak && v != NULL && v->type == TOK_ADDR;
}

/*
 * Read a range: one "a to b" cell, or "a" ["to"] "b" across cells, or a
 * lone address. 1 if one was read, 0 if the row had no more, -1 if the
 * next cell is not an address (*bad names it).
 */
int
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
	/* A block written where a range goes is the range it covers. */
	if (t->type == TOK_CIDR) {
		cidr_first(&t->c, a);
		cidr_last(&t->c, b);
		return 1;
	}
	if (t->type != TOK_ADDR) {
		*bad = t->text;
		return -1;
	}
	*a = *b = t->a;
	if ((u = row_peek(row)) != NULL && (u->type == TOK_SEP ||
	    weak_between(row))) {
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

/* Whether a token is a value a data row holds, never a column name. */
int
token_is_data(const struct token *t)
{
	return t->type == TOK_ADDR || t->type == TOK_CIDR ||
	    t->type == TOK_RANGE || t->type == TOK_URL ||
	    t->type == TOK_PREFIX || t->type == TOK_NUMBER ||
	    t->type == TOK_LIST;
}

int
row_split(const struct row *row, int addrs, struct row_split *sp)
{
	size_t i, k;
	char *buf = NULL;
	int full, nets, anynets = 0;

	/* The parts are set as they are found: a row is 4 KiB to clear. */
	sp->n = sp->nparts = 0;
	for (i = 0; i < row->ntoks; i++) {
		if (row->toks[i].type != TOK_LIST)
			continue;
		if ((full = sp->n == ROW_MAXLISTS) ||
		    (buf = strdup(row->toks[i].text)) == NULL) {
			row_split_free(sp);
			return full ? 0 : -1;
		}
		sp->buf[sp->n] = buf;
		k = split_list(buf, sp->part[sp->n], &nets);
		anynets |= nets;
		sp->tok[sp->n++] = i;
		/* Every list as long as the first, or the row as it is. */
		if (sp->nparts != 0 && k != sp->nparts) {
			row_split_free(sp);
			return 0;
		}
		sp->nparts = k;
	}
	/*
	 * Two addresses alone may be a range without its "to": they are a
	 * list beside a list of networks, or where addresses are listed.
	 */
	if (sp->n > 0 && !anynets && !addrs) {
		row_split_free(sp);
		return 0;
	}
	return sp->n > 0;
}

void
row_split_part(struct row *row, const struct row_split *sp, size_t i)
{
	size_t j;

	for (j = 0; j < sp->n; j++)
		token_read(sp->part[j][i], &row->toks[sp->tok[j]]);
	row->next = 0;
}

void
row_split_free(struct row_split *sp)
{
	size_t i;

	for (i = 0; i < sp->n; i++)
		free(sp->buf[i]);
	sp->n = sp->nparts = 0;
}
