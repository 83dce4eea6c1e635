/* Turning one expanded table into records. */
#ifndef MCWATCH_TABLE_H
#define MCWATCH_TABLE_H

#include "grid.h"
#include "../records/record.h"

#define TABLE_HEADROWS	5	/* rows searched for the header */
/*
 * CIDR blocks a range may be covered with: the most an IPv4 range needs is
 * 62; an IPv6 range that needs more is recorded by its ends alone.
 */
#define TABLE_MAXCOVER	64
/* Ports or URLs one cell may list ("25, 587"); a longer list is none. */
#define PORT_LISTMAX	16
#define URL_LISTMAX	16
/* CIDR blocks all ranges of one page may be covered with. */
#define TABLE_MAXCIDRS	(1u << 20)
#define TABLE_MAXCIDRS_TEXT	"1,048,576"

/*
 * Find the header, classify the table and add a record per data row to rs,
 * with a warning for every row or value that does not hold up, and for an
 * unrecognized table that holds addresses or URLs. region and section are
 * the headings the table stands under; *budget is the CIDR blocks the
 * page's ranges may still take, and is spent. 0, or -1 on memory.
 */
int	table_extract(const struct grid *g, const char *region,
	    const char *section, struct recordset *rs, size_t *budget);

#endif
