/* Making the site: one walk of the history, then every file of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "internal.h"
#include "memo.h"
#include "../util/url.h"
#include "../snapshots/snapshot.h"
#include "../snapshots/source.h"

int
publish_base_ok(const char *url)
{
	const char *why;

	return (strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0) && url_acceptable(url, &why);
}

/* The http(s) URL snapshot s's page came from (malloc'd), or NULL. */
static char *
source_of(struct pub_ctx *ctx, const struct snapshot *s)
{
	struct source_prev sp;
	const char *url;
	char *out = NULL;

	memset(&sp, 0, sizeof(sp));
	/* A file name of the machine that ran mcwatch is not for the web. */
	if ((url = snapshot_source(ctx->st, s, &sp)) != NULL &&
	    publish_base_ok(url))
		out = strdup(url);
	source_prev_clear(&sp);
	return out;
}

/* The same, of the snapshot with that id; NULL if there is none. */
static char *
source_of_id(struct pub_ctx *ctx, const char *id)
{
	struct snapshot *s = NULL;
	struct err err;
	char *out = NULL;

	if (snapshot_resolve(ctx->st, id, &s, &err) == 0)
		out = source_of(ctx, s);
	snapshot_free(s);
	return out;
}

/*
 * The writers, in the order they finish: pages link only the list files
 * written before them.
 */
static const struct pub_writer {
	const char	*name;
	void		*(*new)(struct pub_ctx *ctx);
	int		 (*change)(void *w, const struct pub_change *c,
			    struct pub_frag *f);
	int		 (*finish)(void *w, struct pub_ctx *ctx);
	void		 (*free)(void *w);
} writers[] = {
	{ "lists", NULL, NULL, pub_lists, NULL },
	{ "api", pub_api_new, pub_api_change, pub_api_finish, pub_api_free },
	{ "feed", pub_feed_new, pub_feed_change, pub_feed_finish,
	    pub_feed_free },
	{ "pages", pub_pages_new, pub_pages_change, pub_pages_finish,
	    pub_pages_free },
};
#define NWRITERS	(sizeof(writers) / sizeof(writers[0]))

/* A walk back from HEAD to the memo's parts stops this far at most. */
#define MEMO_WALK_MAX	256

/* Change c to every writer that takes changes, into part f; 0, or -1. */
static int
change_all(void **state, const struct pub_change *c, struct pub_frag *f)
{
	size_t i;

	for (i = 0; i < NWRITERS; i++)
		if (writers[i].change != NULL &&
		    writers[i].change(state[i], c, f) == -1)
			return -1;
	return 0;
}

/*
 * Snapshot k's change against its parent to every writer, into part f;
 * *count is the number of records k holds, made k - 1's on return.
 */
static int
one_change(struct pub_ctx *ctx, size_t k, size_t *count, void **state,
    struct pub_frag *f)
{
	struct recordset before, after;
	struct pub_change c;
	struct spf_report spf;
	struct diff d;
	size_t *rem = NULL, *add = NULL, nrem, nadd;
	char *source = NULL;
	int rc = -1;

	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	memset(&d, 0, sizeof(d));
	memset(&spf, 0, sizeof(spf));
	if (pub_timeline_lines(ctx->h, k, &rem, &nrem, &add, &nadd) == -1)
		goto memory;
	if (pub_timeline_view(ctx->h, rem, nrem, ctx->h->snaps[k].id, &before,
	    ctx->err) == -1 || pub_timeline_view(ctx->h, add, nadd,
	    ctx->h->snaps[k].id, &after, ctx->err) == -1)
		goto cleanup;
	if (diff_records(&before, &after, &d) == -1)
		goto memory;
	memset(&c, 0, sizeof(c));
	c.snap = &ctx->h->snaps[k];
	/* The latest's is read already; the others' from the repository. */
	if (strcmp(c.snap->id, ctx->head->id) == 0)
		c.source = ctx->source;
	else
		c.source = source = source_of_id(ctx, c.snap->id);
	c.parent = f->parent[0] ? f->parent : NULL;
	c.diff = &d;
	/* Read only where the walk saw spf.json's bytes change. */
	if (c.snap->spf_changed) {
		if (pub_spf_change(ctx, c.parent, c.snap->id, &spf) == -1)
			goto cleanup;
		c.spf = &spf;
	}
	c.nrecords = f->nrecords = *count;
	if (change_all(state, &c, f) == -1)
		goto memory;
	*count = *count + nrem - nadd;
	rc = 0;
	goto cleanup;
 memory:
	err_nomem(ctx->err, "publish");
 cleanup:
	free(source);
	free(rem);
	free(add);
	free(before.recs);	/* views: the records are the history's */
	free(after.recs);
	diff_free(&d);
	spf_report_clear(&spf);
	return rc;
}

/*
 * A part for each snapshot of the timeline after the known ones: its id,
 * parent and base, in order. The first part of them, or NULL on memory.
 */
static struct pub_frag *
new_parts(struct pub_ctx *ctx, size_t known)
{
	const struct pub_frag *prev;
	struct pub_frag *f;
	size_t k;

	pub_frags_truncate(&ctx->frags, known);
	for (k = 0; k < ctx->h->nsnaps; k++) {
		if ((f = pub_frags_add(&ctx->frags)) == NULL)
			return NULL;
		prev = known + k > 0 ? &ctx->frags.v[known + k - 1] : NULL;
		snprintf(f->id, sizeof(f->id), "%s", ctx->h->snaps[k].id);
		snprintf(f->parent, sizeof(f->parent), "%s", prev ? prev->id :
		    "");
		snprintf(f->base, sizeof(f->base), "%s",
		    !ctx->h->snaps[k].broken ? f->id : prev ? prev->base : "");
		f->time = ctx->h->snaps[k].time;
		f->broken = ctx->h->snaps[k].broken;
	}
	return &ctx->frags.v[known];
}

/*
 * The timeline's parts rendered by every writer, newest first, after the
 * known ones; then every writer's files, from every part.
 */
static int
all_files(struct pub_ctx *ctx, size_t known)
{
	void *state[NWRITERS] = { NULL };
	struct pub_frag *first = &ctx->frags.v[known];
	size_t k, count, i;
	int rc = -1;

	for (i = 0; i < NWRITERS; i++)
		if (writers[i].new != NULL &&
		    (state[i] = writers[i].new(ctx)) == NULL) {
			err_set(ctx->err, ERR_NOMEM, "publish: %s: out of "
			    "memory", writers[i].name);
			goto cleanup;
		}
	/* The latest's line count: every line added, less every removed. */
	count = known > 0 ? ctx->frags.v[known - 1].nrecords : 0;
	for (i = 0; i < ctx->h->nlines; i++)
		count += ctx->h->lines[i].added ? 1 : (size_t)-1;
	for (k = ctx->h->nsnaps; k-- > 0; )
		if (one_change(ctx, k, &count, state, &first[k]) == -1)
			goto cleanup;
	for (i = 0; i < NWRITERS; i++)
		if (writers[i].finish(state[i], ctx) == -1)
			goto cleanup;
	rc = 0;
 cleanup:
	for (i = 0; i < NWRITERS; i++)
		if (writers[i].free != NULL)
			writers[i].free(state[i]);
	return rc;
}

/* changes_known's test: a part of the memo, remembered as the last. */
static int
known_part(const char *id, void *arg, char *base)
{
	struct pub_ctx *ctx = arg;
	size_t i;

	for (i = ctx->frags.n; i-- > 0; )
		if (strcmp(ctx->frags.v[i].id, id) == 0) {
			ctx->known = i + 1;
			snprintf(base, 41, "%s", ctx->frags.v[i].base);
			return 1;
		}
	return 0;
}

/*
 * Whether the memo's newest parts up to the known one give the feed its
 * entries beside the nnew snapshots after them.
 */
static int
memo_feeds(const struct pub_ctx *ctx, size_t nnew)
{
	size_t i, k;

	for (i = ctx->known, k = nnew; i-- > 0 && k < PUBLISH_FEED_MAX; k++)
		if (!ctx->frags.v[i].feed)
			return 0;
	return 1;
}

/*
 * The snapshots to render into ctx->h: those after the memo's parts
 * when it has the history's, else every one (ctx->known 0). 0, or -1.
 */
static int
to_render(struct pub_ctx *ctx)
{
	struct changes_known k = { known_part, ctx, MEMO_WALK_MAX };
	int all = 1;

	if (!ctx->o->rebuild && pub_memo_load(ctx->st, &ctx->frags,
	    ctx->err) == -1)
		return -1;
	ctx->nmemo = ctx->frags.n;
	if (ctx->frags.n > 0) {
		ctx->h = pub_timeline_since(ctx->st, &k, &all, ctx->err);
		if (ctx->h == NULL && !all)
			return -1;
		if (ctx->h != NULL && !memo_feeds(ctx, ctx->h->nsnaps)) {
			pub_timeline_free(ctx->h);
			ctx->h = NULL;
		}
	}
	if (ctx->h == NULL) {
		pub_frags_clear(&ctx->frags);
		ctx->known = 0;
		if ((ctx->h = pub_timeline_load(ctx->st, ctx->err)) == NULL)
			return -1;
	}
	return 0;
}

/* Each broken snapshot told, oldest first; their number. */
static size_t
warn_broken(const struct pub_ctx *ctx)
{
	char msg[160];
	size_t i, n = 0;

	for (i = 0; i < ctx->frags.n; i++) {
		if (!ctx->frags.v[i].broken)
			continue;
		n++;
		snprintf(msg, sizeof(msg), "publish: warning: snapshot %.12s: "
		    "its %s is missing or not one mcwatch writes; published "
		    "with no change of its own", ctx->frags.v[i].id,
		    SNAP_DATA);
		if (ctx->o->warn != NULL)
			ctx->o->warn(msg);
	}
	return n;
}

/* The parts kept for the next publish, when they changed; a failure told. */
static void
keep_memo(struct pub_ctx *ctx)
{
	struct err err;
	char msg[ERR_MSGMAX + 80];

	if (ctx->known == ctx->nmemo && ctx->known == ctx->frags.n &&
	    ctx->frags.used == ctx->frags.buflen)
		return;
	/* Only the new parts, after a memo that is still the history's. */
	if (pub_memo_save(ctx->st, &ctx->frags, ctx->known == ctx->nmemo ?
	    ctx->known : 0, &err) == 0)
		return;
	snprintf(msg, sizeof(msg), "publish: warning: %s; the next publish "
	    "renders every snapshot again", err.msg);
	if (ctx->o->warn != NULL)
		ctx->o->warn(msg);
}

/* The latest snapshot's records and source into ctx. */
static int
latest(struct pub_ctx *ctx)
{
	struct snapshot *s = NULL;
	int rc;

	rc = snapshot_resolve(ctx->st, ctx->head->id, &s, ctx->err) == -1 ||
	    snapshot_records(ctx->st, s, &ctx->latest, ctx->err) == -1 ||
	    pub_spf_doc(ctx, ctx->head->id, &ctx->spf) == -1 ? -1 : 0;
	if (rc == 0) {
		struct source_prev sp;

		ctx->source = source_of(ctx, s);
		/* When Mimecast last edited the page, when the API says. */
		memset(&sp, 0, sizeof(sp));
		(void)snapshot_source(ctx->st, s, &sp);
		if (sp.edited_at != NULL &&
		    (ctx->edited_at = strdup(sp.edited_at)) == NULL)
			rc = err_nomem(ctx->err, "publish");
		source_prev_clear(&sp);
	}
	snapshot_free(s);
	return rc;
}

int
publish_site(struct store *st, const struct publish_opts *o,
    struct publish_result *res, struct err *err)
{
	struct pub_ctx ctx;
	size_t i;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	memset(&ctx, 0, sizeof(ctx));
	ctx.st = st;
	ctx.o = o;
	ctx.err = err;
	ctx.title = o->title ? o->title : PUBLISH_TITLE;
	if ((ctx.site = site_open(o->out, o->lock_timeout, st, !o->rebuild,
	    err)) == NULL)
		return -1;
	if (to_render(&ctx) == -1)
		goto cleanup;
	if (ctx.known + ctx.h->nsnaps == 0) {
		rc = 1;
		goto cleanup;
	}
	if (new_parts(&ctx, ctx.known) == NULL) {
		err_nomem(err, "publish");
		goto cleanup;
	}
	ctx.head = &ctx.frags.v[ctx.frags.n - 1];
	if (latest(&ctx) == -1 || all_files(&ctx, ctx.known) == -1)
		goto cleanup;
	res->broken = warn_broken(&ctx);
	site_counts(ctx.site, &res->written, &res->linked);
	if (site_commit(ctx.site, err) == -1)
		goto cleanup;
	keep_memo(&ctx);
	res->snapshots = ctx.frags.n;
	snprintf(res->latest, sizeof(res->latest), "%s", ctx.head->id);
	rc = 0;
 cleanup:
	site_free(ctx.site);
	for (i = 0; i < ctx.npaths; i++)
		free(ctx.paths[i]);
	free(ctx.paths);
	free(ctx.source);
	free(ctx.edited_at);
	recordset_free(ctx.latest);
	spf_doc_clear(&ctx.spf);
	pub_timeline_free(ctx.h);
	pub_frags_clear(&ctx.frags);
	return rc;
}
