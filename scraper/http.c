/*
 * HTTP(S) with libcurl, for unattended nightly runs against a server we do
 * not control: bounded in time and size, retried with backoff on what may
 * pass, redirects followed by hand so that each hop can be checked.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "fetch.h"
#include "headers.h"
#include "../transport/transfer.h"
#include "../util/safe.h"

#ifndef MCWATCH_VERSION
#define MCWATCH_VERSION "0.0.0"
#endif

#define LOW_SPEED_BYTES	512	/* a slower server is dripping */

/* One attempt's outcome. */
enum attempt {
	ATTEMPT_OK,
	ATTEMPT_RETRY,		/* may pass: try again after a pause */
	ATTEMPT_FAIL
};

/* State of one transfer, filled by the callbacks. */
struct xfer {
	const struct fetch_opts	*o;
	char			*body;
	size_t			 len;
	size_t			 cap;
	int			 toobig;
	struct headers		 h;
	const char		*url;		/* for progress */
	time_t			 shown;
};

static size_t
on_header(char *buf, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;
	int rc;

	if ((rc = headers_line(&x->h, buf, len, time(NULL))) == -1)
		return 0;
	if (rc == 1 && x->o->verbose && x->o->log != NULL)
		x->o->log(x->h.status);
	return len;
}

/* The body, capped while it arrives: Content-Length may be absent. */
static size_t
on_body(char *buf, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n, ncap;
	char *p;

	if (x->len + len > x->o->max_size) {
		x->toobig = 1;
		return 0;
	}
	if (x->len + len + 1 > x->cap) {
		ncap = x->cap ? x->cap : 65536;
		while (ncap < x->len + len + 1)
			ncap *= 2;
		if ((p = realloc(x->body, ncap)) == NULL)
			return 0;
		x->body = p;
		x->cap = ncap;
	}
	memcpy(x->body + x->len, buf, len);
	x->len += len;
	x->body[x->len] = '\0';
	return len;
}

static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ult,
    curl_off_t ulnow)
{
	struct xfer *x = arg;
	char line[160];
	time_t now = time(NULL);

	(void)ult;
	(void)ulnow;
	if (now == x->shown)
		return 0;
	x->shown = now;
	if (dltotal > 0)
		snprintf(line, sizeof(line), "\rmcwatch: fetching: %ld of %ld "
		    "KiB ", (long)(dlnow / 1024), (long)(dltotal / 1024));
	else
		snprintf(line, sizeof(line), "\rmcwatch: fetching: %ld KiB ",
		    (long)(dlnow / 1024));
	fputs(line, stderr);
	return 0;
}

/* Whether header line h carries credentials: Authorization or Cookie. */
static int
credential_header(const char *h)
{
	return strncasecmp(h, "Authorization:", 14) == 0 ||
	    strncasecmp(h, "Cookie:", 7) == 0;
}

/*
 * The request headers: the user's (without credentials when cross is
 * set), then the validators. Into *out; 0, or -1 on memory.
 */
static int
request_headers(const struct fetch_opts *o, int cross,
    struct curl_slist **out)
{
	struct curl_slist *h;
	char line[512];
	const char *add[2] = { NULL, NULL };
	size_t i;

	*out = NULL;
	for (i = 0; i < o->nheaders; i++) {
		if (cross && credential_header(o->headers[i]))
			continue;
		if ((h = curl_slist_append(*out, o->headers[i])) == NULL)
			goto fail;
		*out = h;
	}
	if (o->etag != NULL)
		add[0] = "If-None-Match: ";
	if (o->last_modified != NULL)
		add[1] = "If-Modified-Since: ";
	for (i = 0; i < 2; i++) {
		if (add[i] == NULL)
			continue;
		snprintf(line, sizeof(line), "%s%s", add[i],
		    i == 0 ? o->etag : o->last_modified);
		if ((h = curl_slist_append(*out, line)) == NULL)
			goto fail;
		*out = h;
	}
	return 0;
 fail:
	curl_slist_free_all(*out);
	*out = NULL;
	return -1;
}

/* Part what of url as libcurl reads it (malloc'd), or NULL. */
static char *
url_part(const char *url, CURLUPart what)
{
	CURLU *u;
	char *v = NULL;

	if ((u = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, what, &v, CURLU_DEFAULT_PORT) != CURLUE_OK)
		v = NULL;
	curl_url_cleanup(u);
	return v;
}

/*
 * Whether a and b have the same scheme, host and port: credentials given
 * with --header go to that origin only, as libcurl does with its own.
 */
static int
same_origin(const char *a, const char *b)
{
	static const CURLUPart parts[] = {
		CURLUPART_SCHEME, CURLUPART_HOST, CURLUPART_PORT,
	};
	char *x, *y;
	size_t i;
	int same = 1;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]) && same; i++) {
		x = url_part(a, parts[i]);
		y = url_part(b, parts[i]);
		same = x != NULL && y != NULL && strcasecmp(x, y) == 0;
		curl_free(x);
		curl_free(y);
	}
	return same;
}

/*
 * One attempt: requests and redirects until a final response. On success
 * p is filled (or p->not_modified set). *wait is a Retry-After in seconds,
 * or -1.
 */
static enum attempt
attempt(CURL *c, const char *url, const struct fetch_opts *o, struct page *p,
    long *wait, struct err *err)
{
	struct curl_slist *hdrs = NULL, *xhdrs = NULL;
	struct xfer x;
	char ebuf[CURL_ERROR_SIZE], cur[4096];
	char line[512], shown[4096];
	char *loc = NULL, *cabuf = NULL, *eff = NULL;
	long code = 0;
	CURLcode cc;
	enum attempt rc = ATTEMPT_FAIL;
	int hop, k;

	memset(&x, 0, sizeof(x));
	x.o = o;
	x.url = url;
	x.h.retry_after = -1;
	*wait = -1;
	snprintf(cur, sizeof(cur), "%s", url);
	if (request_headers(o, 0, &hdrs) == -1 ||
	    request_headers(o, 1, &xhdrs) == -1) {
		err_set(err, ERR_NOMEM, "fetch %.600s: out of memory", url);
		goto cleanup;
	}
	if (transfer_handle(c, "http,https", &o->net, ebuf, &cabuf, err) ==
	    -1)
		goto cleanup;
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)LOW_SPEED_BYTES);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o->net.timeout / 2 < 30 ?
	    (o->net.timeout / 2 > 0 ? o->net.timeout / 2 : 1L) : 30L);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)o->max_size);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &x);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
	if (o->progress) {
		curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
		curl_easy_setopt(c, CURLOPT_XFERINFODATA, &x);
	}

	for (hop = 0;; hop++) {
		ebuf[0] = '\0';
		x.len = 0;
		x.toobig = 0;
		headers_reset(&x.h);
		curl_easy_setopt(c, CURLOPT_URL, cur);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, same_origin(url, cur) ?
		    hdrs : xhdrs);
		if (o->verbose && o->log != NULL) {
			snprintf(line, sizeof(line), "GET %s",
			    transfer_redact(cur, shown, sizeof(shown)));
			o->log(line);
		}
		cc = curl_easy_perform(c);
		if (o->progress && x.shown != 0)
			fputs("\r\033[K", stderr);
		transfer_redact(cur, shown, sizeof(shown));
		if (x.toobig || cc == CURLE_FILESIZE_EXCEEDED) {
			err_set(err, ERR_FETCH, "fetch %.600s: larger than the "
			    "%zu-byte limit (--max-size)", shown, o->max_size);
			goto cleanup;
		}
		if (cc != CURLE_OK) {
			err_set(err, ERR_FETCH, "fetch %.600s: (%d) %s", shown,
			    (int)cc, ebuf[0] ? ebuf : curl_easy_strerror(cc));
			err->msg[strcspn(err->msg, "\n")] = '\0';
			rc = transfer_retryable(cc) ? ATTEMPT_RETRY : ATTEMPT_FAIL;
			goto cleanup;
		}
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		if (code < 300 || code >= 400 || code == 304)
			break;
		/* A redirect: checked before it is followed. */
		if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) !=
		    CURLE_OK || loc == NULL) {
			err_set(err, ERR_FETCH, "fetch %.600s: %s without a "
			    "Location", shown, x.h.status);
			goto cleanup;
		}
		if (hop == FETCH_MAXREDIRS) {
			err_set(err, ERR_FETCH, "fetch %.600s: more than %d "
			    "redirects", url, FETCH_MAXREDIRS);
			goto cleanup;
		}
		if ((k = headers_redirect_ok(cur, loc)) == 0) {
			err_set(err, ERR_FETCH, "fetch %.600s: refused a "
			    "redirect to %.200s (only http and https)", shown,
			    loc);
			goto cleanup;
		}
		if (k == -1) {
			err_set(err, ERR_FETCH, "fetch %.600s: refused a "
			    "redirect from https down to %.200s", shown, loc);
			goto cleanup;
		}
		snprintf(cur, sizeof(cur), "%s", loc);
	}

	if (code == 304 && (o->etag != NULL || o->last_modified != NULL)) {
		p->not_modified = 1;
		rc = ATTEMPT_OK;
		goto done;
	}
	if (code == 429 || code >= 500) {
		err_set(err, ERR_FETCH, "fetch %.600s: %s", shown, x.h.status);
		err->status = (int)code;
		*wait = x.h.retry_after;
		rc = ATTEMPT_RETRY;
		goto cleanup;
	}
	if (code < 200 || code >= 300) {
		err_set(err, ERR_FETCH, "fetch %.600s: %s", shown, x.h.status);
		err->status = (int)code;
		goto cleanup;
	}
	if (!headers_content(x.h.ctype, o->json, &p->charset)) {
		err_set(err, ERR_FETCH, "fetch %.600s: not %s (Content-Type: "
		    "%s)", shown, o->json ? "JSON" : "an HTML page", x.h.ctype);
		goto cleanup;
	}
	if (x.body == NULL && (x.body = strdup("")) == NULL) {
		err_set(err, ERR_NOMEM, "fetch %.600s: out of memory", shown);
		goto cleanup;
	}
	free(p->body);
	p->body = x.body;
	p->len = x.len;
	x.body = NULL;
	rc = ATTEMPT_OK;
 done:
	free(p->final_url);
	p->final_url = NULL;
	if (curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK &&
	    eff != NULL)
		p->final_url = strdup(transfer_redact(eff, shown, sizeof(shown)));
	free(p->etag);
	free(p->last_modified);
	p->etag = x.h.etag;
	p->last_modified = x.h.lastmod;
	x.h.etag = x.h.lastmod = NULL;
	if (p->final_url == NULL) {
		err_set(err, ERR_NOMEM, "fetch %.600s: out of memory", url);
		rc = ATTEMPT_FAIL;
	}
 cleanup:
	curl_slist_free_all(hdrs);
	curl_slist_free_all(xhdrs);
	headers_reset(&x.h);
	free(x.body);
	free(cabuf);
	return rc;
}

int
http_fetch(const char *url, const struct fetch_opts *o, struct page *p,
    struct err *err)
{
	CURL *c;
	char line[ERR_MSGMAX + 64];
	enum attempt a = ATTEMPT_FAIL;
	double delay;
	long wait;
	int n, tries = o->net.retries + 1;
	size_t i;

	if (curllib_load(ERR_FETCH, err) == -1)
		return -1;
	for (i = 0; i < o->nheaders; i++)
		if (strpbrk(o->headers[i], "\r\n") != NULL ||
		    strchr(o->headers[i], ':') == NULL) {
			err_set(err, ERR_FETCH, "fetch %.600s: --header must be "
			    "one 'Name: value' line", url);
			return -1;
		}
	if ((c = transfer_easy()) == NULL) {
		err_set(err, ERR_FETCH, "fetch %.600s: cannot start libcurl",
		    url);
		return -1;
	}
	for (n = 1; n <= tries; n++) {
		err_clear(err);
		if ((a = attempt(c, url, o, p, &wait, err)) != ATTEMPT_RETRY ||
		    n == tries)
			break;
		delay = transfer_backoff(&o->net, n, wait);
		if (o->verbose && o->log != NULL) {
			snprintf(line, sizeof(line), "%s (attempt %d of %d); "
			    "retrying in %.1f s", err->msg, n, tries, delay);
			o->log(line);
		}
		transfer_pause(delay);
		curl_easy_reset(c);
	}
	curl_easy_cleanup(c);
	if (a == ATTEMPT_OK)
		return 0;
	return err_append(err, " (attempt %d of %d)", n > tries ? tries : n,
	    tries);
}
