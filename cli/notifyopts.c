/* The notification options 'run' and 'notify' share, and their keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void
cli_notify_init(struct cli_notify *n)
{
	memset(n, 0, sizeof(*n));
	n->cfg.smtp_tls = SMTP_TLS_AUTO;
	n->cfg.webhook_format = "generic";
}

/* Add a channel of kind; -1 (told) when there are too many. */
static int
add_channel(const char *cmd, struct cli_notify *n, const char *kind,
    const char *target, int from_config)
{
	struct channel *c;
	size_t i, j;

	/* The command line's list replaces the configuration's. */
	if (!from_config && !n->cli_set[kind[0] == 'e']) {
		n->cli_set[kind[0] == 'e'] = 1;
		for (i = j = 0; i < n->cfg.nchannels; i++)
			if (strcmp(n->cfg.channels[i].kind, kind) != 0)
				n->cfg.channels[j++] = n->cfg.channels[i];
		n->cfg.nchannels = j;
	}
	if (n->cfg.nchannels == NOTIFY_MAXCHANNELS) {
		cli_misuse(cmd, "at most %d notification channels",
		    NOTIFY_MAXCHANNELS);
		return -1;
	}
	c = &n->cfg.channels[n->cfg.nchannels++];
	c->kind = kind;
	c->target = target;
	c->regions = NULL;
	return 0;
}

int
cli_notify_option(const char *cmd, int ch, const char *arg,
    struct cli_notify *n, int from_config)
{
	switch (ch) {
	case OPT_SMTP_URL:
		if (strncmp(arg, "smtp://", 7) != 0 &&
		    strncmp(arg, "smtps://", 8) != 0)
			return cli_misuse(cmd, "--smtp-url: want smtp:// or "
			    "smtps://, not '%s'", arg), -1;
		n->cfg.smtp_url = arg;
		return 1;
	case OPT_SMTP_TLS:
		if (strcmp(arg, "starttls") == 0)
			n->cfg.smtp_tls = SMTP_TLS_STARTTLS;
		else if (strcmp(arg, "implicit") == 0)
			n->cfg.smtp_tls = SMTP_TLS_IMPLICIT;
		else if (strcmp(arg, "none") == 0)
			n->cfg.smtp_tls = SMTP_TLS_NONE;
		else
			return cli_misuse(cmd, "--smtp-tls: want starttls, "
			    "implicit or none, not '%s'", arg), -1;
		return 1;
	case OPT_MAIL_FROM:
	case OPT_MAIL_TO:
		if (!email_address_ok(arg))
			return cli_misuse(cmd, "%s: not a plain email address: "
			    "'%s'", ch == OPT_MAIL_FROM ? "--mail-from" :
			    "--mail-to", arg), -1;
		if (ch == OPT_MAIL_FROM)
			n->cfg.mail_from = arg;
		else if (add_channel(cmd, n, "email", arg, from_config) == -1)
			return -1;
		return 1;
	case OPT_WEBHOOK:
		if (strncmp(arg, "https://", 8) != 0 &&
		    strncmp(arg, "http://", 7) != 0)
			return cli_misuse(cmd, "--webhook: want an http(s) "
			    "URL, not '%s'", arg), -1;
		return add_channel(cmd, n, "webhook", arg, from_config) == -1 ?
		    -1 : 1;
	case OPT_WEBHOOK_FORMAT:
		if (!webhook_format_ok(arg))
			return cli_misuse(cmd, "--webhook-format: want "
			    "generic, slack or teams, not '%s'", arg), -1;
		n->cfg.webhook_format = arg;
		return 1;
	default:
		return 0;
	}
}

int
cli_notify_route(const char *cmd, struct cli_notify *n, const char *target,
    const char *codes)
{
	size_t i;
	int found = 0;

	for (i = 0; i < n->cfg.nchannels; i++)
		if (strcmp(n->cfg.channels[i].target, target) == 0) {
			n->cfg.channels[i].regions = codes;
			found = 1;
		}
	if (!found)
		return cli_usage(cmd, "route '%s': no such channel (an "
		    "email.to address or a webhook.url)", target);
	return EXIT_OK;
}

int
cli_notify_finish(const char *cmd, struct cli_notify *n, const char *pwfile,
    const struct fetch_opts *fo)
{
	size_t i;
	int mail = 0, rc;

	n->cfg.fo = *fo;
	for (i = 0; i < n->cfg.nchannels; i++)
		if (strcmp(n->cfg.channels[i].kind, "email") == 0)
			mail = 1;
	if (mail && (n->cfg.smtp_url == NULL || n->cfg.mail_from == NULL))
		return cli_usage(cmd, "--mail-to needs --smtp-url and "
		    "--mail-from");
	if (n->cfg.smtp_tls == SMTP_TLS_AUTO)
		n->cfg.smtp_tls = n->cfg.smtp_url != NULL &&
		    strncmp(n->cfg.smtp_url, "smtps://", 8) == 0 ?
		    SMTP_TLS_IMPLICIT : SMTP_TLS_STARTTLS;
	if ((rc = cli_smtp_password(cmd, pwfile, n->password,
	    sizeof(n->password))) != EXIT_OK)
		return rc;
	n->cfg.smtp_password = n->password[0] ? n->password : NULL;
	return EXIT_OK;
}
