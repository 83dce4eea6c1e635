/*
 * libFuzzer: address, prefix and range parsing, the range cover, URL
 * checks and the @DATE revision parser. Two NUL-separated strings.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../addr/addr.h"
#include "../../util/url.h"
#include "../../snapshots/snapshot.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct cidr c, cover[ADDR_MAXCOVER];
	struct addr a, b, lo, hi;
	const char *why;
	char *s, *t;
	time_t when;
	int n, i;

	if ((s = malloc(len + 2)) == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = s[len + 1] = '\0';
	t = s + strlen(s) + 1;
	if (cidr_parse(s, &c) == 0)
		cidr_canonicalize(&c);
	url_acceptable(s, &why);
	snapshot_date(s, &when);
	if (addr_parse(s, &a) == 0 && addr_parse(t, &b) == 0 &&
	    (n = range_to_cidrs(&a, &b, cover, ADDR_MAXCOVER)) > 0) {
		/* The cover tiles first..last exactly. */
		cidr_first(&cover[0], &lo);
		cidr_last(&cover[n - 1], &hi);
		if (addr_cmp(&lo, &a) != 0 || addr_cmp(&hi, &b) != 0)
			abort();
		for (i = 1; i < n; i++) {
			cidr_last(&cover[i - 1], &hi);
			addr_incr(&hi);
			cidr_first(&cover[i], &lo);
			if (addr_cmp(&hi, &lo) != 0)
				abort();
		}
	}
	free(s);
	return 0;
}
