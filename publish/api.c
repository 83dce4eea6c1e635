/*
 * The JSON API, in the shape of Microsoft's endpoints service: a version
 * to poll, the current records, every change, and "what changed since
 * the version I have" as one static file per snapshot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"
#include "since.h"
#include "../diff/report.h"
#include "../records/json.h"
#include "../output/output.h"

struct pub_api {
	json_t	*changes;	/* newest first */
};

void *
pub_api_new(struct pub_ctx *ctx)
{
	struct pub_api *a;

	(void)ctx;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	if ((a->changes = json_array()) == NULL) {
		free(a);
		return NULL;
	}
	return a;
}

void
pub_api_free(void *w)
{
	struct pub_api *a = w;

	if (a == NULL)
		return;
	json_decref(a->changes);
	free(a);
}

int
pub_api_change(void *w, const struct pub_change *c)
{
	struct pub_api *a = w;
	struct report_ctx rc;

	memset(&rc, 0, sizeof(rc));
	rc.diff = c->diff;
	rc.from = c->parent ? c->parent->id : NULL;
	rc.to = c->snap->id;
	rc.source = c->source;
	rc.date = c->snap->time;
	rc.spf = c->spf;
	return json_array_append_new(a->changes, report_json_object(&rc));
}

/* Put o as path, dumped the way every JSON report is, a line feed last. */
static int
put_json(struct pub_ctx *ctx, const char *path, json_t *o)
{
	char *s, *t;
	size_t len;
	int rc;

	if (o == NULL || (s = json_dumps(o, REPORT_JSON_FLAGS)) == NULL) {
		err_nomem(ctx->err, "publish");
		return -1;
	}
	len = strlen(s);
	if ((t = realloc(s, len + 2)) == NULL) {
		free(s);
		err_nomem(ctx->err, "publish");
		return -1;
	}
	t[len++] = '\n';
	t[len] = '\0';
	rc = pub_put(ctx, path, t, len);
	free(t);
	return rc;
}

/* Put the output of write(rs) as path. */
static int
put_records(struct pub_ctx *ctx, const char *path, output_fn write)
{
	char *buf = NULL;
	size_t len;
	FILE *fp;
	int rc = -1;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		goto cleanup;
	if (write(fp, ctx->latest) == -1) {
		fclose(fp);
		goto cleanup;
	}
	if (fclose(fp) == EOF)
		goto cleanup;
	rc = pub_put(ctx, path, buf, len);
 cleanup:
	if (rc == -1 && buf == NULL)
		err_nomem(ctx->err, "publish");
	free(buf);
	return rc;
}

/* version.json: what a client polls. */
static json_t *
version_json(const struct pub_ctx *ctx)
{
	const struct pub_snap *s = ctx->head;

	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:I, s:I, s:s?}",
	    "generator", SITE_GENERATOR,
	    "mcwatch_version", MCWATCH_VERSION,
	    "latest", s->id,
	    "date", json_time(s->time),
	    "last_change", json_time(s->time),
	    "last_check", json_time(ctx->o->last_check),
	    "snapshots", (json_int_t)ctx->h->nsnaps,
	    "records", (json_int_t)ctx->latest->nrecs,
	    "source", ctx->source);
}

int
pub_api_finish(void *w, struct pub_ctx *ctx)
{
	struct pub_api *a = w;
	json_t *v = version_json(ctx);
	int rc;

	rc = put_records(ctx, "endpoints.json", output_json) == -1 ||
	    put_records(ctx, "endpoints.csv", output_csv) == -1 ||
	    put_json(ctx, "changes.json", a->changes) == -1 ||
	    put_json(ctx, SITE_MARK, v) == -1 ? -1 : 0;
	json_decref(v);
	return rc;
}

/* changes/ID.json: 'mcwatch diff ID -f json', from the sets of since. */
static int
since_file(struct pub_ctx *ctx, struct pub_since *s, size_t k,
    const struct spf_report *spf)
{
	struct recordset before, after;
	struct report_ctx rc;
	struct diff d;
	char path[64], *buf = NULL;
	size_t len;
	FILE *fp = NULL;
	int ret = -1;

	memset(&d, 0, sizeof(d));
	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	if (pub_timeline_view(ctx->h, s->minus, s->nminus, ctx->h->snaps[k].id,
	    &before, ctx->err) == -1 ||
	    pub_timeline_view(ctx->h, s->plus, s->nplus, ctx->h->snaps[k].id,
	    &after, ctx->err) == -1)
		goto cleanup;
	memset(&rc, 0, sizeof(rc));
	rc.diff = &d;
	rc.from = ctx->h->snaps[k].id;
	rc.to = ctx->head->id;
	rc.source = ctx->source;
	rc.date = ctx->head->time;
	rc.spf = spf->n > 0 ? spf : NULL;
	if (diff_records(&before, &after, &d) == -1 ||
	    (fp = open_memstream(&buf, &len)) == NULL ||
	    report_json(fp, &rc) == -1 || fclose(fp) == EOF) {
		fp = NULL;
		err_nomem(ctx->err, "publish");
		goto cleanup;
	}
	fp = NULL;
	snprintf(path, sizeof(path), "changes/%s.json", rc.from);
	/* Each names the latest: a new one changes them all, needs no look. */
	ret = strcmp(ctx->old_latest, ctx->head->id) == 0 ?
	    pub_put(ctx, path, buf, len) : pub_put_new(ctx, path, buf, len);
 cleanup:
	if (fp != NULL)
		fclose(fp);
	free(buf);
	diff_free(&d);
	free(before.recs);	/* views: the records are the history's */
	free(after.recs);
	return ret;
}

/*
 * The SPF change from snapshot k to the latest into r, once the walk back
 * has crossed a change of spf.json (k + 1's is not k's): read again only
 * there. 0, or -1 with ctx->err.
 */
static int
since_spf(struct pub_ctx *ctx, size_t k, struct spf_report *r)
{
	struct spf_doc d;
	int rc;

	if (k + 1 == ctx->h->nsnaps || !ctx->h->snaps[k + 1].spf_changed)
		return 0;
	spf_report_clear(r);
	if (pub_spf_doc(ctx, ctx->h->snaps[k].id, &d) == -1)
		return -1;
	rc = spf_report_changes(r, &d, &ctx->spf);
	spf_report_sort(r);
	spf_doc_clear(&d);
	return rc == -1 ? err_nomem(ctx->err, "publish") : 0;
}

int
pub_api_since(void *w, struct pub_ctx *ctx)
{
	struct pub_since s;
	struct spf_report spf;
	size_t k;
	int rc = 0;

	(void)w;
	memset(&spf, 0, sizeof(spf));
	if (pub_since_init(&s, ctx->h) == -1) {
		err_nomem(ctx->err, "publish");
		return -1;
	}
	for (k = ctx->h->nsnaps; k-- > 0 && rc == 0; ) {
		if ((rc = since_spf(ctx, k, &spf)) == 0)
			rc = since_file(ctx, &s, k, &spf);
		pub_since_back(&s, ctx->h, k);
	}
	pub_since_clear(&s);
	spf_report_clear(&spf);
	return rc;
}
