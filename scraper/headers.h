/*
 * The response headers mcwatch reads (status line, Content-Type and its
 * charset, ETag, Last-Modified, Retry-After) and the check of a redirect's
 * Location: text from a server we do not control, kept apart from the
 * transfer so that it can be fuzzed.
 */
#ifndef MCWATCH_HEADERS_H
#define MCWATCH_HEADERS_H

#include <stddef.h>
#include <time.h>

#define HEADER_MAX	8192	/* a longer header line is cut */

struct headers {
	char	 status[256];	/* "HTTP/1.1 200 OK" */
	char	*ctype;		/* each NULL when absent */
	char	*etag;
	char	*lastmod;
	long	 retry_after;	/* seconds, or -1 */
};

/* Forget every header (a new response begins); accepts a zeroed one. */
void	headers_reset(struct headers *h);
/*
 * One header line as libcurl hands it over (len bytes, not NUL-terminated,
 * CRLF at the end): 1 when it is a status line (a new response: the others
 * are forgotten), 0 otherwise, -1 on memory. Control characters become '?'.
 */
int	headers_line(struct headers *h, const char *buf, size_t len,
	    time_t now);
/* Retry-After as seconds from now: a number or an HTTP date; -1 if none. */
long	headers_retry_after(const char *v, time_t now);
/*
 * Whether ctype is HTML (JSON, when json is set) or absent; its charset
 * into *charset (malloc'd, replacing it). 1 if so, 0 if not.
 */
int	headers_content(const char *ctype, int json, char **charset);
/*
 * Whether a redirect from cur to loc may be followed: 1 if so; 0 if loc is
 * not http or https; -1 if it goes from https down to http.
 */
int	headers_redirect_ok(const char *cur, const char *loc);

#endif
