/* Charset sniffing and decoding to valid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../parser/charset.h"

static const char *
sniff(const char *page, const char *http)
{
	static char label[CHARSET_LABELMAX];

	charset_sniff(page, strlen(page), http, label);
	return label;
}

/* Decode len bytes with label; the result as a string (static). */
static const char *
decode(const char *in, size_t len, const char *label)
{
	static char buf[4096];
	char *out;
	size_t n;

	assert_int_equal(charset_decode(in, len, label, &out, &n), 0);
	if (out == NULL) {
		memcpy(buf, in, len);
		buf[len] = '\0';
	} else {
		assert_true(n < sizeof(buf));
		memcpy(buf, out, n + 1);
		assert_int_equal(strlen(out), n);
		free(out);
	}
	return buf;
}

static void
test_sniff(void **state)
{
	(void)state;
	assert_string_equal(sniff("<html>", NULL), "UTF-8");
	assert_string_equal(sniff("<meta charset=\"iso-8859-1\">", NULL),
	    "CP1252");
	assert_string_equal(sniff("<META HTTP-EQUIV=\"Content-Type\" "
	    "CONTENT=\"text/html; charset=windows-1252\">", NULL), "CP1252");
	assert_string_equal(sniff("<meta charset='utf-8'>", NULL), "UTF-8");
	assert_string_equal(sniff("<meta charset=koi8-r>", NULL), "KOI8-R");
	/* The header wins over <meta>; a BOM over both. */
	assert_string_equal(sniff("<meta charset=\"utf-8\">", "latin1"),
	    "CP1252");
	assert_string_equal(sniff("\xef\xbb\xbf<meta charset=latin1>",
	    "latin1"), "UTF-8");
	/* A UTF-16 claim in <meta> on an 8-bit page means UTF-8. */
	assert_string_equal(sniff("<meta charset=utf-16>", NULL), "UTF-8");
	/* Junk labels are ignored. */
	assert_string_equal(sniff("<meta charset=\"$(rm -rf)\">", NULL),
	    "UTF-8");
}

static void
test_sniff_limit(void **state)
{
	char page[2048];

	(void)state;
	/* Only the first 1024 bytes are looked at, as in browsers. */
	memset(page, ' ', sizeof(page));
	memcpy(page + 1500, "<meta charset=latin1>", 21);
	page[sizeof(page) - 1] = '\0';
	assert_string_equal(sniff(page, NULL), "UTF-8");
}

static void
test_utf8(void **state)
{
	char *out;
	size_t n, i;

	(void)state;
	/* Clean input is not copied. */
	assert_int_equal(charset_decode("a\xe2\x80\x93" "b", 5, "UTF-8", &out,
	    &n), 0);
	assert_null(out);
	assert_int_equal(n, 5);
	/* One bad byte is one U+FFFD; what follows stays UTF-8. */
	assert_string_equal(decode("a\xff" "b \xe2\x80\x93", 7, "UTF-8"),
	    "a\xef\xbf\xbd" "b \xe2\x80\x93");
	/* A truncated sequence: one U+FFFD for the maximal subpart. */
	assert_string_equal(decode("\xe2\x80" "x", 3, "UTF-8"),
	    "\xef\xbf\xbd" "x");
	/* Overlong, surrogate, beyond U+10FFFF. */
	assert_string_equal(decode("\xc0\xaf", 2, "UTF-8"),
	    "\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(decode("\xed\xa0\x80", 3, "UTF-8"),
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(decode("\xf4\x90\x80\x80", 4, "UTF-8"),
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* NUL becomes U+FFFD too: libxml2 would stop at it. */
	assert_string_equal(decode("a\0b", 3, "UTF-8"), "a\xef\xbf\xbd" "b");
	/* The BOM goes. */
	assert_string_equal(decode("\xef\xbb\xbfx", 4, "UTF-8"), "x");
	/* A NUL or a bad byte anywhere in a long ASCII run is found. */
	for (i = 0; i < 24; i++) {
		char in[25], want[27];

		memset(in, 'a', sizeof(in) - 1);
		in[24] = '\0';
		in[i] = '\0';
		snprintf(want, sizeof(want), "%.*s\xef\xbf\xbd%.*s", (int)i,
		    in, (int)(23 - i), in + i + 1);
		assert_string_equal(decode(in, 24, "UTF-8"), want);
		in[i] = (char)0x80;
		assert_string_equal(decode(in, 24, "UTF-8"), want);
		in[i] = 'a';
		assert_int_equal(charset_decode(in, 24, "UTF-8", &out, &n), 0);
		assert_null(out);
	}
}

static void
test_legacy(void **state)
{
	(void)state;
	/* windows-1252: 0x96 is an en dash, 0xe9 e-acute. */
	assert_string_equal(decode("a \x96 b\xe9", 6, "CP1252"),
	    "a \xe2\x80\x93 b\xc3\xa9");
	/* An undefined byte is U+FFFD and decoding goes on. */
	assert_string_equal(decode("x\x81y", 3, "CP1252"),
	    "x\xef\xbf\xbdy");
	assert_string_equal(decode("caf\xe9", 4, "ISO-8859-15"),
	    "caf\xc3\xa9");
}

static void
test_unknown(void **state)
{
	char *out;
	size_t n;

	(void)state;
	assert_int_equal(charset_decode("x", 1, "NO-SUCH-CHARSET", &out, &n),
	    -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_sniff_limit),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_legacy),
		cmocka_unit_test(test_unknown),
	};

	return cmocka_run_group_tests_name("charset", tests, NULL, NULL);
}
