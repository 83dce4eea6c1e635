/* Building the site beside the published one and swapping it in. */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "site.h"
#include "../faults/fault.h"

#define TMP_INFIX	".publish-"
#define MARK_MAX	65536	/* a version.json is a few hundred bytes */

/* An open directory, by the relative path it was reached by. */
struct dircache {
	char	 path[256];
	int	 fd;
};

struct site {
	char		*out;		/* as the user named it */
	char		*parent;
	char		*base;
	char		*tmp;		/* parent/.BASE.publish-XXXXXX */
	int		 parentfd;	/* flocked while the site is built */
	int		 tmpfd;
	int		 oldfd;		/* the published site, or -1 */
	struct dircache	 newdir;
	struct dircache	 olddir;
	size_t		 written;
	size_t		 linked;
	int		 committed;
};

static int
fail(struct err *err, const struct site *s, const char *what, const char *name)
{
	err_set(err, ERR_IO, "publish %s: %s%s%s: %s", s->out, what,
	    name ? " " : "", name ? name : "", strerror(errno));
	return -1;
}

/* Wait at most timeout seconds for the lock on the parent directory. */
static int
lock_parent(struct site *s, int timeout, struct err *err)
{
	int waited = 0;

	while (flock(s->parentfd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK)
			return fail(err, s, "cannot lock", s->parent);
		if (waited++ >= timeout) {
			err_set(err, ERR_IO, "publish %s: another publish "
			    "into %s still runs after %d s", s->out, s->parent,
			    timeout);
			return -1;
		}
		sleep(1);
	}
	return 0;
}

#define RM_DEPTH	16	/* a site is lists/FORMAT/CODE/FILE deep */

/*
 * Remove name under directory dfd and all it holds, deepest first, by
 * descriptor and the type the directory gives (no stat a file): a symlink
 * is removed, never followed, and no other file system is entered (dev).
 * 0, or -1 with errno.
 */
static int
rm_at(int dfd, const char *name, dev_t dev, int depth)
{
	struct dirent *e;
	struct stat sb;
	DIR *d;
	int fd, rc = 0;

	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	if (depth >= RM_DEPTH || (fd = openat(dfd, name, O_RDONLY |
	    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || sb.st_dev != dev ||
	    (d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN ||
		    unlinkat(fd, e->d_name, 0) == -1)
			rc |= rm_at(fd, e->d_name, dev, depth + 1);
	}
	closedir(d);
	return unlinkat(dfd, name, AT_REMOVEDIR) == -1 ? -1 : rc;
}

/* Remove name beside the site (a temporary or old site) and all of it. */
static void
rm_beside(struct site *s, const char *name)
{
	struct stat sb;

	if (fstat(s->parentfd, &sb) == 0)
		(void)rm_at(s->parentfd, name, sb.st_dev, 0);
}

/* Remove what a killed publish left beside out (we hold the lock). */
static void
rm_leftovers(struct site *s)
{
	char prefix[300];
	struct dirent *e;
	DIR *d;
	int fd;

	snprintf(prefix, sizeof(prefix), ".%s" TMP_INFIX, s->base);
	if ((fd = dup(s->parentfd)) == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			rm_beside(s, e->d_name);
	closedir(d);
}

/* Whether directory fd holds nothing. */
static int
is_empty(int fd)
{
	struct dirent *e;
	DIR *d;
	int dfd, empty = 1;

	if ((dfd = dup(fd)) == -1 || (d = fdopendir(dfd)) == NULL) {
		if (dfd != -1)
			close(dfd);
		return 0;
	}
	while (empty && (e = readdir(d)) != NULL)
		empty = strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0;
	closedir(d);
	return empty;
}

/* Whether directory fd is a site mcwatch published: its mark says so. */
static int
is_ours(int fd)
{
	char buf[MARK_MAX];
	const char *gen = NULL;
	json_t *o;
	ssize_t n;
	int mfd, ours;

	if ((mfd = openat(fd, SITE_MARK, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) ==
	    -1)
		return 0;
	n = read(mfd, buf, sizeof(buf));
	close(mfd);
	if (n <= 0 || (o = json_loadb(buf, (size_t)n, 0, NULL)) == NULL)
		return 0;
	if (json_unpack(o, "{s:s}", "generator", &gen) == 0)
		ours = strcmp(gen, SITE_GENERATOR) == 0;
	else
		ours = 0;
	json_decref(o);
	return ours;
}

/* out as it stands: absent, or a directory we may replace (oldfd). */
static int
check_out(struct site *s, struct err *err)
{
	struct stat sb;

	if (fstatat(s->parentfd, s->base, &sb, AT_SYMLINK_NOFOLLOW) == -1)
		return errno == ENOENT ? 0 : fail(err, s, "cannot read", NULL);
	if (S_ISLNK(sb.st_mode)) {
		err_set(err, ERR_IO, "publish %s: is a symlink; name the "
		    "directory itself (the site replaces it whole)", s->out);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		err_set(err, ERR_IO, "publish %s: exists and is not a "
		    "directory", s->out);
		return -1;
	}
	if ((s->oldfd = openat(s->parentfd, s->base, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) == -1)
		return fail(err, s, "cannot open", NULL);
	if (!is_empty(s->oldfd) && !is_ours(s->oldfd)) {
		err_set(err, ERR_IO, "publish %s: not empty and not a "
		    "site mcwatch published (no %s of mcwatch's); refusing to "
		    "replace it", s->out, SITE_MARK);
		return -1;
	}
	return 0;
}

/* Split out into parent and base; -1 if it names no directory to make. */
static int
split_out(struct site *s, struct err *err)
{
	char *a, *b;
	size_t n = strlen(s->out);

	while (n > 1 && s->out[n - 1] == '/')
		s->out[--n] = '\0';
	if ((a = strdup(s->out)) == NULL || (b = strdup(s->out)) == NULL) {
		free(a);
		err_set(err, ERR_NOMEM, "publish: out of memory");
		return -1;
	}
	s->parent = strdup(dirname(a));
	s->base = strdup(basename(b));
	free(a);
	free(b);
	if (s->parent == NULL || s->base == NULL) {
		err_set(err, ERR_NOMEM, "publish: out of memory");
		return -1;
	}
	if (strcmp(s->base, ".") == 0 || strcmp(s->base, "..") == 0 ||
	    strcmp(s->base, "/") == 0 || s->out[0] == '\0') {
		err_set(err, ERR_IO, "publish '%s': name the site's own "
		    "directory (it is replaced whole)", s->out);
		return -1;
	}
	return 0;
}

struct site *
site_open(const char *out, int timeout, struct err *err)
{
	struct site *s;
	mode_t mask;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->out = strdup(out)) == NULL) {
		free(s);
		err_set(err, ERR_NOMEM, "publish: out of memory");
		return NULL;
	}
	s->parentfd = s->tmpfd = s->oldfd = s->newdir.fd = s->olddir.fd = -1;
	if (split_out(s, err) == -1)
		goto fail;
	if ((s->parentfd = open(s->parent, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		fail(err, s, "cannot open", s->parent);
		goto fail;
	}
	if (lock_parent(s, timeout, err) == -1)
		goto fail;
	rm_leftovers(s);
	if (check_out(s, err) == -1)
		goto fail;
	if (asprintf(&s->tmp, "%s/.%s" TMP_INFIX "XXXXXX", s->parent,
	    s->base) == -1) {
		s->tmp = NULL;
		err_set(err, ERR_NOMEM, "publish: out of memory");
		goto fail;
	}
	if (mkdtemp(s->tmp) == NULL) {
		fail(err, s, "cannot make a directory beside it", NULL);
		free(s->tmp);
		s->tmp = NULL;
		goto fail;
	}
	mask = umask(0);
	umask(mask);
	/* mkdtemp makes it 0700; a web server must read the site. */
	if ((s->tmpfd = open(s->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || fchmod(s->tmpfd, 0777 & ~mask) == -1) {
		fail(err, s, "cannot open", s->tmp);
		goto fail;
	}
	return s;
 fail:
	site_free(s);
	return NULL;
}

/* Whether path is made of names we write: no "..", no dot files. */
static int
path_ok(const char *path)
{
	const char *p;
	int start = 1;

	if (*path == '\0' || strlen(path) >= sizeof(((struct dircache *)0)->
	    path))
		return 0;
	for (p = path; *p != '\0'; p++) {
		if (start && (*p == '.' || *p == '/'))
			return 0;
		start = *p == '/';
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && strchr("./-_", *p) == NULL)
			return 0;
	}
	return !start;
}

/*
 * The directory of path under root, made when create (0777 less the
 * umask), reached without following a symlink; dc caches the last one.
 * The fd (dc's), or -1.
 */
static int
dir_of(int root, const char *path, int create, struct dircache *dc)
{
	char dir[sizeof(dc->path)], *p, *name, *slash;
	int fd, next;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		return root;
	*slash = '\0';
	if (dc->fd != -1 && strcmp(dc->path, dir) == 0)
		return dc->fd;
	if (dc->fd != -1)
		close(dc->fd);
	dc->fd = -1;
	if ((fd = dup(root)) == -1)
		return -1;
	for (name = dir; name != NULL; name = p) {
		if ((p = strchr(name, '/')) != NULL)
			*p++ = '\0';
		if (create && mkdirat(fd, name, 0777) == -1 && errno != EEXIST)
			next = -1;
		else
			next = openat(fd, name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		if ((fd = next) == -1)
			return -1;
		if (p != NULL)
			p[-1] = '/';
	}
	snprintf(dc->path, sizeof(dc->path), "%s", dir);
	return dc->fd = fd;
}

/*
 * Whether the old site holds exactly these bytes as path: link it. The
 * file read is the file linked (by its descriptor, through /proc): one
 * put in its place after the read is never taken. Without /proc the
 * bytes are written afresh.
 */
static int
link_same(struct site *s, const char *path, const char *base, int newfd,
    const char *buf, size_t len)
{
	char chunk[65536], self[64];
	struct stat sb;
	size_t at = 0;
	ssize_t n;
	int ofd, fd, same = 0;

	if (s->oldfd == -1 || (ofd = dir_of(s->oldfd, path, 0, &s->olddir)) ==
	    -1)
		return 0;
	/* Non-blocking: a FIFO put in the old site is no file to wait on. */
	if ((fd = openat(ofd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return 0;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (size_t)sb.st_size == len) {
		same = 1;
		while (same && at < len && (n = read(fd, chunk, sizeof(chunk)))
		    > 0) {
			same = (size_t)n <= len - at &&
			    memcmp(chunk, buf + at, (size_t)n) == 0;
			at += (size_t)n;
		}
		same = same && at == len;
	}
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	same = same && linkat(AT_FDCWD, self, newfd, base, AT_SYMLINK_FOLLOW) ==
	    0;
	close(fd);
	return same;
}

int
site_put(struct site *s, const char *path, const char *buf, size_t len,
    int reuse, struct err *err)
{
	const char *base;
	ssize_t n;
	int dfd, fd;

	if (!path_ok(path)) {
		err_set(err, ERR_IO, "publish %s: '%.80s' cannot name a "
		    "file of the site", s->out, path);
		return -1;
	}
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if ((dfd = dir_of(s->tmpfd, path, 1, &s->newdir)) == -1)
		return fail(err, s, "cannot make the directory of", path);
	if (reuse && link_same(s, path, base, dfd, buf, len)) {
		s->linked++;
		return 0;
	}
	if ((fd = openat(dfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666)) == -1)
		return fail(err, s, "cannot write", path);
	for (; len > 0; buf += n, len -= (size_t)n)
		if ((n = write(fd, buf, len)) <= 0) {
			if (n == 0)
				errno = ENOSPC;
			close(fd);
			return fail(err, s, "cannot write", path);
		}
	if (close(fd) == -1)
		return fail(err, s, "cannot write", path);
	s->written++;
	return 0;
}

/* The two renames where the file system cannot exchange two names. */
static int
swap_by_renames(struct site *s, const char *tmpbase, struct err *err)
{
	char old[300];

	snprintf(old, sizeof(old), ".%s" TMP_INFIX "old", s->base);
	if (renameat(s->parentfd, s->base, s->parentfd, old) == -1)
		return fail(err, s, "cannot swap in the new site", NULL);
	if (renameat(s->parentfd, tmpbase, s->parentfd, s->base) == -1) {
		fail(err, s, "cannot swap in the new site", NULL);
		/* The old site goes back where it was. */
		renameat(s->parentfd, old, s->parentfd, s->base);
		return -1;
	}
	/*
	 * The old site where site_commit removes it; if that fails, its
	 * name is a leftover's, which the next publish removes.
	 */
	(void)renameat(s->parentfd, old, s->parentfd, tmpbase);
	return 0;
}

int
site_commit(struct site *s, struct err *err)
{
	const char *tmpbase = strrchr(s->tmp, '/') + 1;

	/* One sync for every file written: fsync each would take seconds. */
	fault_point("publish.sync");
	if (syncfs(s->tmpfd) == -1)
		return fail(err, s, "cannot sync the new site", NULL);
	fault_point("publish.swap");
	if (s->oldfd == -1) {
		if (renameat(s->parentfd, tmpbase, s->parentfd, s->base) == -1)
			return fail(err, s, "cannot move the new site into "
			    "place", NULL);
	} else if (renameat2(s->parentfd, tmpbase, s->parentfd, s->base,
	    RENAME_EXCHANGE) == -1) {
		if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
			return fail(err, s, "cannot swap in the new site",
			    NULL);
		if (swap_by_renames(s, tmpbase, err) == -1)
			return -1;
	}
	/* In place: the temporary name is now the old site's, or nothing. */
	fault_point("publish.swapped");
	s->committed = 1;
	if (s->oldfd != -1)
		rm_beside(s, tmpbase);
	if (fsync(s->parentfd) == -1)
		return fail(err, s, "the site is in place, but cannot sync",
		    s->parent);
	return 0;
}

void
site_counts(const struct site *s, size_t *written, size_t *linked)
{
	*written = s->written;
	*linked = s->linked;
}

void
site_free(struct site *s)
{
	if (s == NULL)
		return;
	if (s->tmp != NULL && !s->committed && s->parentfd != -1)
		rm_beside(s, strrchr(s->tmp, '/') + 1);
	if (s->newdir.fd != -1)
		close(s->newdir.fd);
	if (s->olddir.fd != -1)
		close(s->olddir.fd);
	if (s->tmpfd != -1)
		close(s->tmpfd);
	if (s->oldfd != -1)
		close(s->oldfd);
	if (s->parentfd != -1)
		close(s->parentfd);	/* releases the lock */
	free(s->tmp);
	free(s->parent);
	free(s->base);
	free(s->out);
	free(s);
}
