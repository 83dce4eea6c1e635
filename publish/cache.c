/*
 * An old site's changes.json read back as the history it was made of, so
 * that publishing after one new snapshot reads one snapshot from the
 * repository, not all of them. Anything that is not exactly what mcwatch
 * writes (a broken chain of ids, a record that does not read) makes the
 * caller walk the whole history instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "timeline.h"
#include "../records/json.h"

/* A snapshot id: 40 lower-case hex digits. */
static int
is_id(const char *s)
{
	return s != NULL && strlen(s) == 40 &&
	    strspn(s, "0123456789abcdef") == 40;
}

/* The dataset line of record object o, added or removed; -1 if none. */
static int
add_record(struct pub_timeline *h, json_t *o, int added)
{
	struct record r;
	json_t *canon;
	char *line;
	int rc;

	/* Read and written again: the bytes of the dataset, whatever o's. */
	if (record_from_json(o, &r) != 0)
		return -1;
	canon = record_to_json(&r);
	record_clear(&r);
	if (canon == NULL)
		return -1;
	line = json_dumps(canon, JSON_COMPACT);
	json_decref(canon);
	if (line == NULL)
		return -1;
	rc = pub_timeline_add_line(h, line, strlen(line), added);
	free(line);
	return rc;
}

/* A member that is a string or null: 0 (*s NULL for null), or -1. */
static int
nullable(json_t *e, const char *key, const char **s)
{
	json_t *v = json_object_get(e, key);

	*s = json_string_value(v);
	return json_is_string(v) || json_is_null(v) ? 0 : -1;
}

/* One change object: its snapshot and its lines. */
static int
add_change(struct pub_timeline *h, json_t *e, const char *from)
{
	const char *to = NULL, *source, *f;
	json_t *date, *added, *removed, *changed, *o;
	time_t t;
	size_t i;

	if (json_unpack(e, "{s:s, s:o, s:o, s:o, s:o}", "to", &to, "date",
	    &date, "added", &added, "removed", &removed, "changed",
	    &changed) == -1 || nullable(e, "from", &f) == -1 ||
	    nullable(e, "source", &source) == -1 ||
	    !is_id(to) || json_time_get(date, &t) == -1 ||
	    (from == NULL) != (f == NULL) || (f != NULL && strcmp(f, from)) ||
	    !json_is_array(added) || !json_is_array(removed) ||
	    !json_is_array(changed) ||
	    pub_timeline_add_snap(h, to, t, source, 1) == -1)
		return -1;
	json_array_foreach(removed, i, o)
		if (add_record(h, o, 0) == -1)
			return -1;
	json_array_foreach(changed, i, o)
		if (add_record(h, json_object_get(o, "before"), 0) == -1 ||
		    add_record(h, json_object_get(o, "after"), 1) == -1)
			return -1;
	json_array_foreach(added, i, o)
		if (add_record(h, o, 1) == -1)
			return -1;
	return 0;
}

int
pub_cache_fill(struct pub_timeline *h, const char *buf, size_t len,
    char *latest)
{
	json_t *root, *e;
	const char *from = NULL;
	size_t i, n;
	int rc = -1;

	if ((root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, NULL)) ==
	    NULL)
		return -1;
	if (!json_is_array(root) || (n = json_array_size(root)) == 0)
		goto cleanup;
	/* Newest first in the file: the chain is read from its start. */
	for (i = n; i-- > 0; ) {
		e = json_array_get(root, i);
		if (add_change(h, e, from) == -1)
			goto cleanup;
		from = h->snaps[h->nsnaps - 1].id;
	}
	snprintf(latest, 41, "%s", from);
	rc = 0;
 cleanup:
	json_decref(root);
	return rc;
}
