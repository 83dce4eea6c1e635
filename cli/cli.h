/* The command line: commands, exit statuses, messages. */
#ifndef MCWATCH_CLI_H
#define MCWATCH_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "../records/record.h"
#include "../scraper/fetch.h"
#include "../notify/notify.h"
#include "../snapshots/conf.h"

/* The repository every command reads by default: named once. */
#define CLI_DEFAULT_REPO	"mcwatch-data"

/* Codes of the long options 'run' and 'parse' share (see FETCH_LONGOPTS). */
enum {
	OPT_MAXSIZE = 1000,
	OPT_TIMEOUT,
	OPT_RETRIES,
	OPT_RETRY_DELAY,
	OPT_CACERT,
	OPT_HEADER,
	OPT_CONFIG,
	OPT_SMTP_URL,
	OPT_SMTP_TLS,
	OPT_MAIL_FROM,
	OPT_MAIL_TO,
	OPT_WEBHOOK,
	OPT_WEBHOOK_FORMAT,
	OPT_WEBHOOK_HEADER,
	OPT_WEBHOOK_SECRET_FILE,
	OPT_SMTP_PLAIN_AUTH,
	OPT_SMTP_USER,		/* configuration keys only */
	OPT_PASSWORD_FILE,
	OPT_HOOK,
	OPT_HOOK_TIMEOUT
};

/* The notification options of 'run' and 'notify'. */
#define NOTIFY_LONGOPTS \
	{ "config", required_argument, NULL, OPT_CONFIG }, \
	{ "smtp-url", required_argument, NULL, OPT_SMTP_URL }, \
	{ "smtp-tls", required_argument, NULL, OPT_SMTP_TLS }, \
	{ "mail-from", required_argument, NULL, OPT_MAIL_FROM }, \
	{ "mail-to", required_argument, NULL, OPT_MAIL_TO }, \
	{ "webhook", required_argument, NULL, OPT_WEBHOOK }, \
	{ "webhook-format", required_argument, NULL, OPT_WEBHOOK_FORMAT }, \
	{ "webhook-header", required_argument, NULL, OPT_WEBHOOK_HEADER }, \
	{ "webhook-secret-file", required_argument, NULL, \
	    OPT_WEBHOOK_SECRET_FILE }, \
	{ "smtp-allow-plain-auth", no_argument, NULL, OPT_SMTP_PLAIN_AUTH }

#define NOTIFY_USAGE \
	"  --config FILE        the configuration file (see mcwatch(1))\n" \
	"  --smtp-url URL       mail through smtp://HOST:587 (STARTTLS) or " \
	"smtps://HOST:465\n" \
	"  --smtp-tls MODE      starttls, implicit or none (a local relay)\n" \
	"  --mail-from ADDR     the sender\n" \
	"  --mail-to ADDR       a recipient (repeatable)\n" \
	"  --webhook URL        POST each notice as JSON (repeatable)\n" \
	"  --webhook-format F   generic (default), slack or teams\n" \
	"  --webhook-header 'N: V'  send this header with every webhook " \
	"(repeatable)\n" \
	"  --webhook-secret-file FILE  sign each webhook body " \
	"(X-Mcwatch-Signature:\n" \
	"                       sha256=HMAC) with the secret in FILE or " \
	"$MCWATCH_WEBHOOK_SECRET\n" \
	"  --smtp-allow-plain-auth  allow AUTH with --smtp-tls none (the " \
	"password in clear)\n"

#define FETCH_LONGOPTS \
	{ "max-size", required_argument, NULL, OPT_MAXSIZE }, \
	{ "timeout", required_argument, NULL, OPT_TIMEOUT }, \
	{ "retries", required_argument, NULL, OPT_RETRIES }, \
	{ "retry-delay", required_argument, NULL, OPT_RETRY_DELAY }, \
	{ "cacert", required_argument, NULL, OPT_CACERT }, \
	{ "header", required_argument, NULL, OPT_HEADER }, \
	{ "verbose", no_argument, NULL, 'v' }

/* The usage lines of the shared fetch options. */
#define FETCH_USAGE \
	"  --timeout SEC        bound each attempt as a whole (default 60)\n" \
	"  --retries N          retry connection errors, timeouts, 429 and 5xx" \
	" (default 3)\n" \
	"  --retry-delay SEC    first backoff, doubled each time, with jitter" \
	" (default 1)\n" \
	"  --cacert FILE        trust this CA as well (a TLS-inspecting proxy)\n" \
	"  --header 'N: V'      send an extra request header (repeatable)\n" \
	"  --max-size BYTES     refuse a page over this size; k, M, G (default" \
	" 16M)\n" \
	"  -v, --verbose        log each request and response status line\n"

/* The long options of every command: -h/--help and --version. */
#define CLI_COMMON_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }

#ifndef MCWATCH_VERSION
#define MCWATCH_VERSION "0.0.0"
#endif

/* Exit statuses; only main returns them. See mcwatch(1). */
enum {
	EXIT_OK = 0,
	EXIT_CHANGED = 1,	/* run --exit-code: a change was recorded */
	EXIT_USAGE = 2,		/* bad command line or configuration */
	EXIT_FETCH = 3,		/* the page could not be read or fetched */
	EXIT_REJECTED = 4,	/* the page holds no data, or was refused */
	EXIT_REPO = 5,		/* the snapshot repository failed */
	EXIT_INTERNAL = 6,	/* out of memory, or output could not be written */
	EXIT_RECORDED = 7,	/* a change was recorded; a later step failed */
	EXIT_PENDING = 8,	/* recorded, a notification pending */
	EXIT_NOTIFY = 9		/* notify --test: a channel failed */
};


/* What a command does with a repository. */
#define GIT_READS	1	/* reads: any owner's (store_read_any_owner) */
#define GIT_WRITES	2	/* writes: only the user's own */

struct command {
	const char	*name;
	int		(*run)(int, char **);
	const char	*summary;
	int		 git;	/* needs libgit2: GIT_READS or GIT_WRITES */
};

/*
 * Tell e (its message, through cli_error) and return the exit status its
 * kind maps to: the one table of them is in main.c.
 */
int	cli_fail(const struct err *e);
/* The exit status of an error of kind k. */
int	cli_status(enum err_kind k);
/* "mcwatch: " and a message; control characters shown as '?'. */
void	cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The set's warnings on stderr, one a line. */
void	cli_warnings(const struct recordset *rs);
/* Fetch options with their defaults, logging through cli_error. */
void	cli_fetch_init(struct fetch_opts *o);
/*
 * Take option ch of command cmd if it is a fetch option: 1 taken, 0 not
 * one, -1 bad (told as a usage error).
 */
int	cli_fetch_option(const char *cmd, int ch, const char *arg,
	    struct fetch_opts *o);
/* Parse a size with an optional k/M/G suffix; 0, or -1. */
int	cli_size(const char *s, size_t *out);
/*
 * getopt_long for command cmd (shortopts without a leading ':'): an
 * unknown option, or one missing its argument, is told in one line with a
 * hint ("mcwatch run: unrecognized option '--rpeo'", "try 'mcwatch run
 * --help'") and '?' returned; else as getopt_long.
 */
int	cli_getopt(const char *cmd, int argc, char **argv,
	    const char *shortopts, const struct option *longopts);
/* "mcwatch CMD: message" and the hint line. */
void	cli_misuse(const char *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Until called again with NULLs, cli_misuse tells of configuration key
 * key at file:line instead of the option whose check it is.
 */
void	cli_misuse_as(const char *file, int line, const char *key);
/* cli_misuse, then EXIT_USAGE: the value in sight of every caller. */
#define cli_usage(...)	(cli_misuse(__VA_ARGS__), EXIT_USAGE)
/*
 * Options every command shares: 'h' prints usage, 'V' the version (both
 * to stdout, flushed), '?' is a usage error already told. The exit
 * status, or -1 when ch is none of them.
 */
int	cli_common(const char *cmd, int ch, void (*usage)(FILE *));
/*
 * A revision given to cmd: a date must be a real one, strictly
 * @YYYY-MM-DD. 0, or -1 told as a usage error.
 */
int	cli_check_rev(const char *cmd, const char *rev);
/*
 * --lock-timeout's seconds (0 to 86400) of command cmd into *out; 0, or
 * -1 told as a usage error.
 */
int	cli_lock_timeout(const char *cmd, const char *arg, int *out);
/* Flush stdout: EXIT_OK, or EXIT_INTERNAL with the cause told. */
int	cli_flush(const char *cmd);

struct cli_notify;

/*
 * Read the configuration file for command cmd (--config FILE in argv,
 * $MCWATCH_CONFIG, $XDG_CONFIG_HOME/mcwatch/config, /etc/mcwatch/config)
 * into c, none when no file is found; *file names it. The exit status:
 * EXIT_OK, or a usage error told.
 */
int	cli_config_load(const char *cmd, int argc, char **argv, struct conf *c,
	    const char **file);
/*
 * Apply the entries of configuration c (from file) as options of cmd:
 * take(arg, option, value) takes each, returning -1 when the value is bad
 * (told); route.TARGET.regions entries go to n. Unknown keys and bad
 * values are usage errors naming the key. The exit status.
 */
int	cli_config_apply(const char *cmd, const char *file, struct conf *c,
	    int (*take)(void *, int, const char *), void *arg,
	    struct cli_notify *n);
/*
 * The configuration's repo.path for command cmd (the file as
 * cli_config_load finds it; "~/" is $HOME) into *repo, left as it is when
 * there is none. The exit status: EXIT_OK, or a usage error told.
 */
int	cli_config_repo(const char *cmd, int argc, char **argv,
	    const char **repo);
/*
 * A secret of cmd, from the environment variable env, else file (told as
 * option what if it is readable by others, refused if longer than len - 1
 * bytes), else the systemd credential cred in $CREDENTIALS_DIRECTORY, into
 * buf; "" when none is set. The exit status.
 */
int	cli_secret(const char *cmd, const char *env, const char *cred,
	    const char *what, const char *file, char *buf, size_t len);

/* Notification settings from the command line and the configuration. */
struct cli_notify {
	struct notify_config	 cfg;
	int			 cli_set[2];	/* webhooks, mail: from argv */
	const char		*password_file;
	const char		*secret_file;
	char			 password[256];
	char			 secret[256];
};

void	cli_notify_init(struct cli_notify *n);
/*
 * Take notification option ch of cmd (from_config: a configuration key):
 * 1 taken, 0 not one, -1 bad (told).
 */
int	cli_notify_option(const char *cmd, int ch, const char *arg,
	    struct cli_notify *n, int from_config);
/* Route channel target to region codes; exit status. */
int	cli_notify_route(const char *cmd, struct cli_notify *n,
	    const char *target, const char *codes);
/* Check the whole and read the secrets (file or env); exit status. */
int	cli_notify_finish(const char *cmd, struct cli_notify *n,
	    const struct fetch_opts *fo);

int	cmd_parse(int argc, char **argv);
int	cmd_notify(int argc, char **argv);
int	cmd_export(int argc, char **argv);
int	cmd_lookup(int argc, char **argv);
int	cmd_history(int argc, char **argv);
int	cmd_status(int argc, char **argv);
int	cmd_publish(int argc, char **argv);
int	cmd_run(int argc, char **argv);
int	cmd_diff(int argc, char **argv);
int	cmd_log(int argc, char **argv);
int	cmd_show(int argc, char **argv);

#endif
