/* mcwatch show: the records as they stood at a snapshot. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../records/output.h"
#include "../snapshots/snapshot.h"

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: mcwatch show [--repo DIR] "
	    "[--format json|csv|tsv|text] [--region CODE]\n"
	    "                    [--kind network|range|url|port] [REV]\n"
	    "\nThe records of snapshot REV (default: the latest), in the "
	    "formats of\n'mcwatch parse'. REV: a commit id, a ref, or "
	    "@YYYY-MM-DD.\n");
}

/* Keep only the records of region code and kind (either may be unset). */
static void
filter(struct recordset *rs, const char *code, int kind)
{
	size_t i, j;

	for (i = j = 0; i < rs->nrecs; i++) {
		if ((code != NULL && strcmp(rs->recs[i].region_code, code)) ||
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
		{ "format", required_argument, NULL, 'f' },
		{ "region", required_argument, NULL, 'R' },
		{ "kind", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct output_format *fmt = output_find("json");
	const char *repo = "mcwatch-data", *region = NULL;
	struct recordset *rs = NULL;
	struct store *st = NULL;
	git_commit *c = NULL;
	enum record_kind k;
	char err[STORE_ERRMAX];
	int ch, kind = -1, rc = EXIT_REPO;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			repo = optarg;
			break;
		case 'f':
			if ((fmt = output_find(optarg)) == NULL) {
				cli_error("show: unknown format '%s' (want %s)",
				    optarg, output_names());
				return EXIT_USAGE;
			}
			break;
		case 'R':
			region = optarg;
			break;
		case 'k':
			if (record_kind_parse(optarg, &k) == -1) {
				cli_error("show: unknown kind '%s' (want "
				    "network|range|url|port)", optarg);
				return EXIT_USAGE;
			}
			kind = (int)k;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	err[0] = '\0';
	if ((st = store_open(repo, 0, err)) == NULL ||
	    snapshot_pick(st, optind < argc ? argv[optind] : NULL, &c, err) ==
	    -1 || snapshot_records(st, c, &rs, err) == -1)
		goto fail;
	filter(rs, region, kind);
	if (fmt->write(stdout, rs) == -1 || fflush(stdout) == EOF) {
		rc = EXIT_INTERNAL;
		snprintf(err, sizeof(err), "show: writing the %s output failed",
		    fmt->name);
		goto fail;
	}
	rc = EXIT_OK;
	goto cleanup;
 fail:
	cli_error("%s", err[0] ? err : "show: out of memory");
 cleanup:
	recordset_free(rs);
	git_commit_free(c);
	store_close(st);
	return rc;
}
