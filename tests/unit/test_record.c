/* Record order, identity, de-duplication and region codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <jansson.h>

#include "mkrecord.h"
#include "../../records/json.h"

/*
 * Every permutation's cycles, long and short: 200 networks in a shuffled
 * order (a fixed seed) come out in address order, each record whole.
 */
static void
test_sort_shuffled(void **state)
{
	struct recordset *rs = recordset_new();
	char buf[CIDR_STRLEN], want[CIDR_STRLEN];
	size_t order[200], i, j, t;
	unsigned int seed = 7;

	(void)state;
	for (i = 0; i < 200; i++)
		order[i] = i;
	for (i = 199; i > 0; i--) {
		seed = seed * 1103515245u + 12345u;
		j = (seed >> 8) % (i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < 200; i++) {
		snprintf(buf, sizeof(buf), "10.%zu.%zu.0/24", order[i] / 16,
		    order[i] % 16);
		mk_network(rs, "Germany", buf, buf);
	}
	assert_int_equal(recordset_sort(rs), 0);
	assert_int_equal(rs->nrecs, 200);
	for (i = 0; i < 200; i++) {
		snprintf(want, sizeof(want), "10.%zu.%zu.0/24", i / 16, i % 16);
		assert_string_equal(cidr_format(&rs->recs[i].cidr, buf), want);
		/* The netmask field came along with its record. */
		assert_string_equal(rs->recs[i].netmask, want);
	}
	recordset_free(rs);
}

static void
test_sort(void **state)
{
	struct recordset *rs = recordset_new();
	char buf[CIDR_STRLEN];

	(void)state;
	mk_network(rs, "United States of America", "170.10.132.0/24", NULL);
	mk_network(rs, "Canada", "2001:db8::/32", NULL);
	mk_network(rs, "United States of America", "63.128.21.0/24", NULL);
	mk_network(rs, "Canada", "9.0.0.0/8", NULL);
	mk_network(rs, "United States of America", "170.10.132.0/23", NULL);
	mk_port(rs, "SMTP", 25);
	assert_int_equal(recordset_sort(rs), 0);
	assert_int_equal(rs->nrecs, 6);
	/* Region code, then section, kind, then numeric address order. */
	assert_string_equal(rs->recs[0].region_code, "ca");
	assert_string_equal(cidr_format(&rs->recs[0].cidr, buf), "9.0.0.0/8");
	assert_string_equal(cidr_format(&rs->recs[1].cidr, buf),
	    "2001:db8::/32");
	assert_string_equal(rs->recs[2].region_code, "global");
	assert_string_equal(cidr_format(&rs->recs[3].cidr, buf),
	    "63.128.21.0/24");
	assert_string_equal(cidr_format(&rs->recs[4].cidr, buf),
	    "170.10.132.0/23");
	assert_string_equal(cidr_format(&rs->recs[5].cidr, buf),
	    "170.10.132.0/24");
	assert_int_equal(rs->nwarns, 0);
	recordset_free(rs);
	recordset_free(NULL);
}

/* The order does not depend on the order records came in. */
static void
test_sort_stable_input(void **state)
{
	static const char *cidrs[] = { "10.0.0.0/8", "10.0.0.0/16",
	    "192.0.2.0/24", "::1/128", "0.0.0.0/0" };
	struct recordset *a = recordset_new(), *b = recordset_new();
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		mk_network(a, "Germany", cidrs[i], NULL);
	for (i = 5; i-- > 0;)
		mk_network(b, "Germany", cidrs[i], NULL);
	recordset_sort(a);
	recordset_sort(b);
	for (i = 0; i < 5; i++)
		assert_int_equal(record_cmp(&a->recs[i], &b->recs[i]), 0);
	recordset_free(a);
	recordset_free(b);
}

static void
test_dedupe(void **state)
{
	struct recordset *rs = recordset_new();

	(void)state;
	mk_network(rs, "Germany", "10.0.0.0/8", "255.0.0.0");
	mk_network(rs, "Germany", "10.0.0.0/8", "255.0.0.0");
	/* Same identity, other values: kept, both are facts to report. */
	mk_network(rs, "Germany", "10.0.0.0/8", "255.255.0.0");
	recordset_sort(rs);
	assert_int_equal(rs->nrecs, 2);
	assert_int_equal(rs->nwarns, 1);
	assert_non_null(strstr(rs->warns[0].message, "duplicate network"));
	assert_true(record_same_identity(&rs->recs[0], &rs->recs[1]));
	assert_true(record_cmp(&rs->recs[0], &rs->recs[1]) < 0);
	recordset_free(rs);
}

static void
test_identity(void **state)
{
	struct recordset *rs = recordset_new();

	(void)state;
	mk_port(rs, "SMTP", 25);
	mk_port(rs, "SMTP", 587);
	mk_port(rs, "POP3", 110);
	recordset_sort(rs);
	/* Ports sort by number; a port is known by its protocol alone. */
	assert_int_equal(rs->recs[0].port, 25);
	assert_int_equal(rs->recs[1].port, 110);
	assert_int_equal(rs->recs[2].port, 587);
	assert_true(record_same_identity(&rs->recs[0], &rs->recs[2]));
	assert_false(record_same_identity(&rs->recs[0], &rs->recs[1]));
	recordset_free(rs);
}

static void
test_regions(void **state)
{
	static const struct { const char *h, *code; } t[] = {
		{ "United States of America", "us" },
		{ "United States of America (B grid)", "usb" },
		{ "Canada", "ca" },
		{ "Europe (Excluding Germany)", "uk" },
		{ "europe (excluding germany)", "uk" },
		{ "Germany", "de" },
		{ "South Africa", "za" },
		{ "Australia", "au" },
		{ "Offshore (Jersey)", "jer" },
		{ "Global Application Resources", "global" },
		{ "Canada:", "ca" },
		{ "India (New Region)", "india-new-region" },
		{ "United States of America (US)", "us" },
		{ "Germany (de)", "de" },
		{ "Offshore (Jersey) (JER)", "jer" },
		{ "United States of America (C grid)",
		    "united-states-of-america-c-grid" },
		{ "United States of America (DE)",
		    "united-states-of-america-de" },
		{ "  !!  ", "r-d7e1cb6f" },
		{ "", "unknown" },
		{ "All", "all-region" },
		{ "\xe6\x97\xa5\xe6\x9c\xac", "r-cf2abf0c" },
	};
	size_t i;
	char *c;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = region_code(t[i].h);
		assert_string_equal(c, t[i].code);
		free(c);
	}
	assert_null(region_known("IP Addresses and Network Ranges"));
	c = region_code("A very long heading that goes on and on and on "
	    "well past the limit");
	assert_true(strlen(c) <= 40);
	free(c);
}

/* Codes shared by several headings are made unique, whatever the order. */
static void
test_unique_codes(void **state)
{
	static const char *const heads[] = {
		"India", "INDIA", "US", "United States of America",
		"\xe6\x97\xa5\xe6\x9c\xac", "\xed\x95\x9c\xea\xb5\xad",
		"India",
	};
	struct recordset *rs;
	size_t i, j, n = sizeof(heads) / sizeof(heads[0]);
	const char *other = NULL;
	char buf[64];

	(void)state;
	for (j = 0; j < 2; j++) {
		assert_non_null(rs = recordset_new());
		for (i = 0; i < n; i++) {
			snprintf(buf, sizeof(buf), "192.0.2.%zu/32", i);
			mk_network(rs, heads[j ? n - 1 - i : i], buf, NULL);
		}
		assert_int_equal(region_codes_unique(rs), 0);
		for (i = 0; i < n; i++) {
			const struct record *r = &rs->recs[i];

			if (strcmp(r->region, "United States of America") == 0)
				assert_string_equal(r->region_code, "us");
			else if (strcmp(r->region, "US") == 0)
				assert_string_equal(r->region_code, "us-9b202e");
			else if (strcmp(r->region, "INDIA") == 0)
				assert_string_equal(r->region_code, "india");
			else if (strcmp(r->region, "India") == 0)
				assert_string_equal(r->region_code,
				    "india-abd149");
			else {
				assert_int_equal(strncmp(r->region_code, "r-", 2),
				    0);
				if (other != NULL)
					assert_string_not_equal(other,
					    r->region_code);
				other = r->region_code;
			}
		}
		other = NULL;
		recordset_free(rs);
	}
}

static void
test_kind_names(void **state)
{
	enum record_kind k;

	(void)state;
	assert_int_equal(record_kind_parse("range", &k), 0);
	assert_int_equal(k, RECORD_RANGE);
	assert_string_equal(record_kind_name(RECORD_URL), "url");
	assert_int_equal(record_kind_parse("host", &k), -1);
}

/*
 * The dataset as jansson alone writes it: a record_to_json object a line,
 * compact, the way dump_records wrote every record before it wrote plain
 * ASCII records itself.
 */
static char *
jansson_dataset(const struct recordset *rs)
{
	char *out = NULL, *line;
	size_t len = 0, i;
	FILE *fp = open_memstream(&out, &len);
	json_t *o;

	assert_non_null(fp);
	fputs("{\"records\":[\n", fp);
	for (i = 0; i < rs->nrecs; i++) {
		assert_non_null(o = record_to_json(&rs->recs[i]));
		assert_non_null(line = json_dumps(o, JSON_COMPACT));
		fprintf(fp, "%s%s\n", line, i + 1 < rs->nrecs ? "," : "");
		free(line);
		json_decref(o);
	}
	fputs("]}\n", fp);
	fclose(fp);
	return out;
}

/* Every kind, with text that needs escaping and text that does not. */
static void
test_json_lines(void **state)
{
	static const char *const texts[] = { "plain", "say \"hi\"",
	    "back\\slash", "Z\xc3\xbcrich", "slash/es", "tab\there", "del\x7f",
	    "", "{\"k\":1}", "~ !#$%&'()*+,-.:;<=>?@[]^_`{|}" };
	struct recordset *rs = recordset_new();
	struct record *r;
	char *got = NULL, *want;
	size_t len = 0, i;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		mk_network(rs, "United States of America", "10.0.0.0/24",
		    texts[i]);
		mk_url(rs, texts[i], "app", "https://x.example/u?a=1&b=2");
		mk_port(rs, texts[i], (int)i * 1000);
	}
	/* A range with its cover, retiring, with a note. */
	r = &rs->recs[0];
	r->kind = RECORD_RANGE;
	r->first = strdup("10.0.0.1");
	r->last = strdup("10.0.0.6");
	r->label = strdup("non-SPF");
	r->position = 2;
	assert_non_null(r->cidrs = calloc(3, sizeof(*r->cidrs)));
	assert_int_equal(cidr_parse("10.0.0.1/32", &r->cidrs[0]), 0);
	assert_int_equal(cidr_parse("10.0.0.2/31", &r->cidrs[1]), 0);
	assert_int_equal(cidr_parse("10.0.0.4/31", &r->cidrs[2]), 0);
	r->ncidrs = 3;
	r->status = RECORD_RETIRING;
	r->note = strdup("gone \"soon\"");
	assert_non_null(fp = open_memstream(&got, &len));
	assert_int_equal(output_records_json(fp, rs), 0);
	fclose(fp);
	want = jansson_dataset(rs);
	assert_string_equal(got, want);
	free(got);
	free(want);
	recordset_free(rs);
}

/*
 * A warning quoting page text as "%.Ns" may cut a character: it is kept
 * UTF-8, so that the parse's JSON and the snapshot's source.json can
 * hold it (jansson refuses it otherwise, and the run failed).
 */
static void
test_warning_cut(void **state)
{
	struct recordset *rs = recordset_new();
	char *got = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	assert_int_equal(recordset_warn(rs, "Z\xc3\xbcrich", "", "row '%.9s"
	    "...': not an address", "10.0.0.1 \xe2\x82\xac"), 0);
	assert_string_equal(rs->warns[0].message,
	    "row '10.0.0.1 ...': not an address");
	assert_non_null(fp = open_memstream(&got, &len));
	assert_int_equal(output_json(fp, rs), 0);
	fclose(fp);
	assert_non_null(strstr(got, "row '10.0.0.1 ...': not an address"));
	free(got);
	recordset_free(rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_sort_shuffled),
		cmocka_unit_test(test_sort_stable_input),
		cmocka_unit_test(test_dedupe),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_unique_codes),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_json_lines),
		cmocka_unit_test(test_warning_cut),
	};

	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
