/* The delivery state machine's steps: no I/O, so each can be tested. */
#include <stdio.h>
#include <string.h>

#include "plan.h"

/* Whether the run recorded the change that made latest. */
static int
run_made(const struct notify_run *run, const char *latest)
{
	return run->to != NULL && latest[0] != '\0' &&
	    strcmp(run->to, latest) == 0;
}

void
plan_adopt(struct chan_state *cs, const struct notify_run *run,
    const char *latest)
{
	cs->known = 1;
	snprintf(cs->delivered, sizeof(cs->delivered), "%s",
	    run_made(run, latest) ? (run->from ? run->from : "") : latest);
}

void
plan_next(const struct chan_state *cs, const struct notify_run *run,
    const char *latest, struct plan *p)
{
	memset(p, 0, sizeof(*p));
	if (latest[0] == '\0' || strcmp(cs->delivered, latest) == 0)
		return;
	p->from = cs->delivered;
	p->fresh = run_made(run, latest) &&
	    strcmp(run->from ? run->from : "", cs->delivered) == 0;
	p->delayed = !p->fresh;
	p->step = cs->delivered[0] == '\0' ? PLAN_BASELINE : PLAN_CHANGE;
}

void
plan_sent(struct chan_state *cs, const char *latest)
{
	snprintf(cs->delivered, sizeof(cs->delivered), "%s", latest);
}
