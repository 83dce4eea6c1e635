/* The fetch options 'run' and 'parse' share. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void
log_line(const char *msg)
{
	cli_error("%s", msg);
}

void
cli_fetch_init(struct fetch_opts *o)
{
	fetch_opts_init(o);
	o->log = log_line;
	o->progress = isatty(STDERR_FILENO);
}

int
cli_fetch_option(const char *cmd, int ch, const char *arg,
    struct fetch_opts *o)
{
	char *end;
	long n;
	double d;

	switch (ch) {
	case OPT_MAXSIZE:
		if (cli_size(arg, &o->max_size) == -1) {
			cli_misuse(cmd, "--max-size: not a size: '%s'", arg);
			return -1;
		}
		return 1;
	case OPT_TIMEOUT:
		n = strtol(arg, &end, 10);
		if (*end != '\0' || end == arg || n < 1 || n > 86400) {
			cli_misuse(cmd, "--timeout: want seconds from 1 to "
			    "86400, not '%s'", arg);
			return -1;
		}
		o->net.timeout = n;
		return 1;
	case OPT_RETRIES:
		n = strtol(arg, &end, 10);
		if (*end != '\0' || end == arg || n < 0 || n > 20) {
			cli_misuse(cmd, "--retries: want 0 to 20, not '%s'",
			    arg);
			return -1;
		}
		o->net.retries = (int)n;
		return 1;
	case OPT_RETRY_DELAY:
		d = strtod(arg, &end);
		if (*end != '\0' || end == arg || !(d >= 0 && d <= 600)) {
			cli_misuse(cmd, "--retry-delay: want seconds from 0 to "
			    "600, not '%s'", arg);
			return -1;
		}
		o->net.retry_delay = d;
		return 1;
	case OPT_CACERT:
		/* Checked here: a page from a file would never read it. */
		if (access(arg, R_OK) == -1) {
			cli_misuse(cmd, "--cacert %s: %s", arg,
			    strerror(errno));
			return -1;
		}
		o->net.cacert = arg;
		return 1;
	case OPT_HEADER:
		if (o->nheaders == FETCH_MAXHEADERS) {
			cli_misuse(cmd, "--header: at most %d",
			    FETCH_MAXHEADERS);
			return -1;
		}
		if (strpbrk(arg, "\r\n") != NULL || strchr(arg, ':') == NULL ||
		    arg[0] == ':') {
			cli_misuse(cmd, "--header: want one 'Name: value' "
			    "line, not '%s'", arg);
			return -1;
		}
		o->headers[o->nheaders++] = arg;
		return 1;
	case 'v':
		o->verbose = 1;
		return 1;
	default:
		return 0;
	}
}
