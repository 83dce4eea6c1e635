/* mcwatch publish: the static site of the snapshots. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../pipeline/health.h"
#include "../publish/publish.h"

#define TITLE_MAX		200

static const struct cli_exit exits[] = {
	{ EXIT_OK, "published" },
	{ EXIT_USAGE, "usage error (a bad option or URL)" },
	{ EXIT_REPO, "repository error, or no snapshot yet" },
	{ EXIT_INTERNAL, "out of memory, or the site could not be written" },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "publish", "Write a static site of the snapshots to DIR: index.html "
	    "(the current data),\nchanges.html, feed.atom, version.json, "
	    "endpoints.json, endpoints.csv,\nchanges.json, changes/ID.json "
	    "(what changed since snapshot ID) and lists/.\nThe site is built "
	    "beside DIR and swapped in whole; files whose bytes did not\n"
	    "change are kept; everything is built from the repository, nothing "
	    "read back\nfrom the old site. DIR must be absent, empty, or a "
	    "site mcwatch published.\n",
	    exits, NULL);
}

/* A broken snapshot, named. */
static void
warn_cb(const char *msg)
{
	cli_error("%s", msg);
}

/* publish's options. */
struct publish_args {
	struct publish_opts	 o;
	const char		*repo;
	char			 base[2048];	/* --base-url, ending in '/' */
};

/* Take option ch of publish with arg; 0, or -1 told. */
static int
publish_option(void *p, int ch, const char *arg, int from_config)
{
	struct publish_args *a = p;
	size_t n;

	(void)from_config;
	switch (ch) {
	case 'o':
		a->o.out = arg;
		break;
	case 'b':
		if (!publish_base_ok(arg))
			return cli_misuse("publish", "--base-url: not an "
			    "http(s) URL: '%s'", arg), -1;
		n = strlen(arg);
		/* Links are made relative to it: end it with '/'. */
		if (n + 2 > sizeof(a->base))
			return cli_misuse("publish", "--base-url: at most %zu "
			    "bytes", sizeof(a->base) - 2), -1;
		snprintf(a->base, sizeof(a->base), "%s%s", arg, n > 0 &&
		    arg[n - 1] == '/' ? "" : "/");
		a->o.base_url = a->base;
		break;
	case 't':
		if (strlen(arg) > TITLE_MAX)
			return cli_misuse("publish", "--title: at most %d "
			    "bytes", TITLE_MAX), -1;
		a->o.title = arg;
		break;
	case 'R':
		a->o.rebuild = 1;
		break;
	case 'L':
		if (cli_lock_timeout("publish", arg,
		    &a->o.lock_timeout) == -1)
			return -1;
		break;
	}
	return 0;
}

/* The options into a; EXIT_OK, CLI_DONE, or the exit status. */
static int
publish_args(int argc, char **argv, struct publish_args *a)
{
	const struct cli_take t = { publish_option, a, NULL, usage,
	    &a->repo };
	int rc;

	if ((rc = cli_parse("publish", argc, argv, &t)) != EXIT_OK)
		return rc;
	if (optind != argc)
		return cli_usage("publish", "no arguments expected, not '%s'",
		    argv[optind]);
	if (a->o.out == NULL || a->o.out[0] == '\0')
		return cli_usage("publish", "no site directory: give --out DIR");
	return EXIT_OK;
}

int
cmd_publish(int argc, char **argv)
{
	struct publish_args a;
	struct publish_result res;
	struct health h;
	struct store *st = NULL;
	struct err err;
	int rc;

	memset(&a, 0, sizeof(a));
	a.repo = CLI_DEFAULT_REPO;
	a.o.lock_timeout = CLI_LOCK_TIMEOUT;
	a.o.warn = warn_cb;
	if ((rc = publish_args(argc, argv, &a)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	if ((st = store_open(a.repo, 0, &err)) == NULL) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	/* The last check is the last run's, whatever it found. */
	if (health_get(st, &h, &err) == 0)
		a.o.last_check = h.last_check;
	switch (publish_site(st, &a.o, &res, &err)) {
	case 1:
		err_set(&err, ERR_REPO, "publish: repo %s has no snapshot yet: "
		    "run 'mcwatch run' first", a.repo);
		rc = cli_fail(&err);
		goto cleanup;
	case -1:
		rc = cli_fail(&err);
		goto cleanup;
	}
	printf("published %zu snapshot%s (latest %.12s) to %s:\n%zu files "
	    "written, %zu unchanged\n", res.snapshots, res.snapshots == 1 ?
	    "" : "s", res.latest, a.o.out, res.written, res.linked);
	rc = cli_flush("publish");
 cleanup:
	store_close(st);
	return rc;
}
