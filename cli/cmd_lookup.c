/* mcwatch lookup: which of Mimecast's records an address falls in. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "../records/lists.h"
#include "../addr/logscan.h"
#include "../addrset/lookup.h"
#include "../output/output.h"
#include "../util/safe.h"
#include "../snapshots/snapshot.h"

#define MATCHES_MAX	16
#define LINE_MAX_LEN	65536	/* a longer log line is read in pieces */
#define READ_MAX	(1 << 20)	/* standard input's blocks */
#define OUT_MAX		(1 << 16)	/* answers gathered for one write */

static const struct cli_exit exits[] = {
	{ EXIT_OK, "done (with -q: every address is Mimecast's)" },
	{ 1, "with -q, some address is not, or a line holds none" },
	{ EXIT_USAGE, "usage error (an argument that is no query)" },
	{ EXIT_REPO, "repository error or no such snapshot" },
	{ EXIT_INTERNAL, NULL },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "lookup", "For each query (an address, a prefix: the records "
	    "overlapping it, or a host\nname: the URL records naming it), or "
	    "each address in the lines of standard\ninput (log lines as they "
	    "are: a.b.c.d:port, [v6]:port, v6.port, ...), the\nregion's code "
	    "and name, the list and the record it falls in, or \"not "
	    "Mimecast\".\n",
	    exits, NULL);
}

/* lookup's options. */
struct lookup_args {
	const char	*repo;
	const char	*rev;
	int		 quiet;
};

/* Take option ch of lookup with arg; 0, or -1 told. */
static int
lookup_option(void *p, int ch, const char *arg, int from_config)
{
	struct lookup_args *o = p;

	(void)from_config;
	if (ch == 's') {
		if (cli_check_rev("lookup", arg) == -1)
			return -1;
		o->rev = arg;
	} else if (ch == 'q')
		o->quiet = 1;
	return 0;
}

/* What lookup prints of each record, made once per record. */
struct described {
	const struct recordset	*rs;
	char			**text;	/* by record index, NULL until used */
	size_t			 *len;	/* their lengths */
	char			 *out;	/* answers not yet written, OUT_MAX */
	size_t			  nout;
};

/* The answers gathered in d, to standard output. */
static void
put_flush(struct described *d)
{
	fwrite_unlocked(d->out, 1, d->nout, stdout);
	d->nout = 0;
}

/* n bytes of an answer, gathered: a call to stdio per answer cost as
 * much as finding the address. */
static void
put(struct described *d, const char *s, size_t n)
{
	if (n > OUT_MAX - d->nout) {
		put_flush(d);
		if (n > OUT_MAX) {
			fwrite_unlocked(s, 1, n, stdout);
			return;
		}
	}
	memcpy(d->out + d->nout, s, n);
	d->nout += n;
}

/* "CODE (REGION) LIST ENTRY" of r (owned by d); NULL on memory. */
static const char *
describe(struct described *d, const struct record *r)
{
	static char entry[DETAIL_MAX], detail[DETAIL_MAX];
	size_t i = (size_t)(r - d->rs->recs);

	if (d->text[i] == NULL) {
		record_describe(r, entry, sizeof(entry), detail);
		if (asprintf(&d->text[i], "%s (%s) %s %s", r->region_code,
		    r->region, record_list_label(record_list(r)), entry) == -1)
			d->text[i] = NULL;
		else
			d->len[i] = strlen(safe_unctrl(d->text[i]));
	}
	return d->text[i];
}

/*
 * Print query text and the n records of m (unless quiet); whether n > 0.
 * An argument (found 0) may hold anything, and is written safely; an
 * address found in a line (found: its length) holds hex digits, dots and
 * colons only, and is written as it is.
 */
static int
answer(struct described *d, const char *text, size_t found,
    const struct record **m, size_t n, int quiet)
{
	static const char none[] = "  not Mimecast\n";
	const char *desc;
	size_t i;

	if (quiet)
		return n > 0;
	if (found > 0)
		put(d, text, found);
	else {
		put_flush(d);
		safe_fputs(text, stdout);
	}
	if (n == 0) {
		put(d, none, sizeof(none) - 1);
		return 0;
	}
	for (i = 0; i < n; i++) {
		put(d, i ? "; " : "  ", 2);
		if ((desc = describe(d, m[i])) != NULL)
			put(d, desc, d->len[m[i] - d->rs->recs]);
	}
	put(d, "\n", 1);
	return 1;
}

/* Look a up and print it (unless quiet); whether it is Mimecast's. */
static int
look(const struct lookup *t, struct described *d, const char *text,
    size_t found, const struct addr *a, int quiet)
{
	const struct record *m[MATCHES_MAX];

	return answer(d, text, found, m, lookup_find(t, a, m, MATCHES_MAX),
	    quiet);
}

/* The host of URL record r's url into buf (len bytes). */
static void
url_host(const char *url, char *buf, size_t len)
{
	const char *p = strstr(url, "://"), *e;

	p = p != NULL ? p + 3 : url;
	e = p + strcspn(p, "/:?#");
	snprintf(buf, len, "%.*s", (int)(e - p), p);
}

/* The URL records naming host name (any case); whether there are any. */
static int
look_host(const struct recordset *rs, struct described *d, const char *name,
    int quiet)
{
	const struct record *m[MATCHES_MAX];
	char host[300];
	size_t i, n = 0;

	for (i = 0; i < rs->nrecs && n < MATCHES_MAX; i++) {
		if (rs->recs[i].kind != RECORD_URL)
			continue;
		url_host(rs->recs[i].url, host, sizeof(host));
		if (strcasecmp(host, name) == 0)
			m[n++] = &rs->recs[i];
	}
	return answer(d, name, 0, m, n, quiet);
}

/* What an argument asks: an address, a prefix, a host name. */
enum query { Q_ADDR, Q_PREFIX, Q_HOST, Q_NONE };

static enum query
query_of(const char *s, struct addr *a, struct cidr *c)
{
	size_t n = strlen(s);

	if (addr_parse(s, a) == 0)
		return Q_ADDR;
	if (strchr(s, '/') != NULL && cidr_parse(s, c) == 0)
		return Q_PREFIX;
	if (n > 0 && n < 254 && strchr(s, '.') != NULL && s[0] != '.' &&
	    s[0] != '-' && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") == n &&
	    strpbrk(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
	    NULL)
		return Q_HOST;
	return Q_NONE;
}

/* One argument; whether it is Mimecast's. */
static int
look_arg(const struct lookup *t, struct described *d, const char *s,
    int quiet)
{
	const struct record *m[MATCHES_MAX];
	struct addr a;
	struct cidr c;

	switch (query_of(s, &a, &c)) {
	case Q_ADDR:
		return look(t, d, s, 0, &a, quiet);
	case Q_PREFIX:
		return answer(d, s, 0, m, lookup_overlap(t, &c, m,
		    MATCHES_MAX), quiet);
	default:
		return look_host(d->rs, d, s, quiet);
	}
}

/*
 * With -q, the addresses in one line of len bytes, in every form logs
 * print them (addr/logscan.h): whether all of them were Mimecast's; a
 * line that holds none (but white space) is not.
 */
static int
look_line(const struct lookup *t, struct described *d, const char *line,
    size_t len)
{
	const char *p, *end = line + len;
	char text[LOGSCAN_TEXTMAX];
	struct logscan ls;
	struct addr a;
	size_t n;
	int all = 1, found = 0;

	logscan_init(&ls, line, end);
	while ((n = logscan_next(&ls, &a, text)) > 0) {
		found = 1;
		if (!look(t, d, text, n, &a, 1))
			all = 0;
	}
	for (p = line; !found && p < end && isspace((unsigned char)*p); p++)
		;
	return found || p == end ? all : 0;
}

/*
 * The addresses of [buf, end), whole lines, without -q: a line's bounds
 * matter only to -q, and no address runs over a line feed, so the block
 * is scanned as one (its memchr runs go over many lines at a time).
 */
static void
look_block(const struct lookup *t, struct described *d, const char *buf,
    const char *end)
{
	char text[LOGSCAN_TEXTMAX];
	struct logscan ls;
	struct addr a;
	size_t n;

	logscan_init(&ls, buf, end);
	while ((n = logscan_next(&ls, &a, text)) > 0)
		(void)look(t, d, text, n, &a, 0);
}

/*
 * Where the bytes [0, have) read so far are cut to be looked at now:
 * after the last line feed; all of them at the input's end; 0 to read on.
 * A line already LINE_MAX_LEN long is taken in pieces, each ending with a
 * byte no address holds (so that none is cut in two) where there is one.
 */
static size_t
block_cut(const char *buf, size_t have, int eof)
{
	const char *nl;
	size_t lines, at;

	if (eof)
		return have;
	nl = memrchr(buf, '\n', have);
	lines = nl != NULL ? (size_t)(nl + 1 - buf) : 0;
	if (have - lines < LINE_MAX_LEN)
		return lines;
	for (at = have; at > lines && logscan_holds(buf[at - 1]); at--)
		;
	return at > lines ? at : have;
}

/*
 * The lines of [0, n) of buf; whether every address was Mimecast's (with
 * quiet, and a line that holds none, not).
 */
static int
look_lines(const struct lookup *t, struct described *d, const char *buf,
    size_t n, int quiet)
{
	const char *nl;
	size_t at;
	int all = 1;

	if (!quiet) {
		look_block(t, d, buf, buf + n);
		return 1;
	}
	for (at = 0; at < n; at = (size_t)(nl - buf) + 1) {
		if ((nl = memchr(buf + at, '\n', n - at)) == NULL)
			nl = buf + n - 1;
		if (!look_line(t, d, buf + at, (size_t)(nl - buf) + 1 - at))
			all = 0;
	}
	return all;
}

/*
 * Every line of standard input, read in large blocks and looked at where
 * it lies; a line longer than LINE_MAX_LEN is taken in pieces (memory is
 * bounded whatever the input). Whether every address was Mimecast's; a
 * read error is told, and counts as not.
 */
static int
look_stdin(const struct lookup *t, struct described *d, int quiet)
{
	static char buf[READ_MAX];
	size_t have = 0, cut;
	ssize_t n;
	int all = 1;

	for (;;) {
		if ((n = read(STDIN_FILENO, buf + have, sizeof(buf) - have)) ==
		    -1 && errno == EINTR)
			continue;
		have += n > 0 ? (size_t)n : 0;
		if ((cut = block_cut(buf, have, n <= 0)) > 0) {
			if (!look_lines(t, d, buf, cut, quiet))
				all = 0;
			/* What was read is answered now: a log followed
			 * through a pipe (tail -f) is not held back. */
			put_flush(d);
			fflush(stdout);
			memmove(buf, buf + cut, have - cut);
			have -= cut;
		}
		if (n <= 0)
			break;
	}
	if (n == -1) {
		cli_error("lookup: reading standard input: %s", strerror(errno));
		all = 0;
	}
	return all;
}

int
cmd_lookup(int argc, char **argv)
{
	static char out[OUT_MAX];
	struct lookup_args o = { CLI_DEFAULT_REPO, NULL, 0 };
	const struct cli_take ta = { lookup_option, &o, NULL, usage,
	    &o.repo };
	struct recordset *rs = NULL;
	struct lookup *t = NULL;
	struct store *st = NULL;
	struct snapshot *s = NULL;
	struct described d = { NULL, NULL, NULL, out, 0 };
	struct addr a;
	struct cidr c;
	struct err err;
	size_t k;
	int rc, all = 1, i;

	if ((rc = cli_parse("lookup", argc, argv, &ta)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	for (i = optind; i < argc; i++)
		if (query_of(argv[i], &a, &c) == Q_NONE)
			return cli_usage("lookup", "not an address, a prefix or "
			    "a host name: '%s'", argv[i]);
	if ((st = store_open(o.repo, 0, &err)) == NULL ||
	    snapshot_pick(st, o.rev, &s, &err) == -1 ||
	    snapshot_records(st, s, &rs, &err) == -1) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	d.rs = rs;
	if ((t = lookup_new(rs)) == NULL ||
	    (d.text = calloc(rs->nrecs + 1, sizeof(*d.text))) == NULL ||
	    (d.len = calloc(rs->nrecs + 1, sizeof(*d.len))) == NULL) {
		err_nomem(&err, "lookup");
		rc = cli_fail(&err);
		goto cleanup;
	}
	for (i = optind; i < argc; i++)
		if (!look_arg(t, &d, argv[i], o.quiet))
			all = 0;
	if (optind == argc)
		all = look_stdin(t, &d, o.quiet);
	put_flush(&d);
	rc = cli_flush("lookup");
	if (rc == EXIT_OK && o.quiet && !all)
		rc = EXIT_CHANGED;	/* 1: not every address is Mimecast's */
 cleanup:
	for (k = 0; d.text != NULL && k < rs->nrecs; k++)
		free(d.text[k]);
	free(d.text);
	free(d.len);
	lookup_free(t);
	recordset_free(rs);
	snapshot_free(s);
	store_close(st);
	return rc;
}
