/* The notification options 'run' and 'notify' share, and their keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

void
cli_notify_init(struct cli_notify *n)
{
	memset(n, 0, sizeof(*n));
	n->cfg.smtp_tls = SMTP_TLS_AUTO;
	n->cfg.webhook_format = "generic";
	n->cfg.hook_timeout = 60;
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

/* A header for every webhook: "Name: value", one line; 1, or -1 told. */
static int
webhook_header(const char *cmd, struct cli_notify *n, const char *arg)
{
	const char *p;

	if (n->cfg.nwebhook_headers == NOTIFY_MAXHEADERS)
		return cli_misuse(cmd, "--webhook-header: at most %d",
		    NOTIFY_MAXHEADERS), -1;
	for (p = arg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t')
			break;
	if (*p != '\0' || (p = strchr(arg, ':')) == NULL || p == arg ||
	    strcspn(arg, " \t") < (size_t)(p - arg) ||
	    strncasecmp(arg, "Content-Type:", 13) == 0 ||
	    strncasecmp(arg, "Idempotency-Key:", 16) == 0 ||
	    strncasecmp(arg, "X-Mcwatch-Signature:", 20) == 0)
		return cli_misuse(cmd, "--webhook-header: want one 'Name: "
		    "value' line, not one mcwatch sets itself (Content-Type, "
		    "Idempotency-Key, X-Mcwatch-Signature)"), -1;
	n->cfg.webhook_headers[n->cfg.nwebhook_headers++] = arg;
	return 1;
}

int
cli_notify_option(const char *cmd, int ch, const char *arg,
    struct cli_notify *n, int from_config)
{
	char *end;

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
	case OPT_WEBHOOK_HEADER:
		return webhook_header(cmd, n, arg);
	case OPT_WEBHOOK_SECRET_FILE:
		n->secret_file = arg;
		return 1;
	case OPT_SMTP_PLAIN_AUTH:
		n->cfg.smtp_plain_auth = 1;
		return 1;
	case OPT_SMTP_USER:
		if (arg[0] == '\0' || strpbrk(arg, "\r\n") != NULL)
			return cli_misuse(cmd, "email.user: want a user name "
			    "on one line"), -1;
		n->cfg.smtp_user = arg;
		return 1;
	case OPT_PASSWORD_FILE:
		n->password_file = arg;
		return 1;
	case OPT_HOOK:
		if (arg[0] == '\0' || strpbrk(arg, "\r\n") != NULL)
			return cli_misuse(cmd, "hook.command: want a command on "
			    "one line"), -1;
		return add_channel(cmd, n, "hook", arg, 1) == -1 ? -1 : 1;
	case OPT_HOOK_TIMEOUT:
		n->cfg.hook_timeout = strtol(arg, &end, 10);
		if (*end != '\0' || end == arg || n->cfg.hook_timeout < 1 ||
		    n->cfg.hook_timeout > 86400)
			return cli_misuse(cmd, "hook.timeout: want seconds from "
			    "1 to 86400, not '%s'", arg), -1;
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

/*
 * The TLS mode against the URL's scheme: implicit TLS is smtps://,
 * STARTTLS and none are smtp://. The exit status.
 */
static int
notify_tls(const char *cmd, struct notify_config *cfg)
{
	int smtps = cfg->smtp_url != NULL &&
	    strncmp(cfg->smtp_url, "smtps://", 8) == 0;

	if (cfg->smtp_tls == SMTP_TLS_AUTO)
		cfg->smtp_tls = smtps ? SMTP_TLS_IMPLICIT : SMTP_TLS_STARTTLS;
	if (cfg->smtp_url == NULL)
		return EXIT_OK;
	if (cfg->smtp_tls == SMTP_TLS_IMPLICIT && !smtps)
		return cli_usage(cmd, "--smtp-tls implicit wants an smtps:// "
		    "URL (TLS from the first byte, usually port 465); for "
		    "smtp:// give --smtp-tls starttls");
	if (cfg->smtp_tls != SMTP_TLS_IMPLICIT && smtps)
		return cli_usage(cmd, "--smtp-tls %s contradicts the smtps:// "
		    "URL, which is implicit TLS: give smtp:// or leave "
		    "--smtp-tls out", cfg->smtp_tls == SMTP_TLS_NONE ? "none" :
		    "starttls");
	if (cfg->smtp_tls == SMTP_TLS_NONE && cfg->smtp_user != NULL) {
		if (!cfg->smtp_plain_auth)
			return cli_usage(cmd, "email.user with --smtp-tls none "
			    "would send the password in clear: use TLS, or "
			    "say --smtp-allow-plain-auth (email.allow-plain-"
			    "auth) for a relay on a trusted link");
		cli_error("warning: SMTP AUTH without TLS: the password "
		    "crosses the network in clear");
	}
	return EXIT_OK;
}

int
cli_notify_finish(const char *cmd, struct cli_notify *n,
    const struct fetch_opts *fo)
{
	size_t i;
	int mail = 0, rc;

	n->cfg.net = fo->net;
	for (i = 0; i < n->cfg.nchannels; i++)
		if (strcmp(n->cfg.channels[i].kind, "email") == 0)
			mail = 1;
	if (mail && (n->cfg.smtp_url == NULL || n->cfg.mail_from == NULL))
		return cli_usage(cmd, "--mail-to needs --smtp-url and "
		    "--mail-from");
	if ((rc = notify_tls(cmd, &n->cfg)) != EXIT_OK ||
	    (rc = cli_secret(cmd, "MCWATCH_SMTP_PASSWORD", "smtp-password",
	    "email.password-file", n->password_file, n->password,
	    sizeof(n->password))) != EXIT_OK ||
	    (rc = cli_secret(cmd, "MCWATCH_WEBHOOK_SECRET", "webhook-secret",
	    "--webhook-secret-file", n->secret_file, n->secret,
	    sizeof(n->secret))) != EXIT_OK)
		return rc;
	n->cfg.smtp_password = n->password[0] ? n->password : NULL;
	n->cfg.webhook_secret = n->secret[0] ? n->secret : NULL;
	return EXIT_OK;
}
