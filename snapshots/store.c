/* Opening, creating and locking the snapshot repository. */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

#define LOCKNAME	"mcwatch.lock"

/* Git's own lock files, left behind when a run is killed mid-write. */
static const char *const gitlocks[] = {
	"HEAD.lock", "index.lock", "packed-refs.lock", "config.lock",
};

int
store_giterr(const struct store *st, const char *what, char *err)
{
	const git_error *e = git_error_last();

	snprintf(err, STORE_ERRMAX, "repo %s: %s: %s", st->dir, what,
	    e != NULL && e->message != NULL ? e->message : "unknown error");
	return -1;
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
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

struct store *
store_open(const char *dir, int create, char *err)
{
	git_repository_init_options io;
	struct store *st;
	int rc;

	if ((st = calloc(1, sizeof(*st))) == NULL ||
	    (st->dir = strdup(dir)) == NULL) {
		snprintf(err, STORE_ERRMAX, "repo %s: out of memory", dir);
		free(st);
		return NULL;
	}
	st->lockfd = -1;
	/* A run killed mid-write must leave objects and refs on disk. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	if (create && store_is_new(dir)) {
		git_repository_init_options_init(&io,
		    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		io.flags = GIT_REPOSITORY_INIT_MKPATH;
		io.initial_head = "main";
		rc = git_repository_init_ext(&st->repo, dir, &io);
		if (rc < 0) {
			store_giterr(st, "cannot create", err);
			goto fail;
		}
	} else if (git_repository_open_ext(&st->repo, dir,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		store_giterr(st, "cannot open as a git repository", err);
		goto fail;
	}
	if ((st->gitdir = strdup(git_repository_path(st->repo))) == NULL) {
		snprintf(err, STORE_ERRMAX, "repo %s: out of memory", dir);
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
store_lock(struct store *st, int timeout, store_warn_fn warn, char *err)
{
	git_reference *head = NULL;
	char path[4096], rel[4096];
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	time_t deadline = time(NULL) + timeout;
	const char *target;
	size_t i;

	snprintf(path, sizeof(path), "%s%s", st->gitdir, LOCKNAME);
	if ((st->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) ==
	    -1) {
		snprintf(err, STORE_ERRMAX, "repo %s: cannot lock: %s",
		    st->dir, strerror(errno));
		return -1;
	}
	/* flock dies with its process: a killed run never holds it. */
	while (flock(st->lockfd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			snprintf(err, STORE_ERRMAX, "repo %s: cannot lock: %s",
			    st->dir, strerror(errno));
			goto fail;
		}
		if (time(NULL) >= deadline) {
			snprintf(err, STORE_ERRMAX, "repo %s: busy: another "
			    "mcwatch run has held its lock for %d s", st->dir,
			    timeout);
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
