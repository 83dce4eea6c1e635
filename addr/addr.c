/* IPv4 and IPv6 address and CIDR arithmetic on 16-byte big-endian values. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

int
addr_bits(const struct addr *a)
{
	return a->family == 4 ? 32 : 128;
}

static int
addr_nbytes(const struct addr *a)
{
	return a->family == 4 ? 4 : 16;
}

int
addr_parse(const char *s, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	if (strchr(s, ':') != NULL) {
		if (inet_pton(AF_INET6, s, a->b) != 1)
			return -1;
		a->family = 6;
		return 0;
	}
	/* inet_pton's reading, without its cost (addr_parse4n). */
	return addr_parse4n(s, strlen(s), a);
}

char *
addr_format(const struct addr *a, char *buf)
{
	char *p = buf;
	int i;

	/* A dotted quad by hand: inet_ntop's sprintf was a tenth of parse. */
	if (a->family == 4) {
		for (i = 0; i < 4; i++) {
			if (a->b[i] >= 100)
				*p++ = (char)('0' + a->b[i] / 100);
			if (a->b[i] >= 10)
				*p++ = (char)('0' + a->b[i] / 10 % 10);
			*p++ = (char)('0' + a->b[i] % 10);
			*p++ = i < 3 ? '.' : '\0';
		}
		return buf;
	}
	if (inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->b, buf,
	    ADDR_STRLEN) == NULL)
		buf[0] = '\0';
	return buf;
}

int
addr_cmp(const struct addr *x, const struct addr *y)
{
	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	return memcmp(x->b, y->b, (size_t)addr_nbytes(x));
}

int
addr_incr(struct addr *a)
{
	int i;

	for (i = addr_nbytes(a) - 1; i >= 0; i--)
		if (++a->b[i] != 0)
			return 0;
	return -1;
}

int
addr_decr(struct addr *a)
{
	int i;

	for (i = addr_nbytes(a) - 1; i >= 0; i--)
		if (a->b[i]-- != 0)
			return 0;
	return -1;
}

/* Set (ones != 0) or clear the host bits below prefix len. */
static void
addr_hostbits(struct addr *a, int len, int ones)
{
	int i, nbits = addr_bits(a);

	for (i = len; i < nbits; i++) {
		uint8_t bit = (uint8_t)(0x80 >> (i % 8));

		if (ones)
			a->b[i / 8] |= bit;
		else
			a->b[i / 8] &= (uint8_t)~bit;
	}
}

/* Whether every bit below prefix len is zero. */
static int
addr_hostzero(const struct addr *a, int len)
{
	int i, nbits = addr_bits(a);

	for (i = len; i < nbits; i++)
		if (a->b[i / 8] & (0x80 >> (i % 8)))
			return 0;
	return 1;
}

int
cidr_parse(const char *s, struct cidr *c)
{
	char buf[ADDR_STRLEN], *end;
	const char *slash;
	long len;

	if ((slash = strchr(s, '/')) == NULL ||
	    (size_t)(slash - s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, (size_t)(slash - s));
	buf[slash - s] = '\0';
	if (addr_parse(buf, &c->addr) == -1)
		return -1;
	/* Digits only: strtol would take signs and spaces. */
	if (slash[1] < '0' || slash[1] > '9' || strlen(slash + 1) > 3)
		return -1;
	len = strtol(slash + 1, &end, 10);
	if (*end != '\0' || len > addr_bits(&c->addr))
		return -1;
	c->len = (int)len;
	return 0;
}

int
cidr_canonicalize(struct cidr *c)
{
	if (addr_hostzero(&c->addr, c->len))
		return 0;
	addr_hostbits(&c->addr, c->len, 0);
	return 1;
}

char *
cidr_format(const struct cidr *c, char *buf)
{
	char *p;
	int len = c->len < 0 ? 0 : c->len > 128 ? 128 : c->len;

	/* The address in place, then "/len": no format string to parse. */
	p = buf + strlen(addr_format(&c->addr, buf));
	*p++ = '/';
	if (len >= 100)
		*p++ = (char)('0' + len / 100);
	if (len >= 10)
		*p++ = (char)('0' + len / 10 % 10);
	*p++ = (char)('0' + len % 10);
	*p = '\0';
	return buf;
}

void
cidr_first(const struct cidr *c, struct addr *a)
{
	*a = c->addr;
	addr_hostbits(a, c->len, 0);
}

void
cidr_last(const struct cidr *c, struct addr *a)
{
	*a = c->addr;
	addr_hostbits(a, c->len, 1);
}

int
cidr_contains(const struct cidr *c, const struct addr *a)
{
	struct addr lo, hi;

	if (a->family != c->addr.family)
		return 0;
	cidr_first(c, &lo);
	cidr_last(c, &hi);
	return addr_cmp(&lo, a) <= 0 && addr_cmp(a, &hi) <= 0;
}

int
netmask_to_prefix(const struct addr *m)
{
	int i, nbytes = addr_bits(m) / 8, len = 0;
	unsigned int b;

	/* Whole bytes of ones, then one byte of the form 1...10...0. */
	for (i = 0; i < nbytes && m->b[i] == 0xff; i++)
		len += 8;
	if (i == nbytes)
		return len;
	for (b = m->b[i++]; b & 0x80; b = (b << 1) & 0xff)
		len++;
	if (b != 0)
		return -1;
	for (; i < nbytes; i++)
		if (m->b[i] != 0)
			return -1;
	return len;
}

void
prefix_to_netmask(int family, int len, struct addr *m)
{
	memset(m, 0, sizeof(*m));
	m->family = family;
	addr_hostbits(m, 0, 1);
	addr_hostbits(m, len, 0);
}

/*
 * Addresses as 128-bit numbers, for range arithmetic in O(1) a block: an
 * IPv4 address is its 32-bit value.
 */
__extension__ typedef unsigned __int128 u128;

static u128
addr_u128(const struct addr *a)
{
	u128 v = 0;
	int i, n = addr_bits(a) / 8;

	for (i = 0; i < n; i++)
		v = v << 8 | a->b[i];
	return v;
}

static void
u128_addr(u128 v, int family, struct addr *a)
{
	int i, n = family == 4 ? 4 : 16;

	memset(a, 0, sizeof(*a));
	a->family = family;
	for (i = n - 1; i >= 0; i--, v >>= 8)
		a->b[i] = (uint8_t)v;
}

/* Trailing zero bits of v, at most bits. */
static int
u128_ctz(u128 v, int bits)
{
	uint64_t lo = (uint64_t)v, hi = (uint64_t)(v >> 64);
	int n;

	n = lo != 0 ? __builtin_ctzll(lo) : hi != 0 ? 64 + __builtin_ctzll(hi) :
	    128;
	return n < bits ? n : bits;
}

/* floor(log2(v)) for v > 0. */
static int
u128_log2(u128 v)
{
	uint64_t hi = (uint64_t)(v >> 64);

	return hi != 0 ? 127 - __builtin_clzll(hi) :
	    63 - __builtin_clzll((uint64_t)v);
}

int
range_to_cidrs(const struct addr *first, const struct addr *last,
    struct cidr *out, int max)
{
	int bits = addr_bits(first), n = 0, k, tz;
	u128 cur, end, rem;

	if (first->family != last->family || addr_cmp(first, last) > 0)
		return RANGE_BAD;
	cur = addr_u128(first);
	end = addr_u128(last);
	for (;;) {
		/*
		 * The largest block at cur: as large as cur's alignment
		 * allows and no larger than what is left up to last.
		 */
		rem = end - cur;	/* addresses left, less one */
		if (bits == 128 && rem == ~(u128)0)
			k = 128;
		else
			k = u128_log2(rem + 1);
		if ((tz = u128_ctz(cur, bits)) < k)
			k = tz;
		if (n == max)
			return RANGE_TOOMANY;
		u128_addr(cur, first->family, &out[n].addr);
		out[n++].len = bits - k;
		if (k == bits || end - cur == ((u128)1 << k) - 1)
			break;
		cur += (u128)1 << k;
	}
	return n;
}

/* The value of digit c, or more than 9 if c is none (no locale). */
static unsigned int
digit_of(const char *c)
{
	return (unsigned int)(unsigned char)*c - '0';
}

size_t
addr_quad(const char *s, const char *end, struct addr *a)
{
	const char *p = s;
	unsigned int v, d;
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < 4; i++) {
		if (i > 0 && (p == end || *p++ != '.'))
			return 0;
		if (p == end || (v = digit_of(p++)) > 9)
			return 0;
		/* As inet_pton: one to three digits, no leading zero, <= 255. */
		if (p < end && (d = digit_of(p)) <= 9) {
			if (v == 0)
				return 0;
			v = v * 10 + d;
			if (++p < end && (d = digit_of(p)) <= 9) {
				if ((v = v * 10 + d) > 255)
					return 0;
				p++;
			}
		}
		a->b[i] = (uint8_t)v;
	}
	a->family = 4;
	return (size_t)(p - s);
}

int
addr_parse4n(const char *s, size_t n, struct addr *a)
{
	if (n == 0 || addr_quad(s, s + n, a) != n) {
		memset(a, 0, sizeof(*a));
		return -1;
	}
	return 0;
}

int
cidr_cmp(const struct cidr *a, const struct cidr *b)
{
	int c;

	if ((c = addr_cmp(&a->addr, &b->addr)) != 0)
		return c;
	return a->len - b->len;
}
