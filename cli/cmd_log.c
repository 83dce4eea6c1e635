/* mcwatch log: one line per snapshot, newest first. */
#include <errno.h>
#include <getopt.h>
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

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: mcwatch log [--repo DIR] [-f text|json] [-n COUNT]\n"
	    "\nOne line per snapshot, newest first: date (UTC), id, records "
	    "added, removed\nand changed, the regions touched.\n"
	    "\n"
	    "  --repo DIR           the snapshot repository (default: "
	    CLI_DEFAULT_REPO ", or repo.path)\n"
	    "  --config FILE        the configuration file its repo.path is "
	    "read from\n"
	    "  -f, --format FMT     text (default) or json\n"
	    "  -n COUNT             the newest COUNT snapshots only\n"
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status: 0 the log printed; 2 usage error; 5 repository "
	    "error; 6 out of\nmemory, or the output could not be written.\n");
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

int
cmd_log(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "format", required_argument, NULL, 'f' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const struct log_format *fmt = &formats[0];
	const char *repo = CLI_DEFAULT_REPO;
	struct store *st = NULL;
	struct log_walk *h = NULL;
	struct err err;
	char *end;
	long max = -1;
	int ch, rc = EXIT_REPO;

	/* repo.path of the configuration; --repo wins. */
	if ((rc = cli_config_repo("log", argc, argv, &repo)) != EXIT_OK)
		return rc;
	while ((ch = cli_getopt("log", argc, argv, "f:n:h", longopts)) != -1) {
		if ((rc = cli_common("log", ch, usage)) != -1)
			return rc;
		switch (ch) {
		case 'r':
			repo = optarg;
			break;
		case 'f':
			if ((fmt = log_find(optarg)) == NULL)
				return cli_usage("log", "unknown format '%s' "
				    "(want %s)", optarg, log_names());
			break;
		case 'n':
			max = strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg || max < 0)
				return cli_usage("log", "-n: not a count: '%s'",
				    optarg);
			break;
		}
	}
	if (optind != argc)
		return cli_usage("log", "no arguments expected, not '%s'",
		    argv[optind]);
	err_clear(&err);
	if ((st = store_open(repo, 0, &err)) == NULL ||
	    (h = log_open(st, &err)) == NULL) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (fmt->write(stdout, h, max, &err) == -1) {
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
