/* Which URLs a URL record may hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../util/url.h"

static void
test_url(void **state)
{
	static const char *const good[] = {
		"https://login-us.mimecast.com/u/login?gta=administration",
		"https://webmail.mimecast.com/m/portal/login/#/login",
		"HTTP://portal.mimecast.com:8443/monitor",
		"http://[2001:db8::1]/x", "api.example.com",
		"us-api.mimecast.com/path",
	};
	static const char *const bad[] = {
		"javascript:alert(1)", "javascript:alert(1).x",
		"https://a.example/<script>", "https://a.example/x y",
		"https://a.example/\"onmouseover=x", "https://a.example\\evil",
		"https://", "https:///path", "ftp://a.example/",
		"[x](javascript:alert(1))", "not a url", "nodot",
		"https://a.example:99999999/", "https://a.example/`x`",
		"data:text/html,<b>x</b>", "https://a.example/\x01",
		"https://a.ex ample", "https://user@a.example/",
	};
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(url_acceptable(good[i], &why));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		assert_false(url_acceptable(bad[i], &why));
		assert_non_null(why);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url),
	};

	return cmocka_run_group_tests_name("url", tests, NULL, NULL);
}
