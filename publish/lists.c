/* lists/: the files of 'mcwatch export', for every region and family. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "../export/export.h"
#include "../records/lists.h"
#include "../records/region.h"

/* The export formats the site carries, and what a person calls them. */
static const struct {
	const char	*format;
	const char	*title;
} formats[] = {
	{ "cidr", "Prefixes as published" },
	{ "merged", "Merged prefixes" },
	{ "m365", "Microsoft 365 IP Allow list" },
};
#define NFORMATS	(sizeof(formats) / sizeof(formats[0]))

const char *
pub_list_format(size_t f, const char **title, int *v6)
{
	const struct export_format *ef;

	if (f >= NFORMATS || (ef = export_find(formats[f].format)) == NULL)
		return NULL;
	*title = formats[f].title;
	/* The table's families: 4 alone, or "4 | 6" for both. */
	*v6 = ef->families != 4;
	return formats[f].format;
}

int
pub_list_path(size_t f, int list, int family, const char *code, char *buf,
    size_t len)
{
	const char *title, *name;
	int v6, n;

	if ((name = pub_list_format(f, &title, &v6)) == NULL)
		return -1;
	/* A format of one family needs no "-v4": m365/all.txt. */
	if (!v6)
		n = snprintf(buf, len, "lists/%s/%s%s%s.txt", name,
		    code ? code : "", code ? "/" : "", list == LIST_N ? "all" :
		    record_list_name((enum record_list)list));
	else
		n = snprintf(buf, len, "lists/%s/%s%s%s-v%d.txt", name,
		    code ? code : "", code ? "/" : "", list == LIST_N ? "all" :
		    record_list_name((enum record_list)list), family);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int
pub_list_at(size_t i)
{
	size_t l, n = 0;

	/* "all" first, then each address list in its order. */
	if (i == 0)
		return LIST_N;
	for (l = 0; l < LIST_N; l++)
		if (((1u << l) & LIST_ADDRESSES) != 0 && ++n == i)
			return (int)l;
	return -1;
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

/* One list file of the records rs; past m365's limit, none. */
static int
list_file(struct pub_ctx *ctx, const struct recordset *rs, size_t f,
    int list, int family, const char *code)
{
	const struct export_format *ef = export_find(formats[f].format);
	struct export_opts eo;
	char path[300], xerr[EXPORT_ERRMAX], *buf = NULL;
	size_t len;
	FILE *fp;
	int rc;

	if (pub_list_path(f, list, family, code, path, sizeof(path)) == -1) {
		snprintf(ctx->err, PUBLISH_ERRMAX, "publish: region code "
		    "'%.40s' is too long for a file name", code);
		return -1;
	}
	memset(&eo, 0, sizeof(eo));
	eo.lists = list == LIST_N ? LIST_ADDRESSES : 1u << list;
	eo.family = family;
	if ((fp = open_memstream(&buf, &len)) == NULL)
		goto memory;
	rc = ef->write(fp, rs, &eo, xerr);
	if (fclose(fp) == EOF || rc == -1)
		goto memory;
	/* Past m365's limit: no file, and the pages say so. */
	if (rc == -2) {
		free(buf);
		return 0;
	}
	rc = pub_put(ctx, path, buf, len);
	free(buf);
	buf = NULL;
	if (rc == -1)
		return -1;
	if (remember(ctx, path) == -1)
		goto memory;
	return 0;
 memory:
	free(buf);
	snprintf(ctx->err, PUBLISH_ERRMAX, "publish: out of memory");
	return -1;
}

/* Every list of records rs (one region's, or all when code is NULL). */
static int
region_lists(struct pub_ctx *ctx, const struct recordset *rs,
    const char *code)
{
	const char *title;
	size_t f, i;
	int l, fam, v6;

	for (f = 0; pub_list_format(f, &title, &v6) != NULL; f++)
		for (i = 0; (l = pub_list_at(i)) != -1; i++) {
			for (fam = 4; fam <= (v6 ? 6 : 4); fam += 2)
				if (list_file(ctx, rs, f, l, fam, code) == -1)
					return -1;
		}
	return 0;
}

int
pub_lists(struct pub_ctx *ctx)
{
	const struct recordset *rs = ctx->latest;
	struct recordset view;
	size_t i, start;

	if (region_lists(ctx, rs, NULL) == -1)
		return -1;
	for (start = 0; start < rs->nrecs; start = i) {
		i = region_run_end(rs, start);
		memset(&view, 0, sizeof(view));
		view.recs = rs->recs + start;	/* read only: a view */
		view.nrecs = i - start;
		if (region_lists(ctx, &view, rs->recs[start].region_code) == -1)
			return -1;
	}
	return 0;
}
