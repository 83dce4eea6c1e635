/* IPv4 and IPv6 address and CIDR arithmetic. */
#ifndef MCWATCH_ADDR_H
#define MCWATCH_ADDR_H

#include <stddef.h>
#include <stdint.h>

#define ADDR_STRLEN	46	/* INET6_ADDRSTRLEN */
#define CIDR_STRLEN	50	/* address, '/', up to 3 digits, NUL */
#define ADDR_MAXCOVER	256	/* a range never needs more blocks than this */

struct addr {
	int	 family;	/* 4 or 6 */
	uint8_t	 b[16];		/* network byte order; IPv4 uses b[0..3] */
};

struct cidr {
	struct addr	 addr;
	int		 len;	/* prefix length */
};

/* Bits in an address of this family: 32 or 128. */
int	addr_bits(const struct addr *a);
/* Parse a dotted quad or an IPv6 address; 0, or -1 if s is not one. */
int	addr_parse(const char *s, struct addr *a);
/*
 * The n bytes at s as a dotted IPv4 address, exactly as addr_parse reads
 * one (inet_pton: four parts, no leading zero), without a copy; 0, or -1.
 */
int	addr_parse4n(const char *s, size_t n, struct addr *a);
/*
 * The dotted IPv4 address that [s, end) begins with, read as
 * addr_parse4n reads one, into a: the length of its text, or 0 if [s,
 * end) does not begin with one. Bytes after it are not looked at.
 */
size_t	addr_quad(const char *s, const char *end, struct addr *a);
/* Canonical text (RFC 5952 for IPv6) into buf of ADDR_STRLEN; returns buf. */
char	*addr_format(const struct addr *a, char *buf);
/* Order: IPv4 before IPv6, then numerically; <0, 0, >0. */
int	addr_cmp(const struct addr *x, const struct addr *y);
/* Add one; 0, or -1 on overflow past the all-ones address. */
int	addr_incr(struct addr *a);
/* Subtract one; 0, or -1 on underflow below the zero address. */
int	addr_decr(struct addr *a);

/* Parse "a/len"; 0, or -1. Host bits are kept as written. */
int	cidr_parse(const char *s, struct cidr *c);
/* Clear host bits; 1 if any were set, else 0. */
int	cidr_canonicalize(struct cidr *c);
/* "a/len" into buf of CIDR_STRLEN; returns buf. */
/* Order of CIDR blocks: by address, then prefix length; <0, 0, >0. */
int	cidr_cmp(const struct cidr *a, const struct cidr *b);
char	*cidr_format(const struct cidr *c, char *buf);
/* The first and the last address a block covers. */
void	 cidr_first(const struct cidr *c, struct addr *a);
void	 cidr_last(const struct cidr *c, struct addr *a);
/* Whether a lies inside c. */
int	 cidr_contains(const struct cidr *c, const struct addr *a);

/* Prefix length of a contiguous netmask, or -1 if it is not one. */
int	netmask_to_prefix(const struct addr *m);
/* The netmask of a prefix length in family 4 or 6. */
void	prefix_to_netmask(int family, int len, struct addr *m);

/*
 * The minimal list of blocks covering exactly first..last, into out (room
 * for max, at most ADDR_MAXCOVER); the count, RANGE_BAD if the two differ
 * in family or first is after last, RANGE_TOOMANY if the cover needs more
 * than max blocks. Constant time a block: a hostile page of wide ranges
 * stays cheap.
 */
#define RANGE_BAD	(-1)
#define RANGE_TOOMANY	(-2)
int	range_to_cidrs(const struct addr *first, const struct addr *last,
	    struct cidr *out, int max);

#endif
