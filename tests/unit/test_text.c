/* Cell text normalization. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../parser/text.h"

static void
check(const char *in, const char *want)
{
	char *out = text_normalize(in);

	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

static void
test_whitespace(void **state)
{
	(void)state;
	check("  a \t\n b  ", "a b");
	check("", "");
	check(" \n\t ", "");
	check("a\xc2\xa0\xc2\xa0" "b", "a b");			/* &nbsp; */
	check("\xc2\xa0" "170.10.132.0/24\xc2\xa0", "170.10.132.0/24");
	check("a\xe2\x80\x83" "b\xe3\x80\x80" "c", "a b c");	/* em, ideographic */
	check("a\xe2\x80\xaf" "b", "a b");			/* narrow nbsp */
}

static void
test_invisible(void **state)
{
	(void)state;
	check("170.10\xe2\x80\x8b.132.0", "170.10.132.0");	/* zero width */
	check("\xef\xbb\xbf" "Network", "Network");		/* BOM */
	check("a\xe2\x80\x8c\xe2\x80\x8d" "b", "ab");
	check("to\xc2\xad", "to");				/* soft hyphen */
	check("x\xe2\x80\xaey", "xy");				/* bidi override */
	check("\x1b[31mred\x1b[0m", "[31mred[0m");		/* ESC dropped */
	check("a\x7f" "b\xc2\x85" "c", "abc");			/* DEL, C1 */
}

static void
test_kept(void **state)
{
	(void)state;
	check("a \xe2\x80\x93 b", "a \xe2\x80\x93 b");		/* en dash */
	check("Zürich", "Zürich");
	check("bad\xff", "bad\xef\xbf\xbd");			/* U+FFFD */
}

static void
test_buffer(void **state)
{
	struct textbuf tb;

	(void)state;
	textbuf_init(&tb, 8);
	assert_int_equal(textbuf_add(&tb, " Data", 5), 0);
	textbuf_break(&tb);				/* a <br> */
	assert_int_equal(textbuf_add(&tb, "Center", 6), 0);
	assert_string_equal(textbuf_str(&tb), "Data");
	assert_true(tb.truncated);
	textbuf_reset(&tb);
	assert_string_equal(textbuf_str(&tb), "");
	textbuf_break(&tb);				/* nothing yet: no space */
	assert_int_equal(textbuf_add(&tb, "x", 1), 0);
	textbuf_break(&tb);
	assert_int_equal(textbuf_add(&tb, "y", 1), 0);
	assert_string_equal(textbuf_str(&tb), "x y");
	textbuf_free(&tb);
	textbuf_free(&tb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whitespace),
		cmocka_unit_test(test_invisible),
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_buffer),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
