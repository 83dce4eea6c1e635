/* mcwatch publish: the static site of the snapshots. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../pipeline/health.h"
#include "../publish/publish.h"

#define PUBLISH_LOCK_TIMEOUT	60
#define TITLE_MAX		200

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: mcwatch publish [--repo DIR] --out DIR "
	    "[--base-url URL] [--title TEXT]\n"
	    "                       [--lock-timeout SEC] [--rebuild]\n"
	    "\nWrite a static site of the snapshots to DIR: index.html (the "
	    "current data),\nchanges.html, feed.atom, version.json, "
	    "endpoints.json, endpoints.csv,\nchanges.json, changes/ID.json "
	    "(what changed since snapshot ID) and lists/.\nThe site is built "
	    "beside DIR and swapped in whole; files whose bytes did not\n"
	    "change are kept, and the old site's changes.json spares reading "
	    "the snapshots\nit already holds. DIR must be absent, empty, or a "
	    "site mcwatch published.\n"
	    "\n"
	    "  --repo DIR           the snapshot repository (default: "
	    CLI_DEFAULT_REPO ", or repo.path)\n"
	    "  --config FILE        the configuration file its repo.path is "
	    "read from\n"
	    "  --out DIR            the site's directory (required)\n"
	    "  --base-url URL       where the site is served (http or https): "
	    "the feed's\n"
	    "                       links become absolute\n"
	    "  --title TEXT         the site's title (default: \"%s\")\n"
	    "  --lock-timeout SEC   wait this long for another publish into "
	    "the same\n"
	    "                       parent directory (default %d)\n"
	    "  --rebuild            reuse nothing of the old site: read every "
	    "snapshot and\n"
	    "                       write every file\n"
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status: 0 published; 2 usage error (a bad option or URL); "
	    "5 repository\nerror, or no snapshot yet; 6 out of memory, or the "
	    "site could not be written.\n", PUBLISH_TITLE,
	    PUBLISH_LOCK_TIMEOUT);
}

/* The options into o; EXIT_OK, -1 when --help or --version, or status. */
static int
publish_args(int argc, char **argv, struct publish_opts *o,
    const char **repo, char **base)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "out", required_argument, NULL, 'o' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "title", required_argument, NULL, 't' },
		{ "lock-timeout", required_argument, NULL, 'L' },
		{ "rebuild", no_argument, NULL, 'R' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	size_t n;
	int ch, rc;

	/* repo.path of the configuration; --repo wins. */
	if ((rc = cli_config_repo("publish", argc, argv, repo)) != EXIT_OK)
		return rc;
	while ((ch = cli_getopt("publish", argc, argv, "h", longopts)) != -1) {
		if ((rc = cli_common("publish", ch, usage)) != -1)
			return rc == EXIT_OK ? -1 : rc;
		switch (ch) {
		case 'r':
			*repo = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'b':
			if (!publish_base_ok(optarg))
				return cli_usage("publish", "--base-url: not an "
				    "http(s) URL: '%s'", optarg);
			free(*base);
			n = strlen(optarg);
			/* Links are made relative to it: end it with '/'. */
			if (asprintf(base, "%s%s", optarg, n > 0 &&
			    optarg[n - 1] == '/' ? "" : "/") == -1)
				return EXIT_INTERNAL;
			o->base_url = *base;
			break;
		case 't':
			if (strlen(optarg) > TITLE_MAX)
				return cli_usage("publish", "--title: at most %d "
				    "bytes", TITLE_MAX);
			o->title = optarg;
			break;
		case 'R':
			o->rebuild = 1;
			break;
		case 'L':
			if (cli_lock_timeout("publish", optarg,
			    &o->lock_timeout) == -1)
				return EXIT_USAGE;
			break;
		}
	}
	if (optind != argc)
		return cli_usage("publish", "no arguments expected, not '%s'",
		    argv[optind]);
	if (o->out == NULL || o->out[0] == '\0')
		return cli_usage("publish", "no site directory: give --out DIR");
	return EXIT_OK;
}

int
cmd_publish(int argc, char **argv)
{
	struct publish_opts o;
	struct publish_result res;
	struct health h;
	struct store *st = NULL;
	const char *repo = CLI_DEFAULT_REPO;
	struct err err;
	char *base = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	o.lock_timeout = PUBLISH_LOCK_TIMEOUT;
	if ((rc = publish_args(argc, argv, &o, &repo, &base)) != EXIT_OK) {
		free(base);
		return rc == -1 ? EXIT_OK : rc;
	}
	if ((st = store_open(repo, 0, &err)) == NULL) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	/* The last check is the last run's, whatever it found. */
	if (health_get(st, &h, &err) == 0)
		o.last_check = h.last_check;
	switch (publish_site(st, &o, &res, &err)) {
	case 1:
		err_set(&err, ERR_REPO, "publish: repo %s has no snapshot yet: "
		    "run 'mcwatch run' first", repo);
		rc = cli_fail(&err);
		goto cleanup;
	case -1:
		rc = cli_fail(&err);
		goto cleanup;
	}
	printf("published %zu snapshot%s (latest %.12s, %zu read from the "
	    "repository) to %s:\n%zu files written, %zu unchanged\n",
	    res.snapshots, res.snapshots == 1 ? "" : "s", res.latest,
	    res.walked, o.out, res.written, res.linked);
	rc = cli_flush("publish");
 cleanup:
	store_close(st);
	free(base);
	return rc;
}
