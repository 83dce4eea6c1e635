/* Table grid expansion, after HTML's table-forming algorithm. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"

struct grid *
grid_new(void)
{
	struct grid *g;

	if ((g = malloc(sizeof(*g))) == NULL)
		return NULL;
	memset(g, 0, offsetof(struct grid, pend));
	/* Offset 0 is the empty string every absent cell points to. */
	if ((g->text = malloc(4096)) == NULL) {
		free(g);
		return NULL;
	}
	g->text[0] = '\0';
	g->textlen = 1;
	g->textcap = 4096;
	return g;
}

void
grid_free(struct grid *g)
{
	if (g == NULL)
		return;
	free(g->text);
	free(g->cells);
	free(g->rows);
	free(g);
}

/* Room for n more cells; 0, or -1 on memory. */
static int
grid_reserve(struct grid *g, size_t n)
{
	struct grid_cell *p;
	size_t ncap;

	if (g->ncells + n <= g->capcells)
		return 0;
	ncap = g->capcells ? g->capcells : 256;
	while (ncap < g->ncells + n)
		ncap *= 2;
	if ((p = reallocarray(g->cells, ncap, sizeof(*p))) == NULL)
		return -1;
	g->cells = p;
	g->capcells = ncap;
	return 0;
}

/*
 * Put cell c at the next column of the open row. The cursor always moves,
 * so that loops over columns end even when a limit drops the cell.
 */
static int
grid_put(struct grid *g, struct grid_cell c)
{
	if (g->cursor++ >= GRID_MAXCOLS || g->ncells >= GRID_MAXCELLS) {
		g->truncated = 1;
		return 0;
	}
	if (grid_reserve(g, 1) == -1)
		return -1;
	g->cells[g->ncells++] = c;
	g->rows[g->nrows - 1].ncols++;
	return 0;
}

/* Fill columns at the cursor that rowspans from above still cover. */
static int
grid_fill_pending(struct grid *g)
{
	while (g->cursor < g->npend && g->pend[g->cursor].left > 0) {
		struct grid_pending *p = &g->pend[g->cursor];

		p->left--;
		if (grid_put(g, p->cell) == -1)
			return -1;
	}
	return 0;
}

int
grid_row_begin(struct grid *g, int thead)
{
	struct grid_row *p;
	size_t ncap;

	if (grid_row_end(g) == -1)
		return -1;
	if (g->nrows == g->caprows) {
		ncap = g->caprows ? g->caprows * 2 : 64;
		if ((p = reallocarray(g->rows, ncap, sizeof(*p))) == NULL)
			return -1;
		g->rows = p;
		g->caprows = ncap;
	}
	g->rows[g->nrows].off = g->ncells;
	g->rows[g->nrows].ncols = 0;
	g->rows[g->nrows].thead = thead;
	g->nrows++;
	g->cursor = 0;
	g->inrow = 1;
	return 0;
}

int
grid_row_end(struct grid *g)
{
	if (!g->inrow)
		return 0;
	/* Rowspans reaching past this row's last cell still take a row. */
	while (g->npend > 0 && g->pend[g->npend - 1].left == 0)
		g->npend--;
	while (g->cursor < g->npend) {
		if (g->pend[g->cursor].left > 0) {
			if (grid_fill_pending(g) == -1)
				return -1;
			continue;
		}
		/* A hole before a later rowspan: an empty cell. */
		if (grid_put(g, (struct grid_cell){ 0, 0, 0, 0 }) == -1)
			return -1;
	}
	/* Trailing empty cells are noise. */
	while (g->rows[g->nrows - 1].ncols > 0 &&
	    g->cells[g->ncells - 1].text == 0) {
		g->ncells--;
		g->rows[g->nrows - 1].ncols--;
	}
	g->inrow = 0;
	return 0;
}

/* Copy s into the text store; its offset, or -1 on memory. */
static long
grid_store(struct grid *g, const char *s)
{
	size_t n = strlen(s) + 1, ncap;
	char *p;

	if (n == 1)
		return 0;
	if (g->textlen + n > UINT32_MAX)
		return -1;
	if (g->textlen + n > g->textcap) {
		ncap = g->textcap * 2;
		while (ncap < g->textlen + n)
			ncap *= 2;
		if ((p = realloc(g->text, ncap)) == NULL)
			return -1;
		g->text = p;
		g->textcap = ncap;
	}
	memcpy(g->text + g->textlen, s, n);
	g->textlen += n;
	return (long)(g->textlen - n);
}

int
grid_cell(struct grid *g, const char *text, long colspan, long rowspan,
    int head, const char *note)
{
	return grid_cell_link(g, text, colspan, rowspan, head, note, NULL);
}

int
grid_cell_link(struct grid *g, const char *text, long colspan,
    long rowspan, int head, const char *note, const char *link)
{
	struct grid_cell c;
	long off, noff = 0, loff = 0, i;

	if (!g->inrow && grid_row_begin(g, 0) == -1)
		return -1;
	if (colspan < 1)
		colspan = 1;
	if (colspan > GRID_MAXSPAN)
		colspan = GRID_MAXSPAN;
	if (rowspan == 0 || rowspan > GRID_MAXROWSPAN)
		rowspan = GRID_MAXROWSPAN;
	if (rowspan < 1)
		rowspan = 1;
	if (grid_fill_pending(g) == -1 || (off = grid_store(g, text)) == -1 ||
	    (note != NULL && (noff = grid_store(g, note)) == -1) ||
	    (link != NULL && (loff = grid_store(g, link)) == -1))
		return -1;
	c.text = (uint32_t)off;
	c.note = (uint32_t)noff;
	c.link = (uint32_t)loff;
	c.head = head != 0;
	for (i = 0; i < colspan && g->cursor < GRID_MAXCOLS; i++) {
		size_t col = g->cursor;

		if (rowspan > 1) {
			while (g->npend <= col)
				g->pend[g->npend++].left = 0;
			g->pend[col].cell = c;
			g->pend[col].left = (unsigned)rowspan - 1;
		}
		if (grid_put(g, c) == -1)
			return -1;
		/* A rowspan from above may sit inside this colspan. */
		if (i + 1 < colspan && grid_fill_pending(g) == -1)
			return -1;
	}
	if (g->cursor >= GRID_MAXCOLS && i < colspan)
		g->truncated = 1;
	return 0;
}

/* Row r, column c of g, or NULL outside the grid. */
static const struct grid_cell *
cell_at(const struct grid *g, size_t r, size_t c)
{
	if (r >= g->nrows || c >= g->rows[r].ncols)
		return NULL;
	return &g->cells[g->rows[r].off + c];
}

const char *
grid_text(const struct grid *g, size_t r, size_t c)
{
	const struct grid_cell *e = cell_at(g, r, c);

	return e != NULL ? g->text + e->text : "";
}

const char *
grid_note(const struct grid *g, size_t r, size_t c)
{
	const struct grid_cell *e = cell_at(g, r, c);

	return e != NULL && e->note != 0 ? g->text + e->note : NULL;
}

const char *
grid_link(const struct grid *g, size_t r, size_t c)
{
	const struct grid_cell *e = cell_at(g, r, c);

	return e != NULL && e->link != 0 ? g->text + e->link : NULL;
}

int
grid_head(const struct grid *g, size_t r, size_t c)
{
	const struct grid_cell *e = cell_at(g, r, c);

	return e != NULL && e->head;
}
