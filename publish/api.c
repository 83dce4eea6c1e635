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
	json_t		*changes;	/* newest first */
};

void *
pub_api_new(struct pub_ctx *ctx)
{
	struct pub_api *a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	if ((a->changes = json_array()) == NULL) {
		free(a);
		return NULL;
	}
	a->ctx = ctx;
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

int
pub_api_change(void *w, const struct pub_change *c)
{
	struct pub_api *a = w;
	struct report_ctx rc;
	char path[64];
	json_t *o;

	memset(&rc, 0, sizeof(rc));
	rc.diff = c->diff;
	rc.from = c->parent ? c->parent->id : NULL;
	rc.to = c->snap->id;
	rc.source = c->source;
	rc.date = c->snap->time;
	rc.spf = c->spf;
	/*
	 * changes/ID.json: ID's change against its parent, as 'mcwatch diff
	 * PARENT ID -f json' prints it; the same bytes every publish, kept
	 * from the old site by content.
	 */
	snprintf(path, sizeof(path), "changes/%s.json", c->snap->id);
	if (put_json(a->ctx, path, o = report_json_object(&rc)) == -1) {
		json_decref(o);
		return -1;
	}
	return json_array_append_new(a->changes, o);
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
