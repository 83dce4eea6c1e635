/* Charset sniffing and browser-style decoding to UTF-8. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "../utf8/utf8.h"

#define PRESCAN		1024	/* what browsers read for a <meta> */

static const char repl[] = "\xef\xbf\xbd";	/* U+FFFD */

/*
 * WHATWG maps the Latin-1 and ASCII labels to windows-1252, and a <meta>
 * claiming UTF-16 on a page without a UTF-16 BOM means UTF-8.
 */
static const struct {
	const char	*label;
	const char	*iconv;
} aliases[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "utf-16", "UTF-8" },
	{ "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
	{ "iso-8859-1", "CP1252" }, { "iso8859-1", "CP1252" },
	{ "iso_8859-1", "CP1252" }, { "latin1", "CP1252" }, { "l1", "CP1252" },
	{ "us-ascii", "CP1252" }, { "ascii", "CP1252" },
	{ "windows-1252", "CP1252" }, { "cp1252", "CP1252" },
	{ "x-cp1252", "CP1252" },
};

/* Set label from a declared name (len bytes), if it is a sane one. */
static int
label_set(const char *name, size_t len, char *label)
{
	char buf[CHARSET_LABELMAX];
	size_t i;

	while (len > 0 && isspace((unsigned char)*name)) {
		name++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)name[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!isalnum(c) && c != '-' && c != '_' && c != '.' &&
		    c != ':')
			return -1;
		buf[i] = (char)tolower(c);
	}
	buf[len] = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(buf, aliases[i].label) == 0) {
			strcpy(label, aliases[i].iconv);
			return 0;
		}
	for (i = 0; i < len; i++)
		label[i] = (char)toupper((unsigned char)buf[i]);
	label[len] = '\0';
	return 0;
}

/* The value after "charset=" in s (n bytes), unquoted; NULL if none. */
static const char *
find_charset(const char *s, size_t n, size_t *vlen)
{
	size_t i, j;

	for (i = 0; i + 8 <= n; i++) {
		if (strncasecmp(s + i, "charset", 7) != 0)
			continue;
		j = i + 7;
		while (j < n && isspace((unsigned char)s[j]))
			j++;
		if (j >= n || s[j] != '=')
			continue;
		j++;
		while (j < n && isspace((unsigned char)s[j]))
			j++;
		if (j < n && (s[j] == '"' || s[j] == '\''))
			j++;
		i = j;
		while (j < n && s[j] != '"' && s[j] != '\'' && s[j] != ';' &&
		    s[j] != '>' && s[j] != '/' && !isspace((unsigned char)s[j]))
			j++;
		*vlen = j - i;
		return s + i;
	}
	return NULL;
}

void
charset_sniff(const char *buf, size_t len, const char *http, char *label)
{
	size_t n = len < PRESCAN ? len : PRESCAN, i, vlen;
	const char *v;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		strcpy(label, "UTF-8");
		return;
	}
	if (len >= 2 && memcmp(buf, "\xff\xfe", 2) == 0) {
		strcpy(label, "UTF-16LE");
		return;
	}
	if (len >= 2 && memcmp(buf, "\xfe\xff", 2) == 0) {
		strcpy(label, "UTF-16BE");
		return;
	}
	if (http != NULL && label_set(http, strlen(http), label) == 0)
		return;
	for (i = 0; i + 5 < n; i++) {
		const char *end;

		if (strncasecmp(buf + i, "<meta", 5) != 0)
			continue;
		if ((end = memchr(buf + i, '>', n - i)) == NULL)
			break;
		v = find_charset(buf + i, (size_t)(end - buf - i), &vlen);
		if (v != NULL && label_set(v, vlen, label) == 0)
			return;
		i = (size_t)(end - buf);
	}
	strcpy(label, "UTF-8");
}

/* Output being built. */
struct out {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

static int
out_reserve(struct out *o, size_t more)
{
	char *p;
	size_t ncap;

	if (o->len + more + 1 <= o->cap)
		return 0;
	ncap = o->cap ? o->cap : 4096;
	while (ncap < o->len + more + 1)
		ncap *= 2;
	if ((p = realloc(o->s, ncap)) == NULL)
		return -1;
	o->s = p;
	o->cap = ncap;
	return 0;
}

static int
decode_utf8(const char *buf, size_t len, struct out *o)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, start;
	long n;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if (out_reserve(o, len - i) == -1)
		return -1;
	while (i < len) {
		start = i;
		while (i < len && s[i] > 0 && s[i] < 0x80)
			i++;
		if (i > start) {
			if (out_reserve(o, i - start) == -1)
				return -1;
			memcpy(o->s + o->len, buf + start, i - start);
			o->len += i - start;
			continue;
		}
		n = s[i] == 0 ? -1 : utf8_seq(s + i, len - i);
		if (out_reserve(o, n > 0 ? (size_t)n : 3) == -1)
			return -1;
		if (n > 0) {
			memcpy(o->s + o->len, buf + i, (size_t)n);
			o->len += (size_t)n;
			i += (size_t)n;
		} else {
			memcpy(o->s + o->len, repl, 3);
			o->len += 3;
			i += (size_t)-n;
		}
	}
	return 0;
}

static int
decode_iconv(const char *buf, size_t len, const char *label, struct out *o)
{
	iconv_t cd;
	char *in = (char *)buf, *op;
	size_t inleft = len, outleft;
	int rc = -1;

	if ((cd = iconv_open("UTF-8", label)) == (iconv_t)-1)
		return -1;
	/* Even an empty page gets a buffer: the caller reads o->s. */
	if (out_reserve(o, inleft * 2 + 16) == -1)
		goto cleanup;
	while (inleft > 0) {
		if (out_reserve(o, inleft * 2 + 16) == -1)
			goto cleanup;
		op = o->s + o->len;
		outleft = o->cap - o->len - 1;
		if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1) {
			o->len = (size_t)(op - o->s);
			break;
		}
		o->len = (size_t)(op - o->s);
		if (errno == E2BIG)
			continue;
		/* An invalid or unmapped byte: one U+FFFD, then go on. */
		if (out_reserve(o, 3) == -1)
			goto cleanup;
		memcpy(o->s + o->len, repl, 3);
		o->len += 3;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	rc = 0;
 cleanup:
	iconv_close(cd);
	return rc;
}

/* Whether buf is valid UTF-8 without NUL or BOM: nothing to change. */
static int
utf8_clean(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;
	long n;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return 0;
	while (i < len) {
		uint64_t w;

		/*
		 * Eight bytes at a time while they are ASCII and none is NUL:
		 * no high bit, and no byte that borrows when 1 is taken off.
		 */
		if (len - i >= 8) {
			memcpy(&w, s + i, 8);
			if (((w | ((w - 0x0101010101010101ULL) & ~w)) &
			    0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (s[i] > 0 && s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] == 0 || (n = utf8_seq(s + i, len - i)) < 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

int
charset_decode(const char *buf, size_t len, const char *label, char **outp,
    size_t *outlen)
{
	struct out o = { NULL, 0, 0 }, u = { NULL, 0, 0 };
	int rc;

	*outp = NULL;
	*outlen = len;
	if (strcmp(label, "UTF-8") == 0 && utf8_clean(buf, len))
		return 0;
	if (strcmp(label, "UTF-8") == 0)
		rc = decode_utf8(buf, len, &o);
	else if ((rc = decode_iconv(buf, len, label, &u)) == 0) {
		/* iconv passes NUL and may pass what libxml2 rejects. */
		rc = decode_utf8(u.s, u.len, &o);
	}
	free(u.s);
	if (rc == -1 || out_reserve(&o, 0) == -1) {
		free(o.s);
		return -1;
	}
	o.s[o.len] = '\0';
	*outp = o.s;
	*outlen = o.len;
	return 0;
}
