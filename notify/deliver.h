/*
 * Delivering after a run: every channel hears, at least once, of every
 * snapshot it has not heard of (a failed delivery is retried by the next
 * run, as one delayed message; a repeat carries the same idempotency
 * key), and of a broken scrape once when it starts and once when it ends.
 */
#ifndef MCWATCH_DELIVER_H
#define MCWATCH_DELIVER_H

#include <time.h>

#include "../errors/err.h"
#include "notify.h"
#include "../records/record.h"
#include "../snapshots/snapshot.h"

/* What the run that owns the repository did, as delivery needs it. */
struct notify_run {
	const char		*problem;  /* what broke (rejected, fetch), or NULL */
	const char		*from;	/* its change: the previous snapshot, "" */
	const char		*to;	/* and the new one; NULL if none */
	const struct diff	*diff;	/* that change, in memory */
	const struct recordset	*records;  /* the new snapshot's records */
	const char		*source;   /* the page's URL */
	const char		*edited_at; /* when Mimecast last edited it */
	time_t			 date;	/* when the page was fetched */
	const struct spf_report	*spf;	/* the second source, or NULL */
};

/* What a delivery did. */
struct notify_result {
	int	pending;	/* channels left with something to hear */
	int	sent;		/* messages delivered */
	int	late;		/* of which were held back by a failure */
	char	hook[ERR_MSGMAX]; /* what the hook did, or "" */
};

/*
 * Before a run may record a change: store every channel of cfg seen for
 * the first time as having heard head (NULL: nothing yet, so it is owed
 * the baseline), in repository st (open and locked), so that a change
 * recorded next is owed to it whatever fails or is killed after. 0, or -1
 * with err.
 */
int	notify_adopt(struct store *st, const struct snapshot *head,
	    const struct notify_config *cfg, void (*warn)(const char *),
	    struct err *err);
/*
 * Notify the channels of cfg of what they have not heard, in repository
 * st (open and locked by the caller) whose latest snapshot is head (NULL
 * for none), into *res. Failures are told to warn. 0, or -1 with err
 * when the state cannot be read or saved.
 */
int	notify_deliver(struct store *st, const struct snapshot *head,
	    const struct notify_config *cfg, const struct notify_run *run,
	    void (*warn)(const char *), struct notify_result *res,
	    struct err *err);
/* Send a test message to every channel, each result told to say. */
int	notify_test(const struct notify_config *cfg,
	    void (*say)(const char *));

#endif
