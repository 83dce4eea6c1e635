/*
 * The run's second source: Mimecast's SPF netblocks resolved for every
 * region of the page that has an SPF name, checked as the page is (an
 * empty or failed answer is a failure, never "every range removed": the
 * last answer recorded is kept), compared with the latest snapshot's and
 * with the page.
 */
#ifndef MCWATCH_SPFCHECK_H
#define MCWATCH_SPFCHECK_H

#include "../errors/err.h"
#include "../records/record.h"
#include "../snapshots/snapshot.h"
#include "../spf/spf.h"

/* What run --spf asks for. */
struct run_spf {
	int			 on;
	const char		*dns;		/* HOST[:PORT], or NULL */
	long			 timeout_ms;	/* per query */
	const char *const	*names;		/* "CODE=NAME", over the table */
	size_t			 nnames;
};

/* What the check found. */
struct spf_found {
	struct spf_doc		 doc;	/* to record: answers, or the kept */
	struct spf_doc		 old;	/* the latest snapshot's */
	char			*json;	/* doc's bytes (malloc'd) */
	size_t			 jsonlen;
	int			 changed;	/* json differs from the latest's */
	struct spf_report	 report;	/* changes, then warnings */
};

/*
 * Resolve s's names for the regions of rs, against the latest snapshot
 * head of st (either may be NULL: nothing recorded yet), into f (cleared
 * first; the caller frees it with spf_found_clear). warn tells a latest
 * spf.json that does not read. 0, or -1 with err (memory, repository);
 * DNS failures are items of f->report, not errors.
 */
int	spfcheck_run(const struct run_spf *s, struct store *st,
	    const struct snapshot *head, const struct recordset *rs,
	    void (*warn)(const char *), struct spf_found *f, struct err *err);
void	spf_found_clear(struct spf_found *f);

#endif
