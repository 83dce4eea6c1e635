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

/*
 * One snapshot's part of the site, rendered once from it and its parent
 * alone (so the same bytes every publish): what the site-wide files are
 * made of, and what the memo (memo.h) keeps from one publish to the next.
 */
struct pub_frag {
	char		 id[41];
	char		 parent[41];	/* "" for the first */
	char		 base[41];	/* its last whole snapshot ("" if none):
					   itself, unless broken */
	time_t		 time;
	size_t		 nrecords;	/* records it holds */
	int		 broken;	/* its dataset is unread */
	int		 feed;		/* title and content rendered */
	char		*json;		/* changes/ID.json's bytes */
	size_t		 jsonlen;
	char		*html;		/* its <section> of changes.html */
	size_t		 htmllen;
	char		*title;		/* its feed entry's, if feed */
	size_t		 titlelen;
	char		*content;	/* its entry's HTML, or NULL: summary */
	size_t		 contentlen;
	int		 owned;		/* the strings are its own (malloc'd),
					   else the memo buffer's */
};

/* Every snapshot's part, oldest first. */
struct pub_frags {
	struct pub_frag	*v;
	size_t		 n;
	size_t		 cap;
	char		*buf;		/* the memo read, when parts are in it */
	size_t		 buflen;
	size_t		 used;		/* of it, the bytes its parts take */
};

/* A new part at the end of fs (zeroed, owned) or NULL on memory. */
struct pub_frag	*pub_frags_add(struct pub_frags *fs);
/* Only the first n parts kept. */
void		 pub_frags_truncate(struct pub_frags *fs, size_t n);
/* Every part and the memo buffer freed; fs emptied. */
void		 pub_frags_clear(struct pub_frags *fs);

struct pub_ctx {
	struct store			*st;
	const struct publish_opts	*o;
	const char			*title;
	struct pub_timeline		*h;	/* the snapshots to render */
	struct pub_frags		 frags;	/* every snapshot's part */
	size_t				 nmemo;	/* parts the memo had */
	size_t				 known;	/* of them, still the
						   history's: h follows */
	struct site			*site;
	struct recordset		*latest;	/* its records */
	const struct pub_frag		*head;		/* the latest's part */
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
	const char		*parent;	/* its id, NULL for the first */
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
 * change(state, c, f) renders its share of snapshot c's part f, given the
 * snapshots not in the memo, newest first; finish(state, ctx) writes its
 * files from every part (ctx->frags); free(state) accepts NULL. Each
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
int	 pub_api_change(void *w, const struct pub_change *c,
	    struct pub_frag *f);
int	 pub_api_finish(void *w, struct pub_ctx *ctx);
void	 pub_api_free(void *w);

/* pages.c: index.html and changes.html. */
void	*pub_pages_new(struct pub_ctx *ctx);
int	 pub_pages_change(void *w, const struct pub_change *c,
	    struct pub_frag *f);
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
/* Snapshot id's SPF change against parent (or none) into r; 0, or -1. */
int	pub_spf_change(struct pub_ctx *ctx, const char *parent, const char *id,
	    struct spf_report *r);
/* The items of r as a table under a heading title of level; 0, or -1. */
int	pub_spf_html(xmlNodePtr parent, const struct spf_report *r, int level,
	    const char *title);
/* index.html's section of the latest SPF netblocks; 0, or -1. */
int	pub_spf_section(const struct pub_ctx *ctx, xmlNodePtr main);

/* feed.c: feed.atom. */
void	*pub_feed_new(struct pub_ctx *ctx);
int	 pub_feed_change(void *w, const struct pub_change *c,
	    struct pub_frag *f);
int	 pub_feed_finish(void *w, struct pub_ctx *ctx);
void	 pub_feed_free(void *w);

#endif
