/* Making the site: one walk of the history, then every file of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "internal.h"
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
	int		 (*change)(void *w, const struct pub_change *c);
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

/* Change c to every writer that takes changes; 0, or -1. */
static int
change_all(void **state, const struct pub_change *c)
{
	size_t i;

	for (i = 0; i < NWRITERS; i++)
		if (writers[i].change != NULL &&
		    writers[i].change(state[i], c) == -1)
			return -1;
	return 0;
}

/*
 * Snapshot k's change against its parent to every writer; *count is the
 * number of records k holds, made k - 1's on return.
 */
static int
one_change(struct pub_ctx *ctx, size_t k, size_t *count, void **state)
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
	if (k + 1 == ctx->h->nsnaps)
		c.source = ctx->source;
	else
		c.source = source = source_of_id(ctx, c.snap->id);
	c.parent = k > 0 ? &ctx->h->snaps[k - 1] : NULL;
	c.diff = &d;
	/* Read only where the walk saw spf.json's bytes change. */
	if (c.snap->spf_changed) {
		if (pub_spf_change(ctx, k, &spf) == -1)
			goto cleanup;
		c.spf = &spf;
	}
	c.nrecords = *count;
	if (change_all(state, &c) == -1)
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

/* Every change, newest first, then the files made of them all. */
static int
all_files(struct pub_ctx *ctx)
{
	void *state[NWRITERS] = { NULL };
	size_t k, count = 0, i;
	int rc = -1;

	for (i = 0; i < NWRITERS; i++)
		if (writers[i].new != NULL &&
		    (state[i] = writers[i].new(ctx)) == NULL) {
			err_set(ctx->err, ERR_NOMEM, "publish: %s: out of "
			    "memory", writers[i].name);
			goto cleanup;
		}
	/* The latest's line count: every line added, less every removed. */
	for (i = 0; i < ctx->h->nlines; i++)
		count += ctx->h->lines[i].added ? 1 : (size_t)-1;
	for (k = ctx->h->nsnaps; k-- > 0; )
		if (one_change(ctx, k, &count, state) == -1)
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

/* The latest snapshot's records and source into ctx. */
static int
latest(struct pub_ctx *ctx)
{
	struct snapshot *s = NULL;
	int rc;

	ctx->head = &ctx->h->snaps[ctx->h->nsnaps - 1];
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
	if ((ctx.site = site_open(o->out, o->lock_timeout, err)) == NULL)
		return -1;
	if ((ctx.h = pub_timeline_load(st, o->warn, err)) == NULL)
		goto cleanup;
	if (ctx.h->nsnaps == 0) {
		rc = 1;
		goto cleanup;
	}
	if (latest(&ctx) == -1 || all_files(&ctx) == -1)
		goto cleanup;
	site_counts(ctx.site, &res->written, &res->linked);
	if (site_commit(ctx.site, err) == -1)
		goto cleanup;
	res->snapshots = ctx.h->nsnaps;
	res->broken = ctx.h->nbroken;
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
	return rc;
}
