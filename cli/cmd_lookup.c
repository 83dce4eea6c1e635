/* mcwatch lookup: which of Mimecast's records an address falls in. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../records/lists.h"
#include "../records/lookup.h"
#include "../records/output.h"
#include "../snapshots/snapshot.h"

#define MATCHES_MAX	16
#define LINE_MAX_LEN	65536	/* a longer log line is read in pieces */

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: mcwatch lookup [-q] [--repo DIR] [--snapshot REV] "
	    "[ADDRESS...]\n"
	    "\nFor each address, or each address in the lines of standard "
	    "input (log lines\nas they are), the region, the list and the "
	    "record it falls in, or \"not\nMimecast\".\n"
	    "\n"
	    "  --repo DIR           the snapshot repository (default: "
	    "mcwatch-data)\n"
	    "  --snapshot REV       the snapshot to look in (default: the "
	    "latest)\n"
	    "  -q, --quiet          print nothing: exit 0 when every address is "
	    "Mimecast's\n"
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status: 0 done (with -q: every address is Mimecast's); 1 with "
	    "-q, some\naddress is not; 2 usage error (an argument that is no "
	    "address); 5 repository\nerror or no such snapshot; 6 out of memory, "
	    "or the output could not be written.\n");
}

/* What lookup prints of each record, made once per record. */
struct described {
	const struct recordset	*rs;
	char			**text;	/* by record index, NULL until used */
};

/* "CODE LIST ENTRY" of r (owned by d); NULL on memory. */
static const char *
describe(struct described *d, const struct record *r)
{
	static char entry[DETAIL_MAX], detail[DETAIL_MAX];
	size_t i = (size_t)(r - d->rs->recs);

	if (d->text[i] == NULL) {
		record_describe(r, entry, sizeof(entry), detail);
		if (asprintf(&d->text[i], "%s %s %s", r->region_code,
		    record_list_label(record_list(r)), entry) == -1)
			d->text[i] = NULL;
	}
	return d->text[i];
}

/* Look a up and print it (unless quiet); whether it is Mimecast's. */
static int
look(const struct lookup *t, struct described *d, const char *text,
    const struct addr *a, int quiet)
{
	const struct record *m[MATCHES_MAX];
	const char *desc;
	size_t n = lookup_find(t, a, m, MATCHES_MAX), i;

	if (quiet)
		return n > 0;
	fputs(text, stdout);
	if (n == 0)
		fputs("  not Mimecast", stdout);
	for (i = 0; i < n; i++) {
		fputs(i ? "; " : "  ", stdout);
		if ((desc = describe(d, m[i])) != NULL)
			fputs(desc, stdout);
	}
	putchar('\n');
	return n > 0;
}

/*
 * Whether a token of n characters may be an address, before asking
 * inet_pton: three dots, or two colons in a row or seven colons. Log
 * lines are full of times ("03:17:00") and numbers that are not.
 */
static int
maybe_addr(const char *s, size_t n)
{
	size_t i, dots = 0, colons = 0;
	int pair = 0;

	if (n < 2 || n > 45)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.')
			dots++;
		else if (s[i] == ':') {
			colons++;
			if (i > 0 && s[i - 1] == ':')
				pair = 1;
		}
	}
	return colons == 0 ? dots == 3 : pair || colons == 7 ||
	    (colons == 6 && dots == 3);
}

/*
 * The addresses in one line of text, as grepcidr finds them: every run of
 * hex digits, dots and colons that parses as an address. Whether all of
 * them were Mimecast's.
 */
static int
look_line(const struct lookup *t, struct described *d, char *line, int quiet)
{
	struct addr a;
	char *p = line, *e, save;
	int all = 1;

	while (*p != '\0') {
		if (!isxdigit((unsigned char)*p) && *p != ':') {
			p++;
			continue;
		}
		for (e = p; isxdigit((unsigned char)*e) || *e == '.' ||
		    *e == ':'; e++)
			;
		/* "1.2.3.4." ends a sentence; "::" alone is no address. */
		while (e > p && (e[-1] == '.' || (e[-1] == ':' && e - p > 1 &&
		    e[-2] != ':')))
			e--;
		save = *e;
		*e = '\0';
		if (maybe_addr(p, (size_t)(e - p)) && addr_parse(p, &a) == 0 &&
		    !look(t, d, p, &a, quiet))
			all = 0;
		*e = save;
		p = e > p ? e : p + 1;
	}
	return all;
}

/* Every line of standard input; whether every address was Mimecast's. */
static int
look_stdin(const struct lookup *t, struct described *d, int quiet)
{
	char *line = NULL;
	size_t cap = 0;
	int all = 1;

	while (getline(&line, &cap, stdin) != -1)
		if (!look_line(t, d, line, quiet))
			all = 0;
	free(line);
	return all;
}

int
cmd_lookup(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "snapshot", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	static char obuf[1 << 16];
	const char *repo = "mcwatch-data", *rev = NULL;
	struct recordset *rs = NULL;
	struct lookup *t = NULL;
	struct store *st = NULL;
	struct snapshot *s = NULL;
	struct described d = { NULL, NULL };
	struct addr a;
	char err[STORE_ERRMAX];
	size_t k;
	int ch, rc, quiet = 0, all = 1, i;

	while ((ch = cli_getopt("lookup", argc, argv, "qh", longopts)) != -1) {
		if ((rc = cli_common("lookup", ch, usage)) != -1)
			return rc;
		if (ch == 'r')
			repo = optarg;
		else if (ch == 's') {
			if (cli_check_rev("lookup", optarg) == -1)
				return EXIT_USAGE;
			rev = optarg;
		} else if (ch == 'q')
			quiet = 1;
	}
	for (i = optind; i < argc; i++)
		if (addr_parse(argv[i], &a) == -1)
			return cli_usage("lookup", "not an address: '%s'",
			    argv[i]);
	rc = EXIT_REPO;
	if ((st = store_open(repo, 0, err)) == NULL ||
	    snapshot_pick(st, rev, &s, err) == -1 ||
	    snapshot_records(st, s, &rs, err) == -1) {
		cli_error("%s", err);
		goto cleanup;
	}
	rc = EXIT_INTERNAL;
	d.rs = rs;
	if ((t = lookup_new(rs)) == NULL ||
	    (d.text = calloc(rs->nrecs + 1, sizeof(*d.text))) == NULL) {
		cli_error("lookup: out of memory");
		goto cleanup;
	}
	/* A line a write: a million addresses must not cost a million. */
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	for (i = optind; i < argc; i++) {
		addr_parse(argv[i], &a);
		if (!look(t, &d, argv[i], &a, quiet))
			all = 0;
	}
	if (optind == argc)
		all = look_stdin(t, &d, quiet);
	rc = cli_flush("lookup");
	if (rc == EXIT_OK && quiet && !all)
		rc = EXIT_CHANGED;	/* 1: not every address is Mimecast's */
 cleanup:
	for (k = 0; d.text != NULL && k < rs->nrecs; k++)
		free(d.text[k]);
	free(d.text);
	lookup_free(t);
	recordset_free(rs);
	snapshot_free(s);
	store_close(st);
	return rc;
}
