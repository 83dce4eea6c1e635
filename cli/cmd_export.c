/* mcwatch export: a snapshot's records in a firewall's or mail server's format. */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: mcwatch export [--repo DIR] -f FORMAT [--region "
	    "CODE]... [--section LIST]...\n"
	    "                      [--family 4|6] [--name NAME] [--table "
	    "'FAMILY NAME']\n"
	    "                      [--powershell [--since REV]] [--output FILE] "
	    "[--retiring] [REV]\n"
	    "\nThe records of snapshot REV (default: the latest) in a format "
	    "a firewall or a\nmail server loads, sorted and stable.\n"
	    "\n"
	    "  --repo DIR           the snapshot repository (default: "
	    CLI_DEFAULT_REPO ", or repo.path)\n"
	    "  --config FILE        the configuration file its repo.path is "
	    "read from\n"
	    "  -f, --format FMT     %s\n"
	    "  --region CODE        only this region (repeatable; default all)\n"
	    "  --section LIST       gateway, non-spf, website, urls or ports "
	    "(repeatable;\n"
	    "                       default the address lists: gateway, "
	    "non-spf, website)\n"
	    "  --family 4|6         one address family (default both; m365 "
	    "is IPv4)\n"
	    "  --name NAME          the ipset or nftables set's name (default "
	    "mimecast4, mimecast6)\n"
	    "  --table 'FAMILY NAME'  nft: the table the sets go in (default "
	    "'inet mimecast')\n"
	    "  --powershell         m365: a Set-HostedConnectionFilterPolicy "
	    "line that adds\n"
	    "                       and removes what changed since --since\n"
	    "  --since REV          the snapshot the IP Allow list holds now "
	    "(default: the one\n"
	    "                       before REV)\n"
	    "  --output FILE        write FILE whole or not at all; - is "
	    "standard output\n"
	    "                       (default); a character device is written "
	    "through\n"
	    "  --retiring           keep records the page is retiring (struck "
	    "through, or\n"
	    "                       marked so); left out by default\n"
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status: 0 written; 2 usage error (an unknown format, region or "
	    "section, or\nan m365 list over 1273 entries); 5 repository error "
	    "or no such snapshot;\n6 out of memory, or the output could not be "
	    "written.\n", export_names());
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
table_arg(char *arg, struct export_args *a)
{
	static const char *const families[] = { "ip", "ip6", "inet" };
	char *name = strchr(arg, ' ');
	size_t i;

	a->eo.nft_family = "inet";
	if (name != NULL) {
		*name++ = '\0';
		for (i = 0; i < 3 && strcmp(arg, families[i]) != 0; i++)
			;
		if (i == 3)
			return -1;
		a->eo.nft_family = families[i];
	} else
		name = arg;
	if (name[0] == '\0' || strlen(name) > 64 ||
	    !isalpha((unsigned char)name[0]) ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_") != strlen(name))
		return -1;
	a->eo.nft_table = name;
	return 0;
}

/* Parse the options into a; EXIT_OK to go on, else the exit status. */
static int
export_args(int argc, char **argv, struct export_args *a)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "format", required_argument, NULL, 'f' },
		{ "region", required_argument, NULL, 'R' },
		{ "section", required_argument, NULL, 's' },
		{ "family", required_argument, NULL, 'F' },
		{ "name", required_argument, NULL, 'n' },
		{ "powershell", no_argument, NULL, 'p' },
		{ "since", required_argument, NULL, 'S' },
		{ "table", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "retiring", no_argument, NULL, 'K' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	enum record_list l;
	unsigned retiring = 0;
	int ch, rc;

	memset(a, 0, sizeof(*a));
	a->repo = CLI_DEFAULT_REPO;
	/* repo.path of the configuration; --repo wins. */
	if ((rc = cli_config_repo("export", argc, argv, &a->repo)) != EXIT_OK)
		return rc;
	while ((ch = cli_getopt("export", argc, argv, "f:h", longopts)) != -1) {
		if ((rc = cli_common("export", ch, usage)) != -1)
			return rc == EXIT_OK ? -1 : rc;
		switch (ch) {
		case 'r':
			a->repo = optarg;
			break;
		case 'f':
			if ((a->fmt = export_find(optarg)) == NULL)
				return cli_usage("export", "unknown format '%s' "
				    "(want %s)", optarg, export_names());
			break;
		case 'R':
			if (a->nregions == MAX_REGIONS)
				return cli_usage("export", "at most %d regions",
				    MAX_REGIONS);
			a->regions[a->nregions++] = optarg;
			break;
		case 's':
			if (record_list_parse(optarg, &l) == -1)
				return cli_usage("export", "unknown section '%s' "
				    "(want gateway, non-spf, website, urls or "
				    "ports)", optarg);
			a->eo.lists |= 1u << l;
			break;
		case 'F':
			if (strcmp(optarg, "4") != 0 && strcmp(optarg, "6") != 0)
				return cli_usage("export", "--family: want 4 or "
				    "6, not '%s'", optarg);
			a->eo.family = optarg[0] - '0';
			break;
		case 'n':
			if (!set_name_ok(optarg))
				return cli_usage("export", "--name: a letter, "
				    "then letters, digits, '-' and '_', at most "
				    "26 in all (what ipset and nft parse), not "
				    "'%s'", optarg);
			a->eo.name = optarg;
			break;
		case 't':
			if (table_arg(optarg, a) == -1)
				return cli_usage("export", "--table: want "
				    "'FAMILY NAME' (family ip, ip6 or inet; a "
				    "name of a letter, then letters, digits and "
				    "'_'), not '%s'", optarg);
			break;
		case 'p':
			a->eo.powershell = 1;
			break;
		case 'K':
			retiring = LISTS_RETIRING;
			break;
		case 'S':
			if (cli_check_rev("export", optarg) == -1)
				return EXIT_USAGE;
			a->since = optarg;
			break;
		case 'o':
			a->output = optarg;
			break;
		}
	}
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
	a->eo.lists |= retiring;
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

	if ((rc = export_args(argc, argv, &a)) != EXIT_OK)
		return rc == -1 ? EXIT_OK : rc;
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
