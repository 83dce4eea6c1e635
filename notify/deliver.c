/* Delivery: who has heard what, and sending what they have not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deliver.h"
#include "message.h"
#include "state.h"
#include "../snapshots/snapshot.h"
#include "../snapshots/source.h"

/* What a delivery run shares. */
struct delivery {
	const struct notify_config *cfg;
	const struct notify_run	*run;
	struct store		*st;
	struct snapshot		*head;
	void			(*warn)(const char *);
};

/* Send n to c, telling warn of a failure; 0, or -1. */
static int
send_one(struct delivery *dl, const struct channel *c, const struct notice *n)
{
	const struct notifier *nf = notifier_find(c->kind);
	char err[NOTIFY_ERRMAX], msg[NOTIFY_ERRMAX + 100];

	if (nf == NULL) {
		snprintf(err, sizeof(err), "no notifier '%s'", c->kind);
	} else if (nf->send(dl->cfg, c, n, err) == 0)
		return 0;
	snprintf(msg, sizeof(msg), "notify: %s%s", err, dl->run != NULL ?
	    " (kept: the next run sends it again)" : "");
	if (dl->warn != NULL)
		dl->warn(msg);
	return -1;
}

/* The records of snapshot id; NULL (told) on failure. */
static struct recordset *
records_of(struct delivery *dl, const char *id, struct snapshot **s)
{
	struct recordset *rs = NULL;
	char err[STORE_ERRMAX];

	if (snapshot_resolve(dl->st, id, s, err) == -1 ||
	    snapshot_records(dl->st, *s, &rs, err) == -1) {
		if (dl->warn != NULL)
			dl->warn(err);
		return NULL;
	}
	return rs;
}

/*
 * The changes from snapshot from (or none: a baseline) to the latest,
 * as channel c hears them, into n; 1 when there is nothing for c.
 * 0, 1, or -1.
 */
static int
changes_notice(struct delivery *dl, const struct channel *c, const char *from,
    int delayed, struct notice *n)
{
	struct recordset *a = NULL, *b;
	struct snapshot *sa = NULL, *sb = NULL;
	struct report_ctx ctx;
	struct diff all, mine;
	int rc = -1;

	memset(&all, 0, sizeof(all));
	memset(&mine, 0, sizeof(mine));
	memset(&ctx, 0, sizeof(ctx));
	if ((b = records_of(dl, snapshot_id(dl->head), &sb)) == NULL)
		return -1;
	ctx.to = snapshot_id(dl->head);
	ctx.date = snapshot_time(dl->head);
	ctx.source = dl->run->source;
	if (from[0] == '\0') {
		rc = notice_baseline(n, b, &ctx);
		goto cleanup;
	}
	if ((a = records_of(dl, from, &sa)) == NULL ||
	    diff_records(a, b, &all) == -1 ||
	    diff_filter(&all, c->regions, &mine) == -1)
		goto cleanup;
	if (mine.nchanges == 0) {
		rc = 1;
		goto cleanup;
	}
	ctx.diff = &mine;
	ctx.from = from;
	rc = notice_change(n, &ctx, delayed);
 cleanup:
	diff_free(&mine);
	diff_free(&all);
	recordset_free(a);
	recordset_free(b);
	snapshot_free(sa);
	snapshot_free(sb);
	return rc;
}

/* Tell c of a breakage starting or ending; -1 if that failed. */
static int
problem(struct delivery *dl, const struct channel *c, struct chan_state *cs)
{
	const char *what = dl->run->problem;
	const char *latest = dl->head ? snapshot_id(dl->head) : "";
	struct notice n;
	int rc;

	if ((what != NULL) == (cs->problem[0] != '\0'))
		return 0;	/* nothing new: no flood every night */
	if (notice_problem(&n, what ? NOTICE_PROBLEM : NOTICE_RESOLVED,
	    what ? what : cs->problem, latest) == -1)
		return -1;
	if ((rc = send_one(dl, c, &n)) == 0)
		snprintf(cs->problem, sizeof(cs->problem), "%s",
		    what ? what : "");
	notice_clear(&n);
	return rc;
}

/* Tell c of the snapshots it has not heard of; -1 if that failed. */
static int
changes(struct delivery *dl, const struct channel *c, struct chan_state *cs)
{
	const struct notify_run *run = dl->run;
	const char *head = snapshot_id(dl->head), *from = cs->delivered;
	struct notice n;
	int rc, fresh;

	memset(&n, 0, sizeof(n));	/* nothing to send leaves it so */

	/* This run's change, as recorded: heard now, not late. */
	fresh = run->to != NULL && strcmp(run->to, head) == 0;
	if (!cs->known) {
		/* A new channel hears from now on, and this run's change. */
		cs->known = 1;
		if (!fresh) {
			snprintf(cs->delivered, sizeof(cs->delivered), "%s",
			    head);
			return 0;
		}
		from = run->from ? run->from : "";
	}
	if (strcmp(from, head) == 0)
		return 0;
	if ((rc = changes_notice(dl, c, from, !fresh ||
	    strcmp(run->from ? run->from : "", from) != 0, &n)) == -1)
		return -1;
	if (rc == 0 && send_one(dl, c, &n) == -1) {
		notice_clear(&n);
		return -1;
	}
	notice_clear(&n);
	snprintf(cs->delivered, sizeof(cs->delivered), "%s", head);
	return 0;
}

int
notify_deliver(const char *repo, const struct notify_config *cfg,
    const struct notify_run *run, void (*warn)(const char *), char *err)
{
	struct delivery dl = { cfg, run, NULL, NULL, warn };
	struct notify_state s;
	struct chan_state *cs;
	char key[600];
	size_t i;
	int pending = 0, rc = -1;

	memset(&s, 0, sizeof(s));
	if (cfg->nchannels == 0)
		return 0;
	/* No repository yet: no state, and nothing recorded to tell. */
	if (store_is_new(repo))
		return 0;
	if ((dl.st = store_open(repo, 0, err)) == NULL ||
	    store_lock(dl.st, run->lock_timeout, warn, err) == -1 ||
	    snapshot_head(dl.st, &dl.head, err) == -1 ||
	    notify_state_load(dl.st, &s, warn, err) == -1)
		goto cleanup;
	for (i = 0; i < cfg->nchannels; i++) {
		const struct channel *c = &cfg->channels[i];

		snprintf(key, sizeof(key), "%s:%.580s", c->kind, c->target);
		if ((cs = notify_state_get(&s, key)) == NULL) {
			snprintf(err, STORE_ERRMAX, "notify: out of memory");
			goto cleanup;
		}
		if (problem(&dl, c, cs) == -1)
			pending++;
		if (dl.head != NULL && changes(&dl, c, cs) == -1)
			pending++;
		cs->known = 1;
		/*
		 * Saved after each channel: a run killed now resends to this
		 * channel only what it had not heard (messages carry the
		 * snapshot id, so a receiver can drop a repeat).
		 */
		if (notify_state_save(dl.st, &s, err) == -1)
			goto cleanup;
	}
	rc = pending;
 cleanup:
	notify_state_free(&s);
	snapshot_free(dl.head);
	store_close(dl.st);
	return rc;
}

int
notify_test(const struct notify_config *cfg, void (*say)(const char *))
{
	struct delivery dl = { cfg, NULL, NULL, NULL, say };
	struct notice n;
	char msg[800];
	size_t i;
	int failed = 0;

	if (notice_test(&n) == -1)
		return -1;
	for (i = 0; i < cfg->nchannels; i++) {
		if (send_one(&dl, &cfg->channels[i], &n) == -1) {
			failed++;
			continue;
		}
		snprintf(msg, sizeof(msg), "notify: %s %.600s: sent",
		    cfg->channels[i].kind, cfg->channels[i].target);
		say(msg);
	}
	notice_clear(&n);
	return failed;
}
