/* Building notices: the changes, a baseline, a broken scrape, a test. */
#ifndef MCWATCH_MESSAGE_H
#define MCWATCH_MESSAGE_H

#include "notify.h"
#include "../diff/report.h"

/*
 * The changes of ctx (diff, snapshots, source, date), delayed when an
 * earlier delivery failed. 0, or -1 on memory (n cleared).
 */
int	notice_change(struct notice *, const struct report_ctx *, int);
/*
 * The first snapshot's records rs: what is tracked, counts per region,
 * only the regions of codes (as diff_filter takes them; NULL for all);
 * delayed when an earlier delivery failed. 0, or -1 on memory.
 */
int	notice_baseline(struct notice *, const struct recordset *,
	    const char *, const struct report_ctx *, int);
/* NOTICE_PROBLEM (what broke) or NOTICE_RESOLVED; latest is a snapshot id. */
int	notice_problem(struct notice *, enum notice_kind, const char *,
	    const char *);
int	notice_test(struct notice *);

#endif
