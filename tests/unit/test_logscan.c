/* The log scanner: every address of a line, in the forms logs print. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../addr/logscan.h"

/* The addresses logscan_next finds in n bytes of s, space-separated. */
static const char *
scan(const char *s, size_t n)
{
	static char out[1024];
	char text[LOGSCAN_TEXTMAX], buf[ADDR_STRLEN], again[ADDR_STRLEN];
	struct addr b;
	struct logscan ls;
	struct addr a;
	size_t len;

	out[0] = '\0';
	logscan_init(&ls, s, s + n);
	while ((len = logscan_next(&ls, &a, text)) > 0) {
		assert_true(ls.p <= s + n);
		assert_int_equal(len, strlen(text));
		/* The text and the address agree. */
		assert_int_equal(addr_parse(text, &b), 0);
		assert_string_equal(addr_format(&a, buf), addr_format(&b,
		    again));
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s",
		    out[0] ? " " : "", text);
		assert_true(strlen(text) < LOGSCAN_TEXTMAX);
	}
	assert_ptr_equal(ls.p, s + n);
	return out;
}

#define SCAN(s)	scan((s), sizeof(s) - 1)

static void
test_forms(void **state)
{
	(void)state;
	assert_string_equal(SCAN("Nov 28 03:17:00 mx smtpd[42]: connect from "
	    "unknown[198.18.0.1]"), "198.18.0.1");
	assert_string_equal(SCAN("client 198.18.0.1:25 said"), "198.18.0.1");
	assert_string_equal(SCAN("from [2001:db8::1]:587"), "2001:db8::1");
	assert_string_equal(SCAN("postfix: 2001:db8::5.25 connected"),
	    "2001:db8::5");
	assert_string_equal(SCAN("ip=203.0.113.9, peer=::ffff:192.0.2.1"),
	    "203.0.113.9 ::ffff:192.0.2.1");
	assert_string_equal(SCAN("two 10.0.0.1 10.0.0.2."),
	    "10.0.0.1 10.0.0.2");
}

static void
test_not_addresses(void **state)
{
	(void)state;
	/* Times, versions, hex words, field names, short numbers. */
	assert_string_equal(SCAN("at 03:17:00 v1.2.3 deadbeef x: 1.2.3 "
	    "a:b:c"), "");
	assert_string_equal(SCAN("999.1.1.1 1.2.3.4.5 ....."), "");
	assert_string_equal(SCAN(""), "");
}

static void
test_edges(void **state)
{
	static const char nul[] = "a\0b 192.0.2.7\0c";

	(void)state;
	/* Leading dots are no part of the address; a NUL ends nothing. */
	assert_string_equal(SCAN("..192.0.2.5"), "192.0.2.5");
	assert_string_equal(scan(nul, sizeof(nul) - 1), "192.0.2.7");
	/* An address at the very end, and one cut by the end. */
	assert_string_equal(scan("x 192.0.2.8", 11), "192.0.2.8");
	assert_string_equal(scan("x 192.0.2.80", 9), "");
	/* A colon right after an IPv4 address with no port digits. */
	assert_string_equal(SCAN("host 192.0.2.9: refused"), "192.0.2.9");
}

/* A dotted quad is taken at once only where its token ends with it. */
static void
test_quads(void **state)
{
	(void)state;
	assert_string_equal(SCAN("a1.2.3.4 1.2.3.4a 01.2.3.4 1.2.3.456"), "");
	assert_string_equal(SCAN("1.2.3.4.5.6.7.8 1.2.3.4:80:90 1.2.3.4::"),
	    "");
	assert_string_equal(SCAN("x1.2.3.4 [1.2.3.5] =1.2.3.6,1.2.3.7"),
	    "1.2.3.4 1.2.3.5 1.2.3.6 1.2.3.7");
	assert_string_equal(SCAN("0.0.0.0 255.255.255.255 256.0.0.1"),
	    "0.0.0.0 255.255.255.255");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_not_addresses),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_quads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
