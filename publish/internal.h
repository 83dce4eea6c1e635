/* What the parts of a site share while it is made (publish/ only). */
#ifndef MCWATCH_PUB_INTERNAL_H
#define MCWATCH_PUB_INTERNAL_H

#include <stddef.h>
#include <time.h>

#include <libxml/tree.h>

#include "timeline.h"
#include "publish.h"
#include "site.h"
#include "../diff/diff.h"
#include "../records/record.h"
#include "../spf/spf.h"

struct pub_ctx {
	struct store			*st;
	const struct publish_opts	*o;
	const char			*title;
	struct pub_timeline		*h;
	struct site			*site;
	struct recordset		*latest;	/* its records */
	const struct pub_snap		*head;		/* the latest */
	char				*source;	/* its page's URL */
	char				*edited_at;	/* Mimecast's last edit
							   of it, or NULL */
	struct spf_doc			 spf;	/* its SPF netblocks, if any */
	struct err			*err;
	/* The list files written, sorted, so that pages link only those. */
	char				**paths;
	size_t				 npaths;
	size_t				 cappaths;
};

/* One snapshot's change against its parent, newest first. */
struct pub_change {
	const struct pub_snap	*snap;
	const struct pub_snap	*parent;	/* NULL for the first */
	const struct diff	*diff;
	const struct spf_report	*spf;	/* its SPF netblocks' change, or NULL */
	const char		*source;	/* its page's URL, or NULL */
	size_t			 nrecords;	/* records it holds */
};

/*
 * Put a file of the site, kept from the old site when its bytes are the
 * same; 0, or -1 with ctx->err.
 */
int	pub_put(struct pub_ctx *ctx, const char *path, const char *buf,
	    size_t len);
/* t as "2026-11-28 14:05 UTC" and as ISO 8601, into 32 bytes each. */
void	pub_date(time_t t, char *when, char *iso);
/*
 * How a change is told: a sign and a word, and a colour (inline, so that
 * a feed reader keeps it), never the colour alone; PUB_ADDED ...
 */
struct pub_kind {
	const char	*name;		/* the row's class */
	const char	*shown;
	const char	*style;
};
enum { PUB_ADDED, PUB_REMOVED, PUB_CHANGED, PUB_RETIRING, PUB_WARNING };
extern const struct pub_kind pub_kinds[];
/* A table under parent with a header row of cols: its tbody, or NULL. */
xmlNodePtr	pub_table_new(xmlNodePtr parent, const char *const *cols,
		    size_t ncols);

/* Where the site keeps the list files of export/lists.h. */
#define PUB_LISTS	"lists/"

/*
 * The writers of the site's parts, one table (publish.c), as rpki-client
 * has its outputs: new(ctx) makes a writer's state (NULL on memory),
 * change(state, c) is given every snapshot's change, newest first,
 * finish(state, ctx) writes its files, free(state) accepts NULL. Each
 * returns 0, or -1 with ctx->err; a writer with no state has only finish.
 */

/* lists.c: every list file (lists/FORMAT/[CODE/]LIST...). */
int	pub_lists(void *w, struct pub_ctx *ctx);
/*
 * Its path for format f, list (LIST_N: all), family, code or NULL:
 * "lists/" and export/lists.h's layout.
 */
int	pub_list_path(size_t f, int list, int family, const char *code,
	    char *buf, size_t len);
/* Whether the list file path was written. */
int	pub_list_written(const struct pub_ctx *ctx, const char *path);

/*
 * api.c: version.json, endpoints.json and .csv, changes.json, and each
 * snapshot's changes/ID.json.
 */
void	*pub_api_new(struct pub_ctx *ctx);
int	 pub_api_change(void *w, const struct pub_change *c);
int	 pub_api_finish(void *w, struct pub_ctx *ctx);
void	 pub_api_free(void *w);

/* pages.c: index.html and changes.html. */
void	*pub_pages_new(struct pub_ctx *ctx);
int	 pub_pages_change(void *w, const struct pub_change *c);
int	 pub_pages_finish(void *w, struct pub_ctx *ctx);
void	 pub_pages_free(void *w);
/*
 * A change's items under parent, grouped by region under headings of
 * level (2: h2); 0, or -1 on memory.
 */
int	pub_change_html(xmlNodePtr parent, const struct pub_change *c,
	    int level);

/* spf.c: the second source on the site. */
/* Snapshot id's SPF netblocks into d: a broken file told, empty; 0, -1. */
int	pub_spf_doc(struct pub_ctx *ctx, const char *id, struct spf_doc *d);
/* Snapshot k's SPF change against its parent into r; 0, or -1. */
int	pub_spf_change(struct pub_ctx *ctx, size_t k, struct spf_report *r);
/* The items of r as a table under a heading title of level; 0, or -1. */
int	pub_spf_html(xmlNodePtr parent, const struct spf_report *r, int level,
	    const char *title);
/* index.html's section of the latest SPF netblocks; 0, or -1. */
int	pub_spf_section(const struct pub_ctx *ctx, xmlNodePtr main);

/* feed.c: feed.atom. */
void	*pub_feed_new(struct pub_ctx *ctx);
int	 pub_feed_change(void *w, const struct pub_change *c);
int	 pub_feed_finish(void *w, struct pub_ctx *ctx);
void	 pub_feed_free(void *w);

#endif
