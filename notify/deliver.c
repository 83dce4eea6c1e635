/* Delivery: who has heard what, and sending what they have not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deliver.h"
#include "message.h"
#include "plan.h"
#include "state.h"
#include "../faults/fault.h"
#include "../records/region.h"
#include "../util/safe.h"
#include "../snapshots/source.h"

/* What a delivery run shares. */
struct delivery {
	const struct notify_config *cfg;
	const struct notify_run	*run;
	struct store		*st;
	const struct snapshot	*head;
	const char		*latest;	/* head's id, or "" */
	struct source_prev	 src;		/* head's source.json */
	struct notify_result	*res;
	void			(*warn)(const char *);
};

static void
tell(const struct delivery *dl, const char *msg)
{
	char buf[ERR_MSGMAX + 200];

	if (dl->warn == NULL)
		return;
	snprintf(buf, sizeof(buf), "%s", msg);
	dl->warn(safe_unctrl(buf));
}

/* Send n to c, telling warn of a failure; 0, or -1. */
static int
send_one(const struct delivery *dl, const struct channel *c,
    const struct notice *n)
{
	const struct notifier *nf = dl->cfg->find != NULL ?
	    dl->cfg->find(c->kind) : notifier_find(c->kind);
	struct err err;
	char msg[ERR_MSGMAX + 100];

	err_clear(&err);
	if (nf == NULL) {
		err_set(&err, ERR_NOTIFY, "no notifier '%s'", c->kind);
	} else {
		fault_point("deliver.send");
		if (nf->send(dl->cfg, c, n, &err) == 0) {
			fault_point("deliver.sent");
			if (strcmp(c->kind, "hook") == 0 && dl->res != NULL)
				snprintf(dl->res->hook, sizeof(dl->res->hook),
				    "%s", err.msg);
			return 0;
		}
		if (strcmp(c->kind, "hook") == 0 && dl->res != NULL)
			snprintf(dl->res->hook, sizeof(dl->res->hook), "%s",
			    err.msg);
	}
	snprintf(msg, sizeof(msg), "notify: %s%s", err.msg, dl->run != NULL ?
	    " (kept: the next run sends it again)" : "");
	tell(dl, msg);
	return -1;
}

/* The records of snapshot id; NULL (told) on failure. */
static struct recordset *
records_of(const struct delivery *dl, const char *id, struct snapshot **s)
{
	struct recordset *rs = NULL;
	struct err err;

	if (snapshot_resolve(dl->st, id, s, &err) == -1 ||
	    snapshot_records(dl->st, *s, &rs, &err) == -1) {
		tell(dl, err.msg);
		return NULL;
	}
	return rs;
}

/* The latest snapshot's records: the run's own when it made it. */
static struct recordset *
latest_records(const struct delivery *dl, struct snapshot **s,
    struct recordset **owned)
{
	const struct notify_run *run = dl->run;

	*owned = NULL;
	if (run->records != NULL && run->to != NULL &&
	    strcmp(run->to, dl->latest) == 0)
		return (struct recordset *)run->records;
	return *owned = records_of(dl, dl->latest, s);
}

/* The report context of the latest snapshot, fresh or read back. */
static void
latest_ctx(const struct delivery *dl, int fresh, struct report_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->to = dl->latest;
	ctx->date = snapshot_time(dl->head);
	ctx->source = dl->run->source;
	if (fresh) {
		ctx->edited_at = dl->run->edited_at;
		ctx->warned = dl->run->records;
	} else {
		ctx->edited_at = dl->src.edited_at;
		ctx->warned = dl->src.warned;
		if (ctx->source == NULL)
			ctx->source = dl->src.final_url;
	}
}

/*
 * The second source's change from snapshot from (NULL: none, a baseline)
 * to the latest (whose records are rs), read back from both, with the
 * latest's disagreements, into r; 0, or -1.
 */
static int
spf_rebuilt(const struct delivery *dl, const char *from,
    const struct recordset *rs, struct spf_report *r)
{
	struct spf_doc a, b;
	struct snapshot *s = NULL;
	struct err err;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (from != NULL && snapshot_resolve(dl->st, from, &s, &err) == -1) {
		tell(dl, err.msg);
		return -1;
	}
	if ((s != NULL && snapshot_spf_read(dl->st, s, dl->warn, &a) == -1) ||
	    snapshot_spf_read(dl->st, dl->head, dl->warn, &b) == -1 ||
	    spf_report_changes(r, &a, &b) == -1 ||
	    spf_report_disagree(r, rs, &b) == -1)
		goto cleanup;
	spf_report_sort(r);
	rc = 0;
 cleanup:
	spf_doc_clear(&a);
	spf_doc_clear(&b);
	snapshot_free(s);
	return rc;
}

static int
code_wanted(void *arg, const char *code)
{
	return diff_code_wanted(arg, code);
}

/* The items of r (NULL: none) of channel c's regions into out; 0, -1. */
static int
channel_spf(const struct spf_report *r, const struct channel *c,
    struct spf_report *out)
{
	memset(out, 0, sizeof(*out));
	return r == NULL ? 0 : spf_report_filter(r, code_wanted,
	    (void *)c->regions, out);
}

/*
 * The changes of plan p as channel c hears them, into n; 1 when there is
 * nothing for c (its regions did not change). 0, 1, or -1.
 */
static int
changes_notice(const struct delivery *dl, const struct channel *c,
    const struct plan *p, struct notice *n)
{
	struct recordset *a = NULL, *b = NULL, *mine_b;
	struct snapshot *sa = NULL, *sb = NULL;
	struct report_ctx ctx;
	struct diff all, mine;
	struct spf_report spf_all, spf_mine;
	const struct diff *d;
	int rc = -1;

	memset(&all, 0, sizeof(all));
	memset(&mine, 0, sizeof(mine));
	memset(&spf_all, 0, sizeof(spf_all));
	memset(&spf_mine, 0, sizeof(spf_mine));
	latest_ctx(dl, p->fresh, &ctx);
	if (p->step == PLAN_BASELINE) {
		if ((mine_b = latest_records(dl, &sb, &b)) == NULL ||
		    (!p->fresh && spf_rebuilt(dl, NULL, mine_b, &spf_all) ==
		    -1) || channel_spf(p->fresh ? dl->run->spf : &spf_all,
		    c, &spf_mine) == -1)
			goto cleanup;
		ctx.spf = spf_mine.n > 0 ? &spf_mine : NULL;
		rc = notice_baseline(n, mine_b, c->regions, &ctx, p->delayed);
		goto cleanup;
	}
	/* This run's change from memory; an older one from the repository. */
	d = p->fresh && dl->run->diff != NULL ? dl->run->diff : &all;
	if (d == &all && ((a = records_of(dl, p->from, &sa)) == NULL ||
	    (mine_b = latest_records(dl, &sb, &b)) == NULL ||
	    diff_records(a, mine_b, &all) == -1 ||
	    spf_rebuilt(dl, p->from, mine_b, &spf_all) == -1))
		goto cleanup;
	if (diff_filter(d, c->regions, &mine) == -1 || channel_spf(d == &all ?
	    &spf_all : dl->run->spf, c, &spf_mine) == -1)
		goto cleanup;
	if (mine.nchanges == 0 && spf_mine.nchanges == 0) {
		rc = 1;
		goto cleanup;
	}
	ctx.diff = &mine;
	ctx.spf = spf_mine.n > 0 ? &spf_mine : NULL;
	ctx.from = p->from;
	rc = notice_change(n, &ctx, p->delayed);
 cleanup:
	diff_free(&mine);
	diff_free(&all);
	spf_report_clear(&spf_mine);
	spf_report_clear(&spf_all);
	recordset_free(a);
	recordset_free(b);
	snapshot_free(sa);
	snapshot_free(sb);
	return rc;
}

/* The key every send of notice n to the channel of cs carries. */
static void
notice_key(struct notice *n, const struct chan_state *cs, const char *from,
    long seq)
{
	const char *chan = strchr(cs->key, ':');

	chan = chan != NULL ? chan + 1 : cs->key;
	switch (n->kind) {
	case NOTICE_CHANGE:
		snprintf(n->key, sizeof(n->key), "mcwatch-change-%s-%s-%.16s",
		    from, n->snapshot, chan);
		break;
	case NOTICE_BASELINE:
		snprintf(n->key, sizeof(n->key), "mcwatch-baseline-%s-%.16s",
		    n->snapshot, chan);
		break;
	default:
		snprintf(n->key, sizeof(n->key), "mcwatch-%s-%ld-%.16s",
		    n->kind == NOTICE_PROBLEM ? "problem" : "resolved", seq,
		    chan);
	}
}

/* Tell c of a breakage starting or ending; -1 if that failed. */
static int
problem(const struct delivery *dl, const struct channel *c,
    struct chan_state *cs)
{
	const char *what = dl->run->problem;
	struct notice n;
	int rc;

	if ((what != NULL) == (cs->problem[0] != '\0'))
		return 0;	/* nothing new: no flood every night */
	if (notice_problem(&n, what ? NOTICE_PROBLEM : NOTICE_RESOLVED,
	    what ? what : cs->problem, dl->latest) == -1)
		return -1;
	notice_key(&n, cs, "", cs->notices + 1);
	if ((rc = send_one(dl, c, &n)) == 0) {
		snprintf(cs->problem, sizeof(cs->problem), "%s",
		    what ? what : "");
		cs->notices++;
		dl->res->sent++;
	}
	notice_clear(&n);
	return rc;
}

/* Tell c of the snapshots it has not heard of; -1 if that failed. */
static int
changes(const struct delivery *dl, const struct channel *c,
    struct chan_state *cs)
{
	struct notice n;
	struct plan p;
	int rc;

	memset(&n, 0, sizeof(n));	/* nothing to send leaves it so */
	plan_next(cs, dl->run, dl->latest, &p);
	if (p.step == PLAN_NOTHING)
		return 0;
	if ((rc = changes_notice(dl, c, &p, &n)) == -1)
		return -1;
	if (rc == 0) {
		notice_key(&n, cs, p.from, 0);
		if (send_one(dl, c, &n) == -1) {
			notice_clear(&n);
			return -1;
		}
		dl->res->sent++;
		dl->res->late += p.delayed;
	}
	notice_clear(&n);
	plan_sent(cs, dl->latest);
	return 0;
}

/*
 * A known channel whose state names a snapshot outside the history (a
 * re-made branch, a state from another repository): told once, and
 * started as a new channel would be. 1 if so, 0 if not, -1 with err.
 */
static int
check_heard(const struct delivery *dl, const struct channel *c,
    struct chan_state *cs, struct err *err)
{
	char msg[ERR_MSGMAX], shown[300];
	int r;

	if (cs->delivered[0] == '\0' || dl->head == NULL)
		return 0;
	if ((r = snapshot_in_history(dl->st, dl->head, cs->delivered, err)) ==
	    -1)
		return -1;
	if (r == 1)
		return 0;
	snprintf(msg, sizeof(msg), "warning: notify: %s %s: the delivery state "
	    "names snapshot %.12s, which is not in the repository's history; "
	    "it hears from the latest snapshot on", c->kind,
	    notify_channel_shown(c, shown, sizeof(shown)), cs->delivered);
	tell(dl, msg);
	plan_adopt(cs, dl->run, dl->latest);
	return 1;
}

/* A route naming region codes the latest snapshot lacks: told. */
static void
check_route(const struct delivery *dl, const struct channel *c,
    const struct recordset *rs)
{
	char msg[ERR_MSGMAX], shown[300], word[64], known[600];
	const char *p = c->regions;
	size_t w;

	if (p == NULL || rs == NULL)
		return;
	while (*(p += strspn(p, " ,")) != '\0') {
		w = strcspn(p, " ,");
		snprintf(word, sizeof(word), "%.*s", (int)w, p);
		p += w;
		if (recordset_has_code(rs, word))
			continue;
		recordset_codes(rs, known, sizeof(known));
		snprintf(msg, sizeof(msg), "warning: notify: %s %s: route names "
		    "region '%s', which the latest snapshot does not have "
		    "(known: %s)", c->kind, notify_channel_shown(c, shown,
		    sizeof(shown)), word, known);
		tell(dl, msg);
	}
}

/*
 * Before anything is sent: every channel seen for the first time is
 * stored as having heard the snapshot before this run's change (the run
 * did so before its commit; this is for a state that could not be saved
 * then), a stale state is reset, and what changed is saved, so that a
 * failure or a kill while sending loses no change. 0, or -1 with err.
 */
static int
deliver_prepare(struct delivery *dl, struct notify_state *s, struct err *err)
{
	struct recordset *rs = NULL, *owned = NULL;
	struct snapshot *sn = NULL;
	char key[NOTIFY_KEYMAX];
	struct chan_state *cs;
	size_t i;
	int rc = -1, routed = 0, changed = 0, r;

	for (i = 0; i < dl->cfg->nchannels; i++) {
		const struct channel *c = &dl->cfg->channels[i];

		notify_channel_key(c, key);
		if ((cs = notify_state_get(s, key)) == NULL) {
			err_set(err, ERR_NOMEM, "notify: out of memory");
			goto cleanup;
		}
		if (!cs->known) {
			plan_adopt(cs, dl->run, dl->latest);
			changed = 1;
		} else if ((r = check_heard(dl, c, cs, err)) == -1)
			goto cleanup;
		else
			changed |= r;
		routed |= c->regions != NULL;
	}
	if (routed && dl->head != NULL &&
	    (rs = latest_records(dl, &sn, &owned)) != NULL)
		for (i = 0; i < dl->cfg->nchannels; i++)
			check_route(dl, &dl->cfg->channels[i], rs);
	fault_point("deliver.prepare");
	if (changed && notify_state_save(dl->st, s, err) == -1)
		goto cleanup;
	fault_point("deliver.prepared");
	rc = 0;
 cleanup:
	recordset_free(owned);
	snapshot_free(sn);
	return rc;
}

/* The latest snapshot's source.json, for what a late message tells. */
static void
read_source(struct delivery *dl)
{
	struct err err;
	char *buf = NULL;
	size_t len;

	if (dl->head != NULL && snapshot_read(dl->st, dl->head, SNAP_SOURCE,
	    &buf, &len, &err) == 0)
		source_parse(buf, len, &dl->src, &err);
	free(buf);
}

int
notify_adopt(struct store *st, const struct snapshot *head,
    const struct notify_config *cfg, void (*warn)(const char *),
    struct err *err)
{
	static const struct notify_run none;
	struct notify_state s;
	struct chan_state *cs;
	char key[NOTIFY_KEYMAX];
	size_t i, adopted = 0;
	int rc = -1;

	if (cfg->nchannels == 0)
		return 0;
	if (notify_state_load(st, &s, warn, err) == -1)
		return -1;
	for (i = 0; i < cfg->nchannels; i++) {
		notify_channel_key(&cfg->channels[i], key);
		if ((cs = notify_state_get(&s, key)) == NULL) {
			err_set(err, ERR_NOMEM, "notify: out of memory");
			goto cleanup;
		}
		if (!cs->known) {
			plan_adopt(cs, &none, head ? snapshot_id(head) : "");
			adopted++;
		}
	}
	fault_point("deliver.adopt");
	rc = adopted > 0 ? notify_state_save(st, &s, err) : 0;
 cleanup:
	notify_state_free(&s);
	return rc;
}

int
notify_deliver(struct store *st, const struct snapshot *head,
    const struct notify_config *cfg, const struct notify_run *run,
    void (*warn)(const char *), struct notify_result *res, struct err *err)
{
	struct delivery dl;
	struct notify_state s;
	char key[NOTIFY_KEYMAX];
	struct chan_state *cs;
	size_t i;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	memset(&s, 0, sizeof(s));
	memset(&dl, 0, sizeof(dl));
	if (cfg->nchannels == 0)
		return 0;
	dl = (struct delivery){ cfg, run, st, head, head ? snapshot_id(head) :
	    "", { 0 }, res, warn };
	if (notify_state_load(st, &s, warn, err) == -1 ||
	    deliver_prepare(&dl, &s, err) == -1)
		goto cleanup;
	read_source(&dl);
	for (i = 0; i < cfg->nchannels; i++) {
		const struct channel *c = &cfg->channels[i];
		int failed;

		notify_channel_key(c, key);
		cs = notify_state_get(&s, key);	/* there since prepare */
		failed = problem(&dl, c, cs) == -1;
		failed |= changes(&dl, c, cs) == -1;
		res->pending += failed;
		/*
		 * Saved after each channel: a run killed now resends to this
		 * channel only what it had not heard, with the same key.
		 */
		fault_point("deliver.save");
		if (notify_state_save(st, &s, err) == -1)
			goto cleanup;
		fault_point("deliver.saved");
	}
	rc = 0;
 cleanup:
	source_prev_clear(&dl.src);
	notify_state_free(&s);
	return rc;
}

int
notify_test(const struct notify_config *cfg, void (*say)(const char *))
{
	struct notify_result res;
	struct delivery dl;
	struct notice n;
	char msg[800], shown[300];
	size_t i;
	int failed = 0;

	memset(&dl, 0, sizeof(dl));
	dl.cfg = cfg;
	dl.res = &res;
	dl.warn = say;
	if (notice_test(&n) == -1)
		return -1;
	snprintf(n.key, sizeof(n.key), "mcwatch-test-%ld", (long)time(NULL));
	for (i = 0; i < cfg->nchannels; i++) {
		/* A hook acts on a change: a test would tell nothing. */
		if (strcmp(cfg->channels[i].kind, "hook") == 0) {
			say("notify: hook.command: not run by a test");
			continue;
		}
		if (send_one(&dl, &cfg->channels[i], &n) == -1) {
			failed++;
			continue;
		}
		snprintf(msg, sizeof(msg), "notify: %s %s: sent",
		    cfg->channels[i].kind, notify_channel_shown(
		    &cfg->channels[i], shown, sizeof(shown)));
		say(msg);
	}
	notice_clear(&n);
	return failed;
}
