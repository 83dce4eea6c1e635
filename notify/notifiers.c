/* The table of notifiers: a new channel is one file and one row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"
#include "../records/names.h"

static const struct notifier notifiers[] = {
	{ "email", email_send },
	{ "webhook", webhook_send },
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
	memset(n, 0, sizeof(*n));
}
