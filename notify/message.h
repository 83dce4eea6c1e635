/* Building notices: the changes, a baseline, a broken scrape, a test. */
#ifndef MCWATCH_MESSAGE_H
#define MCWATCH_MESSAGE_H

#include "notify.h"
#include "../diff/report.h"

/*
 * The changes of ctx (diff, snapshots, source, date), delayed when an
 * earlier delivery failed. 0, or -1 on memory (n cleared).
 */
int	notice_change(struct notice *n, const struct report_ctx *ctx,
	    int delayed);
/*
 * The first snapshot's records rs: what is tracked, counts per region,
 * only the regions of codes (as diff_filter takes them; NULL for all);
 * delayed when an earlier delivery failed. 0, or -1 on memory.
 */
int	notice_baseline(struct notice *n, const struct recordset *rs,
	    const char *regions, const struct report_ctx *ctx, int delayed);
/* NOTICE_PROBLEM (what broke) or NOTICE_RESOLVED; latest is a snapshot id. */
int	notice_problem(struct notice *n, enum notice_kind kind,
	    const char *what, const char *latest);
int	notice_test(struct notice *n);

#endif
