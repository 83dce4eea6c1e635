/* Change reports: for people (text, markdown), for tools (JSON), commits. */
#ifndef MCWATCH_REPORT_H
#define MCWATCH_REPORT_H

#include <stdio.h>

#include "diff.h"

/* What a report is about: the two snapshots, when known. */
struct report_ctx {
	const struct diff	*diff;
	const char		*from;	/* snapshot id, or NULL */
	const char		*to;
};

typedef int	(*report_fn)(FILE *, const struct report_ctx *);

struct report_format {
	const char	*name;
	report_fn	 write;
};

/* The report format called name, or NULL. */
const struct report_format	*report_find(const char *);
/* The format names, "|"-separated, as the table has them. */
const char			*report_names(void);

/* Changes grouped by region and kind, before -> after; 0, or -1. */
int	report_text(FILE *, const struct report_ctx *);
/* {"from","to","added","removed","changed"}; 0, or -1. */
int	report_json(FILE *, const struct report_ctx *);
/* The text report's content as Markdown; 0, or -1. */
int	report_markdown(FILE *, const struct report_ctx *);

/*
 * "+2 -1 ~2 (United States of America, Germany)" into buf (len bytes):
 * the counts and the regions touched.
 */
void	report_summary(const struct diff *, char *, size_t);
/* The regions touched, ", "-separated, into buf (len bytes). */
void	report_regions(const struct diff *, char *, size_t);

#endif
