/*
 * The site directory's parts (site.c: opening, swapping; siteput.c:
 * putting a file; sitetree.c: removing what is not wanted), publish/'s
 * site*.c only. The site is built in a directory beside the published
 * one: a new one, or the spare, the site the last publish replaced, kept
 * beside it to build the next in with only what changed written.
 */
#ifndef MCWATCH_PUB_SITEIMPL_H
#define MCWATCH_PUB_SITEIMPL_H

#include <sys/types.h>

#include "site.h"
#include "sigs.h"

#define TMP_INFIX	".publish-"	/* .BASE.publish-XXXXXX: a new build */
#define SPARE_SUFFIX	".spare"	/* .BASE.spare: the spare */

/* An open directory, by the relative path it was reached by. */
struct dircache {
	char	 path[256];
	int	 fd;
};

struct site {
	char		*out;		/* as the user named it */
	char		*parent;
	char		*base;
	char		*tmp;		/* parent/.BASE.publish-XXXXXX, or the
					   spare's parent/.BASE.spare */
	char		*spare;		/* "BASE.spare" with its dot */
	int		 parentfd;	/* flocked while the site is built */
	int		 tmpfd;
	int		 oldfd;		/* the published site, or -1 */
	int		 in_spare;	/* tmp is the spare */
	int		 reuse;		/* files of the old site may be kept */
	struct store	*st;		/* where signatures are kept, or NULL */
	struct site_sigs made;		/* the files put, as they are */
	struct site_sigs old;		/* the published site's, as known */
	struct site_sigs prev;		/* the spare's, as known */
	struct dircache	 newdir;
	struct dircache	 olddir;
	size_t		 written;
	size_t		 linked;
	int		 committed;
};

/* err = "publish OUT: what name: errno's text"; -1. */
int	site_fail(struct err *err, const struct site *s, const char *what,
	    const char *name);
/*
 * The directory of path under root, made when create (0777 less the
 * umask), reached without following a symlink; dc caches the last one.
 * The fd (dc's), or -1.
 */
int	site_dir_of(int root, const char *path, int create,
	    struct dircache *dc);
/*
 * Remove name under directory dfd and all it holds, deepest first, by
 * descriptor: a symlink is removed, never followed, and no other file
 * system (dev) is entered. 0, or -1 with errno.
 */
int	site_rm_at(int dfd, const char *name, dev_t dev);
/*
 * Remove from the tree at fd every file not in made (sorted) and every
 * directory left empty; 0, or -1 with errno.
 */
int	site_prune(int fd, const struct site_sigs *made);

#endif
