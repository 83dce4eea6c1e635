/*
 * The option table of every command: the one place an option, its
 * configuration key and its help live.
 */
#include <string.h>

#include "cli.h"
#include "../diff/report.h"
#include "../export/export.h"
#include "../output/output.h"
#include "../publish/publish.h"
#include "../records/record.h"

#define STR_(x)	#x
#define STR(x)	STR_(x)

#define END_OF(a)	(sizeof(a) / sizeof((a)[0]))
#define TABLE(c, ops, a)	{ c, ops, a, END_OF(a) }

#define REPO_HELP	"the snapshot repository (default: " CLI_DEFAULT_REPO \
			", or repo.path)"

#define ROW_REPO \
	{ "repo", 0, 'r', "DIR", "repo.path", CLI_PATH, REPO_HELP, NULL }
#define ROW_CONFIG \
	{ "config", 0, OPT_CONFIG, "FILE", NULL, 0, \
	    "the configuration file (default: $MCWATCH_CONFIG, else " \
	    "~/.config/mcwatch/config, else /etc/mcwatch/config)", NULL }
#define ROWS_COMMON \
	{ "help", 'h', 'h', NULL, NULL, CLI_COMMON, "this help", NULL }, \
	{ "version", 0, 'V', NULL, NULL, CLI_COMMON, "the version", NULL }

#define ROWS_FETCH \
	{ "timeout", 0, OPT_TIMEOUT, "SEC", "fetch.timeout", CLI_FETCH, \
	    "bound each attempt as a whole (default 60)", NULL }, \
	{ "retries", 0, OPT_RETRIES, "N", "fetch.retries", CLI_FETCH, \
	    "retry connection errors, timeouts, 429, 5xx (default 3)", \
	    NULL }, \
	{ "retry-delay", 0, OPT_RETRY_DELAY, "SEC", "fetch.retry-delay", \
	    CLI_FETCH, "first backoff, doubled each time, jittered " \
	    "(default 1)", NULL }, \
	{ "cacert", 0, OPT_CACERT, "FILE", "fetch.cacert", \
	    CLI_FETCH | CLI_PATH, \
	    "trust this CA as well (a TLS-inspecting proxy)", NULL }, \
	{ "header", 0, OPT_HEADER, "'N: V'", "fetch.header", CLI_FETCH, \
	    "send an extra request header (repeatable)", NULL }, \
	{ "max-size", 0, OPT_MAXSIZE, "BYTES", "fetch.max-size", CLI_FETCH, \
	    "refuse a page over this size; k, M, G (default 16M)", NULL }, \
	{ "verbose", 'v', 'v', NULL, "fetch.verbose", CLI_FETCH, \
	    "log each request and response status line", NULL }

#define SPF_TIMEOUT_HELP	"bound each DNS query, retry included (default " \
			STR(CLI_SPF_TIMEOUT) ")"
#define ROW_SPF_DNS \
	{ "dns", 0, OPT_DNS, "HOST[:PORT]", "spf.dns", 0, \
	    "the DNS server to ask for SPF records, an address (default: " \
	    "the system's resolvers)", NULL }
#define ROW_SPF_NAME \
	{ "spf-name", 0, OPT_SPF_NAME, "CODE=NAME", "spf.name.CODE", \
	    CLI_PATTERN, "the SPF name of region CODE, beside or over the " \
	    "built-in table (repeatable)", NULL }

#define ROWS_NOTIFY \
	{ "smtp-url", 0, OPT_SMTP_URL, "URL", "email.smtp-url", CLI_NOTIFY, \
	    "mail through smtp://HOST:587 (STARTTLS) or smtps://HOST:465", \
	    NULL }, \
	{ "smtp-tls", 0, OPT_SMTP_TLS, "MODE", "email.tls", CLI_NOTIFY, \
	    "starttls, implicit or none (a local relay)", NULL }, \
	{ "mail-from", 0, OPT_MAIL_FROM, "ADDR", "email.from", CLI_NOTIFY, \
	    "the sender", NULL }, \
	{ "mail-to", 0, OPT_MAIL_TO, "ADDR", "email.to", CLI_NOTIFY, \
	    "a recipient (repeatable)", NULL }, \
	{ "webhook", 0, OPT_WEBHOOK, "URL", "webhook.url", CLI_NOTIFY, \
	    "POST each notice as JSON (repeatable)", NULL }, \
	{ "webhook-format", 0, OPT_WEBHOOK_FORMAT, "F", "webhook.format", \
	    CLI_NOTIFY, "generic (default), slack or teams", NULL }, \
	{ "webhook-header", 0, OPT_WEBHOOK_HEADER, "'N: V'", \
	    "webhook.header", CLI_NOTIFY, \
	    "send this header with every webhook (repeatable)", NULL }, \
	{ "webhook-secret-file", 0, OPT_WEBHOOK_SECRET_FILE, "FILE", \
	    "webhook.secret-file", CLI_NOTIFY | CLI_PATH, \
	    "sign each webhook body (X-Mcwatch-Signature: " \
	    "sha256=HMAC) with the secret in FILE or $MCWATCH_WEBHOOK_SECRET", \
	    NULL }, \
	{ "smtp-allow-plain-auth", 0, OPT_SMTP_PLAIN_AUTH, NULL, \
	    "email.allow-plain-auth", CLI_NOTIFY, \
	    "allow AUTH with --smtp-tls none (the password in clear)", \
	    NULL }, \
	{ NULL, 0, OPT_SMTP_USER, "USER", "email.user", CLI_NOTIFY, \
	    "the SMTP user", NULL }, \
	{ NULL, 0, OPT_PASSWORD_FILE, "FILE", "email.password-file", \
	    CLI_NOTIFY | CLI_PATH, "the SMTP password's file", NULL }, \
	{ NULL, 0, OPT_HOOK, "COMMAND", "hook.command", CLI_NOTIFY, \
	    "run after a change is recorded", NULL }, \
	{ NULL, 0, OPT_HOOK_TIMEOUT, "SEC", "hook.timeout", CLI_NOTIFY, \
	    "the seconds the hook may take", NULL }

static const struct cli_option run_opts[] = {
	{ "url", 0, 'u', "URL", "source.url", 0,
	    "the page: an http:// or https:// URL (a Zendesk article "
	    "URL is read through its API), zendesk:HOST (the article "
	    "found by its title), a file, a file:// URL or - "
	    "(default: " FETCH_DEFAULT_URL ")", NULL },
	{ "source", 0, 'u', "SRC", NULL, 0, "the same as --url", NULL },
	{ "repo", 0, 'r', "DIR", "repo.path", CLI_PATH,
	    "the snapshot repository, created if missing (default: "
	    CLI_DEFAULT_REPO ")", NULL },
	ROW_CONFIG,
	{ "dry-run", 0, 'n', NULL, "run.dry-run", 0,
	    "do everything but commit", NULL },
	{ "accept", 0, 'a', NULL, "run.accept", 0,
	    "record the page even if the anomaly guard refuses it", NULL },
	{ "max-removal", 0, 'x', "PCT", "guard.max-removal", 0,
	    "refuse a page removing over PCT% of the records (20)",
	    NULL },
	{ "exit-code", 0, 'e', NULL, "run.exit-code", 0,
	    "exit 1 when a change was recorded", NULL },
	{ "format", 'f', 'f', "FMT", "run.format", 0,
	    "the change report (default text):", report_names },
	{ "author", 0, 'A', "ID", "run.author", 0,
	    "commit author, 'Name <email>' (default: $MCWATCH_AUTHOR, "
	    "else " CLI_DEFAULT_AUTHOR ")", NULL },
	{ "lock-timeout", 0, 'L', "SEC", "run.lock-timeout", 0,
	    "wait this long for another run (default "
	    STR(CLI_LOCK_TIMEOUT) ")", NULL },
	{ "quiet", 'q', 'q', NULL, "run.quiet", 0,
	    "print nothing unless something changed or failed", NULL },
	{ "spf", 0, OPT_SPF, NULL, "spf.check", 0,
	    "also record Mimecast's SPF netblocks, the second source (see "
	    "mcwatch spf), and warn where they and the page disagree", NULL },
	ROW_SPF_DNS,
	ROW_SPF_NAME,
	{ "spf-timeout", 0, OPT_SPF_TIMEOUT, "SEC", "spf.timeout", 0,
	    SPF_TIMEOUT_HELP, NULL },
	ROWS_FETCH,
	ROWS_NOTIFY,
	ROWS_COMMON,
};

static const struct cli_option parse_opts[] = {
	ROW_CONFIG,
	{ "format", 'f', 'f', "FMT", NULL, 0, "the records (default json):",
	    output_names },
	{ "quiet", 'q', 'q', NULL, NULL, 0,
	    "do not print warnings about the page", NULL },
	ROWS_FETCH,
	ROWS_COMMON,
};

static const struct cli_option diff_opts[] = {
	ROW_REPO,
	ROW_CONFIG,
	{ "format", 'f', 'f', "FMT", NULL, 0, "the report (default text):",
	    report_names },
	ROWS_COMMON,
};

static const struct cli_option log_opts[] = {
	ROW_REPO,
	ROW_CONFIG,
	{ "format", 'f', 'f', "FMT", NULL, CLI_FMTNAMES,
	    "the format (default text):", NULL },
	{ NULL, 'n', 'n', "COUNT", NULL, 0,
	    "the newest COUNT snapshots only", NULL },
	ROWS_COMMON,
};

static const struct cli_option show_opts[] = {
	ROW_REPO,
	ROW_CONFIG,
	{ "format", 'f', 'f', "FMT", NULL, 0, "the records (default json):",
	    output_names },
	{ "region", 0, 'R', "CODE", NULL, 0,
	    "only this region code (any case)", NULL },
	{ "kind", 0, 'k', "KIND", NULL, 0, "only this kind:",
	    record_kind_names },
	ROWS_COMMON,
};

static const struct cli_option export_opts[] = {
	ROW_REPO,
	ROW_CONFIG,
	{ "format", 'f', 'f', "FMT", NULL, CLI_REQUIRED, "the format:",
	    export_names },
	{ "region", 0, 'R', "CODE", NULL, 0,
	    "only this region (repeatable; default all)", NULL },
	{ "section", 0, 's', "LIST", NULL, 0,
	    "gateway, non-spf, website, urls or ports (repeatable; "
	    "default the address lists: gateway, non-spf, website)", NULL },
	{ "family", 0, 'F', "4|6", NULL, 0,
	    "one address family (default both; m365 is IPv4)", NULL },
	{ "name", 0, 'n', "NAME", NULL, 0,
	    "the ipset or nftables set's name (default mimecast4, "
	    "mimecast6)", NULL },
	{ "table", 0, 't', "'FAMILY NAME'", NULL, 0,
	    "nft: the table the sets go in (default 'inet mimecast')", NULL },
	{ "powershell", 0, 'p', NULL, NULL, 0,
	    "m365: a Set-HostedConnectionFilterPolicy line that adds "
	    "and removes what changed since --since", NULL },
	{ "since", 0, 'S', "REV", NULL, 0,
	    "the snapshot the IP Allow list holds now (default: the one "
	    "before REV)", NULL },
	{ "output", 0, 'o', "FILE", NULL, 0,
	    "write FILE whole or not at all; - is standard output "
	    "(default); a character device is written through", NULL },
	{ "retiring", 0, 'K', NULL, NULL, 0,
	    "keep records the page is retiring (struck through, or "
	    "marked so); left out by default", NULL },
	ROWS_COMMON,
};

static const struct cli_option history_opts[] = {
	ROW_REPO,
	ROW_CONFIG,
	{ "format", 'f', 'f', "FMT", NULL, CLI_FMTNAMES,
	    "the format (default text):", NULL },
	ROWS_COMMON,
};

static const struct cli_option lookup_opts[] = {
	ROW_REPO,
	ROW_CONFIG,
	{ "snapshot", 0, 's', "REV", NULL, 0,
	    "the snapshot to look in (default: the latest)", NULL },
	{ "quiet", 'q', 'q', NULL, NULL, 0,
	    "print nothing: exit 0 when every query, and every line of "
	    "standard input, holds Mimecast's addresses only", NULL },
	ROWS_COMMON,
};

static const struct cli_option notify_opts[] = {
	{ "test", 0, 't', NULL, NULL, CLI_REQUIRED,
	    "send the test message (required)", NULL },
	ROW_CONFIG,
	ROWS_NOTIFY,
	ROWS_FETCH,
	ROWS_COMMON,
};

static const struct cli_option publish_opts[] = {
	ROW_REPO,
	ROW_CONFIG,
	{ "out", 0, 'o', "DIR", "publish.out", CLI_PATH | CLI_REQUIRED,
	    "the site's directory (required)", NULL },
	{ "base-url", 0, 'b', "URL", "publish.base-url", 0,
	    "where the site is served (http or https): the feed's "
	    "links become absolute", NULL },
	{ "title", 0, 't', "TEXT", "publish.title", 0,
	    "the site's title (default: \"" PUBLISH_TITLE "\")", NULL },
	{ "lock-timeout", 0, 'L', "SEC", "publish.lock-timeout", 0,
	    "wait this long for another publish into the same "
	    "parent directory (default " STR(CLI_LOCK_TIMEOUT) ")", NULL },
	{ "rebuild", 0, 'R', NULL, NULL, 0,
	    "reuse nothing of the old site or the memo: render every "
	    "snapshot and write every file", NULL },
	ROWS_COMMON,
};

static const struct cli_option status_opts[] = {
	ROW_REPO,
	ROW_CONFIG,
	{ "warn-age", 0, 'w', "HOURS", "status.warn-age", 0,
	    "warning past this long without a successful check ("
	    STR(CLI_WARN_AGE) ")", NULL },
	{ "max-age", 0, 'm', "HOURS", "status.max-age", 0,
	    "critical past this long without a successful check ("
	    STR(CLI_MAX_AGE) ")", NULL },
	{ "format", 'f', 'f', "FMT", NULL, CLI_FMTNAMES,
	    "the format (default text, with Nagios performance data; "
	    "prometheus: node_exporter's textfile format):", NULL },
	ROWS_COMMON,
};

static const struct cli_option spf_opts[] = {
	ROW_REPO,
	ROW_CONFIG,
	ROW_SPF_DNS,
	{ "region", 0, 'R', "CODE", NULL, 0,
	    "only this region (repeatable; default every region of the latest "
	    "snapshot)", NULL },
	ROW_SPF_NAME,
	{ "timeout", 0, OPT_SPF_TIMEOUT, "SEC", "spf.timeout", 0,
	    SPF_TIMEOUT_HELP, NULL },
	{ "format", 'f', 'f', "FMT", NULL, CLI_FMTNAMES,
	    "the format (default text):", NULL },
	ROWS_COMMON,
};

const struct cli_table cli_tables[] = {
	TABLE("run", NULL, run_opts),
	TABLE("parse", "PAGE", parse_opts),
	TABLE("diff", "[REV1 [REV2]]", diff_opts),
	TABLE("log", NULL, log_opts),
	TABLE("show", "[REV]", show_opts),
	TABLE("export", "[REV]", export_opts),
	TABLE("history", "QUERY", history_opts),
	TABLE("lookup", "[QUERY...]", lookup_opts),
	TABLE("notify", NULL, notify_opts),
	TABLE("publish", NULL, publish_opts),
	TABLE("status", NULL, status_opts),
	TABLE("spf", NULL, spf_opts),
};
const size_t cli_ntables = END_OF(cli_tables);

const struct cli_table *
cli_table_find(const char *cmd)
{
	size_t i;

	for (i = 0; i < cli_ntables; i++)
		if (strcmp(cli_tables[i].cmd, cmd) == 0)
			return &cli_tables[i];
	return NULL;
}

const struct cli_option *
cli_table_key(const struct cli_table *t, const char *key)
{
	size_t i;

	size_t n;

	for (i = 0; i < t->nopts; i++) {
		const struct cli_option *o = &t->opts[i];

		if (o->key == NULL)
			continue;
		if (strcmp(o->key, key) == 0)
			return o;
		/* "spf.name.CODE": any last part after the prefix. */
		n = strlen(o->key) - 4;
		if ((o->flags & CLI_PATTERN) && strncmp(o->key, key, n) == 0 &&
		    key[n] != '\0' && strchr(key + n, '.') == NULL)
			return o;
	}
	return NULL;
}
