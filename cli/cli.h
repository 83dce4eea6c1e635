/* The command line: commands, exit statuses, messages. */
#ifndef MCWATCH_CLI_H
#define MCWATCH_CLI_H

#include <stdio.h>

#include "../records/record.h"

/* Exit statuses; only main returns them. See mcwatch(1). */
enum {
	EXIT_OK = 0,
	EXIT_CHANGED = 1,	/* run --exit-code: a change was recorded */
	EXIT_USAGE = 2,		/* bad command line or configuration */
	EXIT_FETCH = 3,		/* the page could not be read or fetched */
	EXIT_REJECTED = 4,	/* the page holds no data, or was refused */
	EXIT_REPO = 5,		/* the snapshot repository failed */
	EXIT_INTERNAL = 6	/* out of memory, or output could not be written */
};

struct command {
	const char	*name;
	int		(*run)(int, char **);
	const char	*summary;
	int		 git;	/* needs libgit2 (whose start-up loads CAs) */
};

/* "mcwatch: " and a message; control characters shown as '?'. */
void	cli_error(const char *, ...) __attribute__((format(printf, 1, 2)));
/* The set's warnings on stderr, one a line. */
void	cli_warnings(const struct recordset *);
/* Parse a size with an optional k/M/G suffix; 0, or -1. */
int	cli_size(const char *, size_t *);

int	cmd_parse(int, char **);
int	cmd_run(int, char **);
int	cmd_diff(int, char **);
int	cmd_log(int, char **);
int	cmd_show(int, char **);

#endif
