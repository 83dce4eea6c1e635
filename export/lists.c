/* The list files' layout, one table, and every file of a record set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "../records/lists.h"
#include "../records/region.h"

/* The formats a list tree carries, and what a person calls them. */
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
lists_format(size_t f, const char **title, int *v6)
{
	const struct export_format *ef;

	if (f >= NFORMATS || (ef = export_find(formats[f].format)) == NULL)
		return NULL;
	*title = formats[f].title;
	/* The table's families: 4 alone, or 4 and 6. */
	*v6 = ef->families != 4;
	return formats[f].format;
}

int
lists_at(size_t i)
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
lists_path(size_t f, int list, int family, const char *code, char *buf,
    size_t len)
{
	const char *title, *name, *what;
	int v6, n;

	if ((name = lists_format(f, &title, &v6)) == NULL)
		return -1;
	what = list == LIST_N ? "all" : record_list_name((enum record_list)list);
	/* A format of one family needs no "-v4": m365/all.txt. */
	if (!v6)
		n = snprintf(buf, len, "%s/%s%s%s.txt", name, code ? code : "",
		    code ? "/" : "", what);
	else
		n = snprintf(buf, len, "%s/%s%s%s-v%d.txt", name,
		    code ? code : "", code ? "/" : "", what, family);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* One file: format f, list, family, of rs (one region's or all). */
static int
one_file(const struct recordset *rs, size_t f, int list, int family,
    const char *code, lists_fn fn, void *arg, struct err *err)
{
	const struct export_format *ef = export_find(formats[f].format);
	struct export_opts eo;
	char path[LISTS_PATHMAX], *buf = NULL;
	size_t len;
	FILE *fp;
	int rc;

	if (lists_path(f, list, family, code, path, sizeof(path)) == -1) {
		err_set(err, ERR_IO, "lists: region code '%.40s' is "
		    "too long for a file name", code);
		return -1;
	}
	memset(&eo, 0, sizeof(eo));
	eo.lists = list == LIST_N ? LIST_ADDRESSES : 1u << list;
	eo.family = family;
	if ((fp = open_memstream(&buf, &len)) == NULL)
		goto memory;
	rc = ef->write(fp, rs, &eo, err);
	if (fclose(fp) == EOF || (rc == -1 && err->kind != ERR_USAGE))
		goto memory;
	/* Past m365's limit: no file, as export refuses to write one. */
	rc = rc == -1 ? 0 : fn(arg, path, buf, len, err);
	free(buf);
	return rc;
 memory:
	free(buf);
	return err_nomem(err, "lists");
}

/* Every file of rs for region code (NULL: all regions). */
static int
region_files(const struct recordset *rs, const char *code, lists_fn fn,
    void *arg, struct err *err)
{
	const char *title;
	size_t f, i;
	int l, fam, v6, rc;

	for (f = 0; lists_format(f, &title, &v6) != NULL; f++)
		for (i = 0; (l = lists_at(i)) != -1; i++)
			for (fam = 4; fam <= (v6 ? 6 : 4); fam += 2)
				if ((rc = one_file(rs, f, l, fam, code, fn, arg,
				    err)) != 0)
					return rc;
	return 0;
}

int
lists_each(const struct recordset *rs, lists_fn fn, void *arg,
    struct err *err)
{
	struct recordset view;
	size_t i, start;
	int rc;

	if ((rc = region_files(rs, NULL, fn, arg, err)) != 0)
		return rc;
	for (start = 0; start < rs->nrecs; start = i) {
		i = region_run_end(rs, start);
		memset(&view, 0, sizeof(view));
		view.recs = rs->recs + start;	/* read only: a view */
		view.nrecs = i - start;
		if ((rc = region_files(&view, rs->recs[start].region_code, fn,
		    arg, err)) != 0)
			return rc;
	}
	return 0;
}
