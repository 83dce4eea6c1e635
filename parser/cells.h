/* Cell tokens: what one cell of a table's row holds, read in order. */
#ifndef MCWATCH_CELLS_H
#define MCWATCH_CELLS_H

#include <stddef.h>

#include "grid.h"
#include "../addr/addr.h"

#define ROWTEXT_MAX	160	/* how much of a row a message quotes */

enum tok_type {
	TOK_EMPTY,
	TOK_SEP,		/* "to", "-", an en dash */
	TOK_CIDR,		/* a.b.c.d/n */
	TOK_ADDR,
	TOK_PREFIX,		/* /n */
	TOK_RANGE,		/* "a to b" in one cell */
	TOK_URL,
	TOK_NUMBER,
	TOK_LIST,		/* "a, b", "a<br>b": addresses or networks */
	TOK_TEXT
};

struct token {
	enum tok_type	 type;
	const char	*text;
	struct addr	 a, b;	/* ADDR: a; RANGE: a to b */
	struct cidr	 c;	/* CIDR */
	int		 num;	/* PREFIX, NUMBER */
	int		 weak;	/* TEXT: a separator only between two
				   addresses ("a", "au", "à") */
	const char	*link;	/* the cell's link target, or NULL */
};

/* The data row being read, one token a cell (spans merged). */
struct row {
	struct token	 toks[GRID_MAXCOLS];
	size_t		 ntoks;
	size_t		 next;
	const char	*note;	/* why the row is being retired, or NULL */
	int		 data;	/* a cell (the Status too) holds a value */
	char		 text[ROWTEXT_MAX + 4];	/* for messages: row_text */
};

/* Read one cell's text into t (t->text points into it). */
void		 token_read(const char *text, struct token *t);
/*
 * Tokenize row r of g into row; a cell spanning columns counts once.
 * Column status_col (-1: none) is the row's Status, no token; a cell, or
 * that status, that retires the row sets row->note; row->data tells
 * whether any cell, the Status among them, reads as a value.
 */
void		 row_read(const struct grid *g, size_t r, long status_col,
		    struct row *row);
/* The row's cells as "a | b | c", cut short; for messages only. */
const char	*row_text(struct row *row);
/* The next non-empty token, consumed; NULL at the end of the row. */
struct token	*row_take(struct row *row);
/* The next non-empty token, not consumed; NULL at the end. */
struct token	*row_peek(struct row *row);
/*
 * Read a range: one "a to b" cell, or "a" ["to"] "b" across cells, a
 * lone address, or a CIDR block (its first to its last address). 1 if
 * one was read, 0 if the row had no more, -1 if the next cell is not an
 * address (*bad names it).
 */
int		 row_take_range(struct row *row, struct addr *a,
		    struct addr *b, const char **bad);
/* Whether a token is a value a data row holds, never a column name. */
int		 token_is_data(const struct token *t);

#define ROW_MAXLISTS	8	/* cells of a row that list values */
#define ROW_MAXPARTS	64	/* values one cell lists */

/*
 * A row whose cells list several addresses or networks each ("a, b",
 * "a<br>b"), as many in every one: read as one row a value.
 */
struct row_split {
	size_t	 n;				/* list cells */
	size_t	 tok[ROW_MAXLISTS];		/* their tokens */
	size_t	 nparts;			/* values each lists */
	char	*buf[ROW_MAXLISTS];		/* their texts, split */
	char	*part[ROW_MAXLISTS][ROW_MAXPARTS];
};

/*
 * Whether row's cells list values, all as many, one of them networks
 * unless addrs (a table of hosts, where addresses are listed): 1 with sp
 * filled (free it with row_split_free), 0 if not, -1 on memory.
 */
int		 row_split(const struct row *row, int addrs,
		    struct row_split *sp);
/* Row as the i-th value of every list cell, read from its first token. */
void		 row_split_part(struct row *row, const struct row_split *sp,
		    size_t i);
/* Free what row_split kept; accepts one never filled (n 0). */
void		 row_split_free(struct row_split *sp);

#endif
