/* Building source.json with jansson. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "source.h"
#include "../records/json.h"
#include "../util/safe.h"

/* A string, or null when absent. */
static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

int
source_json(const struct source_info *si, const struct recordset *rs,
    char **buf, size_t *len)
{
	json_t *o, *w;
	struct tm tm;
	char when[32];
	size_t i;
	int rc = -1;

	*buf = NULL;
	gmtime_r(&si->fetched_at, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((o = json_object()) == NULL)
		return -1;
	if (json_object_set_new(o, "url", str_or_null(si->url)) == -1 ||
	    json_object_set_new(o, "final_url",
	    str_or_null(si->final_url)) == -1 ||
	    json_object_set_new(o, "fetched_at", json_string(when)) == -1 ||
	    json_object_set_new(o, "etag", str_or_null(si->etag)) == -1 ||
	    json_object_set_new(o, "last_modified",
	    str_or_null(si->last_modified)) == -1 ||
	    json_object_set_new(o, "page_sha256", str_or_null(si->sha256)) ==
	    -1 || json_object_set_new(o, "mcwatch_version",
	    str_or_null(si->version)) == -1 ||
	    json_object_set_new(o, "warnings", w = json_array()) == -1 ||
	    (si->article_id != NULL && json_object_set_new(o, "article_id",
	    json_string(si->article_id)) == -1) ||
	    (si->edited_at != NULL && json_object_set_new(o, "edited_at",
	    json_string(si->edited_at)) == -1))
		goto cleanup;
	for (i = 0; rs != NULL && i < rs->nwarns; i++)
		if (json_array_append_new(w, warning_to_json(&rs->warns[i])) ==
		    -1)
			goto cleanup;
	if ((*buf = json_dumps(o, JSON_INDENT(2))) == NULL)
		goto cleanup;
	*len = strlen(*buf);
	rc = 0;
 cleanup:
	json_decref(o);
	return rc;
}

/* A string member, copied; NULL if absent or not a string. */
static char *
dup_member(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v != NULL ? strdup(v) : NULL;
}

/*
 * The page's warnings of source.json into sp->warned, at most
 * SOURCE_MAXWARNINGS, control characters as '?'; entries that are not
 * three strings are passed over. 0, or -1 on memory.
 */
static int
source_warnings(json_t *o, struct source_prev *sp)
{
	json_t *w = json_object_get(o, "warnings"), *e;
	const char *f[3];
	char *msg;
	size_t i;
	int rc;

	if (!json_is_array(w) || json_array_size(w) == 0)
		return 0;
	if ((sp->warned = recordset_new()) == NULL)
		return -1;
	json_array_foreach(w, i, e) {
		if (i == SOURCE_MAXWARNINGS)
			break;
		f[0] = json_string_value(json_object_get(e, "region"));
		f[1] = json_string_value(json_object_get(e, "section"));
		f[2] = json_string_value(json_object_get(e, "message"));
		if (f[0] == NULL || f[1] == NULL || f[2] == NULL)
			continue;
		if ((msg = strdup(f[2])) == NULL)
			return -1;
		rc = recordset_warn(sp->warned, f[0], f[1], "%s",
		    safe_unctrl(msg));
		free(msg);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* page_sha256 into sp->sha256 when it is one: 64 lowercase hex digits. */
static void
page_sha256(json_t *o, struct source_prev *sp)
{
	const char *v = json_string_value(json_object_get(o, "page_sha256"));

	if (v != NULL && strlen(v) == sizeof(sp->sha256) - 1 &&
	    strspn(v, "0123456789abcdef") == sizeof(sp->sha256) - 1)
		memcpy(sp->sha256, v, sizeof(sp->sha256));
}

int
source_parse(const char *buf, size_t len, struct source_prev *sp,
    struct err *err)
{
	json_error_t je;
	json_t *o;

	memset(sp, 0, sizeof(*sp));
	if ((o = json_loadb(buf, len, 0, &je)) == NULL) {
		err_set(err, ERR_PARSE, "line %d: %s", je.line, je.text);
		return -1;
	}
	if (!json_is_object(o)) {
		err_set(err, ERR_PARSE, "not a JSON object");
		json_decref(o);
		return -1;
	}
	sp->url = dup_member(o, "url");
	sp->final_url = dup_member(o, "final_url");
	sp->version = dup_member(o, "mcwatch_version");
	sp->etag = dup_member(o, "etag");
	sp->last_modified = dup_member(o, "last_modified");
	sp->article_id = dup_member(o, "article_id");
	sp->edited_at = dup_member(o, "edited_at");
	/* Told in messages: a time, never a line of its own. */
	if (sp->edited_at != NULL && (strlen(sp->edited_at) > 40 ||
	    strspn(sp->edited_at, "0123456789-:.TZ+") !=
	    strlen(sp->edited_at))) {
		free(sp->edited_at);
		sp->edited_at = NULL;
	}
	page_sha256(o, sp);
	if (source_warnings(o, sp) == -1) {
		json_decref(o);
		source_prev_clear(sp);
		err_nomem(err, "source.json");
		return -1;
	}
	json_decref(o);
	return 0;
}

void
source_prev_clear(struct source_prev *sp)
{
	if (sp == NULL)
		return;
	free(sp->url);
	free(sp->final_url);
	free(sp->version);
	free(sp->etag);
	free(sp->last_modified);
	free(sp->article_id);
	free(sp->edited_at);
	recordset_free(sp->warned);
	memset(sp, 0, sizeof(*sp));
}
