/* Reading and writing snapshots with libgit2. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "author.h"
#include "internal.h"
#include "../faults/fault.h"
#include "snapshot.h"
#include "source.h"
#include "../records/json.h"
#include "../records/output.h"
#include "../faults/clock.h"

int
snapshot_dataset(const struct recordset *rs, char **buf, size_t *len)
{
	FILE *fp;
	int rc;

	*buf = NULL;
	if ((fp = open_memstream(buf, len)) == NULL)
		return -1;
	rc = output_records_json(fp, rs);
	if (fclose(fp) == EOF || rc == -1) {
		free(*buf);
		*buf = NULL;
		return -1;
	}
	return 0;
}

struct snapshot *
snapshot_wrap(git_commit *c)
{
	struct snapshot *s;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		git_commit_free(c);
		return NULL;
	}
	s->c = c;
	git_oid_tostr(s->id, sizeof(s->id), git_commit_id(c));
	return s;
}

const char *
snapshot_id(const struct snapshot *s)
{
	return s->id;
}

time_t
snapshot_time(const struct snapshot *s)
{
	return (time_t)git_commit_time(s->c);
}

void
snapshot_free(struct snapshot *s)
{
	if (s == NULL)
		return;
	git_commit_free(s->c);
	free(s);
}

/* Commit id into a new handle in *out; 0, or -1 with err. */
static int
snapshot_lookup(struct store *st, const git_oid *id, struct snapshot **out,
    struct err *err)
{
	git_commit *c;

	*out = NULL;
	if (git_commit_lookup(&c, st->repo, id) < 0)
		return store_giterr(st, "cannot read a snapshot", err);
	if ((*out = snapshot_wrap(c)) == NULL) {
		err_set(err, ERR_NOMEM, "repo %s: out of memory", st->dir);
		return -1;
	}
	return 0;
}

int
snapshot_parent(struct store *st, const struct snapshot *s,
    struct snapshot **p, struct err *err)
{
	*p = NULL;
	if (git_commit_parentcount(s->c) == 0)
		return 0;
	return snapshot_lookup(st, git_commit_parent_id(s->c, 0), p, err);
}

int
snapshot_head(struct store *st, struct snapshot **s, struct err *err)
{
	git_oid id;
	int rc;

	*s = NULL;
	if ((rc = git_reference_name_to_id(&id, st->repo, "HEAD")) ==
	    GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return 0;
	if (rc < 0)
		return store_giterr(st, "cannot read HEAD", err);
	return snapshot_lookup(st, &id, s, err);
}

/* The blob id of path in c's tree; 0, 1 if absent, -1 on error. */
static int
file_id(struct store *st, const struct snapshot *s, const char *path,
    git_oid *id, struct err *err)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int rc;

	if (git_commit_tree(&tree, s->c) < 0)
		return store_giterr(st, "cannot read a snapshot's tree", err);
	rc = git_tree_entry_bypath(&e, tree, path);
	if (rc == GIT_ENOTFOUND)
		rc = 1;
	else if (rc < 0)
		rc = store_giterr(st, path, err);
	else
		git_oid_cpy(id, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
}

int
snapshot_holds(struct store *st, const struct snapshot *c, const char *path,
    const char *data, size_t len)
{
	git_oid have, want;
	struct err err;

	/* Hashing the bytes as a blob compares without reading the old. */
	if (c == NULL || file_id(st, c, path, &have, &err) != 0 ||
	    git_odb_hash(&want, data, len, GIT_OBJECT_BLOB) < 0)
		return 0;
	return git_oid_equal(&have, &want);
}

int
snapshot_read(struct store *st, const struct snapshot *c, const char *path,
    char **buf, size_t *len, struct err *err)
{
	git_blob *blob = NULL;
	git_oid id;
	int rc;

	*buf = NULL;
	if ((rc = file_id(st, c, path, &id, err)) != 0)
		return rc;
	if (git_blob_lookup(&blob, st->repo, &id) < 0)
		return store_giterr(st, path, err);
	*len = (size_t)git_blob_rawsize(blob);
	if ((*buf = malloc(*len + 1)) == NULL) {
		git_blob_free(blob);
		err_set(err, ERR_NOMEM, "repo %s: out of memory", st->dir);
		return -1;
	}
	memcpy(*buf, git_blob_rawcontent(blob), *len);
	(*buf)[*len] = '\0';
	git_blob_free(blob);
	return 0;
}

const char *
snapshot_source(struct store *st, const struct snapshot *c,
    struct source_prev *sp)
{
	struct err err;
	char *buf = NULL;
	size_t len = 0;

	memset(sp, 0, sizeof(*sp));
	if (snapshot_read(st, c, SNAP_SOURCE, &buf, &len, &err) != 0)
		return NULL;
	if (source_parse(buf, len, sp, &err) == -1)
		memset(sp, 0, sizeof(*sp));
	free(buf);
	return sp->final_url != NULL ? sp->final_url : sp->url;
}

int
snapshot_records(struct store *st, const struct snapshot *c,
    struct recordset **rs, struct err *err)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	*rs = NULL;
	if ((rc = snapshot_read(st, c, SNAP_DATA, &buf, &len, err)) == 1) {
		err_set(err, ERR_REPO, "repo %s: snapshot %s has no %s",
		    st->dir, c->id, SNAP_DATA);
		return -1;
	}
	if (rc == -1)
		return -1;
	rc = recordset_from_json(buf, len, rs, err);
	free(buf);
	if (rc == -1 && err->kind != ERR_NOMEM)
		err->kind = ERR_REPO;
	if (rc == -1)
		return err_prefix(err, "repo %s: snapshot %s: %s", st->dir,
		    c->id, SNAP_DATA);
	return 0;
}

/* Write a blob and add it to a tree builder; -1 on error. */
static int
put_blob(git_repository *repo, git_treebuilder *tb, const char *name,
    const char *buf, size_t len)
{
	git_oid id;

	if (git_blob_create_from_buffer(&id, repo, buf, len) < 0 ||
	    git_treebuilder_insert(NULL, tb, name, &id, GIT_FILEMODE_BLOB) < 0)
		return -1;
	return 0;
}

static int
update_cmp(const void *a, const void *b)
{
	return strcmp(((const git_tree_update *)a)->path,
	    ((const git_tree_update *)b)->path);
}

/*
 * The files of s at their paths ("cidr/us/all-v4.txt") in the tree made
 * from base, into id: blobs first, then one update of the tree.
 */
static int
files_insert(git_repository *repo, const git_oid *base,
    const struct snapshot_new *s, git_oid *id)
{
	git_tree_update *u;
	git_tree *tree = NULL;
	size_t i;
	int rc = -1;

	if ((u = calloc(s->nfiles + 1, sizeof(*u))) == NULL)
		return -1;
	for (i = 0; i < s->nfiles; i++) {
		u[i].action = GIT_TREE_UPDATE_UPSERT;
		u[i].filemode = GIT_FILEMODE_BLOB;
		u[i].path = s->files[i].path;
		if (git_blob_create_from_buffer(&u[i].id, repo,
		    s->files[i].buf, s->files[i].len) < 0)
			goto cleanup;
	}
	qsort(u, s->nfiles, sizeof(*u), update_cmp);
	if (git_tree_lookup(&tree, repo, base) < 0 ||
	    git_tree_create_updated(id, repo, tree, s->nfiles, u) < 0)
		goto cleanup;
	rc = 0;
 cleanup:
	git_tree_free(tree);
	free(u);
	return rc;
}

/* The snapshot's whole tree; -1 on error. */
static int
snapshot_tree(git_repository *repo, const struct snapshot_new *s, git_oid *id)
{
	git_treebuilder *tb = NULL;
	git_oid top;
	char *csv = NULL;
	size_t csvlen;
	FILE *fp;
	int rc = -1;

	if ((fp = open_memstream(&csv, &csvlen)) == NULL)
		return -1;
	if (output_csv(fp, s->rs) == -1) {
		fclose(fp);
		goto cleanup;
	}
	if (fclose(fp) == EOF || git_treebuilder_new(&tb, repo, NULL) < 0)
		goto cleanup;
	if (put_blob(repo, tb, SNAP_DATA, s->dataset, s->datalen) == -1 ||
	    put_blob(repo, tb, SNAP_CSV, csv, csvlen) == -1 ||
	    put_blob(repo, tb, SNAP_PAGE, s->page, s->pagelen) == -1 ||
	    put_blob(repo, tb, SNAP_SOURCE, s->source, s->sourcelen) == -1 ||
	    git_treebuilder_write(&top, tb) < 0 ||
	    files_insert(repo, &top, s, id) == -1)
		goto cleanup;
	rc = 0;
 cleanup:
	git_treebuilder_free(tb);
	free(csv);
	return rc;
}

/* "Name <email>" into a signature at time when (0: now), in UTC. */
static int
signature(git_signature **sig, const char *author, time_t when)
{
	char name[AUTHOR_MAX], email[AUTHOR_MAX];
	const char *why;

	if (when == 0)
		when = clock_now();
	if (author_parse(author, name, email, &why) == -1) {
		git_error_set_str(GIT_ERROR_INVALID, why);
		return -1;
	}
	return git_signature_new(sig, name, email, (git_time_t)when, 0);
}

int
snapshot_commit(struct store *st, const struct snapshot *parent,
    const struct snapshot_new *s, struct snapshot **made, struct err *err)
{
	git_reference *head = NULL, *ref = NULL;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_oid tid, oid, *id = &oid;
	const git_commit *parents[1];
	const char *branch;
	int rc = -1, grc;

	*made = NULL;
	errno = 0;
	if (git_reference_lookup(&head, st->repo, "HEAD") < 0 ||
	    (branch = git_reference_symbolic_target(head)) == NULL) {
		err_set(err, ERR_REPO, "repo %s: HEAD does not name a "
		    "branch", st->dir);
		goto cleanup;
	}
	errno = 0;
	if (snapshot_tree(st->repo, s, &tid) == -1 ||
	    git_tree_lookup(&tree, st->repo, &tid) < 0) {
		store_giterr(st, "cannot write the snapshot", err);
		goto cleanup;
	}
	if (signature(&sig, s->author, s->when) < 0) {
		store_giterr(st, "bad author", err);
		goto cleanup;
	}
	parents[0] = parent != NULL ? parent->c : NULL;
	if (git_commit_create(id, st->repo, NULL, sig, sig, "UTF-8",
	    s->message, tree, parent ? 1 : 0, parents) < 0) {
		store_giterr(st, "cannot commit", err);
		goto cleanup;
	}
	/* The handle first: nothing may fail once the branch has moved. */
	if (snapshot_lookup(st, id, made, err) == -1)
		goto cleanup;
	/* Compare and swap: move the branch only from where we read it. */
	fault_point("snapshot.ref");
	errno = 0;
	grc = parent != NULL ? git_reference_create_matching(&ref, st->repo,
	    branch, id, 1, git_commit_id(parent->c), "mcwatch: snapshot") :
	    git_reference_create(&ref, st->repo, branch, id, 0,
	    "mcwatch: first snapshot");
	if (grc == GIT_EMODIFIED || grc == GIT_EEXISTS) {
		store_giterr(st, "the branch moved under us (another writer)",
		    err);
		goto cleanup;
	} else if (grc < 0) {
		store_giterr(st, "cannot move the branch", err);
		goto cleanup;
	}
	fault_point("snapshot.ref-moved");
	rc = 0;
 cleanup:
	if (rc == -1) {
		snapshot_free(*made);
		*made = NULL;
	}
	git_reference_free(ref);
	git_reference_free(head);
	git_signature_free(sig);
	git_tree_free(tree);
	return rc;
}

/*
 * Whether the index already records HEAD's dataset: checkout writes the
 * index last, so a run killed before that leaves it behind.
 */
static int
index_current(struct store *st)
{
	const git_index_entry *ie;
	struct snapshot *head = NULL;
	git_index *idx = NULL;
	git_oid want;
	struct err err;
	int rc = 0;

	if (snapshot_head(st, &head, &err) == 0 && head != NULL &&
	    file_id(st, head, SNAP_DATA, &want, &err) == 0 &&
	    git_repository_index(&idx, st->repo) == 0 &&
	    (ie = git_index_get_bypath(idx, SNAP_DATA, 0)) != NULL)
		rc = git_oid_equal(&ie->id, &want);
	git_index_free(idx);
	snapshot_free(head);
	return rc;
}

/* What unlink_links needs as it walks a tree. */
struct linkwalk {
	const char	*dir;		/* as the user named it */
	const char	*workdir;	/* with a trailing '/' */
	git_index	*idx;
	store_warn_fn	 warn;
	int		 failed;	/* errno of a link that stayed */
};

/* git_tree_walk's callback: remove a symlink where the entry goes. */
static int
unlink_link(const char *root, const git_tree_entry *e, void *arg)
{
	struct linkwalk *lw = arg;
	const git_index_entry *ie;
	char path[4096], msg[8400];
	struct stat sb;

	if ((size_t)snprintf(path, sizeof(path), "%s%s%s", lw->workdir, root,
	    git_tree_entry_name(e)) >= sizeof(path) ||
	    lstat(path, &sb) == -1 || !S_ISLNK(sb.st_mode))
		return 0;
	/* A link the index records (committed) libgit2 replaces itself. */
	if ((ie = git_index_get_bypath(lw->idx, path + strlen(lw->workdir),
	    0)) != NULL && ie->mode == GIT_FILEMODE_LINK)
		return 1;
	if (unlink(path) == -1) {
		lw->failed = errno;
		return -1;
	}
	snprintf(msg, sizeof(msg), "repo %s: removed the symlink %s%s from "
	    "the work tree: mcwatch never writes through one", lw->dir, root,
	    git_tree_entry_name(e));
	if (lw->warn != NULL)
		lw->warn(msg);
	/* Nothing is below a link removed: do not descend. */
	return 1;
}

/*
 * Remove every symlink standing where the tree of commit c will write a
 * file or a directory, as git does: libgit2 would write through it, to a
 * file outside the repository. 0, or -1 with err.
 */
static int
unlink_links(struct store *st, git_commit *c, git_index *idx,
    store_warn_fn warn, struct err *err)
{
	struct linkwalk lw = { st->dir, git_repository_workdir(st->repo), idx,
	    warn, 0 };
	git_tree *tree = NULL;
	int rc = 0;

	if (git_commit_tree(&tree, c) < 0)
		return store_giterr(st, "cannot read a snapshot's tree", err);
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, unlink_link, &lw) < 0 &&
	    lw.failed != 0) {
		err_set(err, ERR_REPO, "repo %s: cannot remove a symlink "
		    "in the work tree: %s", st->dir, strerror(lw.failed));
		rc = -1;
	}
	git_tree_free(tree);
	return rc;
}

int
snapshot_checkout(struct store *st, int repair, store_warn_fn warn,
    struct err *err)
{
	git_checkout_options co;
	struct snapshot *head = NULL;
	git_index *idx = NULL;
	int rc = 0;

	if (git_repository_is_bare(st->repo) ||
	    git_repository_head_unborn(st->repo) == 1 ||
	    (repair && index_current(st)))
		return 0;
	if (git_repository_index(&idx, st->repo) < 0)
		return store_giterr(st, "cannot read the index", err);
	if ((rc = snapshot_head(st, &head, err)) == 0 && head != NULL)
		rc = unlink_links(st, head->c, idx, warn, err);
	snapshot_free(head);
	if (rc == -1)
		goto cleanup;
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	errno = 0;
	/* The work tree mirrors the latest snapshot: it is mcwatch's. */
	co.checkout_strategy = GIT_CHECKOUT_FORCE;
	/*
	 * What the work tree holds is what the index says, not HEAD: after
	 * a checkout that failed part way (a full disk) HEAD is already the
	 * new snapshot, and against it libgit2 would see nothing to write.
	 */
	co.baseline_index = idx;
	fault_point("snapshot.checkout");
	if (git_checkout_head(st->repo, &co) < 0)
		rc = store_giterr(st, "cannot update the work tree", err);
	else
		fault_point("snapshot.checked-out");
 cleanup:
	git_index_free(idx);
	return rc;
}

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
