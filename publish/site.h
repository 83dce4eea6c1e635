/*
 * The site directory: built whole beside the published one, then swapped
 * in with one rename, so that a reader sees the old site or the new one,
 * never half of each. The site it replaces is kept beside it (the spare,
 * .BASE.spare) and the next one built in it, with only what changed
 * written: a file the spare holds as it should be is kept, one the old
 * site holds is linked from it (its inode and times, for web caches and
 * rsync), and only the others are written.
 */
#ifndef MCWATCH_PUB_SITE_H
#define MCWATCH_PUB_SITE_H

#include <stddef.h>

#include "../errors/err.h"
#include "../snapshots/store.h"

/* The file that marks a directory as a site mcwatch published. */
#define SITE_MARK	"version.json"
#define SITE_GENERATOR	"mcwatch"

struct site;

/*
 * Lock out's parent (waiting at most timeout seconds), check that out is
 * absent, empty, or a site mcwatch published (never a symlink), and start
 * a new site beside it: in the spare when st (where the signatures of
 * sigs.h are kept; NULL: none) knows it. Without reuse, nothing of the
 * old site or the spare is used. NULL with err.
 */
struct site	*site_open(const char *out, int timeout, struct store *st,
		    int reuse, struct err *err);
/*
 * Put len bytes as path (components of letters, digits, '.', '-', '_',
 * none starting with '.'): with reuse, kept as the spare holds it or
 * linked from the old site when either is known to hold these bytes.
 * 0, or -1 with err.
 */
int		 site_put(struct site *s, const char *path, const char *buf,
		    size_t len, struct err *err);
/* Sync the new site and swap it in for the old; 0, or -1 with err. */
int		 site_commit(struct site *s, struct err *err);
/* Files written and linked so far. */
void		 site_counts(const struct site *s, size_t *written,
		    size_t *linked);
/* Close the site; one never committed is removed. Accepts NULL. */
void		 site_free(struct site *s);

#endif
