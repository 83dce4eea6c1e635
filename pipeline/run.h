/*
 * One run of mcwatch as a library call, the owner of the night: fetch the
 * page, parse it, compare it with the latest snapshot, guard against a
 * broken page, commit a new snapshot when the data changed, have the
 * caller report it, deliver the notifications and record the run's
 * health, all under one store handle and one lock. What happened comes
 * back as an outcome; printing it is the caller's.
 */
#ifndef MCWATCH_RUN_H
#define MCWATCH_RUN_H

#include <time.h>

#include "../diff/diff.h"
#include "../diff/report.h"
#include "../notify/deliver.h"
#include "../records/record.h"
#include "../scraper/fetch.h"
#include "spfcheck.h"

struct run_outcome;

struct run_settings {
	const char	 *url;
	const char	 *repo;
	const char	 *author;	/* "Name <email>", already checked */
	struct fetch_opts fo;
	double		  max_removal;	/* percent; see diff/guard.h */
	int		  lock_timeout;	/* seconds */
	int		  dry_run;	/* everything but the commit */
	int		  accept;	/* record what the guard refuses */
	void		(*warn)(const char *);	/* repairs; may be NULL */
	const struct notify_config *notify;	/* channels, or NULL */
	struct run_spf	  spf;		/* the second source, if on */
	/*
	 * Called once the run is settled (committed, or not) and before
	 * anything is delivered: the caller prints its report. May be NULL.
	 */
	void		(*report)(void *, const struct run_outcome *);
	void		 *report_arg;
};

enum run_result {
	RUN_UNCHANGED,		/* a 304, the same page, or the same data */
	RUN_CHANGED,		/* a change recorded (found, in a dry run):
				   of the page's data, or of the SPF netblocks
				   alone (diff empty) */
	RUN_REJECTED,		/* no data, the parser gave up, or the guard */
	RUN_FETCH_FAILED,	/* the repository is as it was */
	RUN_REPO_FAILED,	/* open, create, lock, read or commit */
	RUN_NOMEM
};

struct run_outcome {
	enum run_result	  result;
	struct err	  error;	/* what failed, or why it was rejected */
	char		  kept[4096];	/* a rejected page kept there, or "" */
	struct err	  later;	/* RUN_CHANGED: a step after the commit
					   that failed (the work tree), or none */
	struct recordset *records;	/* the page's, with its warnings */
	struct recordset *previous;	/* the latest snapshot's */
	struct diff	  diff;		/* RUN_CHANGED: points into both */
	char		  from[41];	/* the previous snapshot's id, or "" */
	char		  to[41];	/* the new one's, or "" (a dry run) */
	char		 *source;	/* the page's URL after redirects */
	char		 *edited_at;	/* Mimecast's edit time, or NULL */
	time_t		  date;		/* when the page was fetched */
	int		  spf_checked;	/* spf holds this run's second source */
	struct spf_found  spf;
	struct notify_result delivery;	/* what the channels were sent */
	struct err	  notify_error;	/* the delivery state failed */
	struct err	  health_error;	/* the health not recorded */
};

/*
 * Run once with settings s into o (the caller frees it with
 * run_outcome_free, whatever the result). A dry run delivers nothing and
 * records no health.
 */
void	run_pipeline(const struct run_settings *s, struct run_outcome *o);
void	run_outcome_free(struct run_outcome *o);
/* The name of a result: "unchanged", "changed", "rejected", ... */
const char	*run_result_name(enum run_result res);
/* The report context of o's change: diff, snapshots, source, date. */
void	run_report_ctx(const struct run_outcome *o, struct report_ctx *ctx);

#endif
