/*
 * The delivery state machine, apart from sending and storing: what a
 * channel is told next, from what it has heard and what the run did.
 *
 *   new ──adopt──▶ heard(previous) when this run recorded a change,
 *                  heard(latest) otherwise ("from now on")
 *   heard(X) ──X is latest──▶ nothing to send
 *   heard("") ──▶ a baseline of the latest snapshot
 *   heard(X) ──▶ the changes X..latest; fresh when X..latest is this
 *                run's change, delayed otherwise
 *   heard(X), X not in the history ──reset──▶ as adopt, told
 *   sent ──▶ heard(latest); failed ──▶ unchanged (the next run retries)
 */
#ifndef MCWATCH_PLAN_H
#define MCWATCH_PLAN_H

#include "deliver.h"
#include "state.h"

enum plan_step {
	PLAN_NOTHING,		/* heard everything */
	PLAN_BASELINE,		/* what the latest snapshot tracks */
	PLAN_CHANGE		/* the changes from plan.from to the latest */
};

struct plan {
	enum plan_step	 step;
	const char	*from;		/* PLAN_CHANGE: the snapshot heard */
	int		 fresh;		/* this run's own change, in memory */
	int		 delayed;	/* an earlier delivery failed */
};

/*
 * Where a channel seen for the first time starts (cs known from now):
 * before this run's change if it recorded one (latest is run's "to"),
 * else at latest ("" when there is no snapshot yet).
 */
void	plan_adopt(struct chan_state *cs, const struct notify_run *run,
	    const char *latest);
/* What a channel in state cs is told next, the latest snapshot latest. */
void	plan_next(const struct chan_state *cs, const struct notify_run *run,
	    const char *latest, struct plan *p);
/* A message to cs was sent: it has heard latest. */
void	plan_sent(struct chan_state *cs, const char *latest);

#endif
