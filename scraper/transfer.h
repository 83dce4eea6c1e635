/*
 * What every libcurl transfer of mcwatch shares, whatever it carries (the
 * page, a webhook, a mail): the CAs it trusts, what is worth retrying and
 * how long to wait, and a POST with the fetcher's rules.
 */
#ifndef MCWATCH_TRANSFER_H
#define MCWATCH_TRANSFER_H

#include <stddef.h>

#include <curl/curl.h>

#include "../errors/err.h"
#include "fetch.h"

/*
 * The system CA bundle and extra (a --cacert, or NULL) as one PEM blob
 * into *out (malloc'd, the caller frees it after the transfer), set on c.
 * 0, or -1 with err.
 */
int	transfer_ca(CURL *, const char *, char **, size_t *, struct err *err);
/* Whether a curl error may pass on its own (a timeout, a reset). */
int	transfer_retryable(CURLcode);
/*
 * Seconds to wait before retry n (from 1): the first backoff doubled each
 * time with up to 50% jitter, or wait (a Retry-After, -1 if none) capped
 * at FETCH_RETRY_AFTER_MAX.
 */
double	transfer_backoff(const struct fetch_opts *, int, long);
/* Sleep s seconds, fractions too. */
void	transfer_pause(double);
/* A POST to make. */
struct post {
	const char		 *url;	/* http(s) */
	const char		 *shown; /* the URL as messages name it */
	const struct fetch_opts	 *opts;	/* timeout, retries, CA */
	const char		 *ctype;
	const char		 *body;
	size_t			  len;
	const char *const	 *headers;	/* "Name: value" lines */
	size_t			  nheaders;
};

/*
 * POST p with its options' timeout, retries and CA and its own headers
 * (never the page's: they may carry its credentials), following no
 * redirect. 0 on a 2xx; -1 with err naming the URL
 * as shown, the status or curl's error, and the attempts.
 */
int	transfer_post(const struct post *, struct err *err);

/* url without user and password, for messages and records; in buf. */
const char	*transfer_redact(const char *, char *, size_t);
/*
 * A URL that is itself a credential (a Slack or Teams webhook) as it may
 * be shown: its scheme, host and port, and the first 8 hex digits of its
 * SHA-256, "https://hooks.example/... (1a2b3c4d)"; in buf.
 */
const char	*transfer_shown(const char *, char *, size_t);

#endif
