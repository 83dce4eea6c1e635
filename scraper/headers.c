/* Reading response headers; checking a redirect. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "headers.h"
#include "../util/safe.h"

/* A header value without its surrounding blanks, control characters as '?'. */
static char *
value(const char *v, size_t n)
{
	char *s;

	while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == '\n' ||
	    v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	if ((s = strndup(v, n)) == NULL)
		return NULL;
	return safe_unctrl(s);
}

void
headers_reset(struct headers *h)
{
	free(h->ctype);
	free(h->etag);
	free(h->lastmod);
	h->ctype = h->etag = h->lastmod = NULL;
	h->retry_after = -1;
	h->status[0] = '\0';
}

long
headers_retry_after(const char *v, time_t now)
{
	time_t when;
	long n;
	char *end;

	if (isdigit((unsigned char)*v)) {
		n = strtol(v, &end, 10);
		return n < 0 ? -1 : n;
	}
	if ((when = curl_getdate(v, NULL)) == -1)
		return -1;
	if (when <= now)
		return 0;
	return when - now > LONG_MAX ? LONG_MAX : (long)(when - now);
}

int
headers_line(struct headers *h, const char *buf, size_t len, time_t now)
{
	char **slot, *v;
	const char *colon;
	size_t n;

	if (len > HEADER_MAX)
		len = HEADER_MAX;
	if (len > 5 && strncmp(buf, "HTTP/", 5) == 0) {
		/* A new response (after a 100 Continue, say): start over. */
		headers_reset(h);
		if ((v = value(buf, len)) == NULL)
			return -1;
		snprintf(h->status, sizeof(h->status), "%s", v);
		free(v);
		return 1;
	}
	if ((colon = memchr(buf, ':', len)) == NULL)
		return 0;
	n = (size_t)(colon - buf) + 1;
	if (n == 12 && strncasecmp(buf, "retry-after:", 12) == 0) {
		if ((v = value(colon + 1, len - n)) == NULL)
			return -1;
		h->retry_after = headers_retry_after(v, now);
		free(v);
		return 0;
	}
	if (n == 13 && strncasecmp(buf, "content-type:", 13) == 0)
		slot = &h->ctype;
	else if (n == 5 && strncasecmp(buf, "etag:", 5) == 0)
		slot = &h->etag;
	else if (n == 14 && strncasecmp(buf, "last-modified:", 14) == 0)
		slot = &h->lastmod;
	else
		return 0;
	if ((v = value(colon + 1, len - n)) == NULL)
		return -1;
	free(*slot);
	*slot = v;
	return 0;
}

int
headers_content(const char *ctype, int json, char **charset)
{
	const char *cs;
	size_t n;

	if (ctype == NULL)
		return 1;
	/* An API answers JSON; a page must be HTML, never a JSON error. */
	if (json ? strncasecmp(ctype, "application/json", 16) != 0 :
	    strncasecmp(ctype, "text/html", 9) != 0 &&
	    strncasecmp(ctype, "application/xhtml+xml", 21) != 0)
		return 0;
	if ((cs = strcasestr(ctype, "charset=")) != NULL) {
		cs += 8;
		if (*cs == '"')
			cs++;
		n = strcspn(cs, "\"; ");
		free(*charset);
		*charset = strndup(cs, n);
	}
	return 1;
}

/* The scheme of url, lower-cased, into buf; -1 if it has none. */
static int
scheme_of(const char *url, char *buf, size_t len)
{
	CURLU *u = curl_url();
	char *s = NULL;
	int rc = -1;

	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &s, 0) == CURLUE_OK) {
		snprintf(buf, len, "%s", s);
		rc = 0;
	}
	curl_free(s);
	curl_url_cleanup(u);
	return rc;
}

int
headers_redirect_ok(const char *cur, const char *loc)
{
	char scheme[32], nscheme[32];

	if (scheme_of(cur, scheme, sizeof(scheme)) == -1 ||
	    scheme_of(loc, nscheme, sizeof(nscheme)) == -1 ||
	    (strcmp(nscheme, "http") != 0 && strcmp(nscheme, "https") != 0))
		return 0;
	if (strcmp(scheme, "https") == 0 && strcmp(nscheme, "http") == 0)
		return -1;
	return 1;
}
