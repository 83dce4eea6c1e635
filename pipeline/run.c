/* The run pipeline: fetch, parse, compare, guard, commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "health.h"
#include "run.h"
#include "../transport/transfer.h"
#include "../diff/guard.h"
#include "../export/lists.h"
#include "../parser/parse.h"
#include "../util/sha256.h"
#include "../snapshots/rejected.h"
#include "../snapshots/snapshot.h"
#include "../snapshots/source.h"
#include "../snapshots/trailers.h"
#include "../faults/clock.h"

#ifndef MCWATCH_VERSION
#define MCWATCH_VERSION "0.0.0"
#endif

/* A run under way: what its steps share. */
struct run {
	const struct run_settings *s;
	struct run_outcome	*o;
	struct store		*st;
	struct snapshot		*head;
	struct snapshot		*made;	/* the snapshot this run recorded */
	struct page		*page;
	struct source_prev	 prev;
	int			 mine;	/* this version made head */
	int			 locked; /* the run holds the repository's lock */
	char			*data;	/* the new dataset */
	size_t			 datalen;
	char			 sha[SHA256_HEXLEN];
};

/*
 * Fail the run with result res and the error e; returns -1. Memory
 * running out is RUN_NOMEM whichever step it stopped.
 */
static int
fail(struct run *r, enum run_result res, const struct err *e)
{
	r->o->result = e->kind == ERR_NOMEM ? RUN_NOMEM : res;
	r->o->error = *e;
	return -1;
}

static int
nomem(struct run *r)
{
	struct err e;

	err_nomem(&e, "run");
	return fail(r, RUN_NOMEM, &e);
}

/* Open (creating if need be) and lock the repository; read its HEAD. */
static int
open_repo(struct run *r)
{
	struct err err;

	/* A dry run creates nothing: a new repository has no snapshot. */
	if (r->s->dry_run && store_is_new(r->s->repo))
		return 0;
	if ((r->st = store_open(r->s->repo, !r->s->dry_run, &err)) == NULL ||
	    (!r->s->dry_run && store_lock(r->st, r->s->lock_timeout,
	    r->s->warn, &err) == -1))
		return fail(r, RUN_REPO_FAILED, &err);
	r->locked = !r->s->dry_run;
	if (snapshot_head(r->st, &r->head, &err) == -1)
		return fail(r, RUN_REPO_FAILED, &err);
	/*
	 * Channels seen for the first time are owed what this run records:
	 * stored so before the commit, a kill after it loses nothing.
	 */
	if (!r->s->dry_run && r->s->notify != NULL &&
	    notify_adopt(r->st, r->head, r->s->notify, r->s->warn, &err) == -1)
		r->o->notify_error = err;	/* the caller tells it */
	return 0;
}

/*
 * Read the latest snapshot's source.json once: whether this version of
 * mcwatch made it (another may read the same page otherwise), and its
 * ETag and Last-Modified, sent only then and only to the URL that
 * produced them: another server may compare dates and answer 304 for a
 * page it never served.
 */
static int
head_source(struct run *r, struct fetch_opts *fo)
{
	struct err err;
	char msg[ERR_MSGMAX + 400], *buf;
	size_t len;
	int rc;

	if (r->head == NULL ||
	    (rc = snapshot_read(r->st, r->head, SNAP_SOURCE, &buf, &len,
	    &err)) == 1)
		return 0;
	if (rc == -1)
		return fail(r, RUN_REPO_FAILED, &err);
	rc = source_parse(buf, len, &r->prev, &err);
	free(buf);
	if (rc == -1 && err.kind == ERR_NOMEM)
		return fail(r, RUN_NOMEM, &err);
	if (rc == -1 && r->s->warn != NULL) {
		snprintf(msg, sizeof(msg), "warning: repo %s: the latest "
		    "snapshot's %s does not parse (%s); the page is fetched and "
		    "read in full", store_dir(r->st), SNAP_SOURCE, err.msg);
		r->s->warn(msg);
	}
	r->mine = r->prev.version != NULL &&
	    strcmp(r->prev.version, MCWATCH_VERSION) == 0;
	if (r->mine && r->prev.url != NULL &&
	    strcmp(r->prev.url, r->s->url) == 0) {
		fo->etag = r->prev.etag;
		fo->last_modified = r->prev.last_modified;
	}
	return 0;
}

/* Nothing new: repair a work tree a killed run left. */
static int
unchanged(struct run *r)
{
	struct err err;

	r->o->result = RUN_UNCHANGED;
	if (r->st != NULL && !r->s->dry_run &&
	    snapshot_checkout(r->st, 1, r->s->warn, &err) == -1)
		return fail(r, RUN_REPO_FAILED, &err);
	return 0;
}

/* Refuse the page, why: keep it for a look. Returns 0. */
static int
reject(struct run *r, const char *why)
{
	struct err err;

	r->o->result = RUN_REJECTED;
	err_set(&r->o->error, ERR_PARSE, "%s", why);
	if (r->s->dry_run || r->st == NULL)
		return 0;
	if (rejected_save(r->st, r->page->body, r->page->len, r->sha, why,
	    r->o->kept, &err) == -1) {
		r->o->kept[0] = '\0';
		err_append(&r->o->error, " (and %s)", err.msg);
	}
	return 0;
}

/* Whether a and b are the same text, neither absent. */
static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Fetch the page; 1 when that settles the run (a 304), 0, or -1. */
static int
fetch(struct run *r)
{
	struct fetch_opts fo = r->s->fo;
	struct err err;

	/*
	 * An existing repository is locked and read first, for the
	 * validators of a conditional GET; a new one is made only once the
	 * page is in: a failed fetch must leave things as they were.
	 */
	if (!store_is_new(r->s->repo) &&
	    (open_repo(r) == -1 || head_source(r, &fo) == -1))
		return -1;
	r->o->date = clock_now();
	if (fetch_page(r->s->url, &fo, &r->page, &err) == -1)
		return fail(r, RUN_FETCH_FAILED, &err);
	if ((r->o->source = strdup(r->page->final_url)) == NULL ||
	    (r->page->edited_at != NULL &&
	    (r->o->edited_at = strdup(r->page->edited_at)) == NULL))
		return nomem(r);
	if (r->page->not_modified)
		return unchanged(r) == -1 ? -1 : 1;
	if (r->st == NULL && open_repo(r) == -1)
		return -1;
	/*
	 * The very bytes this version recorded last time: nothing to parse.
	 * Told by the SHA-256 its source.json holds (of page.html, written
	 * with it): hashing the page as a git blob is collision-detecting
	 * SHA-1 at thirty instructions a byte, a fifth of an unchanged run.
	 */
	if (sha256_hex(r->page->body, r->page->len, r->sha) == NULL)
		return nomem(r);
	if (r->mine && strcmp(r->sha, r->prev.sha256) == 0)
		return unchanged(r) == -1 ? -1 : 1;
	/* The same article, not edited since: the API's own "no change". */
	if (r->mine && same(r->page->article_id, r->prev.article_id) &&
	    same(r->page->edited_at, r->prev.edited_at))
		return unchanged(r) == -1 ? -1 : 1;
	return 0;
}

/* Parse the page; 1 when that settles the run (rejected), 0, or -1. */
static int
parse(struct run *r)
{
	struct page *p = r->page;
	struct err err;

	if (parse_page(p->body, p->len, p->charset, &r->o->records, &err) ==
	    -1 && err.kind == ERR_NOMEM) {
		err_prefix(&err, "run %s", p->source);
		return fail(r, RUN_NOMEM, &err);
	}
	/* libxml2 gave up part way: half a page is refused, kept. */
	if (r->o->records == NULL)
		return reject(r, err.msg) == -1 ? -1 : 1;
	return 0;
}

/* Compare with the latest snapshot and guard; 1 when that settles it. */
static int
compare(struct run *r)
{
	struct run_outcome *o = r->o;
	struct err err;
	char why[512];

	if (snapshot_dataset(o->records, &r->data, &r->datalen) == -1)
		return nomem(r);
	if (snapshot_holds(r->st, r->head, SNAP_DATA, r->data, r->datalen))
		return unchanged(r) == -1 ? -1 : 1;
	if (r->head != NULL &&
	    snapshot_records(r->st, r->head, &o->previous, &err) == -1)
		return fail(r, RUN_REPO_FAILED, &err);
	if ((o->previous == NULL && (o->previous = recordset_new()) == NULL) ||
	    diff_records(o->previous, o->records, &o->diff) == -1)
		return nomem(r);
	if (guard_check(o->previous, o->records, &o->diff, r->s->max_removal,
	    why, sizeof(why)) && !r->s->accept)
		return reject(r, o->records->nrecs == 0 ? PARSE_NODATA : why) ==
		    -1 ? -1 : 1;
	/* Same facts in another order of duplicates: nothing new. */
	if (o->diff.nchanges == 0)
		return unchanged(r) == -1 ? -1 : 1;
	o->result = RUN_CHANGED;
	if (r->head != NULL)
		snprintf(o->from, sizeof(o->from), "%s", snapshot_id(r->head));
	return 0;
}

/* The trailers of r's change (t->regions malloc'd); 0, or -1 on memory. */
static int
run_trailers(const struct run *r, struct trailers *t)
{
	const struct diff *d = &r->o->diff;

	memset(t, 0, sizeof(*t));
	snprintf(t->source_url, sizeof(t->source_url), "%s", r->o->source);
	snprintf(t->page_sha256, sizeof(t->page_sha256), "%s", r->sha);
	t->added = d->nadded;
	t->removed = d->nremoved;
	t->changed = d->nchanged;
	return (t->regions = diff_codes(d, ", ")) == NULL ? -1 : 0;
}

/* The commit message: summary, the report, trailers; NULL on memory. */
static char *
commit_message(const struct run *r)
{
	struct report_ctx ctx;
	struct trailers t;
	char sum[1024], *msg = NULL;
	size_t len;
	FILE *fp;
	int rc;

	/* No source, snapshot or date: the report comes without a header. */
	memset(&ctx, 0, sizeof(ctx));
	ctx.diff = &r->o->diff;
	ctx.spf = r->o->spf_checked ? &r->o->spf.report : NULL;
	if (run_trailers(r, &t) == -1)
		return NULL;
	report_summary(ctx.diff, sum, sizeof(sum));
	if (ctx.diff->nchanges == 0 && ctx.spf != NULL)
		report_spf_summary(ctx.spf, sum, sizeof(sum));
	if ((fp = open_memstream(&msg, &len)) == NULL) {
		trailers_clear(&t);
		return NULL;
	}
	rc = (r->head == NULL ? fprintf(fp, "Mimecast: baseline, %zu records "
	    "tracked\n\n", ctx.diff->nadded) : fprintf(fp, "Mimecast: %s\n\n",
	    sum)) < 0 ||
	    report_text(fp, &ctx) == -1 || putc('\n', fp) == EOF ||
	    trailers_write(fp, &t) == -1;
	trailers_clear(&t);
	if (fclose(fp) == EOF || rc) {
		free(msg);
		return NULL;
	}
	return msg;
}

/* The list files of a snapshot, gathered from export/lists.c. */
struct files {
	struct snapshot_file	*v;
	size_t			 n;
};

/* lists_each's callback: keep a copy of the file; 0, or -1 on memory. */
static int
keep_file(void *arg, const char *path, const char *buf, size_t len,
    struct err *err)
{
	struct files *f = arg;
	struct snapshot_file *v;

	if ((v = reallocarray(f->v, f->n + 1, sizeof(*v))) == NULL)
		return err_nomem(err, "run");
	f->v = v;
	v = &f->v[f->n];
	if ((v->path = strdup(path)) == NULL ||
	    (v->buf = malloc(len + 1)) == NULL) {
		free(v->path);
		return err_nomem(err, "run");
	}
	memcpy(v->buf, buf, len);
	v->len = len;
	f->n++;
	return 0;
}

static void
files_free(struct files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].path);
		free(f->v[i].buf);
	}
	free(f->v);
}

/* The page's side of a snapshot: this run's page, or the latest's. */
struct page_side {
	const struct recordset	*rs;
	const char		*page;
	size_t			 pagelen;
	char			*held;	/* the latest's page, if read */
	char			*source;	/* source.json's bytes */
	size_t			 sourcelen;
};

static void
page_side_clear(struct page_side *ps)
{
	free(ps->held);
	free(ps->source);
}

/* This run's page and its source.json; 0, or -1 on memory. */
static int
page_fresh(struct run *r, struct page_side *ps)
{
	struct run_outcome *o = r->o;
	struct source_info si;
	char url[4096];

	memset(&si, 0, sizeof(si));
	/* The snapshot is pushed: a password in --url stays out of it. */
	si.url = transfer_redact(r->s->url, url, sizeof(url));
	si.final_url = o->source;
	si.fetched_at = o->date;
	si.etag = r->page->etag;
	si.last_modified = r->page->last_modified;
	si.sha256 = r->sha;
	si.version = MCWATCH_VERSION;
	si.article_id = r->page->article_id;
	si.edited_at = r->page->edited_at;
	ps->rs = o->records;
	ps->page = r->page->body;
	ps->pagelen = r->page->len;
	return source_json(&si, o->records, &ps->source, &ps->sourcelen);
}

/*
 * The latest snapshot's page side as it is, for a change of the SPF
 * netblocks alone: its page, its source.json, its dataset; 0, or -1.
 */
static int
page_held(struct run *r, struct page_side *ps)
{
	struct err err;
	size_t len;

	/* This run's dataset, if the page was read: the latest's instead. */
	free(r->data);
	r->data = NULL;
	err_clear(&err);
	if (snapshot_read(r->st, r->head, SNAP_PAGE, &ps->held, &ps->pagelen,
	    &err) != 0 || snapshot_read(r->st, r->head, SNAP_SOURCE,
	    &ps->source, &ps->sourcelen, &err) != 0 ||
	    snapshot_read(r->st, r->head, SNAP_DATA, &r->data, &len, &err) !=
	    0) {
		if (!err_isset(&err))
			err_set(&err, ERR_REPO, "repo %s: the latest snapshot "
			    "lacks a file", store_dir(r->st));
		return fail(r, RUN_REPO_FAILED, &err);
	}
	r->datalen = len;
	ps->page = ps->held;
	ps->rs = r->o->records;
	if (sha256_hex(ps->page, ps->pagelen, r->sha) == NULL)
		return nomem(r);
	return 0;
}

/* The list files of rs and the second source into f; 0, or -1 told. */
static int
snapshot_files(struct run *r, const struct recordset *rs, struct files *f)
{
	const struct spf_found *sf = &r->o->spf;
	struct err err;

	/* A region code too long for a file name fails the commit. */
	if (lists_each(rs, keep_file, f, &err) == -1 ||
	    (r->o->spf_checked && sf->doc.n > 0 && (keep_file(f, SNAP_SPF,
	    sf->json, sf->jsonlen, &err) == -1 ||
	    spf_doc_lists(&sf->doc, keep_file, f, &err) == -1))) {
		if (err.kind != ERR_NOMEM)
			err.kind = ERR_REPO;
		return fail(r, RUN_REPO_FAILED, &err);
	}
	return 0;
}

/* Commit the snapshot, then bring the work tree up to date; 0, or -1. */
static int
record(struct run *r)
{
	struct run_outcome *o = r->o;
	struct snapshot_new sn;
	struct page_side ps;
	struct files files = { NULL, 0 };
	struct err err;
	char *msg = NULL;
	int rc = -1;

	memset(&ps, 0, sizeof(ps));
	/* The page's data unchanged: only the second source is new. */
	if (o->diff.nchanges == 0 && r->head != NULL) {
		if (page_held(r, &ps) == -1)
			goto cleanup;
	} else if (page_fresh(r, &ps) == -1) {
		nomem(r);
		goto cleanup;
	}
	if ((msg = commit_message(r)) == NULL) {
		nomem(r);
		goto cleanup;
	}
	if (snapshot_files(r, ps.rs, &files) == -1)
		goto cleanup;
	memset(&sn, 0, sizeof(sn));
	sn.dataset = r->data;
	sn.datalen = r->datalen;
	sn.rs = ps.rs;
	sn.page = ps.page;
	sn.pagelen = ps.pagelen;
	sn.source = ps.source;
	sn.sourcelen = ps.sourcelen;
	sn.message = msg;
	sn.author = r->s->author;
	sn.files = files.v;
	sn.nfiles = files.n;
	if (snapshot_commit(r->st, r->head, &sn, &r->made, &err) == -1) {
		fail(r, RUN_REPO_FAILED, &err);
		goto cleanup;
	}
	snprintf(o->to, sizeof(o->to), "%s", snapshot_id(r->made));
	/* Recorded: what fails now is told beside the change, never for it. */
	if (snapshot_checkout(r->st, 0, r->s->warn, &err) == -1) {
		o->later = err;
		err_append(&o->later, "; the next run repairs the work tree");
	}
	rc = 0;
 cleanup:
	files_free(&files);
	page_side_clear(&ps);
	free(msg);
	return rc;
}

/*
 * The second source, once the page is settled as read (changed or not):
 * an answer that differs from the latest snapshot's is a change of its
 * own, recorded beside the page's data as it stands.
 */
static int
second_source(struct run *r)
{
	struct run_outcome *o = r->o;
	struct err err;

	/* Not parsed (a 304, the same bytes): the latest snapshot's. */
	if (o->records == NULL && r->head != NULL &&
	    snapshot_records(r->st, r->head, &o->records, &err) == -1)
		return fail(r, RUN_REPO_FAILED, &err);
	if (spfcheck_run(&r->s->spf, r->st, r->head, o->records, r->s->warn,
	    &o->spf, &err) == -1)
		return fail(r, RUN_REPO_FAILED, &err);
	o->spf_checked = 1;
	if (o->result == RUN_UNCHANGED && o->spf.changed && r->head != NULL) {
		o->result = RUN_CHANGED;
		snprintf(o->from, sizeof(o->from), "%s", snapshot_id(r->head));
	}
	return 0;
}

/*
 * Tell the channels what they have not heard: this run's change from
 * memory, older ones from the repository, under the run's own lock.
 */
static void
deliver(struct run *r)
{
	struct run_outcome *o = r->o;
	struct notify_run nr;
	struct err err;

	if (r->s->notify == NULL || r->s->notify->nchannels == 0)
		return;
	memset(&nr, 0, sizeof(nr));
	nr.source = o->source;
	nr.edited_at = o->edited_at;
	nr.date = o->date;
	if (o->result == RUN_REJECTED || o->result == RUN_FETCH_FAILED)
		nr.problem = o->error.msg;
	if (o->result == RUN_CHANGED && r->made != NULL) {
		nr.from = o->from;
		nr.to = o->to;
		nr.diff = &o->diff;
		nr.records = o->records;
	}
	nr.spf = o->spf_checked ? &o->spf.report : NULL;
	if (notify_deliver(r->st, r->made ? r->made : r->head, r->s->notify,
	    &nr, r->s->warn, &o->delivery, &err) == -1) {
		o->notify_error = err;
		o->delivery.pending = o->delivery.pending > 0 ?
		    o->delivery.pending : 1;
	}
}

const char *
run_result_name(enum run_result res)
{
	static const char *const names[] = {
		[RUN_UNCHANGED] = "unchanged", [RUN_CHANGED] = "changed",
		[RUN_REJECTED] = "rejected", [RUN_FETCH_FAILED] = "fetch failed",
		[RUN_REPO_FAILED] = "repository error",
		[RUN_NOMEM] = "out of memory",
	};

	return res <= RUN_NOMEM ? names[res] : "?";
}

/*
 * The second source's warnings as the health tells them: "SPF: 2 ranges
 * disagree with the page, 1 region without an answer (uk, us)", or "".
 */
static void
spf_health(const struct spf_report *rep, char *buf, size_t len)
{
	size_t i, dis = 0, failed = 0;
	char *codes = spf_report_codes(rep, 1, ", ");

	buf[0] = '\0';
	for (i = 0; i < rep->n; i++) {
		dis += rep->v[i].kind == SPF_PAGE_ONLY ||
		    rep->v[i].kind == SPF_SPF_ONLY;
		failed += rep->v[i].kind == SPF_FAILED;
	}
	if (dis > 0 && failed > 0)
		snprintf(buf, len, "SPF: %zu range%s disagree%s with the page, "
		    "%zu region%s without an answer (%.200s)", dis, dis == 1 ?
		    "" : "s", dis == 1 ? "s" : "", failed, failed == 1 ? "" :
		    "s", codes != NULL ? codes : "?");
	else if (dis > 0)
		snprintf(buf, len, "SPF: %zu range%s disagree%s with the page "
		    "(%.200s)", dis, dis == 1 ? "" : "s", dis == 1 ? "s" : "",
		    codes != NULL ? codes : "?");
	else if (failed > 0)
		snprintf(buf, len, "SPF: %zu region%s without an answer, the "
		    "last kept (%.200s)", failed, failed == 1 ? "" : "s",
		    codes != NULL ? codes : "?");
	free(codes);
}

/* Record the run's outcome beside the repository (mcwatch status). */
static void
health(struct run *r)
{
	struct run_outcome *o = r->o;
	struct health_event e;
	struct err err;
	char spf[512] = "";

	memset(&e, 0, sizeof(e));
	e.result = run_result_name(o->result);
	e.message = o->result == RUN_CHANGED && err_isset(&o->later) ?
	    o->later.msg : o->error.msg;
	e.ok = o->result == RUN_UNCHANGED || o->result == RUN_CHANGED;
	e.snapshot = o->result == RUN_CHANGED && o->to[0] != '\0' ? o->to :
	    NULL;
	e.pending = o->delivery.pending;
	e.hook = o->delivery.hook;
	if (o->spf_checked)
		spf_health(&o->spf.report, spf, sizeof(spf));
	e.spf = o->spf_checked ? spf : NULL;
	if (health_record(r->st, &e, &err) == -1)
		o->health_error = err;	/* the caller tells it */
}

/*
 * Fetch, parse, compare, the second source, record: each step records its
 * outcome in o; a failure or a rejected page ends the run.
 */
static void
run_steps(struct run *r)
{
	struct run_outcome *o = r->o;
	int rc;

	if ((rc = fetch(r)) == 0 && (rc = parse(r)) == 0)
		rc = compare(r);
	if (rc == -1 || (o->result != RUN_UNCHANGED &&
	    o->result != RUN_CHANGED))
		return;
	if (r->s->spf.on && second_source(r) == -1)
		return;
	if (o->result == RUN_CHANGED && !r->s->dry_run)
		record(r);
}

void
run_pipeline(const struct run_settings *s, struct run_outcome *o)
{
	struct run r;

	memset(o, 0, sizeof(*o));
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.o = o;
	run_steps(&r);
	if (s->report != NULL)
		s->report(s->report_arg, o);
	/*
	 * A new repository whose page could not be had: nothing to tell; a
	 * repository another run holds: its state is that run's to write.
	 */
	if (!s->dry_run && r.st != NULL && r.locked) {
		deliver(&r);
		health(&r);
	}
	snapshot_free(r.made);
	snapshot_free(r.head);
	store_close(r.st);
	page_free(r.page);
	free(r.data);
	source_prev_clear(&r.prev);
}

void
run_outcome_free(struct run_outcome *o)
{
	if (o == NULL)
		return;
	diff_free(&o->diff);
	recordset_free(o->records);
	recordset_free(o->previous);
	spf_found_clear(&o->spf);
	free(o->source);
	free(o->edited_at);
	memset(o, 0, sizeof(*o));
}

void
run_report_ctx(const struct run_outcome *o, struct report_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->diff = &o->diff;
	ctx->from = o->from[0] ? o->from : NULL;
	ctx->to = o->to[0] ? o->to : NULL;
	ctx->source = o->source;
	ctx->date = o->date;
	ctx->edited_at = o->edited_at;
	ctx->warned = o->records;
	ctx->baseline = o->result == RUN_CHANGED && o->from[0] == '\0';
	ctx->spf = o->spf_checked ? &o->spf.report : NULL;
}
