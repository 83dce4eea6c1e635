/* Writing a record set in one of the output formats. */
#ifndef MCWATCH_OUTPUT_H
#define MCWATCH_OUTPUT_H

#include <stdio.h>

#include "record.h"

/* Write rs to fp; 0, or -1 on a write error or memory (errno set). */
typedef int	(*output_fn)(FILE *, const struct recordset *);

struct output_format {
	const char	*name;
	output_fn	 write;
};

/* The format called name, or NULL. */
const struct output_format	*output_find(const char *);
/* "json|csv|tsv|text", for usage messages. */
const char			*output_names(void);

#define DETAIL_MAX	512

/*
 * A record for people: its entry (the CIDR, the range, the application,
 * the port) into entry (elen bytes), the rest into detail (DETAIL_MAX).
 */
void	record_describe(const struct record *, char *, size_t, char *);

int	output_json(FILE *, const struct recordset *);
int	output_csv(FILE *, const struct recordset *);
int	output_tsv(FILE *, const struct recordset *);
int	output_text(FILE *, const struct recordset *);

#endif
