/*
 * The hook: a command of the configuration's (never of the page's), run
 * after a change is recorded and reported, as a channel of its own, so
 * that a hook that fails is retried by the next run, as a failed delivery
 * is. It runs as /bin/sh -c COMMAND in the repository, with what changed
 * in its environment only (no page text in its arguments), bounded by
 * hook.timeout; its output is kept, bounded, for the run's outcome.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "notify.h"
#include "../util/safe.h"

extern char **environ;

#define HOOK_OUTMAX	4096	/* bytes of its output kept */

#define HOOK_NENV	5	/* the MCWATCH_* variables, first */

/*
 * The environment of the hook: MCWATCH_KIND, _FROM, _TO, _REGIONS and
 * _REPO first (getenv finds them before any inherited one), then ours.
 * NULL on memory.
 */
static char **
hook_env(const struct notify_config *cfg, const struct notice *n)
{
	const char *kind = n->kind == NOTICE_BASELINE ? "baseline" : "change";
	char repo[4096];
	size_t ne, i;
	char **env;

	/* It runs in the repository: the path it is given is absolute. */
	if (cfg->repo == NULL || realpath(cfg->repo, repo) == NULL)
		snprintf(repo, sizeof(repo), "%s", cfg->repo ? cfg->repo : "");
	for (ne = 0; environ[ne] != NULL; ne++)
		;
	if ((env = calloc(ne + HOOK_NENV + 1, sizeof(*env))) == NULL)
		return NULL;
	if (asprintf(&env[0], "MCWATCH_KIND=%s", kind) == -1 ||
	    asprintf(&env[1], "MCWATCH_FROM=%s", n->from) == -1 ||
	    asprintf(&env[2], "MCWATCH_TO=%s", n->snapshot) == -1 ||
	    asprintf(&env[3], "MCWATCH_REGIONS=%s",
	    n->regions != NULL ? n->regions : "") == -1 ||
	    asprintf(&env[4], "MCWATCH_REPO=%s", repo) == -1) {
		for (i = 0; i < HOOK_NENV; i++)
			free(env[i]);
		free(env);
		return NULL;
	}
	for (i = 0; i < ne; i++)
		env[HOOK_NENV + i] = environ[i];
	return env;
}

static void
hook_env_free(char **env)
{
	size_t i;

	for (i = 0; i < HOOK_NENV; i++)
		free(env[i]);
	free(env);
}

/* Seconds since some fixed point, for the deadline. */
static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Read the child's output from fd until it closes or the deadline; the
 * first HOOK_OUTMAX bytes into out. 0, or -1 at the deadline.
 */
static int
hook_read(int fd, double deadline, char *out, size_t *len)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	char buf[4096];
	double left;
	ssize_t n;

	for (;;) {
		if ((left = deadline - mono()) <= 0)
			return -1;
		if (poll(&pfd, 1, (int)(left * 1000) + 1) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd.revents == 0)
			continue;
		if ((n = read(fd, buf, sizeof(buf))) == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		if (*len < HOOK_OUTMAX - 1) {
			size_t k = (size_t)n < HOOK_OUTMAX - 1 - *len ?
			    (size_t)n : HOOK_OUTMAX - 1 - *len;

			memcpy(out + *len, buf, k);
			*len += k;
		}
	}
}

/* Start the hook, its output on a pipe; the pid, or -1 with err. */
static pid_t
hook_spawn(const struct notify_config *cfg, const struct channel *ch,
    char **env, int *rfd, struct err *err)
{
	char *argv[] = { "/bin/sh", "-c", (char *)ch->target, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int p[2], rc;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) == -1) {
		err_set(err, ERR_NOTIFY, "hook: cannot make a pipe: %s",
		    strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	if (cfg->repo != NULL)
		posix_spawn_file_actions_addchdir_np(&fa, cfg->repo);
	posix_spawnattr_init(&at);
	/* A group of its own: a timeout kills whatever it started. */
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	rc = posix_spawn(&pid, argv[0], &fa, &at, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		err_set(err, ERR_NOTIFY, "hook: cannot run /bin/sh: %s",
		    strerror(rc));
		return -1;
	}
	*rfd = p[0];
	return pid;
}

/* What the hook said, one line, control characters as '?'. */
static void
hook_said(char *out, size_t len)
{
	out[len] = '\0';
	while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	safe_unctrl(out);
}

int
hook_send(const struct notify_config *cfg, const struct channel *ch,
    const struct notice *n, struct err *err)
{
	char out[HOOK_OUTMAX], **env;
	size_t len = 0;
	int fd = -1, st, timed_out;
	pid_t pid;

	/* A hook acts on changes: a broken scrape is no work for it. */
	if (n->kind != NOTICE_CHANGE && n->kind != NOTICE_BASELINE)
		return 0;
	if ((env = hook_env(cfg, n)) == NULL) {
		err_set(err, ERR_NOMEM, "hook: out of memory");
		return -1;
	}
	pid = hook_spawn(cfg, ch, env, &fd, err);
	hook_env_free(env);
	if (pid == -1)
		return -1;
	timed_out = hook_read(fd, mono() + (double)cfg->hook_timeout, out,
	    &len) == -1;
	close(fd);
	if (timed_out)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	hook_said(out, len);
	if (timed_out)
		err_set(err, ERR_NOTIFY, "hook: killed after %ld s "
		    "(hook.timeout)%s%.800s", cfg->hook_timeout, len ? ": " : "",
		    out);
	else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		err_set(err, ERR_NOTIFY, "hook: %s %d%s%.800s",
		    WIFEXITED(st) ? "exit status" : "killed by signal",
		    WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st),
		    len ? ": " : "", out);
	else {
		/* What it said goes back to the run's outcome. */
		err_set(err, ERR_NOTIFY, "hook: exit status 0%s%.800s",
		    len ? ": " : "", out);
		return 0;
	}
	return -1;
}
