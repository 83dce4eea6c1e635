/* mcwatch run: fetch, parse, compare, and commit a snapshot on change. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "../records/safe.h"
#include "../diff/diff.h"
#include "../diff/guard.h"
#include "../diff/report.h"
#include "../parser/parse.h"
#include "../scraper/fetch.h"
#include "../snapshots/author.h"
#include "../snapshots/rejected.h"
#include "../records/sha256.h"
#include "../snapshots/snapshot.h"
#include "../snapshots/source.h"

#define DEFAULT_REPO		"mcwatch-data"
#define DEFAULT_AUTHOR		"mcwatch <mcwatch@localhost>"
#define LOCK_TIMEOUT		60

struct run_opts {
	const char	*url;
	const char	*repo;
	const char	*author;
	const char	*author_from;	/* --author or $MCWATCH_AUTHOR */
	const struct report_format *format;
	struct fetch_opts fo;
	double		 max_removal;
	int		 lock_timeout;
	int		 dry_run;
	int		 accept;
	int		 exit_code;
	int		 quiet;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: mcwatch run [-qv] [--url URL] [--repo DIR] [--dry-run] "
	    "[--accept]\n"
	    "                   [--max-removal PCT] [--exit-code] "
	    "[-f text|json|markdown]\n"
	    "                   [--author 'NAME <EMAIL>'] [--lock-timeout SEC] "
	    "[fetch options]\n"
	    "\n"
	    "Fetch the page, and commit a snapshot to the repository when its "
	    "data changed.\n"
	    "\n"
	    "  --url URL            the page: an http:// or https:// URL, a "
	    "file, a file://\n"
	    "                       URL or - (default: %s)\n"
	    "  --repo DIR           the snapshot repository, created if "
	    "missing (default: %s)\n"
	    "  --dry-run            do everything but commit\n"
	    "  --accept             record the page even if the anomaly guard "
	    "refuses it\n"
	    "  --max-removal PCT    refuse a page removing more than PCT%% of "
	    "the records (20)\n"
	    "  --exit-code          exit 1 when a change was recorded\n"
	    "  -f, --format FMT     the change report: text (default), json "
	    "or markdown\n"
	    "  --author ID          commit author, 'Name <email>' (default: "
	    "$MCWATCH_AUTHOR,\n"
	    "                       else %s)\n"
	    "  --lock-timeout SEC   wait this long for another run (default "
	    "%d)\n"
	    "  -q, --quiet          print nothing unless something changed or "
	    "failed\n"
	    FETCH_USAGE
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status: 0 success (changed or not); 1 with --exit-code, a "
	    "change was\n"
	    "recorded; 2 usage error; 3 fetch failed; 4 page rejected (no data, "
	    "or the\n"
	    "anomaly guard); 5 repository error or busy; 6 out of memory, or "
	    "the output\n"
	    "could not be written; 7 a change was recorded and reported, but a "
	    "later step\n"
	    "failed (the work tree update, or writing the report to standard "
	    "output: it\n"
	    "went to standard error).\n",
	    FETCH_DEFAULT_URL, DEFAULT_REPO, DEFAULT_AUTHOR, LOCK_TIMEOUT);
}

/* The checks of run's options that need more than one option read. */
static int
run_check(const struct run_opts *o)
{
	char name[AUTHOR_MAX], email[AUTHOR_MAX];
	const char *why;

	if (author_parse(o->author, name, email, &why) == -1)
		return cli_usage("run", "%s '%s': %s", o->author_from,
		    o->author, why);
	if (o->url[0] == '\0')
		return cli_usage("run", "--url is empty");
	return EXIT_OK;
}

/* Parse run's options into o; EXIT_OK to go on, else the exit status. */
static int
run_args(int argc, char **argv, struct run_opts *o)
{
	static const struct option longopts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "repo", required_argument, NULL, 'r' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "accept", no_argument, NULL, 'a' },
		{ "max-removal", required_argument, NULL, 'x' },
		{ "exit-code", no_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "author", required_argument, NULL, 'A' },
		{ "lock-timeout", required_argument, NULL, 'L' },
		{ "quiet", no_argument, NULL, 'q' },
		FETCH_LONGOPTS,
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int ch, rc;

	memset(o, 0, sizeof(*o));
	o->url = FETCH_DEFAULT_URL;
	o->repo = DEFAULT_REPO;
	o->author = DEFAULT_AUTHOR;
	o->author_from = "--author";
	if (getenv("MCWATCH_AUTHOR") != NULL) {
		o->author = getenv("MCWATCH_AUTHOR");
		o->author_from = "$MCWATCH_AUTHOR";
	}
	o->format = report_find("text");
	cli_fetch_init(&o->fo);
	o->max_removal = GUARD_MAX_REMOVAL;
	o->lock_timeout = LOCK_TIMEOUT;
	while ((ch = cli_getopt("run", argc, argv, "f:qvh", longopts)) != -1) {
		if ((rc = cli_common("run", ch, usage)) != -1)
			return rc == EXIT_OK ? -1 : rc;
		switch (cli_fetch_option("run", ch, optarg, &o->fo)) {
		case 1:
			continue;
		case -1:
			return EXIT_USAGE;
		}
		switch (ch) {
		case 'u':
			o->url = optarg;
			break;
		case 'r':
			o->repo = optarg;
			break;
		case 'n':
			o->dry_run = 1;
			break;
		case 'a':
			o->accept = 1;
			break;
		case 'x':
			o->max_removal = strtod(optarg, &end);
			if (*end != '\0' || end == optarg ||
			    !(o->max_removal >= 0 && o->max_removal <= 100))
				return cli_usage("run", "--max-removal: want a "
				    "percentage from 0 to 100, not '%s'", optarg);
			break;
		case 'e':
			o->exit_code = 1;
			break;
		case 'f':
			if ((o->format = report_find(optarg)) == NULL)
				return cli_usage("run", "unknown format '%s' "
				    "(want %s)", optarg, report_names());
			break;
		case 'A':
			o->author = optarg;
			o->author_from = "--author";
			break;
		case 'L':
			o->lock_timeout = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg ||
			    o->lock_timeout < 0 || o->lock_timeout > 86400)
				return cli_usage("run", "--lock-timeout: not a "
				    "number of seconds: '%s'", optarg);
			break;
		case 'q':
			o->quiet = 1;
			o->fo.progress = 0;
			break;
		}
	}
	if (optind != argc)
		return cli_usage("run", "no arguments expected, not '%s' (the "
		    "page is given with --url)", argv[optind]);
	return run_check(o);
}

static void
warn_cb(const char *msg)
{
	cli_error("warning: %s", msg);
}

/* The commit message: summary, the report, trailers; NULL on memory. */
static char *
commit_message(const struct diff *d, const struct page *page,
    const char *sha)
{
	struct report_ctx ctx;
	char sum[1024], url[2048], *msg = NULL;
	const char *prev = NULL;
	size_t len, i;
	FILE *fp;

	/* No source, snapshot or date: the report comes without a header. */
	memset(&ctx, 0, sizeof(ctx));
	ctx.diff = d;
	if ((fp = open_memstream(&msg, &len)) == NULL)
		return NULL;
	report_summary(d, sum, sizeof(sum));
	snprintf(url, sizeof(url), "%s", page->final_url);
	safe_unctrl(url);
	fprintf(fp, "Mimecast: %s\n\n", sum);
	report_text(fp, &ctx);
	fprintf(fp, "\nSource-URL: %s\nPage-SHA256: %s\n"
	    "Mimecast-Added: %zu\nMimecast-Removed: %zu\n"
	    "Mimecast-Changed: %zu\nMimecast-Regions:", url, sha, d->nadded,
	    d->nremoved, d->nchanged);
	for (i = 0; i < d->nchanges; i++) {
		const char *code = change_record(&d->changes[i])->region_code;

		if (prev == NULL || strcmp(prev, code) != 0)
			fprintf(fp, "%s%s", prev ? ", " : " ", code);
		prev = code;
	}
	fputc('\n', fp);
	if (fclose(fp) == EOF) {
		free(msg);
		return NULL;
	}
	return msg;
}

/* Refuse the page: keep it for a look, and say why. */
static int
reject(struct store *st, const struct run_opts *o, const struct page *page,
    const char *sha, const char *why)
{
	char path[4096], err[STORE_ERRMAX];

	if (o->dry_run)
		cli_error("run %s: page rejected: %s", page->source, why);
	else if (rejected_save(st, page->body, page->len, sha, why, path,
	    err) == -1)
		cli_error("run %s: page rejected: %s (and %s)", page->source,
		    why, err);
	else
		cli_error("run %s: page rejected: %s; nothing was committed, "
		    "the page is kept in %s", page->source, why, path);
	cli_error("run: if the page is right, record it with --accept");
	return EXIT_REJECTED;
}

/* Open (creating if need be) and lock the repository; read its HEAD. */
static int
open_repo(const struct run_opts *o, struct store **st, git_commit **head)
{
	char err[STORE_ERRMAX];

	/* A dry run creates nothing: a new repository has no snapshot. */
	if (o->dry_run && store_is_new(o->repo))
		return 0;
	if ((*st = store_open(o->repo, !o->dry_run, err)) == NULL ||
	    (!o->dry_run && store_lock(*st, o->lock_timeout, warn_cb, err) ==
	    -1) || snapshot_head(*st, head, err) == -1) {
		cli_error("%s", err);
		return -1;
	}
	return 0;
}

/*
 * Read the latest snapshot's source.json once: *mine says whether this
 * version of mcwatch made it (another may read the same page otherwise).
 * Its ETag and Last-Modified are sent only then, and only to the URL that
 * produced them: another server may compare dates and answer 304 for a
 * page it never served. sp keeps them (the caller clears it). 0, or -1.
 */
static int
head_source(struct store *st, git_commit *head, const char *url,
    struct fetch_opts *fo, struct source_prev *sp, int *mine)
{
	char err[STORE_ERRMAX], jerr[256], *buf;
	size_t len;
	int rc;

	if ((rc = snapshot_read(st, head, SNAP_SOURCE, &buf, &len, err)) == 1)
		return 0;
	if (rc == -1) {
		cli_error("%s", err);
		return -1;
	}
	if (source_parse(buf, len, sp, jerr, sizeof(jerr)) == -1)
		cli_error("warning: repo %s: the latest snapshot's %s does not "
		    "parse (%s); the page is fetched and read in full",
		    st->dir, SNAP_SOURCE, jerr);
	free(buf);
	*mine = sp->version != NULL && strcmp(sp->version, MCWATCH_VERSION) == 0;
	if (*mine && sp->url != NULL && strcmp(sp->url, url) == 0) {
		fo->etag = sp->etag;
		fo->last_modified = sp->last_modified;
	}
	return 0;
}

/* Nothing changed: repair a work tree a killed run left, and say so. */
static int
unchanged(struct store *st, const struct run_opts *o)
{
	char err[STORE_ERRMAX];

	if (st != NULL && !o->dry_run &&
	    snapshot_checkout(st, 1, warn_cb, err) == -1) {
		cli_error("%s", err);
		return EXIT_REPO;
	}
	if (!o->quiet)
		printf("no changes\n");
	return EXIT_OK;
}

/*
 * Commit the snapshot sn (dataset, records, page and author filled in):
 * its source.json and message are made here. EXIT_OK with *id set, else
 * the exit status, the error told.
 */
static int
record(struct store *st, git_commit *head, const struct run_opts *o,
    const struct page *page, const struct diff *d, const char *sha,
    time_t fetched, struct snapshot_new *sn, git_oid *id)
{
	struct source_info si;
	char serr[STORE_ERRMAX], *source = NULL, *msg = NULL;
	size_t sourcelen;
	int rc = EXIT_INTERNAL;

	memset(&si, 0, sizeof(si));
	si.url = o->url;
	si.final_url = page->final_url;
	si.fetched_at = fetched;
	si.etag = page->etag;
	si.last_modified = page->last_modified;
	si.sha256 = sha;
	si.version = MCWATCH_VERSION;
	if (source_json(&si, sn->rs, &source, &sourcelen) == -1 ||
	    (msg = commit_message(d, page, sha)) == NULL) {
		cli_error("run: out of memory");
		goto cleanup;
	}
	sn->source = source;
	sn->sourcelen = sourcelen;
	sn->message = msg;
	if (snapshot_commit(st, head, sn, id, serr) == -1) {
		cli_error("%s", serr);
		rc = EXIT_REPO;
		goto cleanup;
	}
	rc = EXIT_OK;
 cleanup:
	free(source);
	free(msg);
	return rc;
}

/*
 * A change is recorded: report it whatever fails after this (the next run
 * would say "no changes"), then bring the work tree up to date. A step
 * that fails is told, with the snapshot's id, as EXIT_RECORDED; a report
 * stdout cannot take goes to stderr. The exit status.
 */
static int
recorded(struct store *st, const struct run_opts *o,
    const struct report_ctx *ctx)
{
	char serr[STORE_ERRMAX];
	int rc = o->exit_code ? EXIT_CHANGED : EXIT_OK, werr = 0;

	errno = 0;
	if (o->format->write(stdout, ctx) == -1 || fflush(stdout) == EOF) {
		werr = errno;
		cli_error("run: the change was recorded as snapshot %s, but "
		    "writing its report to standard output failed (%s); the "
		    "report follows on standard error", ctx->to,
		    werr ? strerror(werr) : "write error");
		o->format->write(stderr, ctx);
		fflush(stderr);
		rc = EXIT_RECORDED;
	}
	if (snapshot_checkout(st, 0, warn_cb, serr) == -1) {
		cli_error("%s; the change was recorded as snapshot %s and "
		    "reported; the next run repairs the work tree", serr,
		    ctx->to);
		rc = EXIT_RECORDED;
	}
	return rc;
}

int
cmd_run(int argc, char **argv)
{
	struct run_opts o;
	struct page *page = NULL;
	struct recordset *rs = NULL, *old = NULL;
	struct store *st = NULL;
	struct diff d;
	struct snapshot_new sn;
	struct report_ctx ctx;
	git_commit *head = NULL;
	git_oid id;
	char ferr[FETCH_ERRMAX], perr[PARSE_ERRMAX], serr[STORE_ERRMAX];
	char sha[SHA256_HEXLEN], why[512], idstr[GIT_OID_HEXSZ + 1];
	char fromstr[GIT_OID_HEXSZ + 1];
	struct source_prev prev;
	char *data = NULL;
	size_t datalen;
	time_t fetched;
	int rc, mine = 0;

	memset(&d, 0, sizeof(d));
	memset(&prev, 0, sizeof(prev));
	if ((rc = run_args(argc, argv, &o)) != EXIT_OK)
		return rc == -1 ? EXIT_OK : rc;

	/*
	 * An existing repository is locked and read first, for the
	 * validators of a conditional GET; a new one is made only once the
	 * page is in: a failed fetch must leave things as they were.
	 */
	if (!store_is_new(o.repo) && open_repo(&o, &st, &head) == -1) {
		rc = EXIT_REPO;
		goto cleanup;
	}
	if (head != NULL &&
	    head_source(st, head, o.url, &o.fo, &prev, &mine) == -1) {
		rc = EXIT_REPO;
		goto cleanup;
	}
	fetched = time(NULL);
	if (fetch_page(o.url, &o.fo, &page, ferr) == -1) {
		cli_error("%s", ferr);
		rc = EXIT_FETCH;
		goto cleanup;
	}
	if (page->not_modified) {
		rc = unchanged(st, &o);
		goto cleanup;
	}
	if (st == NULL && open_repo(&o, &st, &head) == -1) {
		rc = EXIT_REPO;
		goto cleanup;
	}
	/* The very bytes this version recorded last time: nothing to parse. */
	if (mine &&
	    snapshot_holds(st, head, SNAP_PAGE, page->body, page->len)) {
		rc = unchanged(st, &o);
		goto cleanup;
	}
	rc = EXIT_INTERNAL;
	switch (parse_page(page->body, page->len, page->charset, &rs, perr)) {
	case PARSE_OK:
	case PARSE_REFUSED:
		break;
	default:
		cli_error("run %s: %s", page->source, perr);
		goto cleanup;
	}
	/* Hashed only once the no-change exits are ruled out. */
	if (rs == NULL) {
		if (sha256_hex(page->body, page->len, sha) == NULL) {
			cli_error("run: out of memory");
			goto cleanup;
		}
		snprintf(why, sizeof(why), "%s", perr);
		rc = reject(st, &o, page, sha, why);
		goto cleanup;
	}
	if (!o.quiet)
		cli_warnings(rs);
	if (snapshot_dataset(rs, &data, &datalen) == -1) {
		cli_error("run: out of memory");
		goto cleanup;
	}
	if (snapshot_holds(st, head, SNAP_DATA, data, datalen)) {
		rc = unchanged(st, &o);
		goto cleanup;
	}

	if (head != NULL && snapshot_records(st, head, &old, serr) == -1) {
		cli_error("%s", serr);
		rc = EXIT_REPO;
		goto cleanup;
	}
	if (old == NULL && (old = recordset_new()) == NULL) {
		cli_error("run: out of memory");
		goto cleanup;
	}
	if (diff_records(old, rs, &d) == -1) {
		cli_error("run: out of memory");
		goto cleanup;
	}
	if (sha256_hex(page->body, page->len, sha) == NULL) {
		cli_error("run: out of memory");
		goto cleanup;
	}
	if (guard_check(old, rs, &d, o.max_removal, why, sizeof(why)) &&
	    !o.accept) {
		if (rs->nrecs == 0)
			snprintf(why, sizeof(why), "%s", CLI_NODATA);
		rc = reject(st, &o, page, sha, why);
		goto cleanup;
	}
	if (d.nchanges == 0) {
		/* Same facts in another order of duplicates: nothing new. */
		if (!o.quiet)
			printf("no changes\n");
		rc = EXIT_OK;
		goto cleanup;
	}

	memset(&ctx, 0, sizeof(ctx));
	ctx.diff = &d;
	ctx.source = page->final_url;
	if (head != NULL)
		ctx.from = git_oid_tostr(fromstr, sizeof(fromstr),
		    git_commit_id(head));
	if (o.dry_run) {
		rc = o.format->write(stdout, &ctx) == -1 ||
		    fflush(stdout) == EOF ? EXIT_INTERNAL : EXIT_OK;
		if (rc != EXIT_OK)
			cli_error("run: writing the report failed: %s",
			    strerror(errno));
		else if (o.exit_code)
			rc = EXIT_CHANGED;
		goto cleanup;
	}
	memset(&sn, 0, sizeof(sn));
	sn.dataset = data;
	sn.datalen = datalen;
	sn.rs = rs;
	sn.page = page->body;
	sn.pagelen = page->len;
	sn.author = o.author;
	if ((rc = record(st, head, &o, page, &d, sha, fetched, &sn, &id)) !=
	    EXIT_OK)
		goto cleanup;
	ctx.to = git_oid_tostr(idstr, sizeof(idstr), &id);
	ctx.date = fetched;
	rc = recorded(st, &o, &ctx);
 cleanup:
	diff_free(&d);
	git_commit_free(head);
	store_close(st);
	recordset_free(rs);
	recordset_free(old);
	page_free(page);
	free(data);
	source_prev_clear(&prev);
	return rc;
}
