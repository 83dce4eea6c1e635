/* Change reports: for people (text, markdown), for tools (JSON), commits. */
#ifndef MCWATCH_REPORT_H
#define MCWATCH_REPORT_H

#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "diff.h"
#include "../spf/spf.h"

/*
 * What a report is about, when known: the two snapshots, where the page
 * came from and when the snapshot was taken. A report with none of these
 * (a commit message's) has no header.
 */
struct report_ctx {
	const struct diff	*diff;
	const char		*from;	/* snapshot id, or NULL */
	const char		*to;
	const char		*source;	/* the page's URL, or NULL */
	time_t			 date;		/* of "to"; 0 if unknown */
	const char		*edited_at;	/* Mimecast's edit, or NULL */
	const struct recordset	*warned;	/* the page's warnings, or NULL */
	int			 baseline;	/* "to" is the first snapshot */
	const struct spf_report	*spf;	/* the second source, or NULL */
};

typedef int	(*report_fn)(FILE *, const struct report_ctx *);

struct report_format {
	const char	*name;
	report_fn	 write;
};

/* The report format called name, or NULL. */
const struct report_format	*report_find(const char *name);
/* The format names, "|"-separated, as the table has them. */
const char			*report_names(void);

/*
 * A header (counts, source, snapshot and date, previous snapshot), then
 * the changes grouped by region and list, each line naming its list
 * ("gateway network", "port"), "field: before -> after"; 0, or -1.
 */
int	report_text(FILE *fp, const struct report_ctx *ctx);
/* {"from","to","source","date","added","removed","changed"}; 0, or -1. */
int	report_json(FILE *fp, const struct report_ctx *ctx);
/* How report_json dumps: every JSON report of a diff looks the same. */
#define REPORT_JSON_FLAGS	JSON_INDENT(2)
/* report_json's object (the caller's); NULL on memory. */
json_t	*report_json_object(const struct report_ctx *ctx);
/* The text report's content as Markdown; 0, or -1. */
int	report_markdown(FILE *fp, const struct report_ctx *ctx);

/*
 * "+2 -1 ~2 (United States of America, Germany)" into buf (len bytes):
 * the counts and the regions touched.
 */
void	report_summary(const struct diff *d, char *buf, size_t len);
/*
 * A change for people: its entry (the CIDR, the application, ...) into
 * entry, and the record's details, or for a change "field: before ->
 * after; ...", into what.
 */
void	report_change_what(const struct change *ch, char *entry, size_t elen,
	    char *what, size_t wlen);
/* "2026-11-28 14:05 UTC" into buf (32 bytes); returns buf. */
const char	*report_date(time_t t, char *buf);
/* The regions touched, ", "-separated, into buf (len bytes). */
void	report_regions(const struct diff *d, char *buf, size_t len);

/*
 * How a report tells an SPF item of kind k: its sign ("+", "-", "~",
 * "!"), its JSON key ("added", "page_only") and what it means.
 */
void	report_spf_kind(enum spf_item_kind k, const char **sign,
	    const char **key, const char **what);
/*
 * The second source's section: its changes, then its warnings (the page
 * and SPF disagree, a region got no answer); md for Markdown. Nothing
 * when r is NULL or empty. 0, or -1.
 */
int	report_spf(FILE *fp, const struct spf_report *r, int md);
/* {"added": [{"region_code", "range"}], ..., "failed": [...]}, or NULL. */
json_t	*report_spf_json(const struct spf_report *r);
/* "SPF +1 -0 (us)" into buf (len bytes): the answer's change. */
void	report_spf_summary(const struct spf_report *r, char *buf, size_t len);

#endif
