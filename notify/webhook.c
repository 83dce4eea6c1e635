/*
 * Webhooks: a JSON POST, shaped for a generic receiver, Slack or Teams,
 * with an idempotency key and, given a secret, an HMAC of the body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "notify.h"
#include "../util/names.h"
#include "../transport/transfer.h"

static const char *const kinds[] = {
	[NOTICE_CHANGE] = "change", [NOTICE_BASELINE] = "baseline",
	[NOTICE_PROBLEM] = "problem", [NOTICE_RESOLVED] = "resolved",
	[NOTICE_TEST] = "test",
};

/*
 * {"kind", "idempotency_key", "summary", "snapshot", "delayed", "text",
 * "diff"}.
 */
static json_t *
body_generic(const struct notice *n)
{
	json_t *o, *diff = NULL;

	if (n->json != NULL && (diff = json_loads(n->json, 0, NULL)) == NULL)
		return NULL;
	if ((o = json_pack("{s:s, s:s, s:s, s:s?, s:b, s:s, s:o?}", "kind",
	    kinds[n->kind], "idempotency_key", n->key, "summary", n->subject,
	    "snapshot", n->snapshot[0] ? n->snapshot : NULL, "delayed", n->delayed,
	    "text", n->text, "diff", diff)) == NULL)
		json_decref(diff);
	return o;
}

/*
 * s for a chat client's markup, inside a code block: '&', '<' and '>'
 * as entities (Slack reads "<!channel>" and "<URL|text>" anywhere; Teams
 * reads HTML), and a zero-width space after every backtick that another
 * follows, so that no run of backticks can close the block. Malloc'd;
 * NULL on memory.
 */
static char *
chat_escape(const char *s)
{
	char *out = NULL;
	size_t len;
	FILE *fp;

	if ((fp = open_memstream(&out, &len)) == NULL)
		return NULL;
	for (; *s != '\0'; s++) {
		if (*s == '&')
			fputs("&amp;", fp);
		else if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else {
			putc(*s, fp);
			if (*s == '`' && s[1] == '`')
				fputs("\xe2\x80\x8b", fp);
		}
	}
	if (fclose(fp) == EOF) {
		free(out);
		return NULL;
	}
	return out;
}

/* "LEAD```\nTEXT```", each part escaped; malloc'd, NULL on memory. */
static char *
chat_text(const char *lead, const char *text)
{
	char *l = chat_escape(lead), *t = chat_escape(text), *out = NULL;

	if (l == NULL || t == NULL || asprintf(&out, "%s```\n%s```", l, t) ==
	    -1)
		out = NULL;
	free(l);
	free(t);
	return out;
}

/*
 * Slack's incoming webhooks: {"text"}, the subject then the report in a
 * code block; no link unfurled, no name linked.
 */
static json_t *
body_slack(const struct notice *n)
{
	char lead[600], *t;
	json_t *o;

	snprintf(lead, sizeof(lead), "%s\n", n->subject);
	if ((t = chat_text(lead, n->text)) == NULL)
		return NULL;
	o = json_pack("{s:s, s:b, s:b, s:b}", "text", t, "unfurl_links", 0,
	    "unfurl_media", 0, "link_names", 0);
	free(t);
	return o;
}

/* Teams' incoming webhooks: a MessageCard, the report in a code block. */
static json_t *
body_teams(const struct notice *n)
{
	char *t, *title;
	json_t *o;

	if ((t = chat_text("", n->text)) == NULL)
		return NULL;
	if ((title = chat_escape(n->subject)) == NULL) {
		free(t);
		return NULL;
	}
	o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "@type", "MessageCard",
	    "@context", "https://schema.org/extensions", "summary", title,
	    "title", title, "text", t);
	free(title);
	free(t);
	return o;
}

static const struct {
	const char	*name;
	json_t		*(*body)(const struct notice *);
} formats[] = {
	{ "generic", body_generic },
	{ "slack", body_slack },
	{ "teams", body_teams },
};

int
webhook_format_ok(const char *name)
{
	return NAMES_FIND(formats, name) != NULL;
}

/*
 * "X-Mcwatch-Signature: sha256=HEX", the HMAC-SHA256 of body under
 * secret, into line (len bytes). 0, or -1.
 */
static int
signature(const char *secret, const char *body, size_t blen, char *line,
    size_t len)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0, i;
	size_t n;

	if (HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)body, blen, mac, &maclen) == NULL)
		return -1;
	n = (size_t)snprintf(line, len, "X-Mcwatch-Signature: sha256=");
	for (i = 0; i < maclen && n + 3 < len; i++)
		n += (size_t)snprintf(line + n, len - n, "%02x", mac[i]);
	return 0;
}

/* The headers of a POST of body: the configured, the key, the HMAC. */
static int
webhook_headers(const struct notify_config *cfg, const struct notice *n,
    const char *body, const char **hdrs, char *key, char *sig)
{
	size_t i, nh = 0;

	for (i = 0; i < cfg->nwebhook_headers; i++)
		hdrs[nh++] = cfg->webhook_headers[i];
	snprintf(key, NOTICE_KEYMAX + 32, "Idempotency-Key: %s", n->key);
	hdrs[nh++] = key;
	if (cfg->webhook_secret != NULL) {
		if (signature(cfg->webhook_secret, body, strlen(body), sig,
		    200) == -1)
			return -1;
		hdrs[nh++] = sig;
	}
	return (int)nh;
}

int
webhook_send(const struct notify_config *cfg, const struct channel *ch,
    const struct notice *n, struct err *err)
{
	const char *fmt = cfg->webhook_format ? cfg->webhook_format : "generic";
	const char *hdrs[NOTIFY_MAXHEADERS + 2];
	char shown[300], key[NOTICE_KEYMAX + 32], sig[200];
	char *body = NULL;
	struct post p;
	json_t *o = NULL;
	size_t i;
	int rc = -1, nh;

	transfer_shown(ch->target, shown, sizeof(shown));
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(fmt, formats[i].name) == 0)
			o = formats[i].body(n);
	if (o == NULL || (body = json_dumps(o, JSON_COMPACT)) == NULL ||
	    (nh = webhook_headers(cfg, n, body, hdrs, key, sig)) == -1) {
		err_set(err, ERR_NOMEM, "webhook %s: cannot build the %s "
		    "body: out of memory", shown, fmt);
		goto cleanup;
	}
	memset(&p, 0, sizeof(p));
	p.url = ch->target;
	p.shown = shown;
	p.opts = &cfg->net;
	p.ctype = "application/json";
	p.body = body;
	p.len = strlen(body);
	p.headers = hdrs;
	p.nheaders = (size_t)nh;
	if (transfer_post(&p, err) == -1) {
		if (err->kind != ERR_NOMEM)
			err->kind = ERR_NOTIFY;
		err_prefix(err, "webhook");
		goto cleanup;
	}
	rc = 0;
 cleanup:
	free(body);
	json_decref(o);
	return rc;
}
