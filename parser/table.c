/* Tables: finding the header and the kind, then each data row's reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify.h"
#include "rows.h"
#include "table.h"
#include "../records/region.h"


/* Whether any cell of row r holds a value; styling plays no part. */
static int
row_has_data(const struct grid *g, size_t r)
{
	struct token tk;
	size_t c;

	for (c = 0; c < g->rows[r].ncols; c++) {
		token_read(grid_text(g, r, c), &tk);
		if (token_is_data(&tk))
			return 1;
	}
	return 0;
}

/* Whether row r's cells read as column names (and hold no value). */
static int
row_is_header(const struct grid *g, size_t r, struct header *h)
{
	const char *cells[GRID_MAXCOLS];
	size_t c;

	if (row_has_data(g, r))
		return 0;
	for (c = 0; c < g->rows[r].ncols; c++)
		cells[c] = grid_text(g, r, c);
	return classify_header(cells, c, h) != TABLE_UNKNOWN;
}

/*
 * Rows that carry no data and deserve no warning: empty ones, the header
 * repeated (as it was, or any row that reads as column names), and caption
 * rows whose cells all say one thing. A row holding a value (data, as
 * row_read tells it) is data, however it is styled: bold cells are never
 * a reason to skip a row.
 */
static int
row_is_filler(const struct grid *g, size_t r, long hr, int data)
{
	const struct grid_row *gr = &g->rows[r];
	struct header h;
	const char *one = NULL;
	size_t c;
	int same = 1, ashead = 1;

	if (data)
		return 0;
	for (c = 0; c < gr->ncols; c++) {
		const char *s = grid_text(g, r, c);

		if (hr < 0 || strcmp(s, grid_text(g, (size_t)hr, c)) != 0)
			ashead = 0;
		if (*s == '\0')
			continue;
		if (one == NULL)
			one = s;
		else if (strcmp(one, s) != 0)
			same = 0;
	}
	return one == NULL || ashead || same || row_is_header(g, r, &h);
}

/* Whether any cell holds an address (or lists some) or a URL. */
static int
table_has_data(const struct grid *g)
{
	struct token tk;
	size_t r, c;

	for (r = 0; r < g->nrows; r++)
		for (c = 0; c < g->rows[r].ncols; c++) {
			token_read(grid_text(g, r, c), &tk);
			if (tk.type == TOK_ADDR || tk.type == TOK_CIDR ||
			    tk.type == TOK_RANGE || tk.type == TOK_URL ||
			    tk.type == TOK_LIST)
				return 1;
		}
	return 0;
}

#define NO_HEADER	(-1)	/* no header: not a table mcwatch knows */
#define HEADING_ONLY	(-2)	/* no header row: the heading names the kind */

/*
 * Find the header row among the first few: a row whose words name columns
 * and which holds no value. Its index, else HEADING_ONLY when the section
 * heading says what the table holds (every row is data), else NO_HEADER.
 */
static long
table_header(const struct grid *g, const char *section, struct header *h)
{
	size_t r;

	for (r = 0; r < g->nrows && r < TABLE_HEADROWS; r++)
		if (row_is_header(g, r, h))
			return (long)r;
	if (classify_heading(section, h) == TABLE_UNKNOWN)
		return NO_HEADER;
	for (r = 0; r < g->nrows; r++)
		if (row_has_data(g, r))
			return HEADING_ONLY;
	return NO_HEADER;
}

/*
 * A row holding no value (data 0) that names a region and nothing else
 * (a full-width "<td colspan=...>Germany</td>" of one table for all
 * regions): the region's heading, else NULL.
 */
static const char *
separator_region(const struct grid *g, size_t r, int data)
{
	const struct grid_row *gr = &g->rows[r];
	const char *one = NULL, *s;
	size_t c;

	if (data)
		return NULL;
	for (c = 0; c < gr->ncols; c++) {
		if (*(s = grid_text(g, r, c)) == '\0')
			continue;
		if (one != NULL && strcmp(one, s) != 0)
			return NULL;
		one = s;
	}
	return one != NULL && region_known(one) != NULL ? one : NULL;
}

/*
 * The region a row names in a Region column, when the column's value is
 * a region mcwatch knows (one table for all regions), else NULL. Only
 * where the column's place in the header is its place in the row.
 */
static const char *
column_region(const struct grid *g, const struct header *h, size_t r)
{
	size_t i;

	for (i = 0; i < h->nroles && h->roles[i] != COL_RANGE; i++)
		if (i < g->rows[r].ncols && h->roles[i] == COL_LABEL &&
		    region_known(grid_text(g, r, i)) != NULL)
			return grid_text(g, r, i);
	return NULL;
}

/* A table of data in no layout mcwatch knows: told, skipped; 0, -1. */
static int
unknown_layout(const struct grid *g, const char *region, const char *section,
    struct recordset *rs)
{
	char first[ROWTEXT_MAX + 4];
	struct row *row;

	if (classify_note(grid_text(g, 0, 0)) || !table_has_data(g))
		return 0;
	if ((row = malloc(sizeof(*row))) == NULL)
		return -1;
	row_read(g, 0, -1, row);
	snprintf(first, sizeof(first), "%s", row_text(row));
	free(row);
	return recordset_warn(rs, region, section, "table with first row '%s' "
	    "holds addresses or URLs but is not a layout mcwatch knows; "
	    "skipped", first);
}

/*
 * What the rows of t's table leave to tell: unknown of them under no
 * region mcwatch knows (never silently), or none at all. 0, or -1.
 */
static int
rows_told(const struct tctx *t, size_t unknown, size_t nrows)
{
	const char *kind = classify_kind_name(t->h->kind);

	if (unknown > 0 && recordset_warn(t->rs, t->region0, t->section,
	    "%zu row%s of the %s table under '%s', which is no region mcwatch "
	    "knows (recorded as region code '%s'); if that is a section's "
	    "name, the page's regions were not found", unknown, unknown == 1 ?
	    "" : "s", kind, t->region, t->code) == -1)
		return -1;
	if (nrows == 0 && recordset_warn(t->rs, t->region0, t->section,
	    "%s table has a header but no rows", kind) == -1)
		return -1;
	return 0;
}

/* Make region the place of the rows that follow; 0, or -1 on memory. */
static int
tctx_region(struct tctx *t, const char *region, char **code)
{
	char *c;

	if (strcmp(region, t->region) == 0)
		return 0;
	if ((c = region_code(region)) == NULL)
		return -1;
	free(*code);
	*code = c;
	t->region = region;
	t->code = c;
	return 0;
}

/*
 * A transposed table, its header down the first column (<th scope=row>
 * cells naming fields) and a record a column: its columns as rows, in a
 * new grid (the caller's). NULL if g is none, or on memory (*nomem set).
 */
static struct grid *
transposed(const struct grid *g, int *nomem)
{
	const char *cells[GRID_MAXCOLS];
	struct header h;
	struct grid *tg;
	size_t r, c, ncols = 0;

	*nomem = 0;
	if (g->nrows < 2 || g->nrows > GRID_MAXCOLS || row_is_header(g, 0, &h))
		return NULL;
	for (r = 0; r < g->nrows; r++) {
		if (!grid_head(g, r, 0))
			return NULL;
		cells[r] = grid_text(g, r, 0);
		if (g->rows[r].ncols > ncols)
			ncols = g->rows[r].ncols;
	}
	if (classify_header(cells, g->nrows, &h) == TABLE_UNKNOWN)
		return NULL;
	if ((tg = grid_new()) == NULL)
		goto memory;
	for (c = 0; c < ncols; c++) {
		if (grid_row_begin(tg, 0) == -1)
			goto memory;
		for (r = 0; r < g->nrows; r++)
			if (grid_cell_link(tg, grid_text(g, r, c), 1, 1,
			    c == 0, grid_note(g, r, c), grid_link(g, r, c)) ==
			    -1)
				goto memory;
	}
	if (grid_row_end(tg) == -1)
		goto memory;
	return tg;
 memory:
	grid_free(tg);
	*nomem = 1;
	return NULL;
}

/* The header row hr's Status column, or -1 (none, or no header row). */
static long
status_column(const struct grid *g, long hr)
{
	size_t c;

	for (c = 0; hr >= 0 && c < g->rows[hr].ncols; c++)
		if (classify_word(grid_text(g, (size_t)hr, c)) == COL_STATUS)
			return (long)c;
	return -1;
}

static const struct {
	enum table_kind	  kind;
	int		(*row)(struct tctx *, struct row *);
} readers[] = {
	{ TABLE_NETWORK, rows_network },
	{ TABLE_HOST, rows_network },
	{ TABLE_RANGE, rows_range },
	{ TABLE_URL, rows_url },
	{ TABLE_PORT, rows_port },
};

/*
 * One data row to reader: in a table of networks or hosts, a row whose
 * cells list several ("192.0.2.0/24<br>198.51.100.0/24", "a, b") as
 * one row a value. *nrows counts the rows read; 0, or -1 on memory.
 */
static int
read_row(struct tctx *t, struct row *row,
    int (*reader)(struct tctx *, struct row *), size_t *nrows)
{
	struct row_split sp;
	size_t i;
	int rc = 0, n;

	(*nrows)++;
	if ((t->h->kind != TABLE_NETWORK && t->h->kind != TABLE_HOST) ||
	    (n = row_split(row, t->h->kind == TABLE_HOST, &sp)) == 0)
		return reader(t, row);
	if (n == -1)
		return -1;
	for (i = 0; i < sp.nparts && rc == 0; i++) {
		row_split_part(row, &sp, i);
		rc = reader(t, row);
	}
	row_split_free(&sp);
	return rc;
}

int
table_extract(const struct grid *g, const char *region, const char *section,
    struct recordset *rs, size_t *budget)
{
	struct header h;
	struct tctx t;
	struct row *row = NULL;
	char *code = NULL;
	const char *sep;
	size_t r, i, nrows = 0, unknown = 0;
	long hr;
	int rc = -1, nomem, under_known, here_known;
	int (*reader)(struct tctx *, struct row *) = NULL;
	struct grid *tg;
	long status_col;

	memset(&t, 0, sizeof(t));
	if (g->nrows == 0)
		return 0;
	/* Header down the first column: read column by column. */
	if ((tg = transposed(g, &nomem)) != NULL) {
		rc = table_extract(tg, region, section, rs, budget);
		grid_free(tg);
		return rc;
	}
	if (nomem)
		return -1;
	if ((hr = table_header(g, section, &h)) == NO_HEADER)
		return unknown_layout(g, region, section, rs);
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (readers[i].kind == h.kind)
			reader = readers[i].row;
	status_col = status_column(g, hr);
	if ((code = region_code(region)) == NULL ||
	    (row = malloc(sizeof(*row))) == NULL)
		goto cleanup;
	t.h = &h;
	t.region = t.region0 = region;
	t.section = section;
	t.code = code;
	t.rs = rs;
	t.budget = budget;
	/* Asked once, not for every row: a region's name, normalized. */
	under_known = here_known = region_known(region) != NULL;
	if (g->truncated && recordset_warn(rs, region, section, "%s table "
	    "larger than %u cells or %u columns; the rest is ignored",
	    classify_kind_name(h.kind), GRID_MAXCELLS, GRID_MAXCOLS) == -1)
		goto cleanup;
	for (r = hr < 0 ? 0 : (size_t)hr + 1; r < g->nrows; r++) {
		/* Read once: whether it holds a value is told by its tokens. */
		row_read(g, r, status_col, row);
		/* One table for all regions: a row of a region's name. */
		if ((sep = separator_region(g, r, row->data)) != NULL) {
			if (tctx_region(&t, sep, &code) == -1)
				goto cleanup;
			here_known = 1;		/* separator_region knew it */
			continue;
		}
		if (row_is_filler(g, r, hr, row->data))
			continue;
		/*
		 * A Region column names the region only in a table under no
		 * region (one table for all): under a region's heading it is
		 * a label ("Jersey" in Offshore (Jersey)'s ranges).
		 */
		if (!under_known && (sep = column_region(g, &h, r)) != NULL) {
			if (tctx_region(&t, sep, &code) == -1)
				goto cleanup;
			here_known = 1;		/* column_region knew it */
		}
		if (read_row(&t, row, reader, &nrows) == -1)
			goto cleanup;
		unknown += !here_known;
	}
	rc = rows_told(&t, unknown, nrows);
 cleanup:
	free(t.location);
	free(code);
	free(row);
	return rc;
}
