/* The SPF walk: terms, include: and redirect=, RFC 7208's limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "../../spf/spf.h"

/* A zone: name, then its TXT records, NULL-terminated; NULL ends it. */
static const char *const *zone;

static int
fake_txt(void *arg, const char *name, char ***v, size_t *n, struct err *err)
{
	const char *const *z;
	size_t k;

	(void)arg;
	for (z = zone; *z != NULL; ) {
		if (strcasecmp(*z, name) == 0) {
			for (k = 0; z[1 + k] != NULL; k++)
				;
			*v = calloc(k + 1, sizeof(**v));
			for (*n = 0; *n < k; (*n)++)
				(*v)[*n] = strdup(z[1 + *n]);
			return 0;
		}
		while (*z++ != NULL)
			;
	}
	return err_set(err, ERR_FETCH, "dns %s: no such name (NXDOMAIN)",
	    name);
}

static void
fake_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static const struct spf_source src = { fake_txt, fake_free, NULL };

/* The answer's networks, space-separated. */
static const char *
nets(const struct spf_answer *a)
{
	static char out[2048];
	char buf[CIDR_STRLEN];
	size_t i;

	out[0] = '\0';
	for (i = 0; i < a->nnets; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s",
		    i ? " " : "", cidr_format(&a->nets[i], buf));
	return out;
}

static void
test_terms(void **state)
{
	static const char *const z[] = {
		"top", "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 "
		    "IP6:2001:db8::/32 -ip4:203.0.113.0/24 a mx:x.example "
		    "exp=why.example ~all", NULL,
		"top2", "google-site-verification=x", "v=spf1 ip4:10.0.0.1/8 "
		    "-all", NULL,
		NULL };
	struct spf_answer a;
	struct err err;

	(void)state;
	zone = z;
	assert_int_equal(spf_resolve(&src, "top", &a, &err), 0);
	assert_string_equal(nets(&a), "192.0.2.0/24 198.51.100.7/32 "
	    "2001:db8::/32");
	/* A "-" range, a, mx and exp= are told, never dropped. */
	assert_int_equal(a.nnotes, 4);
	assert_string_equal(a.notes[0], "-ip4:203.0.113.0/24 (in top)");
	assert_string_equal(a.notes[1], "a (in top)");
	assert_int_equal(a.lookups, 2);		/* a and mx cost lookups */
	spf_answer_clear(&a);
	/* Host bits cleared; a TXT record that is no SPF record passed by. */
	assert_int_equal(spf_resolve(&src, "top2", &a, &err), 0);
	assert_string_equal(nets(&a), "10.0.0.0/8");
	spf_answer_clear(&a);
}

static void
test_include(void **state)
{
	static const char *const z[] = {
		"r", "v=spf1 include:a.example include:b.example ~all", NULL,
		"a.example", "v=spf1 ip4:192.0.2.0/25 include:c.example", NULL,
		"b.example", "v=spf1 redirect=c.example", NULL,
		"c.example", "v=spf1 ip4:192.0.2.128/25 ip4:192.0.2.128/25",
		NULL,
		NULL };
	struct spf_answer a;
	struct err err;

	(void)state;
	zone = z;
	assert_int_equal(spf_resolve(&src, "r", &a, &err), 0);
	assert_string_equal(nets(&a), "192.0.2.0/25 192.0.2.128/25");
	assert_int_equal(a.lookups, 4);
	assert_int_equal(a.nnotes, 0);
	spf_answer_clear(&a);
}

static void
test_limits(void **state)
{
	static const char *const loop[] = {
		"x", "v=spf1 include:y", NULL, "y", "v=spf1 include:X", NULL,
		NULL };
	static const char *const deep[] = {
		"d0", "v=spf1 include:d1", NULL, "d1", "v=spf1 include:d2", NULL,
		"d2", "v=spf1 include:d3", NULL, "d3", "v=spf1 include:d4", NULL,
		"d4", "v=spf1 include:d5", NULL, "d5", "v=spf1 include:d6", NULL,
		"d6", "v=spf1 include:d7", NULL, "d7", "v=spf1 include:d8", NULL,
		"d8", "v=spf1 include:d9", NULL, "d9", "v=spf1 include:d10",
		NULL, "d10", "v=spf1 include:d11", NULL, "d11", "v=spf1", NULL,
		NULL };
	static const char *const bad[] = {
		"p", "v=spf1 ip4:192.0.2.0/33", NULL,
		"q", "v=spf1 ip6:192.0.2.0/24", NULL,
		"two", "v=spf1 ip4:192.0.2.1", "v=spf1 -all", NULL,
		"none", "just text", NULL,
		"missing", "v=spf1 include:nowhere.example", NULL,
		NULL };
	struct spf_answer a;
	struct err err;

	(void)state;
	zone = loop;
	assert_int_equal(spf_resolve(&src, "x", &a, &err), -1);
	assert_int_equal(err.kind, ERR_FETCH);
	assert_non_null(strstr(err.msg, "an include loop"));
	zone = deep;
	assert_int_equal(spf_resolve(&src, "d0", &a, &err), -1);
	assert_non_null(strstr(err.msg, "more than 10 DNS lookups"));
	/* Ten are allowed: d1 .. d10 from d1's ninth... from d2. */
	assert_int_equal(spf_resolve(&src, "d2", &a, &err), 0);
	assert_int_equal(a.lookups, 9);
	spf_answer_clear(&a);
	zone = bad;
	assert_int_equal(spf_resolve(&src, "p", &a, &err), -1);
	assert_non_null(strstr(err.msg, "ip4:192.0.2.0/33: not an IPv4"));
	assert_int_equal(spf_resolve(&src, "q", &a, &err), -1);
	assert_int_equal(spf_resolve(&src, "two", &a, &err), -1);
	assert_non_null(strstr(err.msg, "more than one SPF record"));
	assert_int_equal(spf_resolve(&src, "none", &a, &err), -1);
	assert_non_null(strstr(err.msg, "no SPF record"));
	assert_int_equal(spf_resolve(&src, "missing", &a, &err), -1);
	assert_non_null(strstr(err.msg, "NXDOMAIN"));
}

static void
test_hostile(void **state)
{
	static char big[(SPF_MAXTERMS + 1) * 14 + 64];
	static const char *z[] = { "h", big, NULL, NULL };
	struct spf_answer a;
	struct err err;
	int i;

	(void)state;
	strcpy(big, "v=spf1");
	for (i = 0; i <= SPF_MAXTERMS; i++)
		strcat(big, " ip4:10.0.0.1");
	zone = z;
	assert_int_equal(spf_resolve(&src, "h", &a, &err), -1);
	assert_non_null(strstr(err.msg, "more than 512 terms"));
}

static void
test_names(void **state)
{
	const char *extra[] = { "jer=je._netblocks.example",
	    "us=us.override.example" };
	const char *code, *name;

	(void)state;
	assert_string_equal(spf_name("uk", NULL, 0),
	    "eu._netblocks.mimecast.com");
	assert_string_equal(spf_name("global", NULL, 0),
	    "_netblocks.mimecast.com");
	assert_null(spf_name("jer", NULL, 0));
	assert_string_equal(spf_name("jer", extra, 2),
	    "je._netblocks.example");
	assert_string_equal(spf_name("us", extra, 2), "us.override.example");
	assert_null(spf_name("u", extra, 2));
	assert_int_equal(spf_builtin(0, &code, &name), 0);
	assert_int_equal(spf_builtin(100, &code, &name), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
