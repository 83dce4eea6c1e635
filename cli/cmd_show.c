/* mcwatch show: the records as they stood at a snapshot. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "../output/output.h"
#include "../snapshots/snapshot.h"

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: mcwatch show [--repo DIR] [-f json|csv|tsv|text] "
	    "[--region CODE]\n"
	    "                    [--kind network|range|url|port] [REV]\n"
	    "\nThe records of snapshot REV (default: the latest), in the "
	    "formats of\n'mcwatch parse'. REV: a commit id, a ref or revision "
	    "expression, or\n@YYYY-MM-DD (the snapshot in force at the end of "
	    "that day, UTC).\n"
	    "\n"
	    "  --repo DIR           the snapshot repository (default: "
	    CLI_DEFAULT_REPO ", or repo.path)\n"
	    "  --config FILE        the configuration file its repo.path is "
	    "read from\n"
	    "  -f, --format FMT     json (default), csv, tsv or text\n"
	    "  --region CODE        only this region code (any case)\n"
	    "  --kind KIND          only this kind: network, range, url or "
	    "port\n"
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status: 0 the records printed; 2 usage error (a bad option, "
	    "date, or a\nregion code the snapshot lacks); 5 repository error "
	    "or no such snapshot; 6 out\nof memory, or the output could not "
	    "be written.\n");
}

/* Whether rs has records of region code (any case). */
static int
has_region(const struct recordset *rs, const char *code)
{
	size_t i;

	for (i = 0; i < rs->nrecs; i++)
		if (strcasecmp(rs->recs[i].region_code, code) == 0)
			return 1;
	return 0;
}

/* A region code the snapshot lacks: a usage error naming the ones it has. */
static int
unknown_region(const struct recordset *rs, const char *code,
    const struct snapshot *c)
{
	char codes[1024];
	size_t i, n = 0;

	codes[0] = '\0';
	for (i = 0; i < rs->nrecs && n < sizeof(codes) - 64; i++)
		if (i == 0 || strcmp(rs->recs[i].region_code,
		    rs->recs[i - 1].region_code) != 0)
			n += (size_t)snprintf(codes + n, sizeof(codes) - n,
			    "%s%s", n ? ", " : "", rs->recs[i].region_code);
	return cli_usage("show", "no region '%s' in snapshot %.12s; its "
	    "region codes: %s", code, snapshot_id(c), codes);
}

/* Keep only the records of region code and kind (either may be unset). */
static void
filter(struct recordset *rs, const char *code, int kind)
{
	size_t i, j;

	for (i = j = 0; i < rs->nrecs; i++) {
		if ((code != NULL && strcasecmp(rs->recs[i].region_code, code)) ||
		    (kind >= 0 && (int)rs->recs[i].kind != kind)) {
			record_clear(&rs->recs[i]);
			continue;
		}
		if (i != j)
			rs->recs[j] = rs->recs[i];
		j++;
	}
	rs->nrecs = j;
}

int
cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "format", required_argument, NULL, 'f' },
		{ "region", required_argument, NULL, 'R' },
		{ "kind", required_argument, NULL, 'k' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const struct output_format *fmt = output_find("json");
	const char *repo = CLI_DEFAULT_REPO, *region = NULL;
	struct recordset *rs = NULL;
	struct store *st = NULL;
	struct snapshot *c = NULL;
	enum record_kind k;
	struct err err;
	int ch, kind = -1, rc = EXIT_REPO;

	/* repo.path of the configuration; --repo wins. */
	if ((rc = cli_config_repo("show", argc, argv, &repo)) != EXIT_OK)
		return rc;
	while ((ch = cli_getopt("show", argc, argv, "f:h", longopts)) != -1) {
		if ((rc = cli_common("show", ch, usage)) != -1)
			return rc;
		switch (ch) {
		case 'r':
			repo = optarg;
			break;
		case 'f':
			if ((fmt = output_find(optarg)) == NULL)
				return cli_usage("show", "unknown format '%s' "
				    "(want %s)", optarg, output_names());
			break;
		case 'R':
			region = optarg;
			break;
		case 'k':
			if (record_kind_parse(optarg, &k) == -1)
				return cli_usage("show", "unknown kind '%s' (want "
				    "%s)", optarg, record_kind_names());
			kind = (int)k;
			break;
		}
	}
	if (argc - optind > 1)
		return cli_usage("show", "at most one revision, not %d",
		    argc - optind);
	if (optind < argc && cli_check_rev("show", argv[optind]) == -1)
		return EXIT_USAGE;
	if ((st = store_open(repo, 0, &err)) == NULL ||
	    snapshot_pick(st, optind < argc ? argv[optind] : NULL, &c, &err) ==
	    -1 || snapshot_records(st, c, &rs, &err) == -1)
		goto fail;
	if (region != NULL && !has_region(rs, region)) {
		rc = unknown_region(rs, region, c);
		goto cleanup;
	}
	filter(rs, region, kind);
	if (fmt->write(stdout, rs) == -1) {
		err_set(&err, ERR_IO, "show: writing the %s output failed: %s",
		    fmt->name, strerror(errno));
		goto fail;
	}
	rc = cli_flush("show");
	goto cleanup;
 fail:
	rc = cli_fail(&err);
 cleanup:
	recordset_free(rs);
	snapshot_free(c);
	store_close(st);
	return rc;
}
