/* Turning one expanded table into records. */
#ifndef MCWATCH_TABLE_H
#define MCWATCH_TABLE_H

#include "grid.h"
#include "../records/record.h"

#define TABLE_HEADROWS	5	/* rows searched for the header */

/*
 * Find the header, classify the table and add a record per data row to rs,
 * with a warning for every row or value that does not hold up, and for an
 * unrecognized table that holds addresses or URLs. region and section are
 * the headings the table stands under. 0, or -1 on memory.
 */
int	table_extract(const struct grid *, const char *, const char *,
	    struct recordset *);

#endif
