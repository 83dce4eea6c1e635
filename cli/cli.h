/* The command line: commands, exit statuses, messages. */
#ifndef MCWATCH_CLI_H
#define MCWATCH_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "../records/record.h"
#include "../scraper/fetch.h"
#include "../notify/notify.h"
#include "../pipeline/spfcheck.h"
#include "../snapshots/conf.h"
#include "options.h"

/* The repository every command reads by default: named once. */
#define CLI_DEFAULT_REPO	"mcwatch-data"

/* Codes of the options commands share (see the tables in options.c). */
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
	OPT_HOOK_TIMEOUT,
	OPT_SPF,
	OPT_DNS,
	OPT_SPF_NAME,
	OPT_SPF_TIMEOUT
};

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
/* The SPF options 'run' and 'spf' share: the resolver and the names. */
#define CLI_SPF_NAMES	32
#define CLI_SPF_TIMEOUT	5	/* seconds a DNS query may take */
struct cli_spf {
	struct run_spf	 s;
	const char	*names[CLI_SPF_NAMES];	/* "CODE=NAME" */
};
void	cli_spf_init(struct cli_spf *o);
/*
 * Take option ch of command cmd if it is an SPF option: 1 taken, 0 not
 * one, -1 bad (told as a usage error).
 */
int	cli_spf_option(const char *cmd, int ch, const char *arg,
	    struct cli_spf *o);
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
/*
 * -f of a command that writes text or JSON (history, spf): *json set from
 * name; 0, or -1 told as a usage error of cmd.
 */
int	cli_text_json(const char *cmd, const char *name, int *json);
/* Their names, "|"-separated, as the table has them. */
const char	*cli_text_json_names(void);
/* Flush stdout: EXIT_OK, or EXIT_INTERNAL with the cause told. */
int	cli_flush(const char *cmd);

struct cli_notify;

/*
 * What a command's options are read into: take(arg, code, value,
 * from_config) takes one (value NULL for a flag on the command line),
 * returning 0, or -1 when it is bad (told); route.TARGET.regions keys go
 * to notify (ignored when NULL); usage prints --help; --repo and
 * repo.path go to *repo (NULL: the command has no repository option).
 */
struct cli_take {
	int			(*take)(void *arg, int code, const char *value,
				    int from_config);
	void			*arg;
	struct cli_notify	*notify;
	void			(*usage)(FILE *fp);
	const char		**repo;
};

/* Give option code's value to t: --repo to t->repo, any other to take. */
int	cli_take_one(const struct cli_take *t, int code, const char *value,
	    int from_config);

/* cli_parse's status after --help or --version: exit 0, do nothing. */
#define CLI_DONE	(-1)

/*
 * Read command cmd's options, as its table in options.c has them: the
 * configuration's keys first (--config FILE, $MCWATCH_CONFIG,
 * $XDG_CONFIG_HOME/mcwatch/config, /etc/mcwatch/config), then argv, each
 * given to t. EXIT_OK with optind at the first operand; CLI_DONE; or an
 * exit status, the cause told.
 */
int	cli_parse(const char *cmd, int argc, char **argv,
	    const struct cli_take *t);
/*
 * Read the configuration file for command cmd (found as cli_parse says)
 * and give the keys of table tab to t; a key of another command's is left
 * alone, one of none is a usage error naming file, line and key. The
 * values stay until cli_config_free. The exit status.
 */
int	cli_config_read(const char *cmd, int argc, char **argv,
	    const struct cli_table *tab, const struct cli_take *t);
/* Free what cli_config_read read. */
void	cli_config_free(void);
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
int	cmd_spf(int argc, char **argv);

#endif
