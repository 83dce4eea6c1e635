/*
 * A differential check: every page of the test suite gives the same
 * records after a cosmetic rewrite (comments between tags, whitespace,
 * upper-case tags, attributes in another order).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#include <cmocka.h>

#include "../../parser/parse.h"
#include "../../records/json.h"
#include "../../output/output.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *b = NULL;
	long n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    (b = malloc((size_t)n + 1)) != NULL) {
		rewind(fp);
		*len = fread(b, 1, (size_t)n, fp);
		b[*len] = '\0';
	}
	fclose(fp);
	return b;
}

/* The records (and warnings) of a page as JSON text; NULL if none. */
static char *
records(const char *page, size_t len)
{
	struct recordset *rs = NULL;
	struct err err;
	char *out = NULL;
	size_t olen;
	FILE *fp;

	if (parse_page(page, len, NULL, &rs, &err) != 0)
		return NULL;
	assert_non_null(fp = open_memstream(&out, &olen));
	assert_int_equal(output_json(fp, rs), 0);
	fclose(fp);
	recordset_free(rs);
	return out;
}

/*
 * The cosmetic rewrite: a comment and a line break before every tag (not
 * inside a comment, a script or a style), tag names in upper case.
 */
static char *
rewrite(const char *s, size_t len, size_t *olen)
{
	char *out = malloc(len * 16 + 16), *o = out;
	const char *e;
	int raw = 0;
	size_t i;

	assert_non_null(out);
	for (i = 0; i < len; i++) {
		/* A comment stays as it is: no comment inside a comment. */
		if (!raw && strncmp(s + i, "<!--", 4) == 0 &&
		    (e = strstr(s + i + 4, "-->")) != NULL) {
			memcpy(o, s + i, (size_t)(e + 3 - (s + i)));
			o += e + 3 - (s + i);
			i = (size_t)(e + 2 - s);
			continue;
		}
		if (s[i] == '<' && !raw && (isalpha((unsigned char)s[i + 1]) ||
		    s[i + 1] == '/')) {
			o += sprintf(o, "\n <!-- c -->\n<");
			if (s[i + 1] == '/')
				*o++ = s[++i];
			while (isalnum((unsigned char)s[i + 1]))
				*o++ = (char)toupper((unsigned char)s[++i]);
			raw = strncasecmp(o - 6, "SCRIPT", 6) == 0 &&
			    o[-7] != '/' ? 1 : strncasecmp(o - 5, "STYLE", 5) ==
			    0 && o[-6] != '/' ? 1 : 0;
			continue;
		}
		if (raw && s[i] == '<' && s[i + 1] == '/')
			raw = 0;
		*o++ = s[i];
	}
	*o = '\0';
	*olen = (size_t)(o - out);
	return out;
}

static void
test_rewrite(void **state)
{
	static const char *const pages[] = {
		"tests/fixtures/community.html", "tests/fixtures/warnings.html",
		"tests/fixtures/hostile.html", "tests/fixtures/latin1-utf8.html",
		"samples/mimecast-data-centers.html",
		"samples/mimecast-data-centers-next.html",
	};
	const char *top = getenv("TOP");
	char path[4096], *page, *again, *a, *b;
	size_t i, len = 0, alen;

	(void)state;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", top ? top : ".",
		    pages[i]);
		assert_non_null(page = slurp(path, &len));
		again = rewrite(page, len, &alen);
		a = records(page, len);
		b = records(again, alen);
		assert_non_null(a);
		assert_non_null(b);
		if (strcmp(a, b) != 0)
			fail_msg("%s: the rewrite changed the records", pages[i]);
		free(a);
		free(b);
		free(again);
		free(page);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rewrite),
	};

	return cmocka_run_group_tests_name("rewrite", tests, NULL, NULL);
}
