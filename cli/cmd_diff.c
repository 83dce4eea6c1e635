/* mcwatch diff: the changes between two snapshots. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../diff/diff.h"
#include "../diff/report.h"
#include "../snapshots/snapshot.h"
#include "../snapshots/source.h"

static const struct cli_exit exits[] = {
	{ EXIT_OK, "the report printed" },
	{ EXIT_USAGE, "usage error (a bad option or date)" },
	{ EXIT_REPO, "repository error or no such snapshot" },
	{ EXIT_INTERNAL, NULL },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "diff", "The changes from REV1 to REV2. With no REV, the last "
	    "recorded change (the\nlatest snapshot against its parent); with "
	    "one, REV1 against the latest.\nREV: a commit id, a ref or "
	    "revision expression, or @YYYY-MM-DD (the snapshot\nin force at "
	    "the end of that day, UTC).\n",
	    exits, NULL);
}

/* diff's options. */
struct diff_args {
	const char			*repo;
	const struct report_format	*fmt;
};

/* Take option ch of diff with arg; 0, or -1 told. */
static int
diff_option(void *p, int ch, const char *arg, int from_config)
{
	struct diff_args *o = p;

	(void)from_config;
	if (ch == 'f' && (o->fmt = report_find(arg)) == NULL)
		return cli_misuse("diff", "unknown format '%s' (want %s)", arg,
		    report_names()), -1;
	return 0;
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

/* Warnings from reading the snapshots: a spf.json that does not read. */
static void
warn_cb(const char *msg)
{
	cli_error("%s", msg);
}

int
cmd_diff(int argc, char **argv)
{
	struct diff_args o = { CLI_DEFAULT_REPO, report_find("text") };
	const struct cli_take t = { diff_option, &o, NULL, usage, &o.repo };
	const char *rev1 = NULL, *rev2 = NULL;
	struct recordset *a = NULL, *b = NULL;
	struct store *st = NULL;
	struct snapshot *ca = NULL, *cb = NULL;
	struct report_ctx ctx;
	struct source_prev sp;
	struct spf_report spf;
	struct diff d;
	struct err err;
	int ch, rc = EXIT_REPO;

	memset(&d, 0, sizeof(d));
	memset(&spf, 0, sizeof(spf));
	memset(&sp, 0, sizeof(sp));
	if ((rc = cli_parse("diff", argc, argv, &t)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
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
	if ((st = store_open(o.repo, 0, &err)) == NULL ||
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
	if (snapshot_spf_change(st, ca, cb, warn_cb, &spf) == -1) {
		err_nomem(&err, "diff");
		goto fail;
	}
	ctx.spf = spf.n > 0 ? &spf : NULL;
	ctx.diff = &d;
	ctx.from = ca ? snapshot_id(ca) : NULL;
	ctx.to = snapshot_id(cb);
	ctx.date = snapshot_time(cb);
	ctx.source = snapshot_source(st, cb, &sp);
	if (o.fmt->write(stdout, &ctx) == -1) {
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
	spf_report_clear(&spf);
	diff_free(&d);
	recordset_free(a);
	recordset_free(b);
	snapshot_free(ca);
	snapshot_free(cb);
	store_close(st);
	return rc;
}
