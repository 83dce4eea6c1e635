/* Header detection words and table classification. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../parser/classify.h"

static enum table_kind
kind(const char *const *cells, size_t n, struct header *h)
{
	return classify_header(cells, n, h);
}

static void
test_words(void **state)
{
	(void)state;
	assert_int_equal(classify_word("Network"), COL_NETWORK);
	assert_int_equal(classify_word("IP Address Range 2"), COL_RANGE);
	assert_int_equal(classify_word("IP Address Ranges:"), COL_RANGE);
	assert_int_equal(classify_word("IP Addresses"), COL_IP);
	assert_int_equal(classify_word("Default Port(s)"), COL_PORT);
	assert_int_equal(classify_word("URLs"), COL_URL);
	assert_int_equal(classify_word("CIDR"), COL_CIDR);
	assert_int_equal(classify_word("Subnet Mask"), COL_NETMASK);
	assert_int_equal(classify_word("LOCATION"), COL_LOCATION);
	assert_int_equal(classify_word("Region"), COL_LABEL);
	assert_int_equal(classify_word("Usage"), COL_USAGE);
	assert_int_equal(classify_word("Administration Console"), COL_NONE);
	assert_int_equal(classify_word("170.10.132.0/24"), COL_NONE);
	assert_int_equal(classify_word(""), COL_NONE);
}

static void
test_kinds(void **state)
{
	static const char *net[] = { "Network", "IP Address Range",
	    "IP Address Range", "IP Address Range", "Netmask" };
	static const char *padded[] = { "Network", "IP Address Range",
	    "Netmask", "", "" };
	static const char *host[] = { "Location", "IP Address", "CIDR",
	    "Netmask" };
	static const char *range[] = { "Region", "IP Address Range 1",
	    "IP Address Range 1", "IP Address Range 1", "IP Address Range 2",
	    "IP Address Range 2", "IP Address Range 2" };
	static const char *url[] = { "Application", "URL" };
	static const char *port[] = { "Protocol", "Default Port", "Usage" };
	static const char *note[] = { "Note:", "Your region may not be ..." };
	static const char *data[] = { "170.10.132.0/24", "170.10.132.1" };
	static const char *cidr[] = { "CIDR range" };
	struct header h;

	(void)state;
	assert_int_equal(kind(net, 5, &h), TABLE_NETWORK);
	/* A colspan counts once: three fields. */
	assert_int_equal(h.nroles, 3);
	assert_int_equal(h.roles[1], COL_RANGE);
	assert_int_equal(kind(padded, 5, &h), TABLE_NETWORK);
	assert_int_equal(h.nroles, 3);
	assert_int_equal(kind(host, 4, &h), TABLE_HOST);
	assert_int_equal(kind(range, 7, &h), TABLE_RANGE);
	/* Range 1 and Range 2 are two fields. */
	assert_int_equal(h.nroles, 3);
	assert_int_equal(kind(url, 2, &h), TABLE_URL);
	assert_int_equal(kind(port, 3, &h), TABLE_PORT);
	assert_int_equal(h.roles[2], COL_USAGE);
	assert_int_equal(kind(note, 2, &h), TABLE_UNKNOWN);
	assert_int_equal(kind(data, 2, &h), TABLE_UNKNOWN);
	assert_int_equal(kind(url, 1, &h), TABLE_UNKNOWN);
	/* A column of networks alone: a network table. */
	assert_int_equal(kind(net, 1, &h), TABLE_NETWORK);
	assert_int_equal(kind(cidr, 1, &h), TABLE_NETWORK);
	assert_int_equal(kind(host + 2, 1, &h), TABLE_NETWORK);
	assert_int_equal(kind(note, 1, &h), TABLE_UNKNOWN);
}

static void
test_heading(void **state)
{
	struct header h;

	(void)state;
	assert_int_equal(classify_heading("IP Addresses / Network Ranges for "
	    "Non-SPF Email Traffic", &h), TABLE_RANGE);
	assert_int_equal(classify_heading("IP Addresses and Network Ranges",
	    &h), TABLE_NETWORK);
	assert_int_equal(h.nroles, 3);
	assert_int_equal(h.roles[0], COL_NETWORK);
	assert_int_equal(classify_heading("Global Application URL", &h),
	    TABLE_URL);
	assert_int_equal(classify_heading("Protocol Connection Ports", &h),
	    TABLE_PORT);
	assert_int_equal(classify_heading("Mimecast Website", &h), TABLE_HOST);
	assert_int_equal(h.roles[1], COL_IP);
	assert_int_equal(classify_heading("Considerations", &h), TABLE_UNKNOWN);
	assert_int_equal(classify_heading("", &h), TABLE_UNKNOWN);
	assert_int_equal(h.nroles, 0);
}

static void
test_note(void **state)
{
	(void)state;
	assert_true(classify_note("Note:"));
	assert_true(classify_note("IMPORTANT"));
	assert_true(classify_note("Note !"));
	assert_false(classify_note("Network"));
	assert_false(classify_note(""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_heading),
		cmocka_unit_test(test_note),
	};

	return cmocka_run_group_tests_name("classify", tests, NULL, NULL);
}
