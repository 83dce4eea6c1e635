/* The snapshot repository: opening or creating it, and locking it. */
#ifndef MCWATCH_STORE_H
#define MCWATCH_STORE_H

#include <stddef.h>
#include <sys/types.h>

#include "../errors/err.h"

/* An open snapshot repository (snapshots/internal.h). */
struct store;

/* Called with a warning worth showing the user. */
typedef void	(*store_warn_fn)(const char *);

/*
 * Open the repository at dir, bare or not; with create, make a non-bare
 * one (branch "main") where dir does not exist or is empty. NULL with err
 * (ERR_REPO, or ERR_NOMEM) on failure.
 */
struct store	*store_open(const char *dir, int create, struct err *err);
void		 store_close(struct store *st);
/* Whether dir is missing or an empty directory: a repository to create. */
int		 store_is_new(const char *dir);
/*
 * Take mcwatch's exclusive lock on the repository, waiting at most
 * timeout seconds for another run to finish; then remove the git lock
 * files a killed run left behind (telling warn). 0, or -1 with err.
 */
int		 store_lock(struct store *st, int timeout, store_warn_fn warn,
		    struct err *err);
/*
 * err = "repo DIR: what: libgit2's last error", and the errno of a
 * storage failure (a full disk) when there is one: callers clear errno
 * before the libgit2 calls whose failure they report. Returns -1.
 */
int		 store_giterr(const struct store *st, const char *what,
		    struct err *err);
/* The repository's directory as the user named it. */
const char	*store_dir(const struct store *st);
/*
 * Write len bytes as name in directory dfd: to a temporary name, synced,
 * then renamed, so that no reader ever sees half a file and a full disk
 * leaves nothing behind; never through a symlink. 0, or -1 with errno.
 */
int		 store_write_at(int dfd, const char *name, const char *buf,
		    size_t len);
/* store_write_at with the file's mode (less the umask). */
int		 store_write_mode(int dfd, const char *name, const char *buf,
		    size_t len, mode_t mode);
/*
 * Write GITDIR/name so (state beside the snapshots) with mode: 0600 for
 * a state that names a target. 0, or -1 with err.
 */
int		 store_put(struct store *st, const char *name, const char *buf,
		    size_t len, mode_t mode, struct err *err);
/*
 * Append len bytes to GITDIR/name, under an flock of it, synced, if it
 * still holds size bytes: 0, 1 if it does not (nothing written), or -1
 * with err. A killed append leaves a shorter tail its reader must refuse.
 */
int		 store_append(struct store *st, const char *name, off_t size,
		    const char *buf, size_t len, struct err *err);
/* Read GITDIR/name (malloc'd, NUL-terminated); 0, 1 if absent, -1 with err. */
int		 store_get(struct store *st, const char *name, char **buf,
		    size_t *len, struct err *err);
/*
 * Remove the tree at path, deepest first: symlinks are removed, never
 * followed, and other file systems mounted inside are not entered.
 * 0, or -1 with errno.
 */
int		 store_remove_tree(const char *path);
/*
 * Load and start libgit2, and stop it: once a process, around every other
 * call. store_init: 0, or -1 with err (ERR_REPO) if libgit2 cannot be
 * loaded.
 */
int		 store_init(struct err *err);
void		 store_shutdown(void);
/*
 * After store_init, for a command that only reads: open repositories
 * whoever owns them (libgit2 runs no hook or filter to read).
 */
void		 store_read_any_owner(void);
/*
 * Whether libgit2 syncs what it writes (on unless a benchmark turns it
 * off: writing thousands of commits would measure the disk).
 */
void		 store_fsync(int on);

#endif
