/* Writing a record set in one of the output formats. */
#ifndef MCWATCH_OUTPUT_H
#define MCWATCH_OUTPUT_H

#include <stdio.h>

#include "../records/record.h"

/* Write rs to fp; 0, or -1 on a write error or memory (errno set). */
typedef int	(*output_fn)(FILE *, const struct recordset *);

struct output_format {
	const char	*name;
	output_fn	 write;
};

/* The format called name, or NULL. */
const struct output_format	*output_find(const char *name);
/* "json|csv|tsv|text", for usage messages. */
const char			*output_names(void);

#define DETAIL_MAX	512

/*
 * A record for people: its entry (the CIDR, the range, the application,
 * the port, and "(retiring: NOTE)" for a retiring one) into entry (elen
 * bytes), the rest into detail (DETAIL_MAX).
 */
void	record_describe(const struct record *r, char *entry, size_t elen,
	    char *detail);

int	output_csv(FILE *fp, const struct recordset *rs);
int	output_tsv(FILE *fp, const struct recordset *rs);
int	output_text(FILE *fp, const struct recordset *rs);

#endif
