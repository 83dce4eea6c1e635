/*
 * The JSON API, in the shape of Microsoft's endpoints service: a version
 * to poll, the current records, every change, and each snapshot's change
 * as a file of its own that depends on it and its parent alone, so that
 * it is written once and never again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"
#include "../diff/report.h"
#include "../records/json.h"
#include "../output/output.h"

struct pub_api {
	struct pub_ctx	*ctx;
};

void *
pub_api_new(struct pub_ctx *ctx)
{
	struct pub_api *a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	a->ctx = ctx;
	return a;
}

void
pub_api_free(void *w)
{
	free(w);
}

/* o dumped the way every JSON report is, a line feed last (malloc'd). */
static char *
json_text(json_t *o, size_t *len)
{
	char *s, *t;

	if (o == NULL || (s = json_dumps(o, REPORT_JSON_FLAGS)) == NULL)
		return NULL;
	*len = strlen(s);
	if ((t = realloc(s, *len + 2)) == NULL) {
		free(s);
		return NULL;
	}
	t[(*len)++] = '\n';
	t[*len] = '\0';
	return t;
}

/* Put o as path, as json_text makes it. */
static int
put_json(struct pub_ctx *ctx, const char *path, json_t *o)
{
	char *t;
	size_t len;
	int rc;

	if ((t = json_text(o, &len)) == NULL) {
		err_nomem(ctx->err, "publish");
		return -1;
	}
	rc = pub_put(ctx, path, t, len);
	free(t);
	return rc;
}

int
pub_api_change(void *w, const struct pub_change *c, struct pub_frag *f)
{
	struct pub_api *a = w;
	struct report_ctx rc;
	json_t *o;

	memset(&rc, 0, sizeof(rc));
	rc.diff = c->diff;
	rc.from = c->parent;
	rc.to = c->snap->id;
	rc.source = c->source;
	rc.date = c->snap->time;
	rc.spf = c->spf;
	/*
	 * changes/ID.json: ID's change against its parent, as 'mcwatch diff
	 * PARENT ID -f json' prints it; the same bytes every publish.
	 */
	f->json = json_text(o = report_json_object(&rc), &f->jsonlen);
	json_decref(o);
	return f->json == NULL ? err_nomem(a->ctx->err, "publish") : 0;
}

/*
 * changes.json: every part's JSON, newest first, as jansson dumps their
 * array (each line two spaces further in), without parsing them again.
 */
static int
put_changes(struct pub_ctx *ctx)
{
	const struct pub_frags *fs = &ctx->frags;
	char *buf = NULL;
	size_t len, i;
	FILE *fp;
	int rc;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return err_nomem(ctx->err, "publish");
	fputs("[\n", fp);
	for (i = fs->n; i-- > 0; ) {
		const struct pub_frag *f = &fs->v[i];
		/* Its last byte is the line feed json_text ends it with. */
		const char *p = f->json, *e = f->json + f->jsonlen - 1, *nl;

		fputs("  ", fp);
		while ((nl = memchr(p, '\n', (size_t)(e - p))) != NULL) {
			fwrite(p, 1, (size_t)(nl + 1 - p), fp);
			fputs("  ", fp);
			p = nl + 1;
		}
		fwrite(p, 1, (size_t)(e - p), fp);
		fputs(i > 0 ? ",\n" : "\n", fp);
	}
	fputs("]\n", fp);
	if (fclose(fp) == EOF) {
		free(buf);
		return err_nomem(ctx->err, "publish");
	}
	rc = pub_put(ctx, "changes.json", buf, len);
	free(buf);
	return rc;
}

/* Each snapshot's changes/ID.json, kept from the old site by content. */
static int
put_each(struct pub_ctx *ctx)
{
	char path[64];
	size_t i;

	for (i = 0; i < ctx->frags.n; i++) {
		snprintf(path, sizeof(path), "changes/%s.json",
		    ctx->frags.v[i].id);
		if (pub_put(ctx, path, ctx->frags.v[i].json,
		    ctx->frags.v[i].jsonlen) == -1)
			return -1;
	}
	return 0;
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
	const struct pub_frag *s = ctx->head;

	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:I, s:I, s:s?}",
	    "generator", SITE_GENERATOR,
	    "mcwatch_version", MCWATCH_VERSION,
	    "latest", s->id,
	    "date", json_time(s->time),
	    "last_change", json_time(s->time),
	    "last_check", json_time(ctx->o->last_check),
	    "snapshots", (json_int_t)ctx->frags.n,
	    "records", (json_int_t)ctx->latest->nrecs,
	    "source", ctx->source);
}

int
pub_api_finish(void *w, struct pub_ctx *ctx)
{
	json_t *v = version_json(ctx);
	int rc;

	(void)w;
	rc = put_each(ctx) == -1 ||
	    put_records(ctx, "endpoints.json", output_json) == -1 ||
	    put_records(ctx, "endpoints.csv", output_csv) == -1 ||
	    put_changes(ctx) == -1 ||
	    put_json(ctx, SITE_MARK, v) == -1 ? -1 : 0;
	json_decref(v);
	return rc;
}
