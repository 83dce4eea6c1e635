/* mcwatch diff: the changes between two snapshots. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../diff/diff.h"
#include "../diff/report.h"
#include "../snapshots/snapshot.h"
#include "../snapshots/source.h"

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: mcwatch diff [--repo DIR] [-f text|json|markdown] "
	    "[REV1 [REV2]]\n"
	    "\nThe changes from REV1 to REV2. With no REV, the last recorded "
	    "change (the\nlatest snapshot against its parent); with one, REV1 "
	    "against the latest.\nREV: a commit id, a ref or revision "
	    "expression, or @YYYY-MM-DD (the snapshot\nin force at the end of "
	    "that day, UTC).\n"
	    "\n"
	    "  --repo DIR           the snapshot repository (default: "
	    CLI_DEFAULT_REPO ", or repo.path)\n"
	    "  --config FILE        the configuration file its repo.path is "
	    "read from\n"
	    "  -f, --format FMT     text (default), json or markdown\n"
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status: 0 the report printed; 2 usage error (a bad option "
	    "or date);\n5 repository error or no such snapshot; 6 out of "
	    "memory, or the output could\nnot be written.\n");
}

/* The records of rev (or of c's parent, when rev is NULL and c given). */
static int
load(struct store *st, const char *rev, struct snapshot **c,
    struct recordset **rs, struct err *err)
{
	if (rev != NULL && snapshot_resolve(st, rev, c, err) == -1)
		return -1;
	if (*c == NULL)
		return (*rs = recordset_new()) == NULL ?
		    err_nomem(err, "diff") : 0;
	return snapshot_records(st, *c, rs, err);
}

int
cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "format", required_argument, NULL, 'f' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const struct report_format *fmt = report_find("text");
	const char *repo = CLI_DEFAULT_REPO, *rev1 = NULL, *rev2 = NULL;
	struct recordset *a = NULL, *b = NULL;
	struct store *st = NULL;
	struct snapshot *ca = NULL, *cb = NULL;
	struct report_ctx ctx;
	struct source_prev sp;
	struct diff d;
	struct err err;
	int ch, rc = EXIT_REPO;

	memset(&d, 0, sizeof(d));
	memset(&sp, 0, sizeof(sp));
	/* repo.path of the configuration; --repo wins. */
	if ((rc = cli_config_repo("diff", argc, argv, &repo)) != EXIT_OK)
		return rc;
	while ((ch = cli_getopt("diff", argc, argv, "f:h", longopts)) != -1) {
		if ((rc = cli_common("diff", ch, usage)) != -1)
			return rc;
		switch (ch) {
		case 'r':
			repo = optarg;
			break;
		case 'f':
			if ((fmt = report_find(optarg)) == NULL)
				return cli_usage("diff", "unknown format '%s' "
				    "(want %s)", optarg, report_names());
			break;
		}
	}
	if (argc - optind > 2)
		return cli_usage("diff", "at most two revisions, not %d",
		    argc - optind);
	for (ch = optind; ch < argc; ch++)
		if (cli_check_rev("diff", argv[ch]) == -1)
			return EXIT_USAGE;
	if (argc - optind >= 1)
		rev1 = argv[optind];
	if (argc - optind == 2)
		rev2 = argv[optind + 1];
	/* REV2 defaults to the latest, REV1 to REV2's parent. */
	if ((st = store_open(repo, 0, &err)) == NULL ||
	    snapshot_pick(st, rev2, &cb, &err) == -1)
		goto fail;
	if (rev1 == NULL && snapshot_parent(st, cb, &ca, &err) == -1)
		goto fail;
	if (load(st, rev1, &ca, &a, &err) == -1 ||
	    load(st, NULL, &cb, &b, &err) == -1)
		goto fail;
	if (diff_records(a, b, &d) == -1) {
		err_nomem(&err, "diff");
		goto fail;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.diff = &d;
	ctx.from = ca ? snapshot_id(ca) : NULL;
	ctx.to = snapshot_id(cb);
	ctx.date = snapshot_time(cb);
	ctx.source = snapshot_source(st, cb, &sp);
	if (fmt->write(stdout, &ctx) == -1) {
		err_set(&err, ERR_IO, "diff: writing the report failed: %s",
		    strerror(errno));
		goto fail;
	}
	rc = cli_flush("diff");
	goto cleanup;
 fail:
	rc = cli_fail(&err);
 cleanup:
	source_prev_clear(&sp);
	diff_free(&d);
	recordset_free(a);
	recordset_free(b);
	snapshot_free(ca);
	snapshot_free(cb);
	store_close(st);
	return rc;
}
