/*
 * Putting a file of the site: kept as the spare holds it, linked from the
 * published site, or written. A file is kept or linked only when its
 * bytes are known to be the ones to put: read and compared, or signed
 * (sigs.h) when publish last made it and its stat unchanged since.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "siteimpl.h"
#include "../util/regfile.h"

#define LINK_TMP	".link"		/* no name of the site starts with '.' */
#define WRITE_TMP	".write"

/* A file's bytes, with their digest made when first asked for. */
struct bytes {
	const char	*buf;
	size_t		 len;
	char		 hex[SHA256_HEXLEN];
};

static const char *
digest(struct bytes *b)
{
	if (b->hex[0] == '\0' && sha256_hex(b->buf, b->len, b->hex) == NULL)
		return "";
	return b->hex;
}

/* Whether g signs bytes b (size first: a digest only when it could). */
static int
signs(const struct site_sig *g, struct bytes *b)
{
	return g != NULL && (size_t)g->size == b->len &&
	    strcmp(g->digest, digest(b)) == 0;
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

int
site_dir_of(int root, const char *path, int create, struct dircache *dc)
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
		/* A file (or symlink) where the spare needs a directory. */
		if (next == -1 && create && (errno == ENOTDIR ||
		    errno == ELOOP) && unlinkat(fd, name, 0) == 0 &&
		    mkdirat(fd, name, 0777) == 0)
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

/* Rename from over dfd's base, a directory the spare has there removed. */
static int
rename_over(int dfd, const char *from, const char *base)
{
	struct stat sb;

	if (renameat(dfd, from, dfd, base) == 0)
		return 0;
	if ((errno != EISDIR && errno != ENOTEMPTY && errno != EEXIST) ||
	    fstat(dfd, &sb) == -1 || site_rm_at(dfd, base, sb.st_dev) == -1)
		return -1;
	return renameat(dfd, from, dfd, base);
}

/*
 * Whether the spare holds path as signed, bytes b: kept (1), 0 if not,
 * -1 on memory.
 */
static int
kept(struct site *s, const char *path, const char *base, int dfd,
    struct bytes *b)
{
	const struct site_sig *g;
	struct stat sb;

	if (!s->in_spare || !signs(g = sigs_find(&s->prev, path), b) ||
	    fstatat(dfd, base, &sb, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !sigs_match(g, &sb))
		return 0;
	return sigs_set(&s->made, path, &sb, digest(b)) == -1 ? -1 : 1;
}

/*
 * The old site's file base of ofd, opened, if it holds exactly bytes b
 * (read and compared); else -1. Non-blocking: a FIFO put in the old site
 * is no file to wait on.
 */
static int
same_bytes(int ofd, const char *base, const struct bytes *b)
{
	char chunk[65536];
	struct stat sb;
	size_t at = 0;
	ssize_t n;
	int fd, same = 0;

	if ((fd = regfile_open(ofd, base, &sb)) < 0)
		return -1;
	if ((size_t)sb.st_size == b->len) {
		same = 1;
		while (same && at < b->len &&
		    (n = read(fd, chunk, sizeof(chunk))) > 0) {
			same = (size_t)n <= b->len - at &&
			    memcmp(chunk, b->buf + at, (size_t)n) == 0;
			at += (size_t)n;
		}
		same = same && at == b->len;
	}
	if (!same) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Link from (by descriptor when fd is not -1, else ofd's base) as dfd's
 * base, over what the spare has there; 0 with *sb the file linked if it
 * is inode ino, else -1 (nothing left).
 */
static int
link_as(int fd, int ofd, const char *base, int dfd, ino_t ino,
    struct stat *sb)
{
	char self[64];
	int rc;

	(void)unlinkat(dfd, LINK_TMP, 0);
	if (fd != -1) {
		snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
		rc = linkat(AT_FDCWD, self, dfd, LINK_TMP, AT_SYMLINK_FOLLOW);
	} else
		rc = linkat(ofd, base, dfd, LINK_TMP, 0);
	/* The inode checked is the one linked: none put there since. */
	if (rc == -1 || fstatat(dfd, LINK_TMP, sb, AT_SYMLINK_NOFOLLOW) == -1 ||
	    sb->st_ino != ino || rename_over(dfd, LINK_TMP, base) == -1 ||
	    fstatat(dfd, base, sb, AT_SYMLINK_NOFOLLOW) == -1) {
		(void)unlinkat(dfd, LINK_TMP, 0);
		return -1;
	}
	return 0;
}

/*
 * Whether the old site holds path as bytes b, signed or read: linked in
 * (1), 0 if not, -1 on memory. Both sites' signatures are then the
 * inode's, whose change time the link moved.
 */
static int
from_old(struct site *s, const char *path, const char *base, int dfd,
    struct bytes *b)
{
	const struct site_sig *g;
	struct stat sb;
	int ofd, fd = -1, rc;

	if (s->oldfd == -1 || (ofd = site_dir_of(s->oldfd, path, 0,
	    &s->olddir)) == -1)
		return 0;
	if (!signs(g = sigs_find(&s->old, path), b) ||
	    fstatat(ofd, base, &sb, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !sigs_match(g, &sb)) {
		if ((fd = same_bytes(ofd, base, b)) == -1 || fstat(fd, &sb) ==
		    -1) {
			if (fd != -1)
				close(fd);
			return 0;
		}
	}
	rc = link_as(fd, ofd, base, dfd, sb.st_ino, &sb);
	if (fd != -1)
		close(fd);
	if (rc == -1)
		return 0;
	if (s->st != NULL && (sigs_set(&s->made, path, &sb, digest(b)) == -1 ||
	    sigs_set(&s->old, path, &sb, digest(b)) == -1))
		return -1;
	return 1;
}

/* Bytes b written as dfd's base (over the spare's); 0, or -1 with errno. */
static int
write_as(struct site *s, int dfd, const char *base, const struct bytes *b)
{
	const char *name = s->in_spare ? WRITE_TMP : base;
	const char *p = b->buf;
	size_t len = b->len;
	ssize_t n;
	int fd;

	if (s->in_spare)
		(void)unlinkat(dfd, WRITE_TMP, 0);
	if ((fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666)) == -1)
		return -1;
	for (; len > 0; p += n, len -= (size_t)n)
		if ((n = write(fd, p, len)) <= 0) {
			if (n == 0)
				errno = ENOSPC;
			close(fd);
			return -1;
		}
	if (close(fd) == -1)
		return -1;
	return s->in_spare ? rename_over(dfd, WRITE_TMP, base) : 0;
}

int
site_put(struct site *s, const char *path, const char *buf, size_t len,
    struct err *err)
{
	struct bytes b = { buf, len, "" };
	const char *base;
	struct stat sb;
	int dfd, rc;

	if (!path_ok(path)) {
		err_set(err, ERR_IO, "publish %s: '%.80s' cannot name a "
		    "file of the site", s->out, path);
		return -1;
	}
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if ((dfd = site_dir_of(s->tmpfd, path, 1, &s->newdir)) == -1)
		return site_fail(err, s, "cannot make the directory of", path);
	rc = 0;
	if (s->reuse && ((rc = kept(s, path, base, dfd, &b)) == 0))
		rc = from_old(s, path, base, dfd, &b);
	if (rc == -1)
		return err_nomem(err, "publish");
	if (rc == 1) {
		s->linked++;
		return 0;
	}
	if (write_as(s, dfd, base, &b) == -1)
		return site_fail(err, s, "cannot write", path);
	s->written++;
	if (s->st != NULL && (fstatat(dfd, base, &sb, AT_SYMLINK_NOFOLLOW) ==
	    -1 || sigs_set(&s->made, path, &sb, digest(&b)) == -1))
		return err_nomem(err, "publish");
	return 0;
}
