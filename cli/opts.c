/* Reading a command's options, and telling usage errors in one line. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../util/names.h"
#include "../snapshots/snapshot.h"

/* Where a value being checked came from, when a configuration key. */
static struct {
	const char	*file;
	int		 line;
	const char	*key;
} misuse_as;

void
cli_misuse_as(const char *file, int line, const char *key)
{
	misuse_as.file = file;
	misuse_as.line = line;
	misuse_as.key = key;
}

void
cli_misuse(const char *cmd, const char *fmt, ...)
{
	char buf[1024];
	const char *msg = buf;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (misuse_as.key != NULL) {
		/* "--smtp-tls: want ..." of a key: said of the key instead. */
		if (strncmp(buf, "--", 2) == 0 && strstr(buf, ": ") != NULL)
			msg = strstr(buf, ": ") + 2;
		cli_error("%s: config %s:%d: %s: %s", cmd, misuse_as.file,
		    misuse_as.line, misuse_as.key, msg);
		fprintf(stderr, "see the keys in mcwatch(1), CONFIGURATION\n");
		return;
	}
	cli_error("%s: %s", cmd, buf);
	fprintf(stderr, "try 'mcwatch %s --help'\n", cmd);
}

int
cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
    const struct option *longopts)
{
	char opts[64];
	const char *arg;
	int ch;

	/* A leading ':' tells a missing argument from an unknown option. */
	snprintf(opts, sizeof(opts), ":%s", shortopts);
	opterr = 0;
	ch = getopt_long(argc, argv, opts, longopts, NULL);
	if (ch != '?' && ch != ':')
		return ch;
	arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	if (ch == ':')
		cli_misuse(cmd, "option '%s' requires an argument", arg);
	else if (optopt != 0 && strncmp(arg, "--", 2) != 0)
		cli_misuse(cmd, "unknown option '-%c'", optopt);
	else
		cli_misuse(cmd, "unrecognized option '%s'", arg);
	return '?';
}

int
cli_common(const char *cmd, int ch, void (*usage)(FILE *))
{
	switch (ch) {
	case 'h':
		usage(stdout);
		return cli_flush(cmd);
	case 'V':
		printf("mcwatch %s\n", MCWATCH_VERSION);
		return cli_flush(cmd);
	case '?':
		return EXIT_USAGE;
	default:
		return -1;
	}
}

int
cli_flush(const char *cmd)
{
	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout)) {
		cli_error("%s: writing to standard output failed: %s", cmd,
		    errno != 0 ? strerror(errno) : "write error");
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

int
cli_check_rev(const char *cmd, const char *rev)
{
	time_t t;

	if (rev[0] == '\0') {
		cli_misuse(cmd, "an empty revision");
		return -1;
	}
	if (snapshot_date(rev, &t) == -1) {
		cli_misuse(cmd, "'%s' is not a date: want @YYYY-MM-DD, a real "
		    "calendar date", rev);
		return -1;
	}
	return 0;
}

int
cli_lock_timeout(const char *cmd, const char *arg, int *out)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*end != '\0' || end == arg || n < 0 || n > 86400) {
		cli_misuse(cmd, "--lock-timeout: not a number of seconds (0 to "
		    "86400): '%s'", arg);
		return -1;
	}
	*out = (int)n;
	return 0;
}

/*
 * getopt's arrays of table t: lo (n entries, the last all zero) and the
 * short options so (len bytes); 0, or -1 when they do not fit.
 */
static int
getopt_arrays(const struct cli_table *t, struct option *lo, size_t n,
    char *so, size_t len)
{
	size_t i, nlo = 0, nso = 0;

	for (i = 0; i < t->nopts; i++) {
		const struct cli_option *o = &t->opts[i];

		if (o->name != NULL) {
			if (nlo + 1 >= n)
				return -1;
			lo[nlo].name = o->name;
			lo[nlo].has_arg = o->arg != NULL ? required_argument :
			    no_argument;
			lo[nlo].flag = NULL;
			lo[nlo++].val = o->code;
		}
		if (o->letter != 0) {
			if (nso + 3 >= len)
				return -1;
			so[nso++] = o->letter;
			if (o->arg != NULL)
				so[nso++] = ':';
		}
	}
	memset(&lo[nlo], 0, sizeof(lo[nlo]));
	so[nso] = '\0';
	return 0;
}

/* The formats of a command that writes text or JSON, by name. */
struct text_json {
	const char	*name;
	int		 json;
};

static const struct text_json text_json[] = {
	{ "text", 0 }, { "json", 1 },
};

const char *
cli_text_json_names(void)
{
	static char names[16];

	return names[0] ? names : NAMES_JOIN(names, text_json);
}

int
cli_text_json(const char *cmd, const char *name, int *json)
{
	const struct text_json *f;

	if ((f = NAMES_FIND(text_json, name)) == NULL) {
		cli_misuse(cmd, "unknown format '%s' (want %s)", name,
		    cli_text_json_names());
		return -1;
	}
	*json = f->json;
	return 0;
}

int
cli_take_one(const struct cli_take *t, int code, const char *value,
    int from_config)
{
	/* Every command's --repo is the same row (ROW_REPO): read here. */
	if (code == 'r' && t->repo != NULL) {
		*t->repo = value;
		return 0;
	}
	return t->take(t->arg, code, value, from_config);
}

int
cli_parse(const char *cmd, int argc, char **argv, const struct cli_take *t)
{
	const struct cli_table *tab = cli_table_find(cmd);
	struct option lo[64];
	char so[32];
	int ch, rc;

	if (tab == NULL || getopt_arrays(tab, lo, sizeof(lo) / sizeof(lo[0]),
	    so, sizeof(so)) == -1) {
		cli_error("%s: no option table fits (a bug)", cmd);
		return EXIT_INTERNAL;
	}
	if ((rc = cli_config_read(cmd, argc, argv, tab, t)) != EXIT_OK)
		return rc;
	while ((ch = cli_getopt(cmd, argc, argv, so, lo)) != -1) {
		if ((rc = cli_common(cmd, ch, t->usage)) != -1)
			return rc == EXIT_OK ? CLI_DONE : rc;
		if (ch != OPT_CONFIG && cli_take_one(t, ch, optarg, 0) == -1)
			return EXIT_USAGE;
	}
	return EXIT_OK;
}
