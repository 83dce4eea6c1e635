/* The table of notifiers: a new channel is one file and one row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"

static const struct notifier notifiers[] = {
	{ "email", email_send },
	{ "webhook", webhook_send },
};

const struct notifier *
notifier_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(notifiers) / sizeof(notifiers[0]); i++)
		if (strcmp(name, notifiers[i].name) == 0)
			return &notifiers[i];
	return NULL;
}

const char *
notifier_names(void)
{
	static char names[64];
	size_t i;

	if (names[0] == '\0')
		for (i = 0; i < sizeof(notifiers) / sizeof(notifiers[0]); i++)
			snprintf(names + strlen(names), sizeof(names) -
			    strlen(names), "%s%s", i ? "|" : "",
			    notifiers[i].name);
	return names;
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
