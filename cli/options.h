/*
 * The options of every command, one table each, as git's parse-options
 * has them: getopt's array, the usage text, the configuration keys and
 * the documentation check (mcwatch --config-keys) are all built from them.
 */
#ifndef MCWATCH_CLI_OPTIONS_H
#define MCWATCH_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/* Flags of an option. */
#define CLI_PATH	0x01	/* a path value: "~/" is $HOME, as git has it */
#define CLI_REQUIRED	0x02	/* shown unbracketed in the synopsis */
#define CLI_FETCH	0x04	/* one of the "fetch options" */
#define CLI_NOTIFY	0x08	/* one of the "notification options" */
#define CLI_COMMON	0x10	/* --help, --version: left out of the synopsis */
#define CLI_PATTERN	0x20	/* a key "a.b.CODE": any CODE, given as
				   "CODE=VALUE" */
#define CLI_FMTNAMES	0x40	/* its values are the command's formats */

struct cli_option {
	const char	*name;		/* --NAME; NULL: none */
	char		 letter;	/* -L; 0: none */
	int		 code;		/* what the command's take() is given */
	const char	*arg;		/* the argument in usage; NULL: a flag */
	const char	*key;		/* the configuration key; NULL: none */
	int		 flags;
	const char	*help;		/* wrapped at 79 columns */
	const char	*(*names)(void);	/* the values it takes, or NULL */
};

/* A command's options: one table. */
struct cli_table {
	const char		*cmd;
	const char		*operands;	/* after the options in the synopsis */
	const struct cli_option	*opts;
	size_t			 nopts;
};

/* The tables of every command. */
extern const struct cli_table	cli_tables[];
extern const size_t		cli_ntables;

/* The table of command cmd, or NULL. */
const struct cli_table	*cli_table_find(const char *cmd);
/* The option of table t whose configuration key is key, or NULL. */
const struct cli_option	*cli_table_key(const struct cli_table *t,
			    const char *key);

/* The defaults the tables' help texts and the commands share. */
#define CLI_DEFAULT_AUTHOR	"mcwatch <mcwatch@localhost>"
#define CLI_LOCK_TIMEOUT	60	/* run --lock-timeout */
#define CLI_WARN_AGE		26	/* status: hours, a nightly run missed */
#define CLI_MAX_AGE		48	/* status: hours without a success */

/* One exit status of a command, and what it means there. */
struct cli_exit {
	int		 status;
	const char	*text;		/* NULL: the general meaning */
};

/*
 * Print command cmd's --help to fp: the synopsis of its table, about
 * (its text, ending in a newline), the option lines, and the n exit
 * statuses of v; formats (or NULL) names the command's own formats for a
 * CLI_FMTNAMES option. All wrapped at 79 columns.
 */
void	cli_help(FILE *fp, const char *cmd, const char *about,
	    const struct cli_exit *v, size_t n, const char *(*formats)(void));
/* cli_help with exits, an array, counted. */
#define CLI_HELP(fp, cmd, about, exits, formats) \
	cli_help((fp), (cmd), (about), (exits), \
	    sizeof(exits) / sizeof((exits)[0]), (formats))
/* The general meaning of exit status st ("usage error"), or "". */
const char	*cli_exit_text(int st);
/* Print every exit status with its general meaning to fp (mcwatch -h). */
void	cli_usage_all_exits(FILE *fp);
/*
 * Print every configuration key, one a line: the key, a tab, the option
 * it stands for (or "-"), a tab, the commands that read it.
 */
void	cli_print_keys(FILE *fp);

#endif
