/* Removing what a site tree holds and is not wanted, by descriptor. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "siteimpl.h"

#define RM_DEPTH	16	/* a site is lists/FORMAT/CODE/FILE deep */

static int
rm_depth(int dfd, const char *name, dev_t dev, int depth)
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
		/* The entry's type: no stat, and a file is one unlink. */
		if (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN ||
		    unlinkat(fd, e->d_name, 0) == -1)
			rc |= rm_depth(fd, e->d_name, dev, depth + 1);
	}
	closedir(d);
	return unlinkat(dfd, name, AT_REMOVEDIR) == -1 ? -1 : rc;
}

int
site_rm_at(int dfd, const char *name, dev_t dev)
{
	return rm_depth(dfd, name, dev, 0);
}

/* site_prune below directory fd, reached as prefix ("" or "a/b/"). */
static int
prune_dir(int fd, const char *prefix, const struct site_sigs *made,
    dev_t dev, int depth)
{
	char rel[512];
	struct dirent *e;
	struct stat sb;
	DIR *d;
	int sub, rc = 0, dfd;

	if ((dfd = dup(fd)) == -1 || (d = fdopendir(dfd)) == NULL) {
		if (dfd != -1)
			close(dfd);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (snprintf(rel, sizeof(rel), "%s%s", prefix, e->d_name) >=
		    (int)sizeof(rel) - 1 || depth >= RM_DEPTH) {
			rc |= site_rm_at(fd, e->d_name, dev);
			continue;
		}
		if (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN) {
			if (sigs_find(made, rel) == NULL)
				rc |= unlinkat(fd, e->d_name, 0);
			continue;
		}
		if ((sub = openat(fd, e->d_name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC)) == -1) {
			/* Not a directory after all (DT_UNKNOWN). */
			if (sigs_find(made, rel) == NULL)
				rc |= site_rm_at(fd, e->d_name, dev);
			continue;
		}
		/* Another file system mounted inside is not entered. */
		if (fstat(sub, &sb) == -1 || sb.st_dev != dev) {
			close(sub);
			continue;
		}
		strcat(rel, "/");
		rc |= prune_dir(sub, rel, made, dev, depth + 1);
		close(sub);
		/* Empty now, or it holds what is wanted: ENOTEMPTY. */
		if (unlinkat(fd, e->d_name, AT_REMOVEDIR) == -1 &&
		    errno != ENOTEMPTY && errno != EEXIST)
			rc = -1;
	}
	closedir(d);
	return rc;
}

int
site_prune(int fd, const struct site_sigs *made)
{
	struct stat sb;

	if (fstat(fd, &sb) == -1)
		return -1;
	return prune_dir(fd, "", made, sb.st_dev, 0);
}
