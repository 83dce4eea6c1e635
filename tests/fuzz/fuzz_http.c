/*
 * libFuzzer: HTTP response headers from a server mcwatch does not control
 * (status line, Content-Type and charset, ETag, Last-Modified,
 * Retry-After), one a line as libcurl hands them over, and the check of a
 * redirect's Location against an https and an http page.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../scraper/headers.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A Location line's value, NUL-terminated (malloc'd), or NULL. */
static char *
location(const char *s, size_t n)
{
	if (n < 9 || strncasecmp(s, "location:", 9) != 0)
		return NULL;
	s += 9;
	n -= 9;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return strndup(s, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char *s = (const char *)data, *end = s + len, *nl;
	struct headers h;
	char *charset = NULL, *loc;
	size_t n;

	memset(&h, 0, sizeof(h));
	h.retry_after = -1;
	for (; s < end; s = nl) {
		nl = memchr(s, '\n', (size_t)(end - s));
		nl = nl != NULL ? nl + 1 : end;
		n = (size_t)(nl - s);
		if (headers_line(&h, s, n, 1767225600) == -1)
			abort();
		if ((loc = location(s, n)) != NULL) {
			headers_redirect_ok("https://a.example/p", loc);
			headers_redirect_ok("http://a.example/p", loc);
			free(loc);
		}
	}
	if (h.status[0] != '\0' && strlen(h.status) >= sizeof(h.status))
		abort();
	headers_content(h.ctype, 0, &charset);
	headers_content(h.ctype, 1, &charset);
	free(charset);
	headers_reset(&h);
	return 0;
}
