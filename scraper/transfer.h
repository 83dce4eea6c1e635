/*
 * What every libcurl transfer of mcwatch shares, whatever it carries (the
 * page, a webhook, a mail): the CAs it trusts, what is worth retrying and
 * how long to wait, and a POST with the fetcher's rules.
 */
#ifndef MCWATCH_TRANSFER_H
#define MCWATCH_TRANSFER_H

#include <stddef.h>

#include <curl/curl.h>

#include "fetch.h"

/*
 * The system CA bundle and extra (a --cacert, or NULL) as one PEM blob
 * into *out (malloc'd, the caller frees it after the transfer), set on c.
 * 0, or -1 with err (FETCH_ERRMAX bytes).
 */
int	transfer_ca(CURL *, const char *, char **, size_t *, char *);
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
/*
 * POST len bytes of body, of type ctype, to an http(s) url with o's
 * timeout, retries, CA and headers (no redirect followed). 0 on a 2xx;
 * -1 with err naming the URL, the status or curl's error, and the
 * attempts.
 */
int	transfer_post(const char *, const struct fetch_opts *, const char *,
	    const char *, size_t, char *);

#endif
