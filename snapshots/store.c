/* Opening, creating and locking the snapshot repository. */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "gitlib.h"
#include "../faults/fault.h"
#include "../util/regfile.h"

#define LOCKNAME	"mcwatch.lock"
#define INIT_PREFIX	".mcwatch-init-"	/* a repository being made */

/* Git's own lock files, left behind when a run is killed mid-write. */
static const char *const gitlocks[] = {
	"HEAD.lock", "index.lock", "packed-refs.lock", "config.lock",
};

const char *
store_dir(const struct store *st)
{
	return st->dir;
}

int
store_init(struct err *err)
{
	if (gitlib_load(err) == -1)
		return -1;
	git_libgit2_init();
	/* A run killed mid-write must leave objects and refs on disk. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/*
	 * libgit2 caches no commit over 4 KiB; a baseline's message lists
	 * every record (870 KB for 10,000), and a run reads HEAD twice:
	 * inflated, hashed and parsed again, a fifth of an unchanged run.
	 * The cache stays bounded by its total size (256 MiB).
	 */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT,
	    (size_t)64 << 20);
	return 0;
}

void
store_read_any_owner(void)
{
	/*
	 * git's safe.directory guards against a repository's config running
	 * programs (hooks, filters, an fsmonitor) as the user who opens it.
	 * libgit2 runs none of them for what mcwatch reads (objects, refs,
	 * its state files), so monitoring and root may read the repository
	 * the service writes without a safe.directory entry.
	 */
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	/*
	 * Reading, an object's bytes are checked by zlib's own checksum as
	 * they are inflated; libgit2's SHA-1 of them again (collision-
	 * detecting, thirty instructions a byte) was a seventh of a lookup
	 * on 10,000 records. Commands that write keep it.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

void
store_shutdown(void)
{
	git_libgit2_shutdown();
}

/* The process's umask, read without changing it for good. */
static mode_t
store_umask(void)
{
	static mode_t mask = (mode_t)-1;

	if (mask == (mode_t)-1) {
		mask = umask(022);
		umask(mask);
	}
	return mask;
}

void
store_fsync(int on)
{
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, on);
}

int
store_write_at(int dfd, const char *name, const char *buf, size_t len)
{
	return store_write_mode(dfd, name, buf, len, 0644);
}

int
store_write_mode(int dfd, const char *name, const char *buf, size_t len,
    mode_t mode)
{
	char tmp[300];
	ssize_t n;
	int fd, saved;

	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	fault_point("store.write");
	if ((fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, mode)) == -1)
		return -1;
	/* A temporary file a killed run left keeps its mode through O_TRUNC. */
	if (fchmod(fd, mode & ~store_umask()) == -1)
		goto fail;
	for (; len > 0; buf += n, len -= (size_t)n)
		if ((n = write(fd, buf, len)) <= 0) {
			if (n == 0)
				errno = ENOSPC;
			goto fail;
		}
	fault_point("store.fsync");
	if (fsync(fd) == -1 || close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fault_point("store.rename");
	if (renameat(dfd, tmp, dfd, name) == -1) {
		fd = -1;
		goto fail;
	}
	fault_point("store.renamed");
	return 0;
 fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlinkat(dfd, tmp, 0);
	errno = saved;
	return -1;
}

int
store_put(struct store *st, const char *name, const char *buf, size_t len,
    mode_t mode, struct err *err)
{
	int dfd;

	if ((dfd = open(st->gitdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    store_write_mode(dfd, name, buf, len, mode) == -1) {
		err_set(err, ERR_REPO, "repo %s: cannot write %s%s: %s",
		    st->dir, st->gitdir, name, strerror(errno));
		if (dfd != -1)
			close(dfd);
		return -1;
	}
	close(dfd);
	return 0;
}

int
store_append(struct store *st, const char *name, off_t size, const char *buf,
    size_t len, struct err *err)
{
	char path[4200];
	struct stat sb;
	ssize_t n;
	int fd, rc = -1;

	snprintf(path, sizeof(path), "%s%s", st->gitdir, name);
	if ((fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		goto fail;
	/* Another writer's bytes since ours were read: not ours to follow. */
	if (flock(fd, LOCK_EX) == -1 || fstat(fd, &sb) == -1)
		goto fail;
	if (!S_ISREG(sb.st_mode) || sb.st_size != size) {
		close(fd);
		return 1;
	}
	fault_point("store.append");
	for (; len > 0; buf += n, len -= (size_t)n)
		if ((n = write(fd, buf, len)) <= 0) {
			if (n == 0)
				errno = ENOSPC;
			goto fail;
		}
	if (fdatasync(fd) == -1)
		goto fail;
	rc = close(fd);
	fd = -1;
	if (rc == 0)
		return 0;
 fail:
	err_set(err, ERR_REPO, "repo %s: cannot write %s%s: %s", st->dir,
	    st->gitdir, name, strerror(errno));
	if (fd != -1)
		close(fd);
	return -1;
}

int
store_get(struct store *st, const char *name, char **buf, size_t *len,
    struct err *err)
{
	char path[4200];
	FILE *fp, *mem;
	struct stat sb;
	char chunk[8192];
	size_t n;
	int fd, bad;

	*buf = NULL;
	snprintf(path, sizeof(path), "%s%s", st->gitdir, name);
	/* A FIFO or device put there is not waited on, nor read. */
	if ((fd = regfile_open(AT_FDCWD, path, &sb)) < 0) {
		if (fd == -1 && errno == ENOENT)
			return 1;
		err_set(err, ERR_REPO, "repo %.200s: cannot read %.200s: "
		    "%s", st->dir, name, fd == REGFILE_NOTREG ?
		    "not a regular file" : strerror(errno));
		return -1;
	}
	if ((fp = fdopen(fd, "r")) == NULL ||
	    (mem = open_memstream(buf, len)) == NULL) {
		err_set(err, ERR_NOMEM, "repo %s: out of memory", st->dir);
		if (fp != NULL)
			fclose(fp);
		else
			close(fd);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		fwrite(chunk, 1, n, mem);
	/* A read error is not a file cut short. */
	bad = ferror(fp) ? (errno != 0 ? errno : EIO) : 0;
	fclose(fp);
	if (fclose(mem) == EOF || bad != 0) {
		free(*buf);
		*buf = NULL;
		if (bad != 0)
			err_set(err, ERR_REPO, "repo %.200s: cannot read "
			    "%.200s: %s", st->dir, name, strerror(bad));
		else
			err_set(err, ERR_NOMEM, "repo %s: out of memory",
			    st->dir);
		return -1;
	}
	return 0;
}

/* Errors of the storage under the repository, worth naming as such. */
static int
storage_errno(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EIO || e == EROFS ||
	    e == EFBIG;
}

int
store_giterr(const struct store *st, const char *what, struct err *err)
{
	int saved = errno;
	const git_error *e = git_error_last();
	const char *msg = e != NULL && e->message != NULL ? e->message : NULL;
	const char *os = storage_errno(saved) ? strerror(saved) : NULL;
	struct statvfs vfs;

	/*
	 * A write that failed without saying so (an object it claimed to
	 * have written is not there) on a file system with no room left:
	 * the full disk is the cause, whatever errno was left.
	 */
	if (os == NULL && statvfs(st->gitdir != NULL ? st->gitdir : st->dir,
	    &vfs) == 0 &&
	    (unsigned long long)vfs.f_bavail * vfs.f_frsize < 64 * 1024)
		os = strerror(ENOSPC);

	/*
	 * libgit2 may report a failed write as "object not found" or not at
	 * all: the errno of the write says what happened (a full disk). It
	 * keeps the error of every lookup that found nothing, even on the way
	 * to success: when memory ran out (ours or its), that is the cause.
	 */
	if (os != NULL && (msg == NULL || strstr(msg, os) == NULL))
		msg = os;
	if (saved == ENOMEM || (e != NULL && e->klass == GIT_ERROR_NOMEMORY))
		return err_set(err, ERR_NOMEM, "repo %s: %s: out of memory",
		    st->dir, what);
	return err_set(err, ERR_REPO, "repo %s: %s: %s", st->dir, what,
	    msg != NULL ? msg : "unknown error");
}

/* nftw's callback: remove one entry, deepest first. */
static int
rm_entry(const char *path, const struct stat *sb, int type, struct FTW *f)
{
	(void)sb;
	(void)type;
	(void)f;
	return remove(path) == -1 && errno != ENOENT ? -1 : 0;
}

int
store_remove_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

/* Whether a creation's leftover INIT_PREFIX-PID belongs to a dead run. */
static int
init_leftover(const char *name)
{
	long pid;
	char *end;

	pid = strtol(name + strlen(INIT_PREFIX), &end, 10);
	return *end != '\0' || pid <= 0 ||
	    (kill((pid_t)pid, 0) == -1 && errno == ESRCH);
}

/*
 * Whether gitdir is a repository an older mcwatch began and never
 * finished (killed, or the disk full): no HEAD, no branch, no object. It
 * holds no snapshot, so it is made again.
 */
static int
half_made(const char *gitdir)
{
	char path[4200];
	struct dirent *de;
	struct stat sb;
	DIR *d;
	int empty = 1;

	snprintf(path, sizeof(path), "%.4100s/HEAD", gitdir);
	if (lstat(path, &sb) == 0 || errno != ENOENT)
		return 0;
	snprintf(path, sizeof(path), "%.4100s/objects", gitdir);
	if ((d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (de->d_name[0] != '.' && strcmp(de->d_name, "info") &&
			    strcmp(de->d_name, "pack"))
				empty = 0;
		closedir(d);
	}
	snprintf(path, sizeof(path), "%.4100s/packed-refs", gitdir);
	return empty && lstat(path, &sb) == -1;
}

/*
 * Whether entry name of dir belongs to the making of a repository: one
 * under way (another run's, when live is set) or one a dead run left.
 */
static int
creation_debris(const char *dir, const char *name, int live)
{
	char path[4200];

	if (strncmp(name, INIT_PREFIX, strlen(INIT_PREFIX)) == 0)
		return live || init_leftover(name);
	snprintf(path, sizeof(path), "%.3900s/%.255s", dir, name);
	return strcmp(name, ".git") == 0 && half_made(path);
}

int
store_is_new(const char *dir)
{
	DIR *d;
	struct dirent *de;
	int empty = 1;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 &&
		    !creation_debris(dir, de->d_name, 1))
			empty = 0;
	closedir(d);
	return empty;
}

/* Remove what killed creations left in dir; 0, or -1. */
static int
clear_debris(const char *dir)
{
	char path[4200];
	struct dirent *de;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    !creation_debris(dir, de->d_name, 0))
			continue;
		snprintf(path, sizeof(path), "%.3900s/%.255s", dir, de->d_name);
		if (store_remove_tree(path) == -1)
			rc = -1;
	}
	closedir(d);
	return rc;
}

/*
 * Make a new repository at dir as one step: a repository is made aside in
 * dir/.mcwatch-init-PID and its .git renamed into place, so that a run
 * killed, or a disk filling, at any point leaves either no repository or
 * a whole one. A rival run that got there first wins; its repository is
 * used. 0, or -1 with err.
 */
static int
store_create(struct store *st, const char *dir, struct err *err)
{
	git_repository_init_options io;
	git_repository *repo = NULL;
	char tmp[4096], from[4200], to[4200];
	int rc = -1, dfd;

	snprintf(tmp, sizeof(tmp), "%s/%s%ld", dir, INIT_PREFIX, (long)getpid());
	snprintf(from, sizeof(from), "%s/.git", tmp);
	snprintf(to, sizeof(to), "%s/.git", dir);
	if (clear_debris(dir) == -1) {
		err_set(err, ERR_REPO, "repo %s: cannot remove what a "
		    "killed run left: %s", dir, strerror(errno));
		return -1;
	}
	git_repository_init_options_init(&io,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	io.flags = GIT_REPOSITORY_INIT_MKPATH;
	io.initial_head = "main";
	errno = 0;
	if (git_repository_init_ext(&repo, tmp, &io) < 0) {
		store_giterr(st, "cannot create", err);
		goto cleanup;
	}
	git_repository_free(repo);
	if (rename(from, to) == -1 && errno != EEXIST && errno != ENOTEMPTY) {
		err_set(err, ERR_REPO, "repo %s: cannot create: %s", dir,
		    strerror(errno));
		goto cleanup;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
 cleanup:
	store_remove_tree(tmp);
	return rc;
}

struct store *
store_open(const char *dir, int create, struct err *err)
{
	struct store *st;
	struct stat sb;
	int grc;

	if ((st = calloc(1, sizeof(*st))) == NULL ||
	    (st->dir = strdup(dir)) == NULL) {
		err_set(err, ERR_NOMEM, "repo %s: out of memory", dir);
		free(st);
		return NULL;
	}
	st->lockfd = -1;
	if (!create && store_is_new(dir)) {
		err_set(err, ERR_REPO, "no repository at %s: give --repo "
		    "DIR, or run 'mcwatch run' first to make one", dir);
		goto fail;
	}
	if (create && store_is_new(dir) && store_create(st, dir, err) == -1)
		goto fail;
	/*
	 * libgit2 1.5 refuses a repository another user owns, reporting it
	 * as a missing safe.directory setting (or GIT_EOWNER): say so.
	 */
	if ((grc = git_repository_open_ext(&st->repo, dir,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL)) < 0 && (grc == GIT_EOWNER ||
	    (stat(dir, &sb) == 0 && sb.st_uid != geteuid()))) {
		err_set(err, ERR_REPO, "repo %s: owned by another user: "
		    "only its owner may record snapshots in it (run as that "
		    "user, e.g. the service's); reading commands open it "
		    "whoever owns it", dir);
		goto fail;
	} else if (grc < 0) {
		store_giterr(st, "cannot open as a git repository", err);
		goto fail;
	}
	if ((st->gitdir = strdup(git_repository_path(st->repo))) == NULL) {
		err_set(err, ERR_NOMEM, "repo %s: out of memory", dir);
		goto fail;
	}
	return st;
 fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->lockfd != -1)
		close(st->lockfd);	/* releases the flock */
	git_repository_free(st->repo);
	free(st->gitdir);
	free(st->dir);
	free(st);
}

/* Remove a git lock file a dead run left; tell warn. */
static void
unlock_stale(struct store *st, const char *rel, store_warn_fn warn)
{
	char path[4096], msg[4200];

	if ((size_t)snprintf(path, sizeof(path), "%s%s", st->gitdir, rel) >=
	    sizeof(path) || access(path, F_OK) == -1)
		return;
	if (unlink(path) == 0)
		snprintf(msg, sizeof(msg), "repo %s: removed %s, left by a run "
		    "that was killed", st->dir, rel);
	else
		snprintf(msg, sizeof(msg), "repo %s: cannot remove stale %s: %s",
		    st->dir, rel, strerror(errno));
	if (warn != NULL)
		warn(msg);
}

int
store_lock(struct store *st, int timeout, store_warn_fn warn, struct err *err)
{
	git_reference *head = NULL;
	char path[4096], rel[4096];
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	time_t deadline = time(NULL) + timeout;
	const char *target;
	size_t i;

	snprintf(path, sizeof(path), "%s%s", st->gitdir, LOCKNAME);
	if ((st->lockfd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0644)) == -1) {
		err_set(err, ERR_REPO, "repo %.200s: cannot lock %.200s: "
		    "%s", st->dir, path, strerror(errno));
		return -1;
	}
	/* flock dies with its process: a killed run never holds it. */
	while (flock(st->lockfd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			err_set(err, ERR_REPO, "repo %.200s: cannot lock "
			    "%.200s: %s", st->dir, path, strerror(errno));
			goto fail;
		}
		if (time(NULL) >= deadline) {
			err_set(err, ERR_REPO, "repo %.200s: busy: another "
			    "mcwatch run has held its lock (%.200s) for %d s",
			    st->dir, path, timeout);
			goto fail;
		}
		nanosleep(&pause, NULL);
	}
	/* Under our lock, any git lock file is a dead run's. */
	for (i = 0; i < sizeof(gitlocks) / sizeof(gitlocks[0]); i++)
		unlock_stale(st, gitlocks[i], warn);
	if (git_reference_lookup(&head, st->repo, "HEAD") == 0 &&
	    (target = git_reference_symbolic_target(head)) != NULL) {
		snprintf(rel, sizeof(rel), "%s.lock", target);
		unlock_stale(st, rel, warn);
	}
	git_reference_free(head);
	return 0;
 fail:
	close(st->lockfd);
	st->lockfd = -1;
	return -1;
}
