/* lists/: the list files of export/lists.c, under the site's lists/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "../export/lists.h"
#include "../records/lists.h"
#include "../records/region.h"

int
pub_list_path(size_t f, int list, int family, const char *code, char *buf,
    size_t len)
{
	char rel[LISTS_PATHMAX];
	int n;

	if (lists_path(f, list, family, code, rel, sizeof(rel)) == -1)
		return -1;
	n = snprintf(buf, len, PUB_LISTS "%s", rel);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int
pub_list_written(const struct pub_ctx *ctx, const char *path)
{
	size_t i;

	for (i = 0; i < ctx->npaths; i++)
		if (strcmp(ctx->paths[i], path) == 0)
			return 1;
	return 0;
}

/* Remember path as written; -1 on memory. */
static int
remember(struct pub_ctx *ctx, const char *path)
{
	char **np;

	if (ctx->npaths == ctx->cappaths) {
		size_t nc = ctx->cappaths ? ctx->cappaths * 2 : 64;

		if ((np = reallocarray(ctx->paths, nc, sizeof(*np))) == NULL)
			return -1;
		ctx->paths = np;
		ctx->cappaths = nc;
	}
	if ((ctx->paths[ctx->npaths] = strdup(path)) == NULL)
		return -1;
	ctx->npaths++;
	return 0;
}

/* lists_each's callback: the file under lists/, remembered. */
static int
put_list(void *arg, const char *rel, const char *buf, size_t len,
    struct err *err)
{
	struct pub_ctx *ctx = arg;
	char path[LISTS_PATHMAX + sizeof(PUB_LISTS)];

	(void)err;	/* the same as ctx->err */
	snprintf(path, sizeof(path), PUB_LISTS "%s", rel);
	if (pub_put(ctx, path, buf, len) == -1)
		return -1;
	if (remember(ctx, path) == -1)
		return err_nomem(ctx->err, "publish");
	return 0;
}

int
pub_lists(void *w, struct pub_ctx *ctx)
{
	(void)w;
	/* The second source's lists beside the page's, as in a snapshot. */
	return lists_each(ctx->latest, put_list, ctx, ctx->err) == -1 ||
	    spf_doc_lists(&ctx->spf, put_list, ctx, ctx->err) == -1 ? -1 : 0;
}
