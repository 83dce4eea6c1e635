/* The one error type: kinds carried as values, messages bounded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../errors/err.h"
#include "../../utf8/utf8.h"

static void
test_set(void **state)
{
	struct err e;

	(void)state;
	err_clear(&e);
	assert_false(err_isset(&e));
	assert_int_equal(err_set(&e, ERR_REPO, "repo %s: busy", "d"), -1);
	assert_true(err_isset(&e));
	assert_int_equal(e.kind, ERR_REPO);
	assert_string_equal(e.msg, "repo d: busy");
	assert_int_equal(err_nomem(&e, "parse"), -1);
	assert_int_equal(e.kind, ERR_NOMEM);
	assert_string_equal(e.msg, "parse: out of memory");
}

/* The kind never comes from the words: a message about memory is not. */
static void
test_kind_not_words(void **state)
{
	struct err e;

	(void)state;
	err_set(&e, ERR_FETCH, "fetch x: 507 Insufficient Storage: out of "
	    "memory");
	assert_int_equal(e.kind, ERR_FETCH);
	assert_string_equal(err_kind_name(e.kind), "fetch");
	assert_string_equal(err_kind_name(ERR_NOMEM), "out of memory");
	assert_string_equal(err_kind_name((enum err_kind)99), "unknown");
}

static void
test_prefix_append(void **state)
{
	struct err e;

	(void)state;
	err_set(&e, ERR_PARSE, "libxml2 stopped");
	e.status = 0;
	assert_int_equal(err_prefix(&e, "parse %s", "page.html"), -1);
	assert_string_equal(e.msg, "parse page.html: libxml2 stopped");
	assert_int_equal(e.kind, ERR_PARSE);
	err_append(&e, " (attempt %d of %d)", 4, 4);
	assert_string_equal(e.msg, "parse page.html: libxml2 stopped "
	    "(attempt 4 of 4)");
	assert_int_equal(e.kind, ERR_PARSE);
}

/* Longer than ERR_MSGMAX: cut, NUL-terminated, never overrun. */
static void
test_bounded(void **state)
{
	char big[3 * ERR_MSGMAX];
	struct err e;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	err_set(&e, ERR_IO, "%s", big);
	assert_int_equal(strlen(e.msg), ERR_MSGMAX - 1);
	err_prefix(&e, "%s", big);
	assert_int_equal(strlen(e.msg), ERR_MSGMAX - 1);
	err_append(&e, "%s", big);
	assert_int_equal(strlen(e.msg), ERR_MSGMAX - 1);
	assert_int_equal(e.kind, ERR_IO);
}

/* Whether s is UTF-8 throughout. */
static int
valid(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = strlen(s);
	long k;

	while (i < n) {
		if ((k = utf8_seq(u + i, n - i)) < 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/*
 * A message cut at ERR_MSGMAX inside a character, or quoting bytes that
 * are not UTF-8, is still UTF-8: it goes into the health state (JSON).
 */
static void
test_utf8(void **state)
{
	char big[3 * ERR_MSGMAX];
	struct err e;
	size_t off, i;

	(void)state;
	for (off = 0; off < 4; off++) {
		memset(big, 'x', off);
		for (i = off; i + 4 < sizeof(big); i += 4)
			memcpy(big + i, "\xf0\x9d\x84\x9e", 4);
		big[i] = '\0';
		err_set(&e, ERR_FETCH, "%s", big);
		assert_true(valid(e.msg));
		assert_true(strlen(e.msg) > ERR_MSGMAX - 5);
		err_set(&e, ERR_FETCH, "fetch x");
		err_append(&e, ": %s", big);
		assert_true(valid(e.msg));
		assert_true(strlen(e.msg) > ERR_MSGMAX - 5);
		err_set(&e, ERR_FETCH, "y");
		err_prefix(&e, "%s", big);
		assert_true(valid(e.msg));
		err_set(&e, ERR_FETCH, "%s", big + off);
		err_prefix(&e, "%.*s", (int)off + 1, "\xe2\x82\xac");
		assert_true(valid(e.msg));
	}
	err_set(&e, ERR_FETCH, "fetch %s: (22) %s", "http://x/caf\xe9",
	    "\x80ok");
	assert_string_equal(e.msg, "fetch http://x/caf: (22) ?ok");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_kind_not_words),
		cmocka_unit_test(test_prefix_append),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_utf8),
	};

	return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
