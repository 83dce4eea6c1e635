/* Record-set differences, the anomaly guard and report summaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../diff/diff.h"
#include "../../diff/guard.h"
#include "../../diff/report.h"
#include "mkrecord.h"

/* Two sets: old has a, b, c; new has a, b' (changed), d (added). */
static void
sets(struct recordset **a, struct recordset **b)
{
	*a = recordset_new();
	*b = recordset_new();
	mk_network(*a, "Germany", "192.0.2.0/24", "255.255.255.0");
	mk_network(*a, "Germany", "198.51.100.0/24", "255.255.255.0");
	mk_url(*a, "Germany", "API", "https://de-api.example");
	mk_network(*b, "Germany", "192.0.2.0/24", "255.255.255.0");
	mk_network(*b, "Germany", "198.51.100.0/24", "255.255.255.128");
	mk_url(*b, "Canada", "API", "https://ca-api.example");
	mk_url(*b, "Germany", "API", "https://de-api2.example");
	recordset_sort(*a);
	recordset_sort(*b);
}

/* A set of the ports of one protocol, listed in one cell. */
static struct recordset *
ports(const int *v, size_t n)
{
	struct recordset *rs = recordset_new();
	size_t i;

	for (i = 0; i < n; i++)
		mk_port(rs, "SMTP", v[i]);
	recordset_sort(rs);
	return rs;
}

/*
 * Records sharing an identity (one protocol, several ports): those on
 * both sides are no change, whatever their place in the run; the others
 * pair up as changes, the rest removed or added.
 */
static void
test_diff_runs(void **state)
{
	static const struct {
		int	 old[3], new[3];
		size_t	 nold, nnew, added, removed, changed;
		int	 before, after;	/* the change's ports, 0: none */
	} cases[] = {
		{ { 25, 587 }, { 587 }, 2, 1, 0, 1, 0, 25, 0 },
		{ { 25, 587 }, { 25 }, 2, 1, 0, 1, 0, 587, 0 },
		{ { 25 }, { 25, 587 }, 1, 2, 1, 0, 0, 0, 587 },
		{ { 25, 587 }, { 465, 587 }, 2, 2, 0, 0, 1, 25, 465 },
		{ { 25, 465, 587 }, { 465 }, 3, 1, 0, 2, 0, 25, 0 },
	};
	struct recordset *a, *b;
	struct diff d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = ports(cases[i].old, cases[i].nold);
		b = ports(cases[i].new, cases[i].nnew);
		assert_int_equal(diff_records(a, b, &d), 0);
		assert_int_equal(d.nadded, cases[i].added);
		assert_int_equal(d.nremoved, cases[i].removed);
		assert_int_equal(d.nchanged, cases[i].changed);
		assert_int_equal(d.changes[0].before ?
		    d.changes[0].before->port : 0, cases[i].before);
		assert_int_equal(d.changes[0].after ?
		    d.changes[0].after->port : 0, cases[i].after);
		diff_free(&d);
		recordset_free(a);
		recordset_free(b);
	}
}

static void
test_diff(void **state)
{
	struct recordset *a, *b;
	struct diff d;

	(void)state;
	sets(&a, &b);
	assert_int_equal(diff_records(a, b, &d), 0);
	assert_int_equal(d.nadded, 1);
	assert_int_equal(d.nremoved, 0);
	/* Same identity, other values: changed, not removed and added. */
	assert_int_equal(d.nchanged, 2);
	assert_int_equal(d.nchanges, 3);
	/* Grouped by region, then kind. */
	assert_string_equal(change_record(&d.changes[0])->region_code, "ca");
	assert_null(d.changes[0].before);
	assert_int_equal(change_record(&d.changes[1])->kind, RECORD_NETWORK);
	assert_int_equal(change_record(&d.changes[2])->kind, RECORD_URL);
	diff_free(&d);

	/* Nothing against itself; everything against nothing. */
	assert_int_equal(diff_records(a, a, &d), 0);
	assert_int_equal(d.nchanges, 0);
	diff_free(&d);
	{
		struct recordset *e = recordset_new();

		assert_int_equal(diff_records(a, e, &d), 0);
		assert_int_equal(d.nremoved, 3);
		diff_free(&d);
		recordset_free(e);
	}
	diff_free(NULL);
	recordset_free(a);
	recordset_free(b);
}

static void
test_summary(void **state)
{
	struct recordset *a, *b;
	struct diff d;
	char buf[256];

	(void)state;
	sets(&a, &b);
	diff_records(a, b, &d);
	report_summary(&d, buf, sizeof(buf));
	assert_string_equal(buf, "+1 -0 ~2 (Canada, Germany)");
	diff_free(&d);
	recordset_free(a);
	recordset_free(b);
}

/* Two hundred regions changed: every code named, the summary says how many it left out. */
static void
test_many_regions(void **state)
{
	struct recordset *a, *b;
	struct diff d;
	char buf[256], name[32], net[32], *codes;
	int i, n;

	(void)state;
	a = recordset_new();
	b = recordset_new();
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "Region %03d", i);
		snprintf(net, sizeof(net), "10.%d.%d.0/24", i / 256, i % 256);
		mk_network(b, name, net, "255.255.255.0");
	}
	recordset_sort(b);
	assert_int_equal(diff_records(a, b, &d), 0);
	assert_non_null(codes = diff_codes(&d, " "));
	for (n = 1, i = 0; codes[i] != '\0'; i++)
		n += codes[i] == ' ';
	assert_int_equal(n, 200);
	assert_non_null(strstr(codes, "region-000 region-001"));
	assert_non_null(strstr(codes, "region-199"));
	free(codes);
	report_summary(&d, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Region 000, Region 001"));
	assert_non_null(strstr(buf, " more)"));
	diff_free(&d);
	recordset_free(a);
	recordset_free(b);
}

static void
test_report_text(void **state)
{
	struct recordset *a, *b;
	struct report_ctx ctx;
	struct diff d;
	const char *want;
	char *out = NULL;
	size_t len;
	FILE *fp;

	(void)state;
	sets(&a, &b);
	diff_records(a, b, &d);
	memset(&ctx, 0, sizeof(ctx));
	ctx.diff = &d;
	fp = open_memstream(&out, &len);
	assert_int_equal(report_text(fp, &ctx), 0);
	fclose(fp);
	/* No source, snapshot or date: no header (a commit message). */
	assert_int_equal(strncmp(out, "Canada (ca)\n", 12), 0);
	assert_non_null(strstr(out, "Canada (ca)\n    + URL API  "
	    "https://ca-api.example\n"));
	assert_non_null(strstr(out, "~ gateway network 198.51.100.0/24  "
	    "netmask: 255.255.255.0 -> 255.255.255.128\n"));
	assert_non_null(strstr(out, "~ URL API  url: https://de-api.example "
	    "-> https://de-api2.example\n"));
	free(out);

	/* The header of a morning mail. */
	out = NULL;
	ctx.from = "1111111111111111111111111111111111111111";
	ctx.to = "2222222222222222222222222222222222222222";
	ctx.source = "https://example.com/page";
	ctx.date = 1795867200;	/* 2026-11-28 12:00 UTC */
	fp = open_memstream(&out, &len);
	assert_int_equal(report_text(fp, &ctx), 0);
	fclose(fp);
	want = "Mimecast changed: +1 -0 ~2 (Canada, Germany)\n"
	    "Source: https://example.com/page\n"
	    "Snapshot: 2222222222222222222222222222222222222222, 2026-11-28 "
	    "12:00 UTC\n"
	    "Previous: 1111111111111111111111111111111111111111\n\n"
	    "Canada (ca)\n";
	assert_int_equal(strncmp(out, want, strlen(want)), 0);
	free(out);
	assert_non_null(report_find("markdown"));
	assert_null(report_find("yaml"));
	diff_free(&d);
	recordset_free(a);
	recordset_free(b);
}

static void
test_guard(void **state)
{
	struct recordset *a, *b, *e = recordset_new();
	struct diff d;
	char why[256];

	(void)state;
	sets(&a, &b);
	diff_records(a, b, &d);
	assert_int_equal(guard_check(a, b, &d, 20.0, why, sizeof(why)), 0);
	diff_free(&d);

	/* No records at all. */
	diff_records(a, e, &d);
	assert_int_equal(guard_check(a, e, &d, 20.0, why, sizeof(why)), 1);
	assert_string_equal(why, "the page has no records");
	diff_free(&d);

	/* A first run whose regions are section names: refused all the same. */
	{
		struct recordset *s = recordset_new(), *none = recordset_new();

		mk_network(s, "IP Addresses and Network Ranges", "192.0.2.0/24",
		    "255.255.255.0");
		recordset_sort(s);
		diff_records(none, s, &d);
		assert_int_equal(guard_check(none, s, &d, 20.0, why,
		    sizeof(why)), 1);
		assert_non_null(strstr(why, "reads as a section's name"));
		diff_free(&d);
		recordset_free(s);
		recordset_free(none);
	}

	/* A region gone: Canada is in b, not in a. */
	diff_records(b, a, &d);
	assert_int_equal(guard_check(b, a, &d, 100.0, why, sizeof(why)), 1);
	assert_string_equal(why, "region Canada (ca) is missing from the page");
	diff_free(&d);

	/* A kind gone, and removal over the limit. */
	{
		struct recordset *n = recordset_new();

		mk_network(n, "Germany", "192.0.2.0/24", "255.255.255.0");
		recordset_sort(n);
		diff_records(a, n, &d);
		assert_int_equal(guard_check(a, n, &d, 100.0, why,
		    sizeof(why)), 1);
		assert_string_equal(why, "the page has no url records at all");
		diff_free(&d);
		mk_url(n, "Germany", "API", "https://de-api.example");
		recordset_sort(n);
		diff_records(a, n, &d);
		/* One of three removed: 33.3%. */
		assert_int_equal(guard_check(a, n, &d, 30.0, why,
		    sizeof(why)), 1);
		assert_non_null(strstr(why, "remove 1 of 3 records (33.3%"));
		assert_int_equal(guard_check(a, n, &d, 34.0, why,
		    sizeof(why)), 0);
		diff_free(&d);
		recordset_free(n);
	}
	/* The first snapshot has nothing to lose. */
	diff_records(e, b, &d);
	assert_int_equal(guard_check(e, b, &d, 0.0, why, sizeof(why)), 0);
	diff_free(&d);
	recordset_free(a);
	recordset_free(b);
	recordset_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_diff_runs),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_many_regions),
		cmocka_unit_test(test_report_text),
		cmocka_unit_test(test_guard),
	};

	return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}
