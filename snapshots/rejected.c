/* Keeping the last few rejected pages for a person to look at. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rejected.h"

static int
write_file(const char *path, const char *buf, size_t len)
{
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	if (fwrite(buf, 1, len, fp) != len) {
		fclose(fp);
		return -1;
	}
	return fclose(fp) == EOF ? -1 : 0;
}

static int
name_qcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remove all but the newest REJECTED_KEEP pages (names sort by time). */
static void
prune(const char *dir)
{
	char *names[256], path[4096];
	struct dirent *de;
	size_t n = 0, i;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && n < 256) {
		size_t l = strlen(de->d_name);

		if (l > 5 && strcmp(de->d_name + l - 5, ".html") == 0 &&
		    (names[n] = strdup(de->d_name)) != NULL)
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_qcmp);
	for (i = 0; i < n; i++) {
		if (i + REJECTED_KEEP < n) {
			if ((size_t)snprintf(path, sizeof(path), "%.3000s/%s",
			    dir, names[i]) < sizeof(path)) {
				unlink(path);
				strcpy(path + strlen(path) - 5, ".txt");
				unlink(path);
			}
		}
		free(names[i]);
	}
}

int
rejected_save(struct store *st, const char *page, size_t len,
    const char *sha256, const char *reason, char *path, char *err)
{
	char dir[4096], when[32];
	struct tm tm;
	time_t now = time(NULL);
	size_t n;

	snprintf(dir, sizeof(dir), "%s%s", st->gitdir, REJECTED_DIR);
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		snprintf(err, STORE_ERRMAX, "repo %s: cannot keep the rejected "
		    "page: %s", st->dir, strerror(errno));
		return -1;
	}
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm);
	n = (size_t)snprintf(path, 4096, "%s/%s-%.12s.html", dir, when,
	    sha256);
	if (n >= 4096 || write_file(path, page, len) == -1) {
		snprintf(err, STORE_ERRMAX, "repo %s: cannot keep the rejected "
		    "page: %s", st->dir, strerror(errno));
		return -1;
	}
	strcpy(path + n - 5, ".txt");
	write_file(path, reason, strlen(reason));
	strcpy(path + n - 4, "html");
	prune(dir);
	return 0;
}
