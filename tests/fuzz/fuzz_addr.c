/*
 * libFuzzer: address, prefix and range parsing, the range cover, URL
 * checks and the @DATE revision parser (two NUL-separated strings), and
 * the log scanner over the whole input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "../../addr/addr.h"
#include "../../addr/logscan.h"
#include "../../util/url.h"
#include "../../snapshots/snapshot.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Every address the scanner finds in [p, end) is text of the input that
 * reads as itself, and the scan ends at end. */
static void
scan_all(const char *p, const char *end)
{
	char text[LOGSCAN_TEXTMAX];
	struct logscan ls;
	struct addr a, b;
	size_t n;

	logscan_init(&ls, p, end);
	while ((n = logscan_next(&ls, &a, text)) > 0) {
		if (n >= LOGSCAN_TEXTMAX || strlen(text) != n || ls.p > end ||
		    memmem(p, (size_t)(end - p), text, n) == NULL ||
		    addr_parse(text, &b) != 0 || addr_cmp(&a, &b) != 0)
			abort();
	}
	if (ls.p != end)
		abort();
}

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
	scan_all(s, s + len);
	/* The IPv4 reader is inet_pton's reading. */
	if (strchr(s, ':') == NULL && (addr_parse4n(s, strlen(s), &a) == 0) !=
	    (inet_pton(AF_INET, s, &lo.b) == 1))
		abort();
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
