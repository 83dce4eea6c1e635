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
	struct err			*err;
	/* The old site's latest snapshot, when its changes were reused. */
	char				 old_latest[41];
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
	const char		*source;	/* its page's URL, or NULL */
	size_t			 nrecords;	/* records it holds */
};

/*
 * Put a file of the site, kept from the old site when its bytes are the
 * same; 0, or -1 with ctx->err.
 */
int	pub_put(struct pub_ctx *ctx, const char *path, const char *buf,
	    size_t len);
/* Put a file known to differ from the old site's; 0, or -1. */
int	pub_put_new(struct pub_ctx *ctx, const char *path, const char *buf,
	    size_t len);
/* t as "2026-11-28 14:05 UTC" and as ISO 8601, into 32 bytes each. */
void	pub_date(time_t t, char *when, char *iso);

/* Where the site keeps the list files of export/lists.h. */
#define PUB_LISTS	"lists/"

/* lists.c: every list file (lists/FORMAT/[CODE/]LIST...). */
int	pub_lists(struct pub_ctx *ctx);
/*
 * Its path for format f, list (LIST_N: all), family, code or NULL:
 * "lists/" and export/lists.h's layout.
 */
int	pub_list_path(size_t f, int list, int family, const char *code,
	    char *buf, size_t len);
/* Whether the list file path was written. */
int	pub_list_written(const struct pub_ctx *ctx, const char *path);

/* api.c: the JSON files. */
struct pub_api;
struct pub_api	*pub_api_new(void);
int		 pub_api_change(struct pub_api *a, const struct pub_change *c);
int		 pub_api_finish(struct pub_api *a, struct pub_ctx *ctx);
void		 pub_api_free(struct pub_api *a);
/* changes/ID.json for every snapshot: what changed since it. */
int		 pub_api_since(struct pub_ctx *ctx);

/* pages.c: index.html and changes.html. */
struct pub_pages;
struct pub_pages	*pub_pages_new(struct pub_ctx *ctx);
int			 pub_pages_change(struct pub_pages *p,
			    const struct pub_change *c);
int			 pub_pages_finish(struct pub_pages *p,
			    struct pub_ctx *ctx);
void			 pub_pages_free(struct pub_pages *p);
/*
 * A change's items under parent, grouped by region under headings of
 * level (2: h2); 0, or -1 on memory.
 */
int	pub_change_html(xmlNodePtr parent, const struct pub_change *c,
	    int level);

/* feed.c: feed.atom. */
struct pub_feed;
struct pub_feed	*pub_feed_new(struct pub_ctx *ctx);
int		 pub_feed_change(struct pub_feed *f,
		    const struct pub_change *c);
int		 pub_feed_finish(struct pub_feed *f, struct pub_ctx *ctx);
void		 pub_feed_free(struct pub_feed *f);

#endif
