/* mcwatch log: one line per snapshot, newest first. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli.h"
#include "../util/names.h"
#include "../snapshots/log.h"

struct log_format {
	const char	*name;
	int		(*write)(FILE *, struct log_walk *, long, struct err *);
};

static const char	*log_names(void);

static const struct cli_exit exits[] = {
	{ EXIT_OK, "the log printed" },
	{ EXIT_USAGE, NULL },
	{ EXIT_REPO, "repository error" },
	{ EXIT_INTERNAL, NULL },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "log", "One line per snapshot, newest first: date (UTC), id, "
	    "records added, removed\nand changed, the regions touched.\n",
	    exits, log_names);
}

static int
log_text(FILE *fp, struct log_walk *h, long max, struct err *err)
{
	struct log_entry e;
	char when[32];
	struct tm tm;
	time_t t;
	long n;
	int rc;

	for (n = 0; max < 0 || n < max; n++) {
		if ((rc = log_next(h, &e, err)) != 0)
			return rc == 1 ? 0 : -1;
		t = e.time;
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		if (fprintf(fp, "%s  %.7s  %s\n", when, e.id, e.summary) < 0)
			return -1;
	}
	return 0;
}

static int
log_json(FILE *fp, struct log_walk *h, long max, struct err *err)
{
	struct log_entry e;
	char when[32], *p, *tok, *codes = NULL;
	struct tm tm;
	time_t t;
	json_t *arr, *o, *regions;
	long n;
	int rc = -1, st;

	if ((arr = json_array()) == NULL)
		return -1;
	for (n = 0; max < 0 || n < max; n++) {
		if ((st = log_next(h, &e, err)) == 1)
			break;
		if (st == -1)
			goto cleanup;
		t = e.time;
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		if ((o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:s}", "id",
		    e.id, "date", when,
		    "added", (json_int_t)e.added, "removed",
		    (json_int_t)e.removed, "changed", (json_int_t)e.changed,
		    "summary", e.summary)) == NULL ||
		    json_array_append_new(arr, o) == -1 ||
		    json_object_set_new(o, "regions", regions = json_array()) ==
		    -1)
			goto cleanup;
		free(codes);
		if ((codes = strdup(e.regions)) == NULL)
			goto cleanup;
		for (p = codes; (tok = strsep(&p, ",")) != NULL;) {
			while (*tok == ' ')
				tok++;
			if (*tok != '\0' && json_array_append_new(regions,
			    json_string(tok)) == -1)
				goto cleanup;
		}
	}
	if (json_dumpf(arr, fp, JSON_INDENT(2)) == -1 || putc('\n', fp) == EOF)
		goto cleanup;
	rc = 0;
 cleanup:
	free(codes);
	json_decref(arr);
	return rc;
}

static const struct log_format formats[] = {
	{ "text", log_text },
	{ "json", log_json },
};

/* The log format called name, or NULL. */
static const struct log_format *
log_find(const char *name)
{
	return NAMES_FIND(formats, name);
}

/* The format names, "|"-separated, as the table has them. */
static const char *
log_names(void)
{
	static char names[32];

	return names[0] ? names : NAMES_JOIN(names, formats);
}

/* log's options. */
struct log_args {
	const char		*repo;
	const struct log_format	*fmt;
	long			 max;
};

/* Take option ch of log with arg; 0, or -1 told. */
static int
log_option(void *p, int ch, const char *arg, int from_config)
{
	struct log_args *o = p;
	char *end;

	(void)from_config;
	switch (ch) {
	case 'f':
		if ((o->fmt = log_find(arg)) == NULL)
			return cli_misuse("log", "unknown format '%s' (want %s)",
			    arg, log_names()), -1;
		break;
	case 'n':
		o->max = strtol(arg, &end, 10);
		if (*end != '\0' || end == arg || o->max < 0)
			return cli_misuse("log", "-n: not a count: '%s'", arg),
			    -1;
		break;
	}
	return 0;
}

int
cmd_log(int argc, char **argv)
{
	struct log_args o = { CLI_DEFAULT_REPO, &formats[0], -1 };
	const struct cli_take t = { log_option, &o, NULL, usage, &o.repo };
	struct store *st = NULL;
	struct log_walk *h = NULL;
	struct err err;
	int rc = EXIT_REPO;

	if ((rc = cli_parse("log", argc, argv, &t)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	if (optind != argc)
		return cli_usage("log", "no arguments expected, not '%s'",
		    argv[optind]);
	err_clear(&err);
	if ((st = store_open(o.repo, 0, &err)) == NULL ||
	    (h = log_open(st, &err)) == NULL) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (o.fmt->write(stdout, h, o.max, &err) == -1) {
		/* The history's own error, or the output's. */
		if (!err_isset(&err))
			err_set(&err, ERR_IO, "log: writing to standard output "
			    "failed: %s", strerror(errno));
		rc = cli_fail(&err);
		goto cleanup;
	}
	rc = cli_flush("log");
 cleanup:
	log_free(h);
	store_close(st);
	return rc;
}
