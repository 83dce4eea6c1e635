/* Keeping the last few rejected pages for a person to look at. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "rejected.h"
#include "../faults/clock.h"

#define SEQ_MAX		999999	/* pages one second can keep apart */

static int
name_qcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The kept pages' names, sorted: oldest first, since a name starts with
 * its time and a counter for pages of the same second. NULL on memory.
 */
static char **
kept_names(int dfd, size_t *n)
{
	char **v = NULL, **p;
	struct dirent *de;
	size_t cap = 0, l;
	DIR *d;
	int fd;

	*n = 0;
	if ((fd = dup(dfd)) == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return calloc(1, sizeof(*v));
	}
	/* The duplicate shares dfd's offset: a second listing starts over. */
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		l = strlen(de->d_name);
		if (l < 6 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + l - 5, ".html") != 0)
			continue;
		if (*n + 1 >= cap) {
			cap = cap * 2 + 16;
			if ((p = reallocarray(v, cap, sizeof(*v))) == NULL)
				break;
			v = p;
		}
		if ((v[*n] = strdup(de->d_name)) != NULL)
			(*n)++;
	}
	closedir(d);
	if (v == NULL)
		return calloc(1, sizeof(*v));
	qsort(v, *n, sizeof(*v), name_qcmp);
	return v;
}

/* Remove all but the newest REJECTED_KEEP pages and their reasons. */
static void
prune(int dfd, char **names, size_t n)
{
	char txt[300];
	size_t i, l;

	for (i = 0; i + REJECTED_KEEP < n; i++) {
		unlinkat(dfd, names[i], 0);
		l = strlen(names[i]);
		snprintf(txt, sizeof(txt), "%.*s.txt", (int)(l - 5), names[i]);
		unlinkat(dfd, txt, 0);
	}
}

/* The counter after the last kept page of the same second "when". */
static unsigned
next_seq(char **names, size_t n, const char *when)
{
	size_t i, wl = strlen(when);
	unsigned seq = 0, s;

	for (i = 0; i < n; i++)
		if (strncmp(names[i], when, wl) == 0 && names[i][wl] == '-' &&
		    sscanf(names[i] + wl + 1, "%6u", &s) == 1 && s >= seq)
			seq = s + 1;
	return seq;
}

/* Open GITDIR/mcwatch-rejected, made if need be, never through a link. */
static int
open_dir(struct store *st)
{
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s%s", st->gitdir, REJECTED_DIR);
	if (mkdir(dir, 0755) == -1 && errno != EEXIST)
		return -1;
	return open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

int
rejected_save(struct store *st, const char *page, size_t len,
    const char *sha256, const char *reason, char *path, struct err *err)
{
	char when[32], name[256], txt[256], **names = NULL;
	struct tm tm;
	time_t now = clock_now();
	size_t n = 0, i;
	unsigned seq;
	int dfd, rc = -1;

	if ((dfd = open_dir(st)) == -1 || (names = kept_names(dfd, &n)) ==
	    NULL) {
		err_set(err, ERR_REPO, "repo %s: cannot keep the rejected "
		    "page in %s%s: %s", st->dir, st->gitdir, REJECTED_DIR,
		    strerror(errno));
		goto cleanup;
	}
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm);
	if ((seq = next_seq(names, n, when)) > SEQ_MAX)
		seq = SEQ_MAX;
	snprintf(name, sizeof(name), "%s-%06u-%.12s.html", when, seq, sha256);
	snprintf(txt, sizeof(txt), "%s-%06u-%.12s.txt", when, seq, sha256);
	/* The reason first: a page is never kept without it. */
	if (store_write_at(dfd, txt, reason, strlen(reason)) == -1 ||
	    store_write_at(dfd, name, page, len) == -1) {
		err_set(err, ERR_REPO, "repo %s: cannot keep the rejected "
		    "page: %s", st->dir, strerror(errno));
		unlinkat(dfd, txt, 0);
		goto cleanup;
	}
	snprintf(path, 4096, "%s%s/%s", st->gitdir, REJECTED_DIR, name);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if ((names = kept_names(dfd, &n)) != NULL)
		prune(dfd, names, n);
	rc = 0;
 cleanup:
	for (i = 0; names != NULL && i < n; i++)
		free(names[i]);
	free(names);
	if (dfd != -1)
		close(dfd);
	return rc;
}
