/*
 * The health of the nightly job: every run's outcome, kept beside the
 * repository (GITDIR/mcwatch-status.json, never in a snapshot), so that
 * "Mimecast changed nothing" and "the job stopped running" can be told
 * apart from the state alone.
 */
#ifndef MCWATCH_HEALTH_H
#define MCWATCH_HEALTH_H

#include <time.h>

#include "../errors/err.h"
#include "../snapshots/store.h"

#define HEALTH_FILE	"mcwatch-status.json"

struct health {
	time_t	last_check;		/* the last run, whatever it did */
	char	last_result[32];	/* "unchanged", "changed", ... */
	char	last_message[512];
	time_t	last_success;		/* the last run that read the page */
	time_t	last_change;
	char	last_snapshot[41];
	time_t	last_failure;
	char	failure_result[32];
	char	failure_message[512];
	int	failures;		/* runs in a row that failed */
	int	pending;		/* notifications not delivered */
	char	last_hook[512];		/* what the hook last did, or "" */
	char	spf_warning[512];	/* the last run's SPF warning, or "" */
	int	unreadable;		/* the state did not parse */
};

/* What a run did, as its health tells it. */
struct health_event {
	const char	*result;	/* "unchanged", "changed", ... */
	const char	*message;	/* what failed, or "" */
	int		 ok;		/* the page was read */
	const char	*snapshot;	/* the change recorded, or NULL */
	int		 pending;	/* notifications not delivered */
	const char	*hook;		/* what the hook did, or "" */
	const char	*spf;		/* SPF warnings, "" for none; NULL
					   when not checked */
};

/*
 * Record run e in the state of repository st (open and locked by the
 * run). 0, or -1 with err.
 */
int	health_record(struct store *st, const struct health_event *e,
	    struct err *err);
/* Read the repository's state into h; 0, 1 if none yet, -1 with err. */
int	health_read(const char *repo, struct health *h, struct err *err);
/* The same, of a repository already open. */
int	health_get(struct store *st, struct health *h, struct err *err);

#endif
