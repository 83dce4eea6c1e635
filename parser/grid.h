/* A table expanded into a rectangle of cells, honouring colspan and rowspan. */
#ifndef MCWATCH_GRID_H
#define MCWATCH_GRID_H

#include <stddef.h>
#include <stdint.h>

#define GRID_MAXSPAN	1000		/* HTML's own colspan limit */
#define GRID_MAXROWSPAN	65534		/* HTML's own rowspan limit */
#define GRID_MAXCOLS	1000
#define GRID_MAXCELLS	(1u << 22)	/* cells in one table */

struct grid_cell {
	uint32_t	text;	/* offset into the grid's text */
	uint32_t	note;	/* a retiring value's note there, or 0 */
	uint32_t	link;	/* its first http(s) link's target, or 0 */
	uint8_t		head;	/* a <th>, or all its text was bold */
};

struct grid_row {
	size_t	off;		/* first cell in cells */
	size_t	ncols;
	int	thead;		/* inside <thead> */
};

/* A rowspan still covering columns of rows to come. */
struct grid_pending {
	struct grid_cell	cell;
	unsigned		left;	/* rows still to cover */
};

struct grid {
	char			*text;	/* NUL-separated cell texts */
	size_t			 textlen;
	size_t			 textcap;
	struct grid_cell	*cells;
	size_t			 ncells;
	size_t			 capcells;
	struct grid_row		*rows;
	size_t			 nrows;
	size_t			 caprows;
	size_t			 npend;	/* columns pend may use */
	size_t			 cursor; /* next column in the open row */
	int			 inrow;
	int			 truncated; /* a limit cut something off */
	/*
	 * Last, and never cleared as a whole (32 KiB a table): an entry is
	 * set as npend grows over it.
	 */
	struct grid_pending	 pend[GRID_MAXCOLS];
};

/* A new empty grid; NULL on memory. */
struct grid	*grid_new(void);
void		 grid_free(struct grid *g);
/* Open a row (closing any open one); 0, or -1 on memory. */
int		 grid_row_begin(struct grid *g, int thead);
/* Close the open row, if any; 0, or -1 on memory. */
int		 grid_row_end(struct grid *g);
/*
 * Place a cell in the open row (opening one if needed) at the first free
 * column; spans are clamped to HTML's limits, rowspan 0 means "to the end".
 * note: why its value is being retired (struck through, "Decommissioned
 * ..."), or NULL for a live one. 0, or -1 on memory.
 */
int		 grid_cell(struct grid *g, const char *text, long colspan,
		    long rowspan, int head, const char *note);
/* The same, with the target of the cell's first http(s) link (or NULL). */
int		 grid_cell_link(struct grid *g, const char *text,
		    long colspan, long rowspan, int head, const char *note,
		    const char *link);
/* The link target of row r, column c, or NULL. */
const char	*grid_link(const struct grid *g, size_t r, size_t c);
/* The retiring note of row r, column c, or NULL. */
const char	*grid_note(const struct grid *g, size_t r, size_t c);
/* Text of row r, column c ("" outside the row). */
const char	*grid_text(const struct grid *g, size_t r, size_t c);
/* Whether row r, column c is a header cell. */
int		 grid_head(const struct grid *g, size_t r, size_t c);

#endif
