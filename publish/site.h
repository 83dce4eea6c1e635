/*
 * The site directory: built whole beside the published one, then swapped
 * in with one rename, so that a reader sees the old site or the new one,
 * never half of each. A file whose bytes did not change is linked from the
 * old site rather than written again: it keeps its inode and time, so web
 * caches and rsync see only what changed.
 */
#ifndef MCWATCH_PUB_SITE_H
#define MCWATCH_PUB_SITE_H

#include <stddef.h>

#include "../errors/err.h"

/* The file that marks a directory as a site mcwatch published. */
#define SITE_MARK	"version.json"
#define SITE_GENERATOR	"mcwatch"

struct site;

/*
 * Lock out's parent (waiting at most timeout seconds), check that out is
 * absent, empty, or a site mcwatch published (never a symlink), and start
 * a new site beside it. NULL with err.
 */
struct site	*site_open(const char *out, int timeout, struct err *err);
/*
 * Put len bytes as path (components of letters, digits, '.', '-', '_',
 * none starting with '.'); with reuse, linked from the old site when it
 * holds the same bytes. 0, or -1 with err.
 */
int		 site_put(struct site *s, const char *path, const char *buf,
		    size_t len, int reuse, struct err *err);
/* Sync the new site and swap it in for the old; 0, or -1 with err. */
int		 site_commit(struct site *s, struct err *err);
/* Files written and linked so far. */
void		 site_counts(const struct site *s, size_t *written,
		    size_t *linked);
/* Close the site; one never committed is removed. Accepts NULL. */
void		 site_free(struct site *s);

#endif
