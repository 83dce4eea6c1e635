/*
 * libgit2, loaded at its first use (util/lazylib.h): the one table of the
 * functions mcwatch calls, from which their names, their indices and the
 * wrappers, defined under libgit2's names and so checked against git2.h,
 * are all generated. A function missing here fails the link.
 */
#include <stdarg.h>

#include <git2.h>

#include "gitlib.h"
#include "../util/lazylib.h"

#ifndef GITLIB_SONAME
#error "GITLIB_SONAME: the Makefile passes it (scripts/soname libgit2)"
#endif

/*
 * F(return type, name, (parameters), (arguments)); V for void ones; N
 * for a variadic one, wrapped by hand below (util/lazylib.h).
 */
#define GITLIB_FUNCS(F, V, N) \
	F(int, git_blob_create_from_buffer, \
	    (git_oid *id, git_repository *repo, const void *buffer, \
	    size_t len), (id, repo, buffer, len)) \
	V(git_blob_free, (git_blob *blob), (blob)) \
	F(const git_oid *, git_blob_id, (const git_blob *blob), (blob)) \
	F(int, git_blob_lookup, \
	    (git_blob **blob, git_repository *repo, const git_oid *id), \
	    (blob, repo, id)) \
	F(const void *, git_blob_rawcontent, (const git_blob *blob), (blob)) \
	F(git_object_size_t, git_blob_rawsize, (const git_blob *blob), (blob)) \
	F(int, git_checkout_head, \
	    (git_repository *repo, const git_checkout_options *opts), \
	    (repo, opts)) \
	F(int, git_checkout_options_init, \
	    (git_checkout_options *opts, unsigned int version), \
	    (opts, version)) \
	F(int, git_commit_create, \
	    (git_oid *id, git_repository *repo, const char *update_ref, \
	    const git_signature *author, const git_signature *committer, \
	    const char *message_encoding, const char *message, \
	    const git_tree *tree, size_t parent_count, \
	    const git_commit *parents[]), \
	    (id, repo, update_ref, author, committer, message_encoding, \
	    message, tree, parent_count, parents)) \
	V(git_commit_free, (git_commit *commit), (commit)) \
	F(const git_oid *, git_commit_id, \
	    (const git_commit *commit), (commit)) \
	F(int, git_commit_lookup, \
	    (git_commit **commit, git_repository *repo, const git_oid *id), \
	    (commit, repo, id)) \
	F(const char *, git_commit_message, \
	    (const git_commit *commit), (commit)) \
	F(int, git_commit_parent, \
	    (git_commit **out, const git_commit *commit, unsigned int n), \
	    (out, commit, n)) \
	F(const git_oid *, git_commit_parent_id, \
	    (const git_commit *commit, unsigned int n), (commit, n)) \
	F(unsigned int, git_commit_parentcount, \
	    (const git_commit *commit), (commit)) \
	F(const char *, git_commit_summary, (git_commit *commit), (commit)) \
	F(git_time_t, git_commit_time, (const git_commit *commit), (commit)) \
	F(int, git_commit_tree, \
	    (git_tree **tree_out, const git_commit *commit), \
	    (tree_out, commit)) \
	F(int, git_config_add_file_ondisk, \
	    (git_config *cfg, const char *path, git_config_level_t level, \
	    const git_repository *repo, int force), \
	    (cfg, path, level, repo, force)) \
	V(git_config_free, (git_config *cfg), (cfg)) \
	V(git_config_iterator_free, (git_config_iterator *iter), (iter)) \
	F(int, git_config_iterator_new, \
	    (git_config_iterator **out, const git_config *cfg), (out, cfg)) \
	F(int, git_config_new, (git_config **out), (out)) \
	F(int, git_config_next, \
	    (git_config_entry **entry, git_config_iterator *iter), \
	    (entry, iter)) \
	F(const git_error *, git_error_last, (void), ()) \
	F(int, git_error_set_str, \
	    (int error_class, const char *string), (error_class, string)) \
	F(int, git_graph_descendant_of, \
	    (git_repository *repo, const git_oid *commit, \
	    const git_oid *ancestor), (repo, commit, ancestor)) \
	V(git_index_free, (git_index *index), (index)) \
	F(const git_index_entry *, git_index_get_bypath, \
	    (git_index *index, const char *path, int stage), \
	    (index, path, stage)) \
	F(int, git_libgit2_init, (void), ()) \
	F(int, git_libgit2_shutdown, (void), ()) \
	V(git_message_trailer_array_free, \
	    (git_message_trailer_array *arr), (arr)) \
	F(int, git_message_trailers, \
	    (git_message_trailer_array *arr, const char *message), \
	    (arr, message)) \
	V(git_object_free, (git_object *object), (object)) \
	F(const git_oid *, git_object_id, (const git_object *obj), (obj)) \
	F(int, git_object_peel, \
	    (git_object **peeled, const git_object *object, \
	    git_object_t target_type), (peeled, object, target_type)) \
	F(int, git_odb_hash, \
	    (git_oid *out, const void *data, size_t len, git_object_t type), \
	    (out, data, len, type)) \
	F(int, git_oid_cpy, (git_oid *out, const git_oid *src), (out, src)) \
	F(int, git_oid_equal, (const git_oid *a, const git_oid *b), (a, b)) \
	F(int, git_oid_fromstr, (git_oid *out, const char *str), (out, str)) \
	F(char *, git_oid_tostr, \
	    (char *out, size_t n, const git_oid *id), (out, n, id)) \
	F(int, git_reference_create, \
	    (git_reference **out, git_repository *repo, const char *name, \
	    const git_oid *id, int force, const char *log_message), \
	    (out, repo, name, id, force, log_message)) \
	F(int, git_reference_create_matching, \
	    (git_reference **out, git_repository *repo, const char *name, \
	    const git_oid *id, int force, const git_oid *current_id, \
	    const char *log_message), \
	    (out, repo, name, id, force, current_id, log_message)) \
	V(git_reference_free, (git_reference *ref), (ref)) \
	F(int, git_reference_lookup, \
	    (git_reference **out, git_repository *repo, const char *name), \
	    (out, repo, name)) \
	F(int, git_reference_name_to_id, \
	    (git_oid *out, git_repository *repo, const char *name), \
	    (out, repo, name)) \
	F(const char *, git_reference_symbolic_target, \
	    (const git_reference *ref), (ref)) \
	V(git_repository_free, (git_repository *repo), (repo)) \
	F(int, git_repository_head_unborn, (git_repository *repo), (repo)) \
	F(int, git_repository_index, \
	    (git_index **out, git_repository *repo), (out, repo)) \
	F(int, git_repository_init_ext, \
	    (git_repository **out, const char *repo_path, \
	    git_repository_init_options *opts), (out, repo_path, opts)) \
	F(int, git_repository_init_options_init, \
	    (git_repository_init_options *opts, unsigned int version), \
	    (opts, version)) \
	F(int, git_repository_is_bare, (const git_repository *repo), (repo)) \
	F(int, git_repository_open_ext, \
	    (git_repository **out, const char *path, unsigned int flags, \
	    const char *ceiling_dirs), (out, path, flags, ceiling_dirs)) \
	F(const char *, git_repository_path, \
	    (const git_repository *repo), (repo)) \
	F(const char *, git_repository_workdir, \
	    (const git_repository *repo), (repo)) \
	F(int, git_revparse_single, \
	    (git_object **out, git_repository *repo, const char *spec), \
	    (out, repo, spec)) \
	V(git_revwalk_free, (git_revwalk *walk), (walk)) \
	F(int, git_revwalk_new, \
	    (git_revwalk **out, git_repository *repo), (out, repo)) \
	F(int, git_revwalk_next, \
	    (git_oid *out, git_revwalk *walk), (out, walk)) \
	F(int, git_revwalk_push_head, (git_revwalk *walk), (walk)) \
	F(int, git_revwalk_simplify_first_parent, (git_revwalk *walk), (walk)) \
	F(int, git_revwalk_sorting, \
	    (git_revwalk *walk, unsigned int sort_mode), (walk, sort_mode)) \
	V(git_signature_free, (git_signature *sig), (sig)) \
	F(int, git_signature_new, \
	    (git_signature **out, const char *name, const char *email, \
	    git_time_t time, int offset), (out, name, email, time, offset)) \
	F(int, git_tree_create_updated, \
	    (git_oid *out, git_repository *repo, git_tree *baseline, \
	    size_t nupdates, const git_tree_update *updates), \
	    (out, repo, baseline, nupdates, updates)) \
	F(const git_tree_entry *, git_tree_entry_byname, \
	    (const git_tree *tree, const char *filename), (tree, filename)) \
	F(int, git_tree_entry_bypath, \
	    (git_tree_entry **out, const git_tree *root, const char *path), \
	    (out, root, path)) \
	V(git_tree_entry_free, (git_tree_entry *entry), (entry)) \
	F(const git_oid *, git_tree_entry_id, \
	    (const git_tree_entry *entry), (entry)) \
	F(const char *, git_tree_entry_name, \
	    (const git_tree_entry *entry), (entry)) \
	V(git_tree_free, (git_tree *tree), (tree)) \
	F(int, git_tree_lookup, \
	    (git_tree **out, git_repository *repo, const git_oid *id), \
	    (out, repo, id)) \
	F(int, git_tree_walk, \
	    (const git_tree *tree, git_treewalk_mode mode, \
	    git_treewalk_cb callback, void *payload), \
	    (tree, mode, callback, payload)) \
	V(git_treebuilder_free, (git_treebuilder *bld), (bld)) \
	F(int, git_treebuilder_insert, \
	    (const git_tree_entry **out, git_treebuilder *bld, \
	    const char *filename, const git_oid *id, \
	    git_filemode_t filemode), (out, bld, filename, id, filemode)) \
	F(int, git_treebuilder_new, \
	    (git_treebuilder **out, git_repository *repo, \
	    const git_tree *source), (out, repo, source)) \
	F(int, git_treebuilder_write, \
	    (git_oid *id, git_treebuilder *bld), (id, bld)) \
	N(git_libgit2_opts)

LAZYLIB_DEFINE(GITLIB_FUNCS, GITLIB_SONAME)

int
gitlib_load(struct err *err)
{
	return lazylib_load(&lib, ERR_REPO, err);
}

/*
 * A variadic function cannot pass its arguments on as they came: each
 * option mcwatch sets is forwarded with its own arguments' types, any
 * other refused as libgit2 refuses an unknown one.
 */
int
git_libgit2_opts(int option, ...)
{
	int (*opts)(int, ...) = (int (*)(int, ...))lazylib_fn(&lib,
	    LAZY_git_libgit2_opts);
	va_list ap;
	int rc, type;
	size_t size;

	va_start(ap, option);
	switch (option) {
	case GIT_OPT_SET_CACHE_OBJECT_LIMIT:
		type = va_arg(ap, int);
		size = va_arg(ap, size_t);
		rc = opts(option, type, size);
		break;
	case GIT_OPT_ENABLE_FSYNC_GITDIR:
	case GIT_OPT_SET_OWNER_VALIDATION:
	case GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION:
		rc = opts(option, va_arg(ap, int));
		break;
	default:
		git_error_set_str(GIT_ERROR_INVALID, "invalid option key");
		rc = -1;
		break;
	}
	va_end(ap);
	return rc;
}
