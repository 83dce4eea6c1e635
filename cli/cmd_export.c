/* mcwatch export: a snapshot's records in a firewall's or mail server's format. */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "../export/export.h"
#include "../records/lists.h"
#include "../snapshots/snapshot.h"

#define MAX_REGIONS	32

struct export_args {
	const char		*repo;
	const char		*rev;
	const char		*since;		/* m365 --powershell */
	const char		*output;
	const struct export_format *fmt;
	const char		*regions[MAX_REGIONS];
	size_t			 nregions;
	struct export_opts	 eo;
	unsigned		 retiring;	/* LISTS_RETIRING or 0 */
	char			 table[65];	/* --table's name */
};

static const struct cli_exit exits[] = {
	{ EXIT_OK, "written" },
	{ EXIT_USAGE, "usage error (an unknown format, region or section, or "
	    "an m365 list over 1273 entries)" },
	{ EXIT_REPO, "repository error or no such snapshot" },
	{ EXIT_INTERNAL, NULL },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "export", "The records of snapshot REV (default: the latest) in a "
	    "format a firewall or a\nmail server loads, sorted and "
	    "stable.\n",
	    exits, NULL);
}

/* Whether s is a set name ipset and nft parse: a letter first. */
static int
set_name_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 26 && isalpha((unsigned char)s[0]) &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-") == n;
}

/* --table 'FAMILY NAME' (or NAME: inet) into a; 0, or -1 if bad. */
static int
table_arg(const char *arg, struct export_args *a)
{
	static const char *const families[] = { "ip", "ip6", "inet" };
	const char *name = strchr(arg, ' ');
	size_t i;

	a->eo.nft_family = "inet";
	if (name != NULL) {
		for (i = 0; i < 3 && (strlen(families[i]) !=
		    (size_t)(name - arg) || strncmp(arg, families[i],
		    (size_t)(name - arg)) != 0); i++)
			;
		if (i == 3)
			return -1;
		a->eo.nft_family = families[i];
		name++;
	} else
		name = arg;
	if (name[0] == '\0' || strlen(name) >= sizeof(a->table) ||
	    !isalpha((unsigned char)name[0]) ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_") != strlen(name))
		return -1;
	memcpy(a->table, name, strlen(name) + 1);
	a->eo.nft_table = a->table;
	return 0;
}

/* Take option ch of export with arg; 0, or -1 told. */
static int
export_option(void *p, int ch, const char *arg, int from_config)
{
	struct export_args *a = p;
	enum record_list l;

	(void)from_config;
	switch (ch) {
	case 'f':
		if ((a->fmt = export_find(arg)) == NULL)
			return cli_misuse("export", "unknown format '%s' "
			    "(want %s)", arg, export_names()), -1;
		break;
	case 'R':
		if (a->nregions == MAX_REGIONS)
			return cli_misuse("export", "at most %d regions",
			    MAX_REGIONS), -1;
		a->regions[a->nregions++] = arg;
		break;
	case 's':
		if (record_list_parse(arg, &l) == -1)
			return cli_misuse("export", "unknown section '%s' "
			    "(want gateway, non-spf, website, urls or "
			    "ports)", arg), -1;
		a->eo.lists |= 1u << l;
		break;
	case 'F':
		if (strcmp(arg, "4") != 0 && strcmp(arg, "6") != 0)
			return cli_misuse("export", "--family: want 4 or "
			    "6, not '%s'", arg), -1;
		a->eo.family = arg[0] - '0';
		break;
	case 'n':
		if (!set_name_ok(arg))
			return cli_misuse("export", "--name: a letter, "
			    "then letters, digits, '-' and '_', at most "
			    "26 in all (what ipset and nft parse), not "
			    "'%s'", arg), -1;
		a->eo.name = arg;
		break;
	case 't':
		if (table_arg(arg, a) == -1)
			return cli_misuse("export", "--table: want "
			    "'FAMILY NAME' (family ip, ip6 or inet; a "
			    "name of a letter, then letters, digits and "
			    "'_'), not '%s'", arg), -1;
		break;
	case 'p':
		a->eo.powershell = 1;
		break;
	case 'K':
		a->retiring = LISTS_RETIRING;
		break;
	case 'S':
		if (cli_check_rev("export", arg) == -1)
			return -1;
		a->since = arg;
		break;
	case 'o':
		a->output = arg;
		break;
	}
	return 0;
}

/*
 * Parse the options into a (its defaults set); EXIT_OK to go on, else
 * the exit status.
 */
static int
export_args(int argc, char **argv, struct export_args *a)
{
	const struct cli_take t = { export_option, a, NULL, usage, &a->repo };
	int rc;

	if ((rc = cli_parse("export", argc, argv, &t)) != EXIT_OK)
		return rc;
	if (a->fmt == NULL)
		return cli_usage("export", "no format: give -f %s",
		    export_names());
	if (argc - optind > 1)
		return cli_usage("export", "at most one revision, not %d",
		    argc - optind);
	if (optind < argc && cli_check_rev("export", argv[optind]) == -1)
		return EXIT_USAGE;
	a->rev = optind < argc ? argv[optind] : NULL;
	if (a->eo.lists == 0)
		a->eo.lists = LIST_ADDRESSES;
	a->eo.lists |= a->retiring;
	if ((a->fmt->families & (a->eo.family ? a->eo.family : 4)) == 0 ||
	    (strcmp(a->fmt->name, "m365") == 0 && a->eo.family == 6))
		return cli_usage("export", "%s takes IPv4 only",
		    a->fmt->name);
	if (strcmp(a->fmt->name, "m365") == 0)
		a->eo.family = 4;
	if (a->eo.nft_family != NULL && strcmp(a->fmt->name, "nft") != 0)
		return cli_usage("export", "--table is for -f nft");
	if (a->eo.nft_family != NULL && strcmp(a->eo.nft_family, "inet") != 0 &&
	    a->eo.family != (strcmp(a->eo.nft_family, "ip") == 0 ? 4 : 6))
		return cli_usage("export", "a table of family %s holds IPv%d "
		    "sets only: give --family %d", a->eo.nft_family,
		    strcmp(a->eo.nft_family, "ip") == 0 ? 4 : 6,
		    strcmp(a->eo.nft_family, "ip") == 0 ? 4 : 6);
	if (a->since != NULL && !a->eo.powershell)
		return cli_usage("export", "--since is for -f m365 "
		    "--powershell");
	if (a->eo.powershell && strcmp(a->fmt->name, "m365") != 0)
		return cli_usage("export", "--powershell is for -f m365");
	return EXIT_OK;
}

/* Whether r is selected: its region, its list, its family. */
static int
selected(const struct export_args *a, const struct record *r)
{
	size_t i;
	int fam;

	if (!record_in_lists(r, a->eo.lists))
		return 0;
	if (a->eo.family != 0 && (r->kind == RECORD_NETWORK ||
	    r->kind == RECORD_RANGE)) {
		fam = r->kind == RECORD_NETWORK ? r->cidr.addr.family :
		    r->ncidrs > 0 ? r->cidrs[0].addr.family :
		    strchr(r->first ? r->first : "", ':') ? 6 : 4;
		if (fam != a->eo.family)
			return 0;
	}
	if (a->nregions == 0)
		return 1;
	for (i = 0; i < a->nregions; i++)
		if (strcasecmp(a->regions[i], r->region_code) == 0)
			return 1;
	return 0;
}

/* Keep the records of rs that a selects. */
static void
filter_records(const struct export_args *a, struct recordset *rs)
{
	size_t i, j;

	for (i = j = 0; i < rs->nrecs; i++) {
		if (!selected(a, &rs->recs[i])) {
			record_clear(&rs->recs[i]);
			continue;
		}
		rs->recs[j++] = rs->recs[i];
	}
	rs->nrecs = j;
}

/* Keep the selected records; a region code the snapshot lacks is an error. */
static int
select_records(const struct export_args *a, struct recordset *rs,
    const struct snapshot *s)
{
	size_t i, r;

	for (r = 0; r < a->nregions; r++) {
		for (i = 0; i < rs->nrecs; i++)
			if (strcasecmp(a->regions[r], rs->recs[i].region_code) ==
			    0)
				break;
		if (i == rs->nrecs)
			return cli_usage("export", "no region '%s' in snapshot "
			    "%.12s (see 'mcwatch show --region')", a->regions[r],
			    snapshot_id(s));
	}
	filter_records(a, rs);
	return EXIT_OK;
}

/*
 * buf to file: "-" is standard output; a character device (a terminal,
 * /dev/stdout's target) is written through; a regular file or none is
 * written whole or not at all (temporary, fsync, rename); a symlink, a
 * directory or anything else is refused, never replaced. Exit status.
 */
static int
write_output(const char *file, const char *buf, size_t len, struct err *err)
{
	char *d = NULL, *b = NULL;
	struct stat sb;
	int dfd = -1, fd, rc = -1;

	if (strcmp(file, "-") == 0) {
		if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) == EOF)
			return err_set(err, ERR_IO, "export: writing to "
			    "standard output failed: %s", strerror(errno));
		return 0;
	}
	if (lstat(file, &sb) == 0 && S_ISLNK(sb.st_mode))
		return err_set(err, ERR_USAGE, "export: --output %s is a "
		    "symlink: it is never replaced; name its target, or - for "
		    "standard output", file);
	if (lstat(file, &sb) == 0 && S_ISCHR(sb.st_mode)) {
		if ((fd = open(file, O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1 ||
		    write(fd, buf, len) != (ssize_t)len || close(fd) == -1)
			return err_set(err, ERR_IO, "export: cannot write %s: "
			    "%s", file, strerror(errno));
		return 0;
	}
	if (lstat(file, &sb) == 0 && !S_ISREG(sb.st_mode))
		return err_set(err, ERR_USAGE, "export: --output %s is not a "
		    "regular file", file);
	if ((d = strdup(file)) == NULL || (b = strdup(file)) == NULL) {
		err_nomem(err, "export");
		goto cleanup;
	}
	if ((dfd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1 || store_write_at(dfd, basename(b), buf, len) == -1) {
		err_set(err, ERR_IO, "export: cannot write %s: %s", file,
		    strerror(errno));
		goto cleanup;
	}
	rc = 0;
 cleanup:
	if (dfd != -1)
		close(dfd);
	free(d);
	free(b);
	return rc;
}

/*
 * For m365 --powershell, the records the IP Allow list holds now: those
 * of --since, else of the snapshot before s (none for the first), with
 * the same selection, into *out. 0, or -1 with err.
 */
static int
since_records(struct export_args *a, struct store *st,
    const struct snapshot *s, struct recordset **out, struct err *err)
{
	struct snapshot *old = NULL;
	struct export_args b = *a;
	int rc = -1;

	*out = NULL;
	if (!a->eo.powershell)
		return 0;
	if ((a->since != NULL ? snapshot_resolve(st, a->since, &old, err) :
	    snapshot_parent(st, s, &old, err)) == -1)
		return -1;
	if (old == NULL)
		return 0;
	b.nregions = 0;	/* a region new since then is none of its records */
	if (snapshot_records(st, old, out, err) == 0) {
		b.nregions = a->nregions;
		filter_records(&b, *out);
		rc = 0;
	}
	snapshot_free(old);
	return rc;
}

int
cmd_export(int argc, char **argv)
{
	struct export_args a;
	struct recordset *rs = NULL, *old = NULL;
	struct store *st = NULL;
	struct snapshot *s = NULL;
	struct err err;
	char *buf = NULL;
	size_t len;
	FILE *fp;
	int rc;

	memset(&a, 0, sizeof(a));
	a.repo = CLI_DEFAULT_REPO;
	if ((rc = export_args(argc, argv, &a)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	if ((st = store_open(a.repo, 0, &err)) == NULL ||
	    snapshot_pick(st, a.rev, &s, &err) == -1 ||
	    snapshot_records(st, s, &rs, &err) == -1 ||
	    since_records(&a, st, s, &old, &err) == -1)
		goto fail;
	if ((rc = select_records(&a, rs, s)) != EXIT_OK)
		goto cleanup;
	a.eo.since = old;
	if ((fp = open_memstream(&buf, &len)) == NULL) {
		err_nomem(&err, "export");
		goto fail;
	}
	/* Over the m365 limit is the user's choice of selection: usage. */
	rc = a.fmt->write(fp, rs, &a.eo, &err);
	if (fclose(fp) == EOF && rc == 0)
		rc = err_nomem(&err, "export");
	if (rc == -1 ||
	    write_output(a.output != NULL ? a.output : "-", buf, len, &err) ==
	    -1)
		goto fail;
	rc = EXIT_OK;
	goto cleanup;
 fail:
	rc = cli_fail(&err);
 cleanup:
	free(buf);
	recordset_free(rs);
	recordset_free(old);
	snapshot_free(s);
	store_close(st);
	return rc;
}
