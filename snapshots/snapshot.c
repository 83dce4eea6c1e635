/* Snapshot handles, and reading what a snapshot holds. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "snapshot.h"
#include "source.h"
#include "../records/json.h"


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

int
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

int
snapshot_file_id(struct store *st, const struct snapshot *s, const char *path,
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
	if (c == NULL || snapshot_file_id(st, c, path, &have, &err) != 0 ||
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
	if ((rc = snapshot_file_id(st, c, path, &id, err)) != 0)
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
	git_blob *blob = NULL;
	git_oid id;
	int rc;

	*rs = NULL;
	if ((rc = snapshot_file_id(st, c, SNAP_DATA, &id, err)) == 1)
		return err_set(err, ERR_REPO, "repo %s: snapshot %s has no %s",
		    st->dir, c->id, SNAP_DATA);
	if (rc == -1)
		return -1;
	if (git_blob_lookup(&blob, st->repo, &id) < 0)
		return store_giterr(st, SNAP_DATA, err);
	/* Read where libgit2 holds it: 10,000 records are megabytes. */
	rc = recordset_from_json(git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob), rs, err);
	git_blob_free(blob);
	if (rc == -1 && err->kind != ERR_NOMEM)
		err->kind = ERR_REPO;
	if (rc == -1)
		return err_prefix(err, "repo %s: snapshot %s: %s", st->dir,
		    c->id, SNAP_DATA);
	return 0;
}

int
snapshot_spf(struct store *st, const struct snapshot *c, struct spf_doc *d,
    struct err *err)
{
	git_blob *blob = NULL;
	git_oid id;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = snapshot_file_id(st, c, SNAP_SPF, &id, err)) != 0)
		return rc == 1 ? 0 : -1;
	if (git_blob_lookup(&blob, st->repo, &id) < 0)
		return store_giterr(st, SNAP_SPF, err);
	/* Bounded before a byte is read: anyone may push a huge one. */
	if ((size_t)git_blob_rawsize(blob) > SPF_DOCMAX)
		rc = err_set(err, ERR_REPO, "spf.json: over %u bytes",
		    SPF_DOCMAX);
	else
		rc = spf_doc_parse(git_blob_rawcontent(blob),
		    (size_t)git_blob_rawsize(blob), d, err);
	git_blob_free(blob);
	if (rc == -1 && err->kind != ERR_NOMEM)
		err_prefix(err, "repo %s: snapshot %s", st->dir, c->id);
	return rc;
}

int
snapshot_spf_read(struct store *st, const struct snapshot *c,
    store_warn_fn warn, struct spf_doc *d)
{
	struct err err;
	char msg[ERR_MSGMAX + 64];

	err_clear(&err);
	if (snapshot_spf(st, c, d, &err) == 0)
		return 0;
	if (err.kind == ERR_NOMEM)
		return -1;
	if (warn != NULL) {
		snprintf(msg, sizeof(msg), "warning: %s; read as no SPF "
		    "netblocks", err.msg);
		warn(msg);
	}
	return 0;
}

int
snapshot_spf_change(struct store *st, const struct snapshot *a,
    const struct snapshot *b, store_warn_fn warn, struct spf_report *r)
{
	struct spf_doc da, db;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	memset(&da, 0, sizeof(da));
	memset(&db, 0, sizeof(db));
	if ((a == NULL || snapshot_spf_read(st, a, warn, &da) == 0) &&
	    snapshot_spf_read(st, b, warn, &db) == 0 &&
	    spf_report_changes(r, &da, &db) == 0) {
		spf_report_sort(r);
		rc = 0;
	} else
		spf_report_clear(r);
	spf_doc_clear(&da);
	spf_doc_clear(&db);
	return rc;
}
