/*
 * Snapshots: one commit per change of the data, on the branch HEAD names.
 * The tree of each (see mcwatch(1), FILES):
 *   mimecast.json   the records, one per line (mcwatch-records(5))
 *   mimecast.csv    the same as CSV
 *   cidr/, merged/, m365/  address lists, all regions and per region code
 *                   (export/lists.h: the caller gives them as files)
 *   page.html       the page as fetched
 *   source.json     where and when it came from
 *   spf.json        the SPF netblocks, the second source (run --spf);
 *                   its lists are cidr/spf-vF.txt and cidr/CODE/spf-vF.txt
 */
#ifndef MCWATCH_SNAPSHOT_H
#define MCWATCH_SNAPSHOT_H

#include <stddef.h>
#include <time.h>

#include "../errors/err.h"
#include "store.h"
#include "../records/record.h"
#include "../spf/spf.h"

#define SNAP_DATA	"mimecast.json"
#define SNAP_CSV	"mimecast.csv"
#define SNAP_PAGE	"page.html"
#define SNAP_SOURCE	"source.json"
#define SNAP_SPF	"spf.json"
#define SNAP_CIDRDIR	"cidr"
#define SNAP_MERGEDDIR	"merged"
#define SNAP_M365DIR	"m365"

/* A file of a snapshot's tree beside the fixed ones: its path, bytes. */
struct snapshot_file {
	char		*path;		/* "cidr/us/all-v4.txt" */
	char		*buf;
	size_t		 len;
};

/* A snapshot to write. */
struct snapshot_new {
	const char		*dataset;	/* snapshot_dataset's bytes */
	size_t			 datalen;
	const struct recordset	*rs;
	const char		*page;
	size_t			 pagelen;
	const char		*source;	/* source.json's bytes */
	size_t			 sourcelen;
	const char		*message;
	const char		*author;	/* "Name <email>" */
	time_t			 when;		/* commit time; 0 for now */
	const struct snapshot_file *files;	/* the list files, or none */
	size_t			 nfiles;
};

/* The canonical dataset bytes of rs (malloc'd); 0, or -1 on memory. */
int	snapshot_dataset(const struct recordset *rs, char **buf, size_t *len);
/* A snapshot of the repository: a handle the caller frees. */
struct snapshot;

/* Its id: 40 hex digits, owned by the handle. */
const char	*snapshot_id(const struct snapshot *s);
/* When it was taken (its commit time). */
time_t		 snapshot_time(const struct snapshot *s);
/* The snapshot before s into *p (NULL for the first); 0, or -1 with err. */
int		 snapshot_parent(struct store *st, const struct snapshot *s,
		    struct snapshot **p, struct err *err);
void		 snapshot_free(struct snapshot *s);

/* Whether snapshot s's file path holds exactly these bytes. */
int	snapshot_holds(struct store *st, const struct snapshot *c,
	    const char *path, const char *data, size_t len);

/* The latest snapshot into *s, NULL if there is none; 0, or -1 with err. */
int	snapshot_head(struct store *st, struct snapshot **s, struct err *err);
/* A file of a snapshot (malloc'd); 0, 1 if absent, or -1 with err. */
int	snapshot_read(struct store *st, const struct snapshot *c,
	    const char *path, char **buf, size_t *len, struct err *err);
/* A snapshot's records; 0, or -1 with err. */
int	snapshot_records(struct store *st, const struct snapshot *c,
	    struct recordset **rs, struct err *err);
/*
 * A snapshot's SPF netblocks into d: empty when it has none (recorded
 * without --spf); 0, or -1 with err (ERR_REPO: a file that does not read).
 */
int	snapshot_spf(struct store *st, const struct snapshot *c,
	    struct spf_doc *d, struct err *err);
/*
 * The same, for a reader that goes on: a spf.json that does not read is
 * told to warn (if not NULL) and read as none. 0, or -1 on memory.
 */
int	snapshot_spf_read(struct store *st, const struct snapshot *c,
	    store_warn_fn warn, struct spf_doc *d);
/*
 * How the SPF netblocks changed from snapshot a (NULL: none) to b, into r
 * (sorted; the caller clears it), each read by snapshot_spf_read. 0, or
 * -1 on memory.
 */
int	snapshot_spf_change(struct store *st, const struct snapshot *a,
	    const struct snapshot *b, store_warn_fn warn,
	    struct spf_report *r);
/*
 * Commit a snapshot whose parent is the branch's tip as read under the
 * lock (NULL for the first); the branch moves only if it still points
 * there. 0 with *made the new snapshot (the caller frees it), or -1 with
 * err.
 */
int	snapshot_commit(struct store *st, const struct snapshot *parent,
	    const struct snapshot_new *s, struct snapshot **made,
	    struct err *err);
/*
 * In a non-bare repository, make the index and work tree match HEAD; with
 * repair, only if a killed run left the index behind HEAD. A symlink where
 * a file or directory of HEAD goes is removed first (telling warn), never
 * written through. 0, or -1 with err.
 */
int	snapshot_checkout(struct store *st, int repair, store_warn_fn warn,
	    struct err *err);
/*
 * A snapshot by name: a commit id, a ref or revision expression, or
 * "@YYYY-MM-DD", the snapshot in force at the end of that day (UTC).
 * 0, or -1 with err.
 */
int	snapshot_resolve(struct store *st, const char *rev,
	    struct snapshot **out, struct err *err);

/*
 * Whether rev is a date, "@" and a digit: 1 if it is a real calendar date
 * written strictly as @YYYY-MM-DD (*limit the last second of that day,
 * UTC), -1 if it is written any other way, 0 if rev is no date.
 */
int	snapshot_date(const char *rev, time_t *limit);

struct source_prev;

/*
 * The URL snapshot c's page came from (after redirects, else as asked
 * for), read from its source.json into sp (cleared by the caller with
 * source_prev_clear); NULL when it does not say.
 */
const char	*snapshot_source(struct store *st, const struct snapshot *c,
	    struct source_prev *sp);

/*
 * Whether the snapshot with full id (40 hex digits) is head or one of its
 * ancestors: 1 if so, 0 if not (or no such commit), -1 with err.
 */
int	snapshot_in_history(struct store *st, const struct snapshot *head,
	    const char *id, struct err *err);

/* Snapshot rev, or the latest when rev is NULL; -1 with err if none. */
int	snapshot_pick(struct store *st, const char *rev, struct snapshot **out,
	    struct err *err);

#endif
