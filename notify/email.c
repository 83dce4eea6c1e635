/*
 * Email with libcurl's SMTP and MIME support: multipart/alternative with
 * the text report and the same changes as HTML, quoted-printable UTF-8.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "notify.h"
#include "../scraper/transfer.h"

int
email_address_ok(const char *s)
{
	const char *at = strchr(s, '@'), *p;

	/*
	 * libcurl passes envelope addresses to the server as they are: a CR
	 * or LF would start a command of its own. Only plain addresses.
	 */
	if (at == NULL || at == s || at[1] == '\0' || strlen(s) > 254 ||
	    strchr(at + 1, '@') != NULL)
		return 0;
	for (p = s; p < at; p++)
		if (!isalnum((unsigned char)*p) &&
		    strchr(".!#$%&'*+/=?^_`{|}~-", *p) == NULL)
			return 0;
	for (p = at + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-')
			return 0;
	return strchr(at, '.') != NULL || strcmp(at + 1, "localhost") == 0;
}

/* Append "Name: value" to *h; 0, or -1 on memory. */
static int
header_add(struct curl_slist **h, const char *name, const char *value)
{
	struct curl_slist *n;
	char line[1024];

	snprintf(line, sizeof(line), "%s: %s", name, value);
	if ((n = curl_slist_append(*h, line)) == NULL)
		return -1;
	*h = n;
	return 0;
}

/* The message's headers: From, To, Subject, Date, Message-ID. */
static struct curl_slist *
email_headers(const struct notify_config *cfg, const struct channel *c,
    const struct notice *n)
{
	struct curl_slist *h = NULL;
	char date[64], id[160], host[64];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if (gethostname(host, sizeof(host)) == -1 || host[0] == '\0' ||
	    strpbrk(host, " <>@\r\n") != NULL)
		snprintf(host, sizeof(host), "mcwatch.invalid");
	snprintf(id, sizeof(id), "<mcwatch.%.12s.%ld.%d.%ld@%s>",
	    n->snapshot[0] ? n->snapshot : "none", (long)now, (int)getpid(),
	    (long)rand(), host);
	if (header_add(&h, "From", cfg->mail_from) == -1 ||
	    header_add(&h, "To", c->target) == -1 ||
	    header_add(&h, "Subject", n->subject) == -1 ||
	    header_add(&h, "Date", date) == -1 ||
	    header_add(&h, "Message-ID", id) == -1) {
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

/* TLS as configured: required STARTTLS unless the URL or "none" says. */
static void
email_tls(CURL *c, const struct notify_config *cfg)
{
	long use = CURLUSESSL_ALL;

	if (cfg->smtp_tls == SMTP_TLS_NONE)
		use = CURLUSESSL_NONE;
	curl_easy_setopt(c, CURLOPT_USE_SSL, use);
}

int
email_send(const struct notify_config *cfg, const struct channel *ch,
    const struct notice *n, char *err)
{
	struct curl_slist *rcpt = NULL, *hdrs = NULL;
	char ebuf[CURL_ERROR_SIZE], from[300], *cabuf = NULL;
	curl_mime *mime = NULL;
	size_t calen;
	CURL *c;
	CURLcode cc;
	int rc = -1;

	ebuf[0] = '\0';
	if (cfg->smtp_url == NULL || cfg->mail_from == NULL) {
		snprintf(err, NOTIFY_ERRMAX, "email %s: no SMTP URL or sender "
		    "(--smtp-url, --mail-from)", ch->target);
		return -1;
	}
	if ((c = curl_easy_init()) == NULL)
		goto nomem;
	snprintf(from, sizeof(from), "<%s>", cfg->mail_from);
	if ((rcpt = curl_slist_append(NULL, ch->target)) == NULL ||
	    (hdrs = email_headers(cfg, ch, n)) == NULL ||
	    (mime = email_body(c, n)) == NULL)
		goto nomem;
	if (cfg->fo.cacert != NULL && transfer_ca(c, cfg->fo.cacert, &cabuf,
	    &calen, err) == -1)
		goto cleanup;
	if (cabuf != NULL) {
		struct curl_blob blob = { cabuf, calen, CURL_BLOB_NOCOPY };

		curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &blob);
	}
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, cfg->fo.timeout);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	email_tls(c, cfg);
	if (cfg->smtp_user != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->smtp_password ?
		    cfg->smtp_password : "");
	}
	if ((cc = curl_easy_perform(c)) != CURLE_OK) {
		snprintf(err, NOTIFY_ERRMAX, "email %s via %s: (%d) %s",
		    ch->target, cfg->smtp_url, (int)cc,
		    ebuf[0] ? ebuf : curl_easy_strerror(cc));
		err[strcspn(err, "\r\n")] = '\0';
		goto cleanup;
	}
	rc = 0;
	goto cleanup;
 nomem:
	snprintf(err, NOTIFY_ERRMAX, "email %s: out of memory", ch->target);
 cleanup:
	curl_mime_free(mime);
	curl_slist_free_all(hdrs);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	free(cabuf);
	return rc;
}
