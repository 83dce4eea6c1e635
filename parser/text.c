/* Text normalization for cells and headings. */
#include <stdlib.h>
#include <string.h>

#include "text.h"

enum cpclass { CP_KEEP, CP_SPACE, CP_DROP };

/* What to do with a code point. */
static enum cpclass
cp_class(unsigned cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f')
		return CP_SPACE;
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return CP_DROP;
	if (cp < 0xa0)
		return CP_KEEP;
	if (cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000)
		return CP_SPACE;
	/* Soft hyphen, zero-width, bidi controls, BOM: invisible. */
	if (cp == 0xad || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) ||
	    cp == 0xfeff)
		return CP_DROP;
	return CP_KEEP;
}

/* Decode one UTF-8 sequence at s (n bytes left); its length, cp set. */
static size_t
utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	if (len == 1 || len > n) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return i;
		}
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return len;
}

void
textbuf_init(struct textbuf *tb, size_t max)
{
	memset(tb, 0, sizeof(*tb));
	tb->max = max;
}

void
textbuf_free(struct textbuf *tb)
{
	if (tb == NULL)
		return;
	free(tb->s);
	memset(tb, 0, sizeof(*tb));
}

void
textbuf_reset(struct textbuf *tb)
{
	tb->len = 0;
	tb->space = 0;
	tb->truncated = 0;
	if (tb->s != NULL)
		tb->s[0] = '\0';
}

void
textbuf_break(struct textbuf *tb)
{
	if (tb->len > 0)
		tb->space = 1;
}

const char *
textbuf_str(const struct textbuf *tb)
{
	return tb->len > 0 ? tb->s : "";
}

/* Append n raw bytes, first a pending space; 0, or -1 on memory. */
static int
textbuf_put(struct textbuf *tb, const char *p, size_t n)
{
	size_t need = tb->len + n + 2;

	if (tb->len + n + tb->space > tb->max) {
		tb->truncated = 1;
		return 0;
	}
	if (need > tb->cap) {
		size_t ncap = tb->cap ? tb->cap : 64;
		char *s;

		while (ncap < need)
			ncap *= 2;
		if ((s = realloc(tb->s, ncap)) == NULL)
			return -1;
		tb->s = s;
		tb->cap = ncap;
	}
	if (tb->space) {
		tb->s[tb->len++] = ' ';
		tb->space = 0;
	}
	memcpy(tb->s + tb->len, p, n);
	tb->len += n;
	tb->s[tb->len] = '\0';
	return 0;
}

/*
 * The ASCII character some code points stand for in addresses and names:
 * full-width digits and punctuation (not letters: compatibility folding
 * of those only), the hyphens that are no minus sign to a reader but are
 * to a host name (U+2010, U+2011 non-breaking). 1 with *out set, or 0.
 */
static int
cp_fold(unsigned cp, char *out)
{
	if (cp >= 0xff01 && cp <= 0xff5e && !(cp >= 0xff21 && cp <= 0xff3a) &&
	    !(cp >= 0xff41 && cp <= 0xff5a)) {
		out[0] = (char)(cp - 0xfee0);
		return 1;
	}
	if (cp == 0x2010 || cp == 0x2011) {
		out[0] = '-';
		return 1;
	}
	return 0;
}

int
textbuf_add(struct textbuf *tb, const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, run, len;
	unsigned cp;
	char ascii[1];

	while (i < n) {
		/* A run of plain printable ASCII goes in at once. */
		for (run = i; run < n && s[run] > 0x20 && s[run] < 0x7f; run++)
			;
		if (run > i) {
			if (textbuf_put(tb, text + i, run - i) == -1)
				return -1;
			i = run;
			continue;
		}
		len = utf8_next(s + i, n - i, &cp);
		if (cp_fold(cp, ascii)) {
			if (textbuf_put(tb, ascii, 1) == -1)
				return -1;
			i += len;
			continue;
		}
		switch (cp_class(cp)) {
		case CP_SPACE:
			textbuf_break(tb);
			break;
		case CP_KEEP:
			if (cp == 0xfffd && len != 3) {
				if (textbuf_put(tb, "\xef\xbf\xbd", 3) == -1)
					return -1;
			} else if (textbuf_put(tb, text + i, len) == -1)
				return -1;
			break;
		case CP_DROP:
			break;
		}
		i += len;
	}
	return 0;
}

char *
text_normalize(const char *s)
{
	struct textbuf tb;
	size_t n = strlen(s);
	char *out;

	/* An invalid byte may grow into a three-byte U+FFFD. */
	textbuf_init(&tb, n * 3);
	if (textbuf_add(&tb, s, n) == -1 ||
	    (out = strdup(textbuf_str(&tb))) == NULL) {
		textbuf_free(&tb);
		return NULL;
	}
	textbuf_free(&tb);
	return out;
}
