/*
 * What the snapshots stage keeps to itself: libgit2's types. No header
 * outside snapshots/ includes this one, so libgit2 stays inside it.
 */
#ifndef MCWATCH_SNAPSHOTS_INTERNAL_H
#define MCWATCH_SNAPSHOTS_INTERNAL_H

#include <git2.h>

#include "store.h"

struct store {
	git_repository	*repo;
	char		*dir;		/* as the user named it */
	char		*gitdir;	/* with a trailing '/' */
	int		 lockfd;	/* mcwatch's lock, or -1 */
};

/* A snapshot: one commit, and its id as text. */
struct snapshot {
	git_commit	*c;
	char		 id[GIT_OID_HEXSZ + 1];
};

/* A handle on commit c (taken over, freed on failure); NULL on memory. */
struct snapshot	*snapshot_wrap(git_commit *c);
/* Commit id into a new handle in *out; 0, or -1 with err. */
int		 snapshot_lookup(struct store *st, const git_oid *id,
		    struct snapshot **out, struct err *err);
/* The blob id of path in s's tree; 0, 1 if absent, -1 with err. */
int		 snapshot_file_id(struct store *st, const struct snapshot *s,
		    const char *path, git_oid *id, struct err *err);

#endif
