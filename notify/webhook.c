/* Webhooks: a JSON POST, shaped for a generic receiver, Slack or Teams. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "notify.h"
#include "../records/names.h"
#include "../scraper/transfer.h"

static const char *const kinds[] = {
	[NOTICE_CHANGE] = "change", [NOTICE_BASELINE] = "baseline",
	[NOTICE_PROBLEM] = "problem", [NOTICE_RESOLVED] = "resolved",
	[NOTICE_TEST] = "test",
};

/* {"kind", "summary", "snapshot", "delayed", "text", "diff"}. */
static json_t *
body_generic(const struct notice *n)
{
	json_t *o, *diff = NULL;

	if (n->json != NULL && (diff = json_loads(n->json, 0, NULL)) == NULL)
		return NULL;
	if ((o = json_pack("{s:s, s:s, s:s?, s:b, s:s, s:o?}", "kind",
	    kinds[n->kind], "summary", n->subject, "snapshot",
	    n->snapshot[0] ? n->snapshot : NULL, "delayed", n->delayed,
	    "text", n->text, "diff", diff)) == NULL)
		json_decref(diff);
	return o;
}

/* Slack's incoming webhooks: {"text"}, the report in a code block. */
static json_t *
body_slack(const struct notice *n)
{
	json_t *o;
	char *t;

	if (asprintf(&t, "*%s*\n```\n%s```", n->subject, n->text) == -1)
		return NULL;
	o = json_pack("{s:s}", "text", t);
	free(t);
	return o;
}

/* Teams' incoming webhooks: a MessageCard. */
static json_t *
body_teams(const struct notice *n)
{
	json_t *o;
	char *t;

	if (asprintf(&t, "```\n%s```", n->text) == -1)
		return NULL;
	o = json_pack("{s:s, s:s, s:s, s:s}", "@type", "MessageCard",
	    "@context", "https://schema.org/extensions", "summary", n->subject,
	    "title", n->subject);
	if (o != NULL && json_object_set_new(o, "text", json_string(t)) == -1) {
		json_decref(o);
		o = NULL;
	}
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

int
webhook_send(const struct notify_config *cfg, const struct channel *ch,
    const struct notice *n, char *err)
{
	const char *fmt = cfg->webhook_format ? cfg->webhook_format : "generic";
	char ferr[FETCH_ERRMAX], *body = NULL;
	json_t *o = NULL;
	size_t i;
	int rc = -1;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(fmt, formats[i].name) == 0)
			o = formats[i].body(n);
	if (o == NULL || (body = json_dumps(o, JSON_COMPACT)) == NULL) {
		snprintf(err, NOTIFY_ERRMAX, "webhook %s: cannot build the "
		    "%s body", ch->target, fmt);
		goto cleanup;
	}
	if (transfer_post(ch->target, &cfg->fo, "application/json", body,
	    strlen(body), ferr) == -1) {
		snprintf(err, NOTIFY_ERRMAX, "webhook: %.1000s", ferr);
		goto cleanup;
	}
	rc = 0;
 cleanup:
	free(body);
	json_decref(o);
	return rc;
}
