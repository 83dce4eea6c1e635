/* Row readers: one data row of a known table into records. */
#ifndef MCWATCH_ROWS_H
#define MCWATCH_ROWS_H

#include <stddef.h>

#include "cells.h"
#include "classify.h"
#include "../records/record.h"

/* What every row of one table shares. */
struct tctx {
	const struct header	*h;
	const char		*region;
	const char		*region0;	/* the table's heading's */
	const char		*section;
	const char		*code;
	struct recordset	*rs;
	size_t			*budget;	/* CIDR blocks the page has left */
	char			*location;	/* carried down for hosts */
};

/*
 * Read row into records of t's table kind: a network or host, ranges, a
 * URL, a port; a warning for what does not hold up. 0, or -1 on memory.
 */
int	rows_network(struct tctx *t, struct row *row);
int	rows_range(struct tctx *t, struct row *row);
int	rows_url(struct tctx *t, struct row *row);
int	rows_port(struct tctx *t, struct row *row);

#endif
