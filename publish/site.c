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

#include "siteimpl.h"
#include "../faults/fault.h"
#include "../util/regfile.h"

#define MARK_MAX	65536	/* a version.json is a few hundred bytes */

int
site_fail(struct err *err, const struct site *s, const char *what,
    const char *name)
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
			return site_fail(err, s, "cannot lock", s->parent);
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

/* Remove name beside the site (a temporary or old site) and all of it. */
static void
rm_beside(struct site *s, const char *name)
{
	struct stat sb;

	if (fstat(s->parentfd, &sb) == 0)
		(void)site_rm_at(s->parentfd, name, sb.st_dev);
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
	struct stat sb;
	json_t *o;
	ssize_t n;
	int mfd, ours;

	/* A FIFO planted as the mark is not waited on. */
	if ((mfd = regfile_open(fd, SITE_MARK, &sb)) < 0)
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
		return errno == ENOENT ? 0 : site_fail(err, s, "cannot read", NULL);
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
		return site_fail(err, s, "cannot open", NULL);
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

/* Whether t is the directory sb is. */
static int
same_tree(const struct site_sigs *t, const struct stat *sb)
{
	return t->ino != 0 && t->dev == sb->st_dev && t->ino == sb->st_ino;
}

/*
 * The signatures st keeps of the published site and of the spare, each
 * known by its directory's device and inode. 0, or -1 on memory.
 */
static int
load_sigs(struct site *s)
{
	struct site_sigs t[2];
	struct stat old, spare;
	size_t i;
	int has_old, has_spare;

	if (sigs_load(s->st, t) == -1)
		return -1;
	has_old = s->oldfd != -1 && fstat(s->oldfd, &old) == 0;
	has_spare = fstatat(s->parentfd, s->spare, &spare,
	    AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(spare.st_mode);
	for (i = 0; i < 2; i++) {
		if (has_old && same_tree(&t[i], &old) && s->old.ino == 0)
			s->old = t[i];
		else if (has_spare && same_tree(&t[i], &spare) &&
		    s->prev.ino == 0)
			s->prev = t[i];
		else
			sigs_clear(&t[i]);
	}
	return 0;
}

/*
 * Build in the spare, when it is to be used and the one the signatures
 * know: 1, else 0 (a spare that is a site mcwatch made is then removed).
 */
static int
open_spare(struct site *s, int use)
{
	struct stat sb;
	int fd;

	if ((fd = openat(s->parentfd, s->spare, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) == -1)
		return 0;
	if (use && s->oldfd != -1 && s->prev.ino != 0 && fstat(fd, &sb) == 0 &&
	    same_tree(&s->prev, &sb) && asprintf(&s->tmp, "%s/%s",
	    s->parent, s->spare) != -1) {
		s->tmpfd = fd;
		s->in_spare = 1;
		return 1;
	}
	s->tmp = NULL;
	sigs_clear(&s->prev);
	if (is_ours(fd))
		rm_beside(s, s->spare);
	close(fd);
	return 0;
}

/* A new directory beside out to build in; 0, or -1 with err. */
static int
new_build(struct site *s, struct err *err)
{
	mode_t mask;

	if (asprintf(&s->tmp, "%s/.%s" TMP_INFIX "XXXXXX", s->parent,
	    s->base) == -1) {
		s->tmp = NULL;
		return err_nomem(err, "publish");
	}
	if (mkdtemp(s->tmp) == NULL) {
		free(s->tmp);
		s->tmp = NULL;
		return site_fail(err, s, "cannot make a directory beside it",
		    NULL);
	}
	mask = umask(0);
	umask(mask);
	/* mkdtemp makes it 0700; a web server must read the site. */
	if ((s->tmpfd = open(s->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || fchmod(s->tmpfd, 0777 & ~mask) == -1)
		return site_fail(err, s, "cannot open", s->tmp);
	return 0;
}

struct site *
site_open(const char *out, int timeout, struct store *st, int reuse,
    struct err *err)
{
	struct site *s;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->out = strdup(out)) == NULL) {
		free(s);
		err_set(err, ERR_NOMEM, "publish: out of memory");
		return NULL;
	}
	s->parentfd = s->tmpfd = s->oldfd = s->newdir.fd = s->olddir.fd = -1;
	s->st = st;
	s->reuse = reuse;
	if (split_out(s, err) == -1)
		goto fail;
	if ((s->parentfd = open(s->parent, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		site_fail(err, s, "cannot open", s->parent);
		goto fail;
	}
	if (lock_parent(s, timeout, err) == -1)
		goto fail;
	rm_leftovers(s);
	if (check_out(s, err) == -1)
		goto fail;
	if (asprintf(&s->spare, ".%s" SPARE_SUFFIX, s->base) == -1) {
		s->spare = NULL;
		err_nomem(err, "publish");
		goto fail;
	}
	if (st != NULL && reuse && load_sigs(s) == -1) {
		err_nomem(err, "publish");
		goto fail;
	}
	if (!open_spare(s, st != NULL && reuse) && new_build(s, err) == -1)
		goto fail;
	return s;
 fail:
	site_free(s);
	return NULL;
}

/* The two renames where the file system cannot exchange two names. */
static int
swap_by_renames(struct site *s, const char *tmpbase, struct err *err)
{
	char old[300];

	snprintf(old, sizeof(old), ".%s" TMP_INFIX "old", s->base);
	if (renameat(s->parentfd, s->base, s->parentfd, old) == -1)
		return site_fail(err, s, "cannot swap in the new site", NULL);
	if (renameat(s->parentfd, tmpbase, s->parentfd, s->base) == -1) {
		site_fail(err, s, "cannot swap in the new site", NULL);
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

/*
 * The old site, now at tmpbase, kept as the spare (its signatures with
 * it), or removed; then the signatures of both kept for the next publish.
 * A failure to keep them costs the next publish time, never a file.
 */
static void
keep_spare(struct site *s, const char *tmpbase)
{
	struct site_sigs t[2];
	struct stat made, old;
	struct err err;

	if (s->oldfd == -1)
		return;
	if (s->st == NULL || fstat(s->oldfd, &old) == -1 ||
	    fstat(s->tmpfd, &made) == -1 || (!s->in_spare &&
	    renameat(s->parentfd, tmpbase, s->parentfd, s->spare) == -1)) {
		rm_beside(s, tmpbase);
		return;
	}
	fault_point("publish.spare");
	s->made.dev = made.st_dev;
	s->made.ino = made.st_ino;
	s->old.dev = old.st_dev;
	s->old.ino = old.st_ino;
	sigs_sort(&s->old);
	/* Views of both: theirs to free. */
	t[0] = s->made;
	t[1] = s->old;
	(void)sigs_save(s->st, t, &err);
}

int
site_commit(struct site *s, struct err *err)
{
	const char *tmpbase = strrchr(s->tmp, '/') + 1;

	sigs_sort(&s->made);
	/* The spare's files that are no longer the site's. */
	if (s->in_spare && site_prune(s->tmpfd, &s->made) == -1)
		return site_fail(err, s, "cannot clear", s->tmp);
	/* One sync for every file written: fsync each would take seconds. */
	fault_point("publish.sync");
	if (syncfs(s->tmpfd) == -1)
		return site_fail(err, s, "cannot sync the new site", NULL);
	fault_point("publish.swap");
	if (s->oldfd == -1) {
		if (renameat(s->parentfd, tmpbase, s->parentfd, s->base) == -1)
			return site_fail(err, s, "cannot move the new site "
			    "into place", NULL);
	} else if (renameat2(s->parentfd, tmpbase, s->parentfd, s->base,
	    RENAME_EXCHANGE) == -1) {
		if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
			return site_fail(err, s, "cannot swap in the new site",
			    NULL);
		if (swap_by_renames(s, tmpbase, err) == -1)
			return -1;
	}
	/* In place: the temporary name is now the old site's, or nothing. */
	fault_point("publish.swapped");
	s->committed = 1;
	keep_spare(s, tmpbase);
	if (fsync(s->parentfd) == -1)
		return site_fail(err, s, "the site is in place, but cannot "
		    "sync", s->parent);
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
	/* A spare half made over stays the spare: its files are unsigned. */
	if (s->tmp != NULL && !s->committed && !s->in_spare &&
	    s->parentfd != -1)
		rm_beside(s, strrchr(s->tmp, '/') + 1);
	sigs_clear(&s->made);
	sigs_clear(&s->old);
	sigs_clear(&s->prev);
	free(s->spare);
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
