/* The lists records belong to, and CIDR list files of one family. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mkrecord.h"
#include "../../records/lists.h"

/* A range record first..last in region. */
static void
mk_range(struct recordset *rs, const char *region, const char *first,
    const char *last)
{
	struct record r;
	struct addr a, b;
	struct cidr cover[ADDR_MAXCOVER];
	int n;

	mk_place(&r, RECORD_RANGE, region, "Non-SPF");
	assert_int_equal(addr_parse(first, &a), 0);
	assert_int_equal(addr_parse(last, &b), 0);
	assert_true((n = range_to_cidrs(&a, &b, cover, ADDR_MAXCOVER)) > 0);
	r.label = strdup("North America");
	r.position = 1;
	r.first = strdup(first);
	r.last = strdup(last);
	r.cidrs = calloc((size_t)n, sizeof(*r.cidrs));
	memcpy(r.cidrs, cover, (size_t)n * sizeof(*cover));
	r.ncidrs = (size_t)n;
	assert_int_equal(recordset_add(rs, &r), 0);
}

static void
mk_host(struct recordset *rs, const char *cidr)
{
	struct record r;

	mk_place(&r, RECORD_NETWORK, "Global Application Resources",
	    "Mimecast Website");
	assert_int_equal(cidr_parse(cidr, &r.cidr), 0);
	assert_int_equal(recordset_add(rs, &r), 0);
}

/* The list of rs in mask and family, as text. */
static char *
list(const struct recordset *rs, unsigned mask, int family)
{
	static char *buf;
	size_t len;
	FILE *fp;

	free(buf);
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(cidrlist_write(fp, rs, 0, rs->nrecs, mask, family), 0);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void
test_lists(void **state)
{
	struct recordset *rs;
	enum record_list l;
	size_t i;

	(void)state;
	assert_non_null(rs = recordset_new());
	mk_network(rs, "Germany", "2001:db8:ca::/48", NULL);
	mk_network(rs, "Germany", "192.0.2.0/24", "255.255.255.0");
	mk_network(rs, "Germany", "192.0.2.128/25", NULL);
	mk_range(rs, "Germany", "192.0.2.40", "192.0.2.49");
	mk_range(rs, "Germany", "198.51.100.1", "198.51.100.2");
	mk_host(rs, "203.0.113.7/32");
	mk_url(rs, "Germany", "API", "https://de-api.example");
	mk_port(rs, "SMTP", 25);
	assert_int_equal(recordset_sort(rs), 0);

	for (i = 0; i < rs->nrecs; i++)
		assert_int_equal(record_list(&rs->recs[i]),
		    rs->recs[i].kind == RECORD_RANGE ? LIST_NONSPF :
		    rs->recs[i].kind == RECORD_URL ? LIST_URLS :
		    rs->recs[i].kind == RECORD_PORT ? LIST_PORTS :
		    strcmp(rs->recs[i].region_code, "global") == 0 ?
		    LIST_WEBSITE : LIST_GATEWAY);
	/* Families never mix, and nested blocks fold into their cover. */
	assert_string_equal(list(rs, LIST_ADDRESSES, 4), "192.0.2.0/24\n"
	    "198.51.100.1/32\n198.51.100.2/32\n203.0.113.7/32\n");
	assert_string_equal(list(rs, LIST_ADDRESSES, 6), "2001:db8:ca::/48\n");
	assert_string_equal(list(rs, 1u << LIST_GATEWAY, 4), "192.0.2.0/24\n");
	assert_string_equal(list(rs, 1u << LIST_NONSPF, 4), "192.0.2.40/29\n"
	    "192.0.2.48/31\n198.51.100.1/32\n198.51.100.2/32\n");
	assert_string_equal(list(rs, 1u << LIST_WEBSITE, 4), "203.0.113.7/32\n");
	assert_string_equal(list(rs, 1u << LIST_WEBSITE, 6), "");
	assert_string_equal(list(rs, 1u << LIST_URLS, 4), "");

	assert_int_equal(record_list_parse("non-spf", &l), 0);
	assert_int_equal(l, LIST_NONSPF);
	assert_string_equal(record_list_name(LIST_PORTS), "ports");
	assert_int_equal(record_list_parse("hosts", &l), -1);
	recordset_free(rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists),
	};

	return cmocka_run_group_tests_name("lists", tests, NULL, NULL);
}
