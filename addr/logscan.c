/* Picking addresses out of log lines, as grepcidr does and a bit more. */
#include <string.h>

#include "logscan.h"

/* What a byte may be in an address token; a table: lines are long. */
enum { C_HEX = 1, C_DOT = 2, C_COLON = 4, C_DIGIT = 8 };

static const unsigned char cls[256] = {
	['0'] = C_HEX | C_DIGIT, ['1'] = C_HEX | C_DIGIT,
	['2'] = C_HEX | C_DIGIT, ['3'] = C_HEX | C_DIGIT,
	['4'] = C_HEX | C_DIGIT, ['5'] = C_HEX | C_DIGIT,
	['6'] = C_HEX | C_DIGIT, ['7'] = C_HEX | C_DIGIT,
	['8'] = C_HEX | C_DIGIT, ['9'] = C_HEX | C_DIGIT,
	['a'] = C_HEX, ['b'] = C_HEX, ['c'] = C_HEX, ['d'] = C_HEX,
	['e'] = C_HEX, ['f'] = C_HEX, ['A'] = C_HEX, ['B'] = C_HEX,
	['C'] = C_HEX, ['D'] = C_HEX, ['E'] = C_HEX, ['F'] = C_HEX,
	['.'] = C_DOT, [':'] = C_COLON,
};

int
logscan_holds(char c)
{
	return cls[(unsigned char)c] != 0;
}

/*
 * Whether [s, s + n) may be an address, before asking inet_pton: three
 * dots and no colon, or two colons in a row, seven colons, or six and an
 * IPv4 tail. Log lines are full of times ("03:17:00") that are not.
 */
static int
maybe_addr(const char *s, size_t n)
{
	size_t i, dots = 0, colons = 0;
	int pair = 0;

	if (n < 2 || n >= LOGSCAN_TEXTMAX)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.')
			dots++;
		else if (s[i] == ':') {
			colons++;
			if (i > 0 && s[i - 1] == ':')
				pair = 1;
		}
	}
	return colons == 0 ? dots == 3 : pair || colons == 7 ||
	    (colons == 6 && dots == 3);
}

/* Parse [s, s + n) as an address into a and text; 0, or -1. */
static int
try_addr(const char *s, size_t n, struct addr *a, char *text)
{
	if (!maybe_addr(s, n))
		return -1;
	/* Most log addresses are IPv4: parsed in place, copied if good. */
	if (memchr(s, ':', n) == NULL) {
		if (addr_parse4n(s, n, a) == -1)
			return -1;
		memcpy(text, s, n);
		text[n] = '\0';
		return 0;
	}
	memcpy(text, s, n);
	text[n] = '\0';
	return addr_parse(text, a);
}

/* Whether [s, e) is all digits, at least one, a port's worth. */
static int
port_digits(const char *s, const char *e)
{
	const char *p;

	if (e <= s || e - s > 5)
		return 0;
	for (p = s; p < e; p++)
		if ((cls[(unsigned char)*p] & C_DIGIT) == 0)
			return 0;
	return 1;
}

/*
 * The address of token [s, e): itself; an IPv4 address and ":port"; an
 * IPv6 address and Postfix's ".port". The length of its text, or 0 if
 * none.
 */
static size_t
token_addr(const char *s, const char *e, int seen, struct addr *a, char *text)
{
	const char *c, *d;

	/* No colon: an IPv4 address or nothing, read in place. */
	if ((seen & C_COLON) == 0) {
		if (addr_parse4n(s, (size_t)(e - s), a) == -1)
			return 0;
		memcpy(text, s, (size_t)(e - s));
		text[e - s] = '\0';
		return (size_t)(e - s);
	}
	c = memchr(s, ':', (size_t)(e - s));
	if (try_addr(s, (size_t)(e - s), a, text) == 0)
		return (size_t)(e - s);
	/* a.b.c.d:port: one colon, the dots before it. */
	if (c != NULL && memchr(c + 1, ':', (size_t)(e - c - 1)) == NULL &&
	    port_digits(c + 1, e) && try_addr(s, (size_t)(c - s), a, text) == 0)
		return (size_t)(c - s);
	/* v6.port: colons, then one dot and digits. */
	for (d = e; d > s && d[-1] != '.'; d--)
		;
	if (c != NULL && d > s && memchr(s, '.', (size_t)(d - 1 - s)) == NULL &&
	    port_digits(d, e) && try_addr(s, (size_t)(d - 1 - s), a, text) == 0)
		return (size_t)(d - 1 - s);
	return 0;
}

/* What a token holds: the kinds of its bytes, its dots and colons. */
struct token {
	int	seen;		/* C_* of its bytes */
	size_t	dots, colons;
	int	pair;		/* "::" */
};

/* The end of the token that starts at s, and what it holds into tk. */
static const char *
token_end(const char *s, const char *end, struct token *tk)
{
	const char *e;
	size_t dots = 0, colons = 0;
	int seen = 0, pair = 0;

	/* In locals: a store through tk might be a store to *e. */
	for (e = s; e < end && cls[(unsigned char)*e] != 0; e++) {
		seen |= cls[(unsigned char)*e];
		dots += *e == '.';
		if (*e == ':') {
			pair |= e > s && e[-1] == ':';
			colons++;
		}
	}
	tk->seen = seen;
	tk->dots = dots;
	tk->colons = colons;
	tk->pair = pair;
	return e;
}

/*
 * Token [s, e) less a sentence's last dot ("1.2.3.4.") and a field
 * name's colon ("x:", never one of "::"), tk told what went: its end.
 */
static const char *
token_trim(const char *s, const char *e, struct token *tk)
{
	for (; e > s && (e[-1] == '.' || (e[-1] == ':' && e - s > 1 &&
	    e[-2] != ':')); e--)
		if (e[-1] == '.')
			tk->dots--;
		else
			tk->colons--;
	/* "192.0.2.9: refused": the colon trimmed was the only one. */
	if (tk->colons == 0)
		tk->seen &= ~C_COLON;
	return e;
}

/*
 * Whether a token with a colon meets what one of token_addr's three
 * readings needs before inet_pton is asked (maybe_addr of itself, of
 * a.b.c.d before ":port", of v6 before ".port"): a time of day
 * ("03:17:00") or a field name is none, and is passed over at once.
 */
static int
colon_token_may(const struct token *tk)
{
	return tk->pair || tk->colons == 7 || (tk->colons == 6 &&
	    (tk->dots == 3 || tk->dots == 4)) || (tk->colons == 1 &&
	    tk->dots == 3);
}

/* The next '.' or ':' at or after p, before end, through *dot and *colon
 * (the last ones found, kept from one address to the next; NULL at
 * first): memchr outruns a byte loop, and every address holds one or the
 * other. end if there is none. */
static const char *
next_mark(const char *p, const char *end, const char **dot,
    const char **colon)
{
	if (*dot == NULL || *dot < p)
		*dot = (*dot = memchr(p, '.', (size_t)(end - p))) != NULL ?
		    *dot : end;
	if (*colon == NULL || *colon < p)
		*colon = (*colon = memchr(p, ':', (size_t)(end - p))) != NULL ?
		    *colon : end;
	return *dot < *colon ? *dot : *colon;
}

void
logscan_init(struct logscan *ls, const char *buf, const char *end)
{
	ls->p = buf;
	ls->end = end;
	ls->dot = ls->colon = NULL;
}

size_t
logscan_next(struct logscan *ls, struct addr *a, char text[LOGSCAN_TEXTMAX])
{
	const char *p = ls->p, *end = ls->end, *s, *e, *m;
	struct token tk;
	size_t n;

	while (p < end && (m = next_mark(p, end, &ls->dot, &ls->colon)) <
	    end) {
		/* The token around the mark: a run of address bytes, not
		 * starting with a dot ("..1.2.3.4" holds 1.2.3.4). */
		for (s = m; s > p && cls[(unsigned char)s[-1]] != 0; s--)
			;
		while (s < m && *s == '.')
			s++;
		if (*s == '.') {
			p = s + 1;
			continue;
		}
		/* Most tokens of a log are a dotted quad and nothing more:
		 * read in one pass, as the general way below reads it. */
		if ((cls[(unsigned char)*s] & C_DIGIT) &&
		    (n = addr_quad(s, end, a)) > 0 &&
		    (s + n == end || cls[(unsigned char)s[n]] == 0)) {
			memcpy(text, s, n);
			text[n] = '\0';
			ls->p = s + n;
			return n;
		}
		e = token_end(s, end, &tk);
		/* Shorter than 1.2.3.4 with no colon: no address. */
		if ((tk.seen & C_COLON) == 0 && e - s < 7) {
			p = e;
			continue;
		}
		e = token_trim(s, e, &tk);
		if (e > s && ((tk.seen & C_COLON) == 0 || colon_token_may(&tk)) &&
		    (n = token_addr(s, e, tk.seen, a, text)) > 0) {
			ls->p = e;
			return n;
		}
		p = e > s ? e : s + 1;
	}
	ls->p = end;
	return 0;
}
