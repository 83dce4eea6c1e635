/* mcwatch show: the records as they stood at a snapshot. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "../output/output.h"
#include "../snapshots/snapshot.h"

static const struct cli_exit exits[] = {
	{ EXIT_OK, "the records printed" },
	{ EXIT_USAGE, "usage error (a bad option, date, or a region code the "
	    "snapshot lacks)" },
	{ EXIT_REPO, "repository error or no such snapshot" },
	{ EXIT_INTERNAL, NULL },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "show", "The records of snapshot REV (default: the latest), in "
	    "the formats of\n'mcwatch parse'. REV: a commit id, a ref or "
	    "revision expression, or\n@YYYY-MM-DD (the snapshot in force at "
	    "the end of that day, UTC).\n",
	    exits, NULL);
}

/* show's options. */
struct show_args {
	const char			*repo;
	const char			*region;
	const struct output_format	*fmt;
	int				 kind;
};

/* Take option ch of show with arg; 0, or -1 told. */
static int
show_option(void *p, int ch, const char *arg, int from_config)
{
	struct show_args *o = p;
	enum record_kind k;

	(void)from_config;
	switch (ch) {
	case 'f':
		if ((o->fmt = output_find(arg)) == NULL)
			return cli_misuse("show", "unknown format '%s' (want "
			    "%s)", arg, output_names()), -1;
		break;
	case 'R':
		o->region = arg;
		break;
	case 'k':
		if (record_kind_parse(arg, &k) == -1)
			return cli_misuse("show", "unknown kind '%s' (want %s)",
			    arg, record_kind_names()), -1;
		o->kind = (int)k;
		break;
	}
	return 0;
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
	struct show_args o = { CLI_DEFAULT_REPO, NULL, output_find("json"),
	    -1 };
	const struct cli_take t = { show_option, &o, NULL, usage, &o.repo };
	struct recordset *rs = NULL;
	struct store *st = NULL;
	struct snapshot *c = NULL;
	struct err err;
	int rc = EXIT_REPO;

	if ((rc = cli_parse("show", argc, argv, &t)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	if (argc - optind > 1)
		return cli_usage("show", "at most one revision, not %d",
		    argc - optind);
	if (optind < argc && cli_check_rev("show", argv[optind]) == -1)
		return EXIT_USAGE;
	if ((st = store_open(o.repo, 0, &err)) == NULL ||
	    snapshot_pick(st, optind < argc ? argv[optind] : NULL, &c, &err) ==
	    -1 || snapshot_records(st, c, &rs, &err) == -1)
		goto fail;
	if (o.region != NULL && !has_region(rs, o.region)) {
		rc = unknown_region(rs, o.region, c);
		goto cleanup;
	}
	filter(rs, o.region, o.kind);
	if (o.fmt->write(stdout, rs) == -1) {
		err_set(&err, ERR_IO, "show: writing the %s output failed: %s",
		    o.fmt->name, strerror(errno));
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
