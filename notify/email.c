/*
 * Email with libcurl's SMTP and MIME support: a multipart/mixed message
 * holding one multipart/alternative of the text report and the same
 * changes as HTML, quoted-printable UTF-8 (libcurl's MIME builds that
 * shape); every server response bounded by --timeout, retried as
 * webhooks are.
 */
#include <sys/random.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "notify.h"
#include "../transport/transfer.h"
#include "../faults/clock.h"

/* Whether [s, e) is a plain address: local part, '@', a host name. */
static int
plain_address(const char *s, const char *e)
{
	const char *at = memchr(s, '@', (size_t)(e - s)), *p;

	/*
	 * libcurl passes envelope addresses to the server as they are: a CR
	 * or LF would start a command of its own. Only plain addresses.
	 */
	if (at == NULL || at == s || at + 1 == e || e - s > 254 ||
	    memchr(at + 1, '@', (size_t)(e - at - 1)) != NULL)
		return 0;
	for (p = s; p < at; p++)
		if (!isalnum((unsigned char)*p) &&
		    strchr(".!#$%&'*+/=?^_`{|}~-", *p) == NULL)
			return 0;
	for (p = at + 1; p < e; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-')
			return 0;
	return memchr(at, '.', (size_t)(e - at)) != NULL ||
	    (e - at == 10 && strncmp(at + 1, "localhost", 9) == 0);
}

/*
 * Where the address of s lies: s whole, or inside "Name <addr>" whose
 * name is printable ASCII without quotes, backslashes or angle brackets
 * (it is put in quotes). 0, or -1 if s is neither.
 */
static int
address_span(const char *s, const char **b, const char **e)
{
	const char *lt = strchr(s, '<'), *p;
	size_t n = strlen(s);

	if (lt == NULL) {
		*b = s;
		*e = s + n;
		return plain_address(*b, *e) ? 0 : -1;
	}
	if (n < 3 || s[n - 1] != '>' || lt == s || lt[-1] != ' ')
		return -1;
	for (p = s; p < lt; p++)
		if (*p < 0x20 || *p > 0x7e || strchr("\"\\<>", *p) != NULL)
			return -1;
	*b = lt + 1;
	*e = s + n - 1;
	return plain_address(*b, *e) ? 0 : -1;
}

int
email_address_ok(const char *s)
{
	const char *b, *e;

	return address_span(s, &b, &e) == 0;
}

int
email_address_plain(const char *s, char *buf, size_t len)
{
	const char *b, *e;

	if (address_span(s, &b, &e) == -1 || (size_t)(e - b) >= len)
		return -1;
	memcpy(buf, b, (size_t)(e - b));
	buf[e - b] = '\0';
	return 0;
}

/* s as a header's address: "Name" <addr> with the name quoted. */
static void
header_address(const char *s, char *buf, size_t len)
{
	const char *b, *e, *lt = strchr(s, '<');

	if (address_span(s, &b, &e) == -1 || lt == NULL)
		snprintf(buf, len, "%s", s);
	else
		snprintf(buf, len, "\"%.*s\" <%.*s>", (int)(lt - 1 - s), s,
		    (int)(e - b), b);
}

/*
 * Append "Name: value" to *h, refusing a value with a control character
 * (a CR or LF would start a header or the body of its own), whoever
 * made it. 0, or -1 with err.
 */
static int
header_add(struct curl_slist **h, const char *name, const char *value,
    struct err *err)
{
	struct curl_slist *n;
	const char *p;
	char line[1024];

	for (p = value; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			err_set(err, ERR_NOTIFY, "email: refusing a %s "
			    "header with a control character", name);
			return -1;
		}
	snprintf(line, sizeof(line), "%s: %s", name, value);
	if ((n = curl_slist_append(*h, line)) == NULL) {
		err_set(err, ERR_NOMEM, "email: out of memory");
		return -1;
	}
	*h = n;
	return 0;
}

/*
 * The Message-ID: 128 random bits from the system at the sender's
 * domain, unique whatever the host is called; the notice's key rides
 * in a header of its own for a repeat to be told.
 */
static void
message_id(const struct notify_config *cfg, char *id, size_t len)
{
	unsigned char r[16];
	char from[300], hex[33];
	const char *domain;
	size_t i;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		for (i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)(rand() ^ (int)time(NULL));
	for (i = 0; i < sizeof(r); i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	if (email_address_plain(cfg->mail_from, from, sizeof(from)) == -1 ||
	    (domain = strchr(from, '@')) == NULL)
		domain = "@mcwatch.invalid";
	snprintf(id, len, "<mcwatch.%s%s>", hex, domain);
}

/* The message's headers; NULL with err. */
static struct curl_slist *
email_headers(const struct notify_config *cfg, const struct channel *c,
    const struct notice *n, struct err *err)
{
	struct curl_slist *h = NULL;
	char date[64], id[400], from[400], to[400];
	time_t now = clock_now();
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	message_id(cfg, id, sizeof(id));
	header_address(cfg->mail_from, from, sizeof(from));
	header_address(c->target, to, sizeof(to));
	if (header_add(&h, "From", from, err) == -1 ||
	    header_add(&h, "To", to, err) == -1 ||
	    header_add(&h, "Subject", n->subject, err) == -1 ||
	    header_add(&h, "Date", date, err) == -1 ||
	    header_add(&h, "Message-ID", id, err) == -1 ||
	    header_add(&h, "Auto-Submitted", "auto-generated", err) == -1 ||
	    (n->key[0] != '\0' && header_add(&h, "X-Mcwatch-Idempotency-Key",
	    n->key, err) == -1)) {
		curl_slist_free_all(h);
		return NULL;
	}
	return h;
}

/*
 * s with every line ending in CRLF (malloc'd): the quoted-printable
 * encoder makes a hard line break of CRLF only, and mail wants no bare LF.
 */
static char *
crlf(const char *s)
{
	char *out, *o;

	if ((out = malloc(strlen(s) * 2 + 1)) == NULL)
		return NULL;
	for (o = out; *s != '\0'; s++) {
		if (*s == '\n' && (o == out || o[-1] != '\r'))
			*o++ = '\r';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* A part of alt with data of type, quoted-printable, CRLF lines. */
static int
mime_part(curl_mime *alt, const char *data, const char *type)
{
	curl_mimepart *p;
	char *lines;
	int rc;

	if ((lines = crlf(data)) == NULL)
		return -1;
	rc = (p = curl_mime_addpart(alt)) == NULL ||
	    curl_mime_data(p, lines, CURL_ZERO_TERMINATED) != CURLE_OK ||
	    curl_mime_type(p, type) != CURLE_OK ||
	    curl_mime_encoder(p, "quoted-printable") != CURLE_OK ? -1 : 0;
	free(lines);	/* curl_mime_data copies it */
	return rc;
}

/*
 * The body: a multipart/mixed holding one multipart/alternative of the
 * text and the HTML, as libcurl builds a message. NULL on memory.
 */
static curl_mime *
email_body(CURL *c, const struct notice *n)
{
	curl_mime *mime, *alt = NULL;
	curl_mimepart *part;

	if ((mime = curl_mime_init(c)) == NULL ||
	    (alt = curl_mime_init(c)) == NULL ||
	    mime_part(alt, n->text, "text/plain; charset=utf-8") == -1 ||
	    mime_part(alt, n->html, "text/html; charset=utf-8") == -1 ||
	    (part = curl_mime_addpart(mime)) == NULL ||
	    curl_mime_subparts(part, alt) != CURLE_OK) {
		curl_mime_free(alt);
		curl_mime_free(mime);
		return NULL;
	}
	curl_mime_type(part, "multipart/alternative");
	return mime;
}

/*
 * The transfer's settings: server, TLS, AUTH, every response bounded.
 * 0, or -1 with err.
 */
static int
email_setup(CURL *c, const struct notify_config *cfg, char *ebuf,
    char **cabuf, struct err *err)
{
	if (transfer_handle(c, "smtp,smtps", &cfg->net, ebuf, cabuf, err) ==
	    -1)
		return -1;
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	/*
	 * The final 250 after the message is awaited past CURLOPT_TIMEOUT,
	 * for libcurl's own 120 s: a slow server held the run that long.
	 */
	curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, cfg->net.timeout);
	curl_easy_setopt(c, CURLOPT_USE_SSL, cfg->smtp_tls == SMTP_TLS_NONE ?
	    (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
	if (cfg->smtp_user != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->smtp_password ?
		    cfg->smtp_password : "");
	}
	return 0;
}

/*
 * Perform c up to 1 + retries times: connection errors, timeouts and a
 * 4xx reply (the server's "try again later") are retried with backoff.
 * CURLE_OK, or the last error with the last reply code in *code.
 */
static CURLcode
email_perform(CURL *c, const struct notify_config *cfg, long *code, int *n)
{
	CURLcode cc = CURLE_OK;
	int tries = cfg->net.retries + 1;

	for (*n = 1; *n <= tries; (*n)++) {
		*code = 0;
		if ((cc = curl_easy_perform(c)) == CURLE_OK)
			break;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
		if (*n == tries || (!transfer_retryable(cc) &&
		    !(*code >= 400 && *code < 500)))
			break;
		transfer_pause(transfer_backoff(&cfg->net, *n, -1));
	}
	return cc;
}

/* Whether cfg would send a password over a connection in the clear. */
static int
email_auth_refused(const struct notify_config *cfg)
{
	return cfg->smtp_user != NULL && cfg->smtp_tls == SMTP_TLS_NONE &&
	    !cfg->smtp_plain_auth;
}

int
email_send(const struct notify_config *cfg, const struct channel *ch,
    const struct notice *n, struct err *err)
{
	struct curl_slist *rcpt = NULL, *hdrs = NULL;
	char ebuf[CURL_ERROR_SIZE], from[300], to[300], server[600];
	char reply[40], *cabuf = NULL;
	curl_mime *mime = NULL;
	long code;
	CURL *c = NULL;
	CURLcode cc;
	int rc = -1, tries;

	ebuf[0] = '\0';
	if (curllib_load(ERR_NOTIFY, err) == -1)
		return -1;
	if (cfg->smtp_url == NULL || cfg->mail_from == NULL ||
	    email_auth_refused(cfg) ||
	    email_address_plain(cfg->mail_from, from + 1, sizeof(from) - 2) ||
	    email_address_plain(ch->target, to, sizeof(to)) == -1) {
		err_set(err, ERR_NOTIFY, "email %s: no SMTP URL, sender or "
		    "recipient that can be used (--smtp-url, --mail-from; AUTH "
		    "only over TLS)", ch->target);
		return -1;
	}
	from[0] = '<';
	strcat(from, ">");
	transfer_redact(cfg->smtp_url, server, sizeof(server));
	if ((c = transfer_easy()) == NULL ||
	    (rcpt = curl_slist_append(NULL, to)) == NULL ||
	    (mime = email_body(c, n)) == NULL) {
		err_set(err, ERR_NOMEM, "email %s: out of memory", to);
		goto cleanup;
	}
	if ((hdrs = email_headers(cfg, ch, n, err)) == NULL)
		goto cleanup;
	if (email_setup(c, cfg, ebuf, &cabuf, err) == -1)
		goto cleanup;
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	if ((cc = email_perform(c, cfg, &code, &tries)) != CURLE_OK) {
		reply[0] = '\0';
		if (code != 0)
			snprintf(reply, sizeof(reply), "; last reply %ld", code);
		/* curl's words only where they cannot quote a userinfo. */
		err_set(err, ERR_NOTIFY, "email %s via %s: (%d) %s%s "
		    "(attempt %d of %d)", to, server, (int)cc, ebuf[0] &&
		    strchr(ebuf, '@') == NULL ? ebuf : curl_easy_strerror(cc),
		    reply, tries > cfg->net.retries + 1 ? cfg->net.retries + 1 :
		    tries, cfg->net.retries + 1);
		goto cleanup;
	}
	rc = 0;
 cleanup:
	curl_mime_free(mime);
	curl_slist_free_all(hdrs);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	free(cabuf);
	return rc;
}
