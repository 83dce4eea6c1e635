/* The transfer settings mcwatch's libcurl transfers share. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "transfer.h"
#include "../util/sha256.h"

#ifndef MCWATCH_VERSION
#define MCWATCH_VERSION "0.0.0"
#endif

/* Whether libcurl's global state is set up (by transfer_easy). */
static int curl_ready;

CURL *
transfer_easy(void)
{
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return NULL;
		curl_ready = 1;
	}
	return curl_easy_init();
}

void
transfer_cleanup(void)
{
	if (curl_ready)
		curl_global_cleanup();
	curl_ready = 0;
}

void
transport_opts_init(struct transport_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = TRANSFER_TIMEOUT_DEFAULT;
	o->retries = TRANSFER_RETRIES_DEFAULT;
	o->retry_delay = 1.0;
}

int
transfer_handle(CURL *c, const char *protocols,
    const struct transport_opts *o, char *ebuf, char **cabuf,
    struct err *err)
{
	struct curl_blob blob;
	size_t calen;

	*cabuf = NULL;
	if (o->cacert != NULL) {
		if (transfer_ca(c, o->cacert, cabuf, &calen, err) == -1)
			return -1;
		/* libcurl copies the struct; the bytes stay the caller's. */
		blob.data = *cabuf;
		blob.len = calen;
		blob.flags = CURL_BLOB_NOCOPY;
		curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &blob);
	}
	ebuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "mcwatch/" MCWATCH_VERSION
	    " (+" MCWATCH_PROJECT_URL ")");
	curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->timeout > 0 &&
	    o->timeout < 30 ? o->timeout : 30L);
	return 0;
}

int
transfer_ca(CURL *c, const char *extra, char **out, size_t *outlen,
    struct err *err)
{
	const char *paths[2] = { NULL, extra };
	char *sys = NULL;
	FILE *fp, *in;
	char buf[8192];
	size_t n, i;
	int rc = -1;

	/* CURLINFO_CAINFO: the bundle this libcurl trusts by default. */
	if (curl_easy_getinfo(c, CURLINFO_CAINFO, &sys) == CURLE_OK)
		paths[0] = sys;
	if ((fp = open_memstream(out, outlen)) == NULL)
		return err_nomem(err, "--cacert");
	for (i = 0; i < 2; i++) {
		if (paths[i] == NULL)
			continue;
		if ((in = fopen(paths[i], "r")) == NULL) {
			if (i == 0)
				continue;	/* no system bundle: extra only */
			err_set(err, ERR_FETCH, "--cacert %s: %s", extra,
			    strerror(errno));
			goto cleanup;
		}
		while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
			fwrite(buf, 1, n, fp);
		fputc('\n', fp);
		fclose(in);
	}
	rc = 0;
 cleanup:
	if (fclose(fp) == EOF)
		rc = -1;
	if (rc == -1) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int
transfer_retryable(CURLcode cc)
{
	switch (cc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

void
transfer_pause(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

double
transfer_backoff(const struct transport_opts *o, int n, long wait)
{
	static int seeded;
	double delay;

	if (!seeded++)
		srand((unsigned)time(NULL) ^ (unsigned)getpid());
	if (wait >= 0)
		return wait > TRANSFER_RETRY_AFTER_MAX ? TRANSFER_RETRY_AFTER_MAX :
		    (double)wait;
	delay = o->retry_delay * (double)(1 << (n - 1 < 20 ? n - 1 : 20));
	return delay + delay * 0.5 * ((double)rand() / RAND_MAX);
}

/* A Retry-After header's seconds, into *wait; libcurl's callback. */
static size_t
post_header(char *buf, size_t size, size_t n, void *arg)
{
	long *wait = arg;
	size_t len = size * n;

	if (len > 12 && strncasecmp(buf, "Retry-After:", 12) == 0)
		*wait = strtol(buf + 12, NULL, 10);
	return len;
}

/* A response body nobody reads, bounded by its transfer's timeout. */
static size_t
post_discard(char *buf, size_t size, size_t n, void *arg)
{
	(void)buf;
	(void)arg;
	return size * n;
}

/* One POST; 0 done, 1 worth retrying (with err), -1 failed, with err. */
static int
post_once(CURL *c, const struct post *p, struct curl_slist *hdrs, long *wait,
    struct err *err)
{
	const struct transport_opts *o = p->opts;
	char ebuf[CURL_ERROR_SIZE], *cabuf = NULL;
	long code = 0;
	CURLcode cc;
	int rc = -1;

	*wait = -1;
	if (transfer_handle(c, "http,https", o, ebuf, &cabuf, err) == -1)
		return -1;
	curl_easy_setopt(c, CURLOPT_URL, p->url);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, p->body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)p->len);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, post_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, wait);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, post_discard);
	if ((cc = curl_easy_perform(c)) != CURLE_OK) {
		/* curl's message may quote the URL: the credential of a hook. */
		err_set(err, ERR_FETCH, "post %.400s: (%d) %s", p->shown,
		    (int)cc, curl_easy_strerror(cc));
		rc = transfer_retryable(cc) ? 1 : -1;
	} else {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		if (code >= 200 && code < 300)
			rc = 0;
		else {
			err_set(err, ERR_FETCH, "post %.400s: HTTP status "
			    "%ld", p->shown, code);
			err->status = (int)code;
			rc = code == 429 || code >= 500 ? 1 : -1;
		}
	}
	free(cabuf);
	return rc;
}

/* The request's headers: its type, no 100-continue, p's own; NULL. */
static struct curl_slist *
post_headers(const struct post *p)
{
	struct curl_slist *hdrs;
	char line[256];
	size_t i;

	snprintf(line, sizeof(line), "Content-Type: %s", p->ctype);
	if ((hdrs = curl_slist_append(NULL, line)) == NULL)
		return NULL;
	/* A webhook answers nothing worth a 100-continue round trip. */
	if (curl_slist_append(hdrs, "Expect:") == NULL)
		goto fail;
	for (i = 0; i < p->nheaders; i++)
		if (curl_slist_append(hdrs, p->headers[i]) == NULL)
			goto fail;
	return hdrs;
 fail:
	curl_slist_free_all(hdrs);
	return NULL;
}

int
transfer_post(const struct post *p, struct err *err)
{
	const struct transport_opts *o = p->opts;
	struct curl_slist *hdrs = NULL;
	CURL *c;
	long wait = -1;
	int n, rc = 1, tries = o->retries + 1;

	if (curllib_load(ERR_NOTIFY, err) == -1)
		return -1;
	if ((c = transfer_easy()) == NULL ||
	    (hdrs = post_headers(p)) == NULL) {
		curl_easy_cleanup(c);
		err_set(err, ERR_NOMEM, "post %.400s: out of memory",
		    p->shown);
		return -1;
	}
	for (n = 1; n <= tries; n++) {
		err_clear(err);
		if ((rc = post_once(c, p, hdrs, &wait, err)) != 1 || n == tries)
			break;
		transfer_pause(transfer_backoff(o, n, wait));
		curl_easy_reset(c);
	}
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	if (rc == 0)
		return 0;
	return err_append(err, " (attempt %d of %d)", n > tries ? tries : n,
	    tries);
}

const char *
transfer_redact(const char *url, char *buf, size_t len)
{
	CURLU *u;
	char *s = NULL;

	/*
	 * No scheme: libcurl's parser refuses it, as below, and a run from
	 * a file never loads libcurl for it.
	 */
	if (strchr(url, ':') == NULL) {
		snprintf(buf, len, "%s", strchr(url, '@') == NULL ? url :
		    "(a URL that does not parse)");
		return buf;
	}
	u = curl_url();
	snprintf(buf, len, "%s", url);
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK)
		snprintf(buf, len, "%s", s);
	else if (strchr(url, '@') != NULL)
		snprintf(buf, len, "(a URL that does not parse)");
	curl_free(s);
	curl_url_cleanup(u);
	return buf;
}

const char *
transfer_shown(const char *url, char *buf, size_t len)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL;
	char hex[SHA256_HEXLEN];

	if (sha256_hex(url, strlen(url), hex) == NULL)
		snprintf(hex, sizeof(hex), "?");
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		curl_url_get(u, CURLUPART_PORT, &port, 0);
		snprintf(buf, len, "%s://%s%s%s/... (%.8s)", scheme, host,
		    port ? ":" : "", port ? port : "", hex);
	} else
		snprintf(buf, len, "a URL (%.8s)", hex);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return buf;
}
