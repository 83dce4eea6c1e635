/*
 * make bench's floor for 'mcwatch history': libgit2 alone reading what
 * any history of a record must read, and nothing more. HEAD's first-
 * parent line, oldest first; each commit, its tree, and the blob named
 * argv[2] in it when its id is not the previous one's, read with the
 * object hash check off as mcwatch's read-only commands read. Linked
 * with libgit2 alone.
 */
#include <stdio.h>
#include <string.h>

#include <git2.h>

/* The blob name holds in commit c's tree, read if it is new; 0, or -1. */
static int
read_one(git_repository *repo, const git_oid *id, const char *name,
    git_oid *prev, size_t *total)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_blob *b = NULL;
	const git_tree_entry *e;
	int rc = -1;

	if (git_commit_lookup(&c, repo, id) != 0 || git_commit_tree(&t, c) != 0)
		goto cleanup;
	rc = 0;
	if ((e = git_tree_entry_byname(t, name)) == NULL ||
	    git_oid_equal(git_tree_entry_id(e), prev))
		goto cleanup;
	git_oid_cpy(prev, git_tree_entry_id(e));
	if (git_blob_lookup(&b, repo, prev) != 0)
		rc = -1;
	else
		*total += (size_t)git_blob_rawsize(b);
 cleanup:
	git_blob_free(b);
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

int
main(int argc, char **argv)
{
	git_repository *repo = NULL;
	git_revwalk *w = NULL;
	git_oid id, prev;
	size_t total = 0, n = 0;
	int rc = 1;

	if (argc != 3)
		return 2;
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	memset(&prev, 0, sizeof(prev));
	if (git_repository_open(&repo, argv[1]) != 0 ||
	    git_revwalk_new(&w, repo) != 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL |
	    GIT_SORT_REVERSE) != 0)
		goto cleanup;
	git_revwalk_simplify_first_parent(w);
	if (git_revwalk_push_head(w) != 0)
		goto cleanup;
	while (git_revwalk_next(&id, w) == 0) {
		if (read_one(repo, &id, argv[2], &prev, &total) == -1)
			goto cleanup;
		n++;
	}
	printf("%zu snapshots, %zu bytes of %s\n", n, total, argv[2]);
	rc = 0;
 cleanup:
	git_revwalk_free(w);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}
