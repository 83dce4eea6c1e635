/*
 * What every libcurl transfer of mcwatch shares, whatever it carries (the
 * page, a webhook, a mail): the CAs it trusts, what is worth retrying and
 * how long to wait, and a POST with the fetcher's rules.
 */
#ifndef MCWATCH_TRANSFER_H
#define MCWATCH_TRANSFER_H

#include <stddef.h>

#include <curl/curl.h>

#include "curllib.h"

#include "../errors/err.h"

#ifndef MCWATCH_PROJECT_URL	/* set by the Makefile's PROJECT_URL */
#define MCWATCH_PROJECT_URL	"https://github.com/mcwatch/mcwatch"
#endif
#define TRANSFER_RETRY_AFTER_MAX	300	/* seconds a server may ask for */
#define TRANSFER_TIMEOUT_DEFAULT	60	/* seconds, one attempt in all */
#define TRANSFER_RETRIES_DEFAULT	3

/* How every transfer is bounded and whom it trusts: page, webhook, mail. */
struct transport_opts {
	long		 timeout;	/* seconds per attempt */
	int		 retries;	/* attempts after the first */
	double		 retry_delay;	/* first backoff, seconds */
	const char	*cacert;	/* a CA to trust as well, or NULL */
};

/*
 * A new easy handle (the caller's, curl_easy_cleanup), libcurl's global
 * state set up at the first: a command that never transfers (a parse of
 * a file, a show) never pays for the TLS libraries' start. NULL on
 * failure (memory, or libcurl's start).
 */
CURL	*transfer_easy(void);
/* libcurl's global state down, if transfer_easy set it up; at exit. */
void	transfer_cleanup(void);
/* The defaults: 60 s, 3 retries from 1 s, the system's CAs only. */
void	transport_opts_init(struct transport_opts *o);
/*
 * Set up c as every mcwatch transfer is: one User-Agent, no signals, only
 * protocols (libcurl's list, "http,https"), o's timeouts, libcurl's words
 * in ebuf (CURL_ERROR_SIZE bytes), the system's CAs and o's extra one
 * (into *cabuf, which the caller frees after the transfer). 0, or -1 with
 * err.
 */
int	transfer_handle(CURL *c, const char *protocols,
	    const struct transport_opts *o, char *ebuf, char **cabuf,
	    struct err *err);
/*
 * The system CA bundle and extra (a --cacert, or NULL) as one PEM blob
 * into *out (malloc'd, the caller frees it after the transfer), set on c.
 * 0, or -1 with err.
 */
int	transfer_ca(CURL *c, const char *extra, char **out, size_t *outlen,
	    struct err *err);
/* Whether a curl error may pass on its own (a timeout, a reset). */
int	transfer_retryable(CURLcode cc);
/*
 * Seconds to wait before retry n (from 1): the first backoff doubled each
 * time with up to 50% jitter, or wait (a Retry-After, -1 if none) capped
 * at TRANSFER_RETRY_AFTER_MAX.
 */
double	transfer_backoff(const struct transport_opts *o, int n, long wait);
/* Sleep s seconds, fractions too. */
void	transfer_pause(double s);
/* A POST to make. */
struct post {
	const char		 *url;	/* http(s) */
	const char		 *shown; /* the URL as messages name it */
	const struct transport_opts *opts; /* timeout, retries, CA */
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
int	transfer_post(const struct post *p, struct err *err);

/* url without user and password, for messages and records; in buf. */
const char	*transfer_redact(const char *url, char *buf, size_t len);
/*
 * A URL that is itself a credential (a Slack or Teams webhook) as it may
 * be shown: its scheme, host and port, and the first 8 hex digits of its
 * SHA-256, "https://hooks.example/... (1a2b3c4d)"; in buf.
 */
const char	*transfer_shown(const char *url, char *buf, size_t len);

#endif
