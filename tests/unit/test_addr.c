/* Address math: parse and print, CIDR, netmasks, minimal range covers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>

#include "../../addr/addr.h"

/* The cover of first..last as one space-separated string. */
static const char *
cover(const char *first, const char *last)
{
	static char out[ADDR_MAXCOVER * CIDR_STRLEN];
	struct cidr c[ADDR_MAXCOVER];
	struct addr a, b;
	char buf[CIDR_STRLEN];
	int i, n;

	assert_int_equal(addr_parse(first, &a), 0);
	assert_int_equal(addr_parse(last, &b), 0);
	if ((n = range_to_cidrs(&a, &b, c, ADDR_MAXCOVER)) == -1)
		return "error";
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, " ");
		strcat(out, cidr_format(&c[i], buf));
	}
	return out;
}

static void
test_parse_format(void **state)
{
	struct addr a;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(addr_parse("170.10.132.1", &a), 0);
	assert_int_equal(a.family, 4);
	assert_string_equal(addr_format(&a, buf), "170.10.132.1");
	assert_int_equal(addr_parse("2001:DB8:0:0:0:0:0:1", &a), 0);
	assert_int_equal(a.family, 6);
	assert_string_equal(addr_format(&a, buf), "2001:db8::1");
	assert_int_equal(addr_parse("::", &a), 0);
	assert_string_equal(addr_format(&a, buf), "::");
	assert_int_equal(addr_parse("::ffff:10.0.0.1", &a), 0);
	assert_int_equal(a.family, 6);
	/* Not addresses. */
	assert_int_equal(addr_parse("256.1.1.1", &a), -1);
	assert_int_equal(addr_parse("1.2.3", &a), -1);
	assert_int_equal(addr_parse("1.2.3.4 ", &a), -1);
	assert_int_equal(addr_parse("", &a), -1);
	assert_int_equal(addr_parse("to", &a), -1);
	assert_int_equal(addr_parse("fe80::1%eth0", &a), -1);
	assert_int_equal(addr_parse("1:2:3:4:5:6:7:8:9", &a), -1);
}

/* The dotted quads made by hand are inet_ntop's, every byte value. */
static void
test_format4(void **state)
{
	char ours[ADDR_STRLEN], libc[ADDR_STRLEN], cb[CIDR_STRLEN], want[64];
	struct addr a;
	struct cidr c;
	unsigned i;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.family = 4;
	srand(11);
	for (i = 0; i < 70000; i++) {
		/* Every value in every position, then random ones. */
		a.b[0] = (uint8_t)(i < 256 ? i : (unsigned)rand());
		a.b[1] = (uint8_t)(i < 512 ? i % 256 : (unsigned)rand());
		a.b[2] = (uint8_t)(i < 768 ? 255 - i % 256 : (unsigned)rand());
		a.b[3] = (uint8_t)rand();
		addr_format(&a, ours);
		assert_non_null(inet_ntop(AF_INET, a.b, libc, sizeof(libc)));
		assert_string_equal(ours, libc);
		c.addr = a;
		c.len = (int)(i % 33);
		snprintf(want, sizeof(want), "%s/%d", libc, c.len);
		assert_string_equal(cidr_format(&c, cb), want);
	}
	assert_int_equal(cidr_parse("2001:db8:ffff:ffff:ffff:ffff:255.255.255.255/128",
	    &c), 0);
	assert_string_equal(cidr_format(&c, cb),
	    "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/128");
	assert_int_equal(cidr_parse("0.0.0.0/0", &c), 0);
	assert_string_equal(cidr_format(&c, cb), "0.0.0.0/0");
}

/* addr_parse reads IPv4 exactly as inet_pton does. */
static void
test_parse4(void **state)
{
	static const char *const v[] = { "1.2.3.4", "01.2.3.4", "1.2.3",
	    "256.1.1.1", "1.2.3.4.", "", ".1.2.3", "1..2.3", "0.0.0.0",
	    "255.255.255.255", " 1.2.3.4", "1.2.3.4 ", "1.2.3.04", "1.2.3.0x1",
	    "1.2.3.-1", "+1.2.3.4", "1.2.3.4/24", "4294967295", "1.2.3.255",
	    "1.2.3.25a", "00.0.0.0", "1.2.3.4\n" };
	unsigned char b[4];
	struct addr a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int want = inet_pton(AF_INET, v[i], b) == 1 ? 0 : -1;

		assert_int_equal(addr_parse(v[i], &a), want);
		if (want == 0)
			assert_memory_equal(a.b, b, 4);
	}
}

/*
 * Random strings of digits and dots: addr_parse4n agrees with inet_pton,
 * and addr_quad reads the longest prefix inet_pton would take whole.
 */
static void
test_parse4_random(void **state)
{
	static const char alpha[] = "0123456789.9.25";
	char s[20];
	unsigned char b[4];
	struct addr a;
	size_t i, j, n, q;
	int want;

	(void)state;
	srand(5);
	for (i = 0; i < 200000; i++) {
		n = (size_t)rand() % 17;
		for (j = 0; j < n; j++)
			s[j] = alpha[rand() % (int)(sizeof(alpha) - 1)];
		s[n] = '\0';
		want = inet_pton(AF_INET, s, b) == 1 ? 0 : -1;
		assert_int_equal(addr_parse4n(s, n, &a), want);
		if (want == 0)
			assert_memory_equal(a.b, b, 4);
		if ((q = addr_quad(s, s + n, &a)) > 0) {
			s[q] = '\0';
			assert_int_equal(inet_pton(AF_INET, s, b), 1);
			assert_memory_equal(a.b, b, 4);
			assert_int_equal(a.family, 4);
		} else
			assert_int_not_equal(want, 0);
	}
}

static void
test_order(void **state)
{
	struct addr a, b;

	(void)state;
	addr_parse("9.255.255.255", &a);
	addr_parse("10.0.0.0", &b);
	assert_true(addr_cmp(&a, &b) < 0);
	addr_parse("::", &b);
	assert_true(addr_cmp(&a, &b) < 0);	/* IPv4 before IPv6 */
	addr_parse("255.255.255.255", &a);
	assert_int_equal(addr_incr(&a), -1);
	addr_parse("0.0.0.0", &a);
	assert_int_equal(addr_decr(&a), -1);
	addr_parse("10.0.0.255", &a);
	assert_int_equal(addr_incr(&a), 0);
	addr_parse("10.0.1.0", &b);
	assert_int_equal(addr_cmp(&a, &b), 0);
}

static void
test_cidr(void **state)
{
	struct cidr c;
	struct addr a;
	char buf[CIDR_STRLEN], ab[ADDR_STRLEN];

	(void)state;
	assert_int_equal(cidr_parse("207.211.31.0/25", &c), 0);
	assert_int_equal(c.len, 25);
	assert_int_equal(cidr_canonicalize(&c), 0);
	cidr_last(&c, &a);
	assert_string_equal(addr_format(&a, ab), "207.211.31.127");
	assert_int_equal(cidr_parse("170.10.132.5/24", &c), 0);
	assert_int_equal(cidr_canonicalize(&c), 1);
	assert_string_equal(cidr_format(&c, buf), "170.10.132.0/24");
	assert_int_equal(cidr_parse("2001:DB8::1/32", &c), 0);
	assert_int_equal(cidr_canonicalize(&c), 1);
	assert_string_equal(cidr_format(&c, buf), "2001:db8::/32");
	assert_int_equal(cidr_parse("0.0.0.0/0", &c), 0);
	cidr_last(&c, &a);
	assert_string_equal(addr_format(&a, ab), "255.255.255.255");
	assert_int_equal(cidr_parse("::/0", &c), 0);
	cidr_last(&c, &a);
	assert_string_equal(addr_format(&a, ab),
	    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	addr_parse("10.1.2.3", &a);
	cidr_parse("10.0.0.0/8", &c);
	assert_true(cidr_contains(&c, &a));
	addr_parse("11.0.0.0", &a);
	assert_false(cidr_contains(&c, &a));
	addr_parse("::a00:0", &a);
	assert_false(cidr_contains(&c, &a));
	/* Not CIDRs. */
	assert_int_equal(cidr_parse("10.0.0.0/33", &c), -1);
	assert_int_equal(cidr_parse("10.0.0.0/", &c), -1);
	assert_int_equal(cidr_parse("10.0.0.0/-1", &c), -1);
	assert_int_equal(cidr_parse("10.0.0.0/ 8", &c), -1);
	assert_int_equal(cidr_parse("10.0.0.0/8x", &c), -1);
	assert_int_equal(cidr_parse("::/129", &c), -1);
	assert_int_equal(cidr_parse("10.0.0.0", &c), -1);
}

static void
test_netmask(void **state)
{
	struct addr m;
	char ab[ADDR_STRLEN];
	int len;

	(void)state;
	for (len = 0; len <= 32; len++) {
		prefix_to_netmask(4, len, &m);
		assert_int_equal(netmask_to_prefix(&m), len);
	}
	for (len = 0; len <= 128; len++) {
		prefix_to_netmask(6, len, &m);
		assert_int_equal(netmask_to_prefix(&m), len);
	}
	prefix_to_netmask(4, 25, &m);
	assert_string_equal(addr_format(&m, ab), "255.255.255.128");
	addr_parse("255.255.255.0", &m);
	assert_int_equal(netmask_to_prefix(&m), 24);
	addr_parse("255.0.255.0", &m);
	assert_int_equal(netmask_to_prefix(&m), -1);
	addr_parse("0.0.0.255", &m);
	assert_int_equal(netmask_to_prefix(&m), -1);
	/* A hole in the byte where the ones end, or a one after it. */
	addr_parse("255.255.253.0", &m);
	assert_int_equal(netmask_to_prefix(&m), -1);
	addr_parse("255.255.254.128", &m);
	assert_int_equal(netmask_to_prefix(&m), -1);
	addr_parse("255.255.0.1", &m);
	assert_int_equal(netmask_to_prefix(&m), -1);
	addr_parse("ffff:ffff:fffe:1::", &m);
	assert_int_equal(netmask_to_prefix(&m), -1);
	addr_parse("255.255.255.254", &m);
	assert_int_equal(netmask_to_prefix(&m), 31);
}

static void
test_cover(void **state)
{
	(void)state;
	assert_string_equal(cover("207.211.30.40", "207.211.30.49"),
	    "207.211.30.40/29 207.211.30.48/31");
	assert_string_equal(cover("0.0.0.0", "255.255.255.255"), "0.0.0.0/0");
	assert_string_equal(cover("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:"
	    "ffff"), "::/0");
	assert_string_equal(cover("10.0.0.5", "10.0.0.5"), "10.0.0.5/32");
	assert_string_equal(cover("10.0.0.0", "10.0.1.255"), "10.0.0.0/23");
	assert_string_equal(cover("10.0.0.1", "10.0.0.254"),
	    "10.0.0.1/32 10.0.0.2/31 10.0.0.4/30 10.0.0.8/29 10.0.0.16/28 "
	    "10.0.0.32/27 10.0.0.64/26 10.0.0.128/26 10.0.0.192/27 "
	    "10.0.0.224/28 10.0.0.240/29 10.0.0.248/30 10.0.0.252/31 "
	    "10.0.0.254/32");
	assert_string_equal(cover("255.255.255.255", "255.255.255.255"),
	    "255.255.255.255/32");
	assert_string_equal(cover("255.255.255.254", "255.255.255.255"),
	    "255.255.255.254/31");
	assert_string_equal(cover("2001:db8::", "2001:db8::ff"),
	    "2001:db8::/120");
	assert_string_equal(cover("10.0.0.2", "10.0.0.1"), "error");
	assert_string_equal(cover("10.0.0.1", "::1"), "error");
}

/* The worst case for IPv6 fits the bound, and the blocks tile exactly. */
static void
test_cover_worst(void **state)
{
	struct cidr c[ADDR_MAXCOVER];
	struct addr a, b, lo, hi, next;
	int i, n;

	(void)state;
	addr_parse("::1", &a);
	addr_parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", &b);
	n = range_to_cidrs(&a, &b, c, ADDR_MAXCOVER);
	assert_int_equal(n, 254);
	next = a;
	for (i = 0; i < n; i++) {
		cidr_first(&c[i], &lo);
		cidr_last(&c[i], &hi);
		assert_int_equal(addr_cmp(&lo, &next), 0);
		next = hi;
		addr_incr(&next);
	}
	assert_int_equal(addr_cmp(&hi, &b), 0);
}

/* A block is the largest aligned one that fits: checked by brute force. */
static int
largest_ok(const struct cidr *c, const struct addr *last)
{
	struct cidr bigger = *c;
	struct addr hi;

	if (c->len == 0)
		return 1;
	bigger.len--;
	cidr_first(&bigger, &hi);
	if (addr_cmp(&hi, &c->addr) != 0)
		return 1;	/* not aligned for a bigger one */
	cidr_last(&bigger, &hi);
	return addr_cmp(&hi, last) > 0;
}

/* Random ranges: exact, minimal tilings; the bound; the whole spaces. */
static void
test_cover_random(void **state)
{
	struct cidr c[ADDR_MAXCOVER];
	struct addr a, b, t, lo, hi, next;
	int i, j, n, k;

	(void)state;
	srand(7);
	for (k = 0; k < 2000; k++) {
		memset(&a, 0, sizeof(a));
		a.family = b.family = k % 2 ? 6 : 4;
		for (j = 0; j < addr_bits(&a) / 8; j++) {
			a.b[j] = (uint8_t)rand();
			b.b[j] = j < k % 16 ? a.b[j] : (uint8_t)rand();
		}
		if (addr_cmp(&a, &b) > 0) {
			t = a;
			a = b;
			b = t;
		}
		n = range_to_cidrs(&a, &b, c, ADDR_MAXCOVER);
		assert_true(n >= 1);
		next = a;
		for (i = 0; i < n; i++) {
			cidr_first(&c[i], &lo);
			cidr_last(&c[i], &hi);
			assert_int_equal(addr_cmp(&lo, &next), 0);
			assert_true(largest_ok(&c[i], &b));
			next = hi;
			addr_incr(&next);
		}
		assert_int_equal(addr_cmp(&hi, &b), 0);
		if (n > 1)
			assert_int_equal(range_to_cidrs(&a, &b, c, n - 1), -2);
	}
	assert_string_equal(cover("0.0.0.0", "255.255.255.255"), "0.0.0.0/0");
	assert_string_equal(cover("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
	    "::/0");
	addr_parse("0.0.0.1", &a);
	addr_parse("255.255.255.254", &b);
	assert_int_equal(range_to_cidrs(&a, &b, c, ADDR_MAXCOVER), 62);
	assert_int_equal(range_to_cidrs(&a, &b, c, 62), 62);
	assert_int_equal(range_to_cidrs(&a, &b, c, 61), -2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_format4),
		cmocka_unit_test(test_parse4),
		cmocka_unit_test(test_parse4_random),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_cidr),
		cmocka_unit_test(test_netmask),
		cmocka_unit_test(test_cover),
		cmocka_unit_test(test_cover_worst),
		cmocka_unit_test(test_cover_random),
	};

	return cmocka_run_group_tests_name("addr", tests, NULL, NULL);
}
