/* Committing a snapshot: its tree, its author, the branch moved last. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "author.h"
#include "internal.h"
#include "snapshot.h"
#include "../faults/clock.h"
#include "../faults/fault.h"
#include "../output/output.h"

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
