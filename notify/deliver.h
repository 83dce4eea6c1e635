/*
 * Delivering after a run: every channel hears, once, of every snapshot
 * it has not heard of (a failed delivery is retried by the next run, as
 * one delayed message), and of a broken scrape once when it starts and
 * once when it ends.
 */
#ifndef MCWATCH_DELIVER_H
#define MCWATCH_DELIVER_H

#include <time.h>

#include "notify.h"

/* What the run that just ended did. */
struct notify_run {
	const char	*problem;	/* what broke (rejected, fetch), or NULL */
	const char	*from;		/* its change: the previous snapshot */
	const char	*to;		/* and the new one; NULL if none */
	const char	*source;	/* the page's URL */
	int		 lock_timeout;
};

/*
 * Notify the channels of cfg of what they have not heard, for the
 * repository at repo. Failures are told to warn. The number of channels
 * left with a pending notification; -1 with err when the repository or
 * the state cannot be used.
 */
int	notify_deliver(const char *, const struct notify_config *,
	    const struct notify_run *, void (*)(const char *), char *);
/* Send a test message to every channel, each result told to say. */
int	notify_test(const struct notify_config *, void (*)(const char *));

#endif
