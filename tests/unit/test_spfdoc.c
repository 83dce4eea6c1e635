/* spf.json written and read back, and the second source's report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../spf/spf.h"

/* An answer of name with the n ranges of nets (text). */
static void
answer(struct spf_answer *a, const char *name, const char *const *nets,
    size_t n)
{
	size_t i;

	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%s", name);
	a->nets = calloc(n + 1, sizeof(*a->nets));
	for (i = 0; i < n; i++)
		assert_int_equal(cidr_parse(nets[i], &a->nets[i]), 0);
	a->nnets = n;
}

/* A document of two regions, added out of order. */
static void
two_regions(struct spf_doc *d, const char *extra)
{
	const char *us[] = { "192.0.2.0/24", "2001:db8::/32" };
	const char *uk[] = { "198.51.100.0/24", NULL };
	struct spf_answer a;
	struct err err;

	memset(d, 0, sizeof(*d));
	answer(&a, "us.example", us, 2);
	assert_int_equal(spf_doc_add(d, "us", &a, &err), 0);
	uk[1] = extra;
	answer(&a, "eu.example", uk, extra != NULL ? 2 : 1);
	a.notes[0] = strdup("a (in eu.example)");
	a.nnotes = 1;
	assert_int_equal(spf_doc_add(d, "uk", &a, &err), 0);
}

static void
test_roundtrip(void **state)
{
	struct spf_doc d, back;
	struct spf_answer a;
	struct err err;
	char *buf, *again, *list;
	size_t len, alen, llen;

	(void)state;
	two_regions(&d, NULL);
	assert_string_equal(d.v[0].code, "uk");
	assert_int_equal(spf_doc_json(&d, &buf, &len), 0);
	assert_int_equal(spf_doc_parse(buf, len, &back, &err), 0);
	assert_int_equal(spf_doc_json(&back, &again, &alen), 0);
	assert_int_equal(len, alen);
	assert_memory_equal(buf, again, len);
	assert_string_equal(back.v[0].a.notes[0], "a (in eu.example)");
	assert_int_equal(spf_doc_list(&back, NULL, 4, &list, &llen), 0);
	assert_string_equal(list, "192.0.2.0/24\n198.51.100.0/24\n");
	free(list);
	assert_int_equal(spf_doc_list(&back, "uk", 6, &list, &llen), 0);
	assert_int_equal(llen, 0);
	free(list);
	/* An empty answer is never recorded; nor a region twice. */
	answer(&a, "x.example", NULL, 0);
	assert_int_equal(spf_doc_add(&back, "de", &a, &err), -1);
	assert_non_null(strstr(err.msg, "no ip4: or ip6: range"));
	spf_answer_clear(&a);
	free(buf);
	free(again);
	spf_doc_clear(&d);
	spf_doc_clear(&back);
}

static void
test_strict(void **state)
{
	static const char *const bad[] = {
		"",
		"[]",
		"{\"schema\": 2, \"regions\": []}",
		"{\"schema\": 1, \"regions\": [], \"x\": 1}",
		"{\"schema\": 1, \"schema\": 1, \"regions\": []}",
		"{\"schema\": \"1\", \"regions\": []}",
		"{\"schema\": 1, \"regions\": [{\"region_code\": \"us\", "
		    "\"name\": \"us.example\", \"ranges\": [], "
		    "\"not_understood\": []}]}",
		"{\"schema\": 1, \"regions\": [{\"region_code\": \"us\", "
		    "\"name\": \"us.example\", \"ranges\": [\"10.0.0.1/8\"], "
		    "\"not_understood\": []}]}",
		"{\"schema\": 1, \"regions\": [{\"region_code\": \"us\", "
		    "\"name\": \"us.example\", \"ranges\": [\"10.0.0.0/8\", "
		    "\"10.0.0.0/8\"], \"not_understood\": []}]}",
		"{\"schema\": 1, \"regions\": [{\"region_code\": \"US\", "
		    "\"name\": \"us.example\", \"ranges\": [\"10.0.0.0/8\"], "
		    "\"not_understood\": []}]}",
		"{\"schema\": 1, \"regions\": [{\"region_code\": \"us\", "
		    "\"name\": \"us example\", \"ranges\": [\"10.0.0.0/8\"], "
		    "\"not_understood\": []}]}",
		"{\"schema\": 1, \"regions\": [{\"region_code\": \"us\", "
		    "\"name\": \"us.example\", \"ranges\": [\"10.0.0.0/8\"], "
		    "\"not_understood\": [\"a\\u001b[2J\"]}]}",
		"{\"schema\": 1, \"regions\": [{\"region_code\": \"us\", "
		    "\"name\": \"us.example\", \"ranges\": [\"10.0.0.0/8\"], "
		    "\"not_understood\": []}, {\"region_code\": \"uk\", "
		    "\"name\": \"eu.example\", \"ranges\": [\"10.0.0.0/8\"], "
		    "\"not_understood\": []}]}",
	};
	struct spf_doc d;
	struct err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(spf_doc_parse(bad[i], strlen(bad[i]), &d,
		    &err), -1);
		assert_int_equal(err.kind, ERR_REPO);
		assert_int_equal(d.n, 0);
	}
}

static int
keep_one(void *arg, const char *code)
{
	return strcmp(arg, code) == 0;
}

static void
test_report(void **state)
{
	struct spf_doc old, new, none;
	struct spf_report r, f;
	char *codes;

	(void)state;
	memset(&none, 0, sizeof(none));
	two_regions(&old, NULL);
	two_regions(&new, "203.0.113.0/24");
	memset(&r, 0, sizeof(r));
	assert_int_equal(spf_report_changes(&r, &old, &new), 0);
	assert_int_equal(spf_report_failed(&r, "de", "dns: SERVFAIL"), 0);
	spf_report_sort(&r);
	assert_int_equal(r.nchanges, 1);
	assert_int_equal(r.nwarnings, 1);
	assert_int_equal(r.first, 0);
	assert_int_equal(r.v[0].kind, SPF_ADDED);
	assert_string_equal(r.v[0].code, "uk");
	assert_int_equal(r.v[1].kind, SPF_FAILED);
	codes = spf_report_codes(&r, 1, ", ");
	assert_string_equal(codes, "de, uk");
	free(codes);
	codes = spf_report_codes(&r, 0, " ");
	assert_string_equal(codes, "uk");
	free(codes);
	assert_int_equal(spf_report_filter(&r, keep_one, "de", &f), 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.nwarnings, 1);
	assert_int_equal(f.nchanges, 0);
	spf_report_clear(&f);
	spf_report_clear(&r);
	/* Every range of a region no longer asked for is removed. */
	assert_int_equal(spf_report_changes(&r, &new, &none), 0);
	assert_int_equal(r.nchanges, 5);
	spf_report_clear(&r);
	/* The first answer recorded: said so. */
	assert_int_equal(spf_report_changes(&r, &none, &new), 0);
	assert_int_equal(r.first, 1);
	spf_report_clear(&r);
	spf_doc_clear(&old);
	spf_doc_clear(&new);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_strict),
		cmocka_unit_test(test_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
