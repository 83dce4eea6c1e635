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
	if (inet_pton(AF_INET, s, a->b) != 1)
		return -1;
	a->family = 4;
	return 0;
}

char *
addr_format(const struct addr *a, char *buf)
{
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
	char a[ADDR_STRLEN];

	snprintf(buf, CIDR_STRLEN, "%s/%d", addr_format(&c->addr, a), c->len);
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
	int i, nbits = addr_bits(m), len = 0;

	while (len < nbits && (m->b[len / 8] & (0x80 >> (len % 8))))
		len++;
	for (i = len; i < nbits; i++)
		if (m->b[i / 8] & (0x80 >> (i % 8)))
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

int
range_to_cidrs(const struct addr *first, const struct addr *last,
    struct cidr *out)
{
	struct addr cur = *first, top;
	int n = 0, len, nbits = addr_bits(first);

	if (first->family != last->family || addr_cmp(first, last) > 0)
		return -1;
	for (;;) {
		/*
		 * The largest block that starts at cur: as few prefix bits
		 * as cur's alignment allows, then grow the prefix until the
		 * block ends at or before last.
		 */
		for (len = 0; len < nbits && !addr_hostzero(&cur, len); len++)
			;
		for (;; len++) {
			top = cur;
			addr_hostbits(&top, len, 1);
			if (addr_cmp(&top, last) <= 0)
				break;
		}
		out[n].addr = cur;
		out[n].len = len;
		n++;
		if (addr_cmp(&top, last) == 0 || n == ADDR_MAXCOVER)
			break;
		cur = top;
		if (addr_incr(&cur) == -1)
			break;
	}
	return n;
}
