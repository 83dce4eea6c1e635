/* Naming a snapshot: an id, a revision, "@YYYY-MM-DD", in the history. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "snapshot.h"

/* Digits s[0..n) as a number; -1 if any is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
snapshot_date(const char *rev, time_t *limit)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	struct tm tm;
	const char *d = rev + 1;
	int y, m, day, leap;

	if (rev[0] != '@' || rev[1] < '0' || rev[1] > '9')
		return 0;
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-' ||
	    (y = digits(d, 4)) < 1 || (m = digits(d + 5, 2)) < 1 || m > 12 ||
	    (day = digits(d + 8, 2)) < 1)
		return -1;
	leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	if (day > mdays[m - 1] + (m == 2 && leap))
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = day;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	*limit = timegm(&tm);
	return 1;
}

/* "@YYYY-MM-DD": the first-parent ancestor of HEAD in force that day. */
static int
resolve_date(struct store *st, const char *rev, struct snapshot **out,
    struct err *err)
{
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	git_oid id;
	time_t limit;
	int rc = -1;

	if (snapshot_date(rev, &limit) != 1) {
		err_set(err, ERR_REPO, "repo %s: '%s' is not @YYYY-MM-DD",
		    st->dir, rev);
		return -1;
	}
	if (git_revwalk_new(&w, st->repo) < 0 ||
	    git_revwalk_push_head(w) < 0) {
		store_giterr(st, "no snapshots", err);
		goto cleanup;
	}
	git_revwalk_simplify_first_parent(w);
	while (git_revwalk_next(&id, w) == 0) {
		if (git_commit_lookup(&c, st->repo, &id) < 0) {
			store_giterr(st, "cannot read a snapshot", err);
			goto cleanup;
		}
		if (git_commit_time(c) <= limit) {
			git_commit_free(c);
			rc = snapshot_lookup(st, &id, out, err);
			goto cleanup;
		}
		git_commit_free(c);
	}
	err_set(err, ERR_REPO, "repo %s: no snapshot on or before %s",
	    st->dir, rev + 1);
 cleanup:
	git_revwalk_free(w);
	return rc;
}

int
snapshot_resolve(struct store *st, const char *rev, struct snapshot **out,
    struct err *err)
{
	git_object *obj = NULL, *peeled = NULL;
	char what[300];
	int rc = -1;

	*out = NULL;
	if (rev[0] == '@' && rev[1] >= '0' && rev[1] <= '9')
		return resolve_date(st, rev, out, err);
	if (git_revparse_single(&obj, st->repo, rev) < 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		snprintf(what, sizeof(what), "no snapshot '%.200s'", rev);
		store_giterr(st, what, err);
		goto cleanup;
	}
	rc = snapshot_lookup(st, git_object_id(peeled), out, err);
 cleanup:
	git_object_free(obj);
	git_object_free(peeled);
	return rc;
}

int
snapshot_pick(struct store *st, const char *rev, struct snapshot **out,
    struct err *err)
{
	if (rev != NULL)
		return snapshot_resolve(st, rev, out, err);
	if (snapshot_head(st, out, err) == -1)
		return -1;
	if (*out == NULL) {
		err_set(err, ERR_REPO, "repo %s: no snapshots yet", st->dir);
		return -1;
	}
	return 0;
}

int
snapshot_in_history(struct store *st, const struct snapshot *head,
    const char *id, struct err *err)
{
	const git_oid *tip = git_commit_id(head->c);
	git_oid oid;
	git_commit *c = NULL;
	int rc;

	if (strlen(id) != GIT_OID_HEXSZ || git_oid_fromstr(&oid, id) < 0)
		return 0;
	if (git_oid_equal(&oid, tip))
		return 1;
	/* Unknown, or not a commit: not of this history. */
	if (git_commit_lookup(&c, st->repo, &oid) < 0)
		return 0;
	git_commit_free(c);
	if ((rc = git_graph_descendant_of(st->repo, tip, &oid)) < 0)
		return store_giterr(st, "cannot walk the history", err);
	return rc;
}

