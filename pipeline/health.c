/* The run state file, read and written with jansson. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "health.h"
#include "../records/json.h"
#include "../util/safe.h"
#include "../snapshots/store.h"
#include "../faults/clock.h"
#include "../utf8/utf8.h"

/* A time of the state, 0 when it has none that reads. */
static time_t
parse_when(json_t *v)
{
	time_t t;

	return json_time_get(v, &t) == 0 ? t : 0;
}

/* A string of the state, control characters as '?': it is printed. */
static void
copy_str(char *dst, size_t len, json_t *v)
{
	snprintf(dst, len, "%s", json_string_value(v) ? json_string_value(v) :
	    "");
	safe_unctrl(dst);
}

/* h from the state's bytes; a state that does not parse is no state. */
static void
health_parse(const char *buf, size_t len, struct health *h)
{
	json_t *o = json_loadb(buf, len, 0, NULL);

	memset(h, 0, sizeof(*h));
	if (!json_is_object(o)) {
		h->unreadable = 1;
		json_decref(o);
		return;
	}
	h->last_check = parse_when(json_object_get(o, "last_check"));
	copy_str(h->last_result, sizeof(h->last_result),
	    json_object_get(o, "last_result"));
	copy_str(h->last_message, sizeof(h->last_message),
	    json_object_get(o, "last_message"));
	h->last_success = parse_when(json_object_get(o, "last_success"));
	h->last_change = parse_when(json_object_get(o, "last_change"));
	copy_str(h->last_snapshot, sizeof(h->last_snapshot),
	    json_object_get(o, "last_snapshot"));
	h->last_failure = parse_when(json_object_get(o, "last_failure"));
	copy_str(h->failure_result, sizeof(h->failure_result),
	    json_object_get(o, "failure_result"));
	copy_str(h->failure_message, sizeof(h->failure_message),
	    json_object_get(o, "failure_message"));
	h->failures = (int)json_integer_value(json_object_get(o, "failures"));
	h->pending = (int)json_integer_value(json_object_get(o, "pending"));
	copy_str(h->last_hook, sizeof(h->last_hook),
	    json_object_get(o, "last_hook"));
	copy_str(h->spf_warning, sizeof(h->spf_warning),
	    json_object_get(o, "spf_warning"));
	json_decref(o);
}

/* The state's bytes (malloc'd); NULL on memory. */
static char *
health_json(const struct health *h)
{
	json_t *o;
	char *s;

	o = json_pack("{s:o, s:s, s:s, s:o, s:o, s:s?, s:o, s:s?, s:s?, s:i, "
	    "s:i}", "last_check", json_time(h->last_check), "last_result",
	    h->last_result, "last_message", h->last_message, "last_success",
	    json_time(h->last_success), "last_change", json_time(h->last_change),
	    "last_snapshot", h->last_snapshot[0] ? h->last_snapshot : NULL,
	    "last_failure", json_time(h->last_failure), "failure_result",
	    h->failure_result[0] ? h->failure_result : NULL,
	    "failure_message", h->failure_message[0] ? h->failure_message :
	    NULL, "failures", h->failures, "pending", h->pending);
	if (o != NULL && ((h->last_hook[0] != '\0' && json_object_set_new(o,
	    "last_hook", json_string(h->last_hook)) == -1) ||
	    (h->spf_warning[0] != '\0' && json_object_set_new(o,
	    "spf_warning", json_string(h->spf_warning)) == -1))) {
		json_decref(o);
		o = NULL;
	}
	s = o != NULL ? json_dumps(o, JSON_INDENT(2)) : NULL;
	json_decref(o);
	return s;
}

/*
 * At most 500 bytes of s into dst (size bytes): a cut may fall inside a
 * character, and jansson takes UTF-8 only.
 */
static void
text_put(char *dst, size_t size, const char *s)
{
	snprintf(dst, size, "%.500s", s);
	utf8_repair(dst);
}

/* The latest run e in h. */
static void
health_update(struct health *h, const struct health_event *e)
{
	h->last_check = clock_now();
	snprintf(h->last_result, sizeof(h->last_result), "%s",
	    e->pending > 0 ? "notification pending" : e->result);
	text_put(h->last_message, sizeof(h->last_message), e->message);
	h->pending = e->pending > 0 ? e->pending : 0;
	if (e->ok) {
		h->last_success = h->last_check;
		h->failures = 0;
	} else {
		h->last_failure = h->last_check;
		snprintf(h->failure_result, sizeof(h->failure_result), "%s",
		    h->last_result);
		text_put(h->failure_message, sizeof(h->failure_message),
		    e->message);
		h->failures++;
	}
	if (e->hook != NULL && e->hook[0] != '\0')
		text_put(h->last_hook, sizeof(h->last_hook), e->hook);
	/*
	 * A run that did not check SPF: a failed one leaves the last warning
	 * standing, one that read the page without --spf clears it.
	 */
	if (e->spf != NULL)
		text_put(h->spf_warning, sizeof(h->spf_warning), e->spf);
	else if (e->ok)
		h->spf_warning[0] = '\0';
	if (e->snapshot != NULL) {
		h->last_change = h->last_check;
		snprintf(h->last_snapshot, sizeof(h->last_snapshot), "%s",
		    e->snapshot);
	}
}

int
health_record(struct store *st, const struct health_event *e, struct err *err)
{
	struct health h;
	char *buf = NULL;
	size_t len;
	int rc = -1, r;

	/*
	 * A state that cannot be read (a FIFO put there, say) is replaced,
	 * as one that does not parse is: the next check must be recorded.
	 */
	if ((r = store_get(st, HEALTH_FILE, &buf, &len, err)) == -1 &&
	    err->kind == ERR_NOMEM)
		return -1;
	memset(&h, 0, sizeof(h));
	if (r == 0)
		health_parse(buf, len, &h);
	free(buf);
	health_update(&h, e);
	if ((buf = health_json(&h)) == NULL) {
		err_set(err, ERR_NOMEM, "repo %s: out of memory",
		    store_dir(st));
		return -1;
	}
	rc = store_put(st, HEALTH_FILE, buf, strlen(buf), 0644, err);
	free(buf);
	return rc;
}

int
health_read(const char *repo, struct health *h, struct err *err)
{
	struct store *st;
	int r;

	memset(h, 0, sizeof(*h));
	if ((st = store_open(repo, 0, err)) == NULL)
		return -1;
	r = health_get(st, h, err);
	store_close(st);
	return r;
}

int
health_get(struct store *st, struct health *h, struct err *err)
{
	char *buf = NULL;
	size_t len;
	int r;

	memset(h, 0, sizeof(*h));
	if ((r = store_get(st, HEALTH_FILE, &buf, &len, err)) == 0)
		health_parse(buf, len, h);
	free(buf);
	return r;
}
