/*
 * What a site's files were when publish last made them: for each file of
 * a site tree (a directory named by its device and inode), its inode,
 * size, modification and change times and the SHA-256 of its bytes. A
 * file whose stat is still all of that holds those bytes: its change time
 * moves with any write, rename or link, and nobody but the kernel sets
 * it. Kept in GITDIR/mcwatch-publish-site (0600), for two trees at most:
 * the published site and the one it replaced, kept beside it to build the
 * next in.
 */
#ifndef MCWATCH_PUB_SIGS_H
#define MCWATCH_PUB_SIGS_H

#include <sys/stat.h>
#include <sys/types.h>

#include <stddef.h>

#include "../errors/err.h"
#include "../snapshots/store.h"
#include "../util/sha256.h"

#define SIGS_FILE	"mcwatch-publish-site"

struct site_sig {
	char		*path;		/* "changes/ID.json" */
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtime;
	struct timespec	 ctime;
	char		 digest[SHA256_HEXLEN];
	size_t		 seq;		/* the order it was set in */
};

struct site_sigs {
	dev_t		 dev;		/* the tree's directory */
	ino_t		 ino;
	struct site_sig	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 nsorted;	/* v[0, nsorted) sorted by path */
	size_t		 seq;
};

/*
 * The trees st keeps into t[0] and t[1] (emptied first; a tree not kept
 * has ino 0). A file that does not read strictly keeps none. 0, or -1 on
 * memory.
 */
int	sigs_load(struct store *st, struct site_sigs *t);
/* Trees t[0] and t[1] (sorted; ino 0: none) as st's; 0, or -1 with err. */
int	sigs_save(struct store *st, const struct site_sigs *t,
	    struct err *err);
/*
 * The signature of path in t as loaded or last sorted (one set since is
 * found after sigs_sort), or NULL.
 */
const struct site_sig	*sigs_find(const struct site_sigs *t,
			    const char *path);
/* Whether sb is the file g signs. */
int	sigs_match(const struct site_sig *g, const struct stat *sb);
/*
 * Path's signature in t made sb and digest (replacing one there; t is
 * then unsorted). 0, or -1 on memory.
 */
int	sigs_set(struct site_sigs *t, const char *path, const struct stat *sb,
	    const char *digest);
/* t sorted by path, one signature a path (the last set). */
void	sigs_sort(struct site_sigs *t);
void	sigs_clear(struct site_sigs *t);

#endif
