/* Response headers and redirects, as scraper/headers.c reads them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../scraper/headers.h"

#define NOW	1767225600	/* 2026-01-01T00:00:00Z */

static int
line(struct headers *h, const char *s)
{
	return headers_line(h, s, strlen(s), NOW);
}

static void
test_lines(void **state)
{
	struct headers h;

	(void)state;
	memset(&h, 0, sizeof(h));
	h.retry_after = -1;
	assert_int_equal(line(&h, "HTTP/1.1 100 Continue\r\n"), 1);
	assert_int_equal(line(&h, "ETag: \"old\"\r\n"), 0);
	/* The final response starts over: nothing of the first is kept. */
	assert_int_equal(line(&h, "HTTP/1.1 200 \x1b[2JOK\r\n"), 1);
	assert_string_equal(h.status, "HTTP/1.1 200 ?[2JOK");
	assert_null(h.etag);
	assert_int_equal(line(&h, "content-type:  text/html; charset=\"utf-8\""
	    "\r\n"), 0);
	assert_int_equal(line(&h, "ETag: W/\"v1\"\r\n"), 0);
	assert_int_equal(line(&h, "Last-Modified: Thu, 01 Jan 2026 00:00:00 "
	    "GMT\r\n"), 0);
	assert_int_equal(line(&h, "X-Content-Type: evil\r\n"), 0);
	assert_int_equal(line(&h, "no colon at all\r\n"), 0);
	assert_string_equal(h.ctype, "text/html; charset=\"utf-8\"");
	assert_string_equal(h.etag, "W/\"v1\"");
	assert_string_equal(h.lastmod, "Thu, 01 Jan 2026 00:00:00 GMT");
	assert_int_equal(line(&h, "Retry-After: 120\r\n"), 0);
	assert_int_equal(h.retry_after, 120);
	headers_reset(&h);
	assert_null(h.ctype);
	assert_int_equal(h.retry_after, -1);
}

static void
test_retry_after(void **state)
{
	(void)state;
	assert_int_equal(headers_retry_after("30", NOW), 30);
	assert_int_equal(headers_retry_after("Thu, 01 Jan 2026 00:01:00 GMT",
	    NOW), 60);
	/* A date past is now; a word is nothing. */
	assert_int_equal(headers_retry_after("Wed, 31 Dec 2025 00:00:00 GMT",
	    NOW), 0);
	assert_int_equal(headers_retry_after("soon", NOW), -1);
	assert_int_equal(headers_retry_after("", NOW), -1);
}

static void
test_content(void **state)
{
	char *cs = NULL;

	(void)state;
	assert_int_equal(headers_content(NULL, 0, &cs), 1);
	assert_int_equal(headers_content("text/html;charset=\"windows-1252\"",
	    0, &cs), 1);
	assert_string_equal(cs, "windows-1252");
	assert_int_equal(headers_content("application/json", 0, &cs), 0);
	assert_int_equal(headers_content("text/html", 1, &cs), 0);
	assert_int_equal(headers_content("application/json; charset=utf-8",
	    1, &cs), 1);
	assert_string_equal(cs, "utf-8");
	free(cs);
}

static void
test_redirect(void **state)
{
	(void)state;
	assert_int_equal(headers_redirect_ok("https://a.example/",
	    "https://b.example/x"), 1);
	assert_int_equal(headers_redirect_ok("http://a.example/",
	    "https://b.example/x"), 1);
	assert_int_equal(headers_redirect_ok("https://a.example/",
	    "http://b.example/x"), -1);
	assert_int_equal(headers_redirect_ok("https://a.example/",
	    "file:///etc/passwd"), 0);
	assert_int_equal(headers_redirect_ok("https://a.example/",
	    "javascript:alert(1)"), 0);
	assert_int_equal(headers_redirect_ok("https://a.example/", ""), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_content),
		cmocka_unit_test(test_redirect),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
