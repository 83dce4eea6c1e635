/* UTF-8 sequence lengths and the repair of cut or foreign text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../utf8/utf8.h"

/* s repaired, in a buffer the test owns. */
static const char *
repaired(const char *s)
{
	static char buf[256];
	size_t n;

	snprintf(buf, sizeof(buf), "%s", s);
	n = utf8_repair(buf);
	assert_int_equal(n, strlen(buf));
	return buf;
}

static void
test_seq(void **state)
{
	static const struct {
		const char	*s;
		long		 len;
	} cases[] = {
		{ "a", 1 }, { "\xc3\xa9", 2 }, { "\xe2\x82\xac", 3 },
		{ "\xf0\x9d\x84\x9e", 4 }, { "\xc3", -1 }, { "\xe2\x82", -2 },
		{ "\xf0\x9d\x84", -3 }, { "\x80", -1 }, { "\xc0\xaf", -1 },
		{ "\xe0\x80\xaf", -1 }, { "\xed\xa0\x80", -1 },
		{ "\xf4\x90\x80\x80", -1 }, { "\xf5\x80", -1 }, { "\xff", -1 },
		{ "\xe2\x28\xa1", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(utf8_seq((const unsigned char *)cases[i].s,
		    strlen(cases[i].s)), cases[i].len);
}

/* Valid text is left as it is, byte for byte. */
static void
test_repair_keeps(void **state)
{
	const char *s = "Z\xc3\xbcrich \xe2\x82\xac \xf0\x9d\x84\x9e plain";

	(void)state;
	assert_string_equal(repaired(s), s);
	assert_string_equal(repaired(""), "");
}

/*
 * A character cut at each of its bytes, as "%.Ns" cuts it, anywhere in
 * the text: left out, and what follows kept.
 */
static void
test_repair_cut(void **state)
{
	static const char *chars[] = { "\xc3\xa9", "\xe2\x82\xac",
	    "\xf0\x9d\x84\x9e" };
	char in[64], want[64];
	size_t c, k;

	(void)state;
	for (c = 0; c < 3; c++)
		for (k = 1; k < strlen(chars[c]); k++) {
			snprintf(in, sizeof(in), "ab%.*s", (int)k, chars[c]);
			assert_string_equal(repaired(in), "ab");
			snprintf(in, sizeof(in), "a%.*s' tail %s", (int)k,
			    chars[c], chars[c]);
			snprintf(want, sizeof(want), "a' tail %s", chars[c]);
			assert_string_equal(repaired(in), want);
		}
}

/* Bytes that start no character are shown as '?', one each. */
static void
test_repair_foreign(void **state)
{
	(void)state;
	assert_string_equal(repaired("caf\xe9 ok"), "caf ok");
	assert_string_equal(repaired("\x80\xbf x"), "?? x");
	assert_string_equal(repaired("\xc0\xaf"), "??");
	assert_string_equal(repaired("\xff\xfe"), "??");
	assert_string_equal(repaired("\xed\xa0\x80"), "??");
	assert_string_equal(repaired("x\xf8\x88\x80\x80\x80y"), "x?????y");
}

/* Whatever goes in, jansson takes what comes out. */
static void
test_repair_jansson(void **state)
{
	char buf[8];
	unsigned v;
	json_t *j;

	(void)state;
	for (v = 0; v < 1u << 24; v += 37) {
		buf[0] = (char)(v >> 16);
		buf[1] = (char)(v >> 8);
		buf[2] = (char)v;
		buf[3] = (char)0xe2;
		buf[4] = '\0';
		if (buf[0] == 0 || buf[1] == 0 || buf[2] == 0)
			continue;
		utf8_repair(buf);
		assert_non_null(j = json_string(buf));
		json_decref(j);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seq),
		cmocka_unit_test(test_repair_keeps),
		cmocka_unit_test(test_repair_cut),
		cmocka_unit_test(test_repair_foreign),
		cmocka_unit_test(test_repair_jansson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
