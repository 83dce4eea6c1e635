/* The work tree: brought up to date after a commit, repaired after a kill. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "snapshot.h"
#include "../faults/fault.h"

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
	    snapshot_file_id(st, head, SNAP_DATA, &want, &err) == 0 &&
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
