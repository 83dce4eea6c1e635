/* The table of notifiers: a new channel is one file and one row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"
#include "../util/names.h"
#include "../util/sha256.h"
#include "../transport/transfer.h"

static const struct notifier notifiers[] = {
	{ "email", email_send },
	{ "webhook", webhook_send },
	{ "hook", hook_send },
};

const struct notifier *
notifier_find(const char *name)
{
	return NAMES_FIND(notifiers, name);
}

void
notice_clear(struct notice *n)
{
	if (n == NULL)
		return;
	free(n->text);
	free(n->html);
	free(n->json);
	free(n->regions);
	memset(n, 0, sizeof(*n));
}

void
notify_channel_key(const struct channel *c, char key[NOTIFY_KEYMAX])
{
	char hex[SHA256_HEXLEN];

	if (sha256_hex(c->target, strlen(c->target), hex) == NULL)
		hex[0] = '\0';
	snprintf(key, NOTIFY_KEYMAX, "%.10s:%s", c->kind, hex);
}

const char *
notify_channel_shown(const struct channel *c, char *buf, size_t len)
{
	if (strcmp(c->kind, "webhook") == 0)
		return transfer_shown(c->target, buf, len);
	/* A command may hold a token: named by its digest, as a webhook. */
	if (strcmp(c->kind, "hook") == 0) {
		char key[NOTIFY_KEYMAX];

		notify_channel_key(c, key);
		snprintf(buf, len, "hook.command (%.8s)", key + 5);
		return buf;
	}
	snprintf(buf, len, "%s", c->target);
	return buf;
}
