/*
 * What the transfers show of a URL: never its user and password, a path
 * as it is, and without libcurl where no scheme can make it a URL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../transport/transfer.h"

static void
test_redact(void **state)
{
	char buf[256];

	(void)state;
	assert_string_equal(transfer_redact("https://u:secret@example.com/p?q",
	    buf, sizeof(buf)), "https://example.com/p?q");
	assert_string_equal(transfer_redact("smtp://user@mail.example.com:587",
	    buf, sizeof(buf)), "smtp://mail.example.com:587/");
	assert_string_equal(transfer_redact("/srv/pages/dc.html", buf,
	    sizeof(buf)), "/srv/pages/dc.html");
	/* No scheme and an '@': refused, as libcurl's parser refuses it. */
	assert_string_equal(transfer_redact("u:pw@example.com/x", buf,
	    sizeof(buf)), "(a URL that does not parse)");
	assert_string_equal(transfer_redact("pages/a@b.html", buf,
	    sizeof(buf)), "(a URL that does not parse)");
	assert_string_equal(transfer_redact("file:///srv/dc.html", buf,
	    sizeof(buf)), "file:///srv/dc.html");
	/* Cut to the buffer, never overrun. */
	assert_string_equal(transfer_redact("/srv/pages/dc.html", buf, 5),
	    "/srv");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
