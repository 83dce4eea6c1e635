/* The delivery state file, read and written with jansson. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "state.h"
#include "../util/safe.h"
#include "../util/sha256.h"

struct chan_state *
notify_state_get(struct notify_state *s, const char *key)
{
	struct chan_state *p;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].key, key) == 0)
			return &s->v[i];
	if ((p = reallocarray(s->v, s->n + 1, sizeof(*p))) == NULL)
		return NULL;
	s->v = p;
	p = &s->v[s->n++];
	memset(p, 0, sizeof(*p));
	snprintf(p->key, sizeof(p->key), "%s", key);
	return p;
}

void
notify_state_free(struct notify_state *s)
{
	if (s == NULL)
		return;
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Whether s is "" or a full snapshot id: 40 lower-case hex digits. */
static int
snapshot_id_ok(const char *s)
{
	size_t n = strlen(s);

	return (n == 0 || n == 40) && strspn(s, "0123456789abcdef") == n;
}

/*
 * The key of an entry: "KIND:" and 64 hex digits as written now, or a
 * key of mcwatch 0.2 ("KIND:TARGET"), turned into one. 0, or -1.
 */
static int
entry_key(const char *name, char key[NOTIFY_KEYMAX])
{
	const char *colon = strchr(name, ':');
	char hex[SHA256_HEXLEN];
	size_t kind;

	if (colon == NULL || (kind = (size_t)(colon - name)) == 0 || kind > 10 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz") != kind)
		return -1;
	if (strlen(colon + 1) == 64 &&
	    strspn(colon + 1, "0123456789abcdef") == 64) {
		snprintf(key, NOTIFY_KEYMAX, "%s", name);
		return 0;
	}
	if (sha256_hex(colon + 1, strlen(colon + 1), hex) == NULL)
		return -1;
	snprintf(key, NOTIFY_KEYMAX, "%.*s:%s", (int)kind, name, hex);
	return 0;
}

/* One channel's entry into s; 1 bad (dropped), 0, or -1 on memory. */
static int
load_one(struct notify_state *s, const char *name, json_t *o)
{
	const char *d = json_string_value(json_object_get(o, "delivered"));
	const char *p = json_string_value(json_object_get(o, "problem"));
	json_t *nv = json_object_get(o, "notices");
	char key[NOTIFY_KEYMAX];
	struct chan_state *c;

	if (!json_is_object(o) || d == NULL || !snapshot_id_ok(d) ||
	    (nv != NULL && (!json_is_integer(nv) ||
	    json_integer_value(nv) < 0)) || entry_key(name, key) == -1)
		return 1;
	if ((c = notify_state_get(s, key)) == NULL)
		return -1;
	c->known = 1;
	snprintf(c->delivered, sizeof(c->delivered), "%s", d);
	snprintf(c->problem, sizeof(c->problem), "%s", p ? p : "");
	safe_unctrl(c->problem);
	c->notices = nv != NULL ? (long)json_integer_value(nv) : 0;
	return 0;
}

/* Tell warn that the state of st cannot be used, why; returns 0. */
static int
unusable(struct store *st, void (*warn)(const char *), const char *why)
{
	char msg[ERR_MSGMAX + 400];

	snprintf(msg, sizeof(msg), "warning: repo %s: %s %s; every channel "
	    "starts from the latest snapshot", store_dir(st), NOTIFY_STATE,
	    why);
	if (warn != NULL)
		warn(safe_unctrl(msg));
	return 0;
}

int
notify_state_load(struct store *st, struct notify_state *s,
    void (*warn)(const char *), struct err *err)
{
	json_error_t je;
	json_t *root = NULL, *chans, *o;
	const char *key;
	char *buf, why[ERR_MSGMAX + 64];
	size_t len, bad = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = store_get(st, NOTIFY_STATE, &buf, &len, err)) == 1)
		return 0;
	if (rc == -1 && err->kind == ERR_NOMEM)
		return -1;
	if (rc == -1)
		return unusable(st, warn, "cannot be read (a symlink, or no "
		    "permission)");
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	free(buf);
	chans = json_object_get(root, "channels");
	if (!json_is_object(chans)) {
		snprintf(why, sizeof(why), "does not parse (%s)", root ?
		    "no channels" : je.text);
		json_decref(root);
		return unusable(st, warn, why);
	}
	json_object_foreach(chans, key, o)
		if ((rc = load_one(s, key, o)) == -1) {
			json_decref(root);
			notify_state_free(s);
			err_set(err, ERR_NOMEM, "repo %s: out of memory",
			    store_dir(st));
			return -1;
		} else if (rc == 1)
			bad++;
	json_decref(root);
	if (bad > 0) {
		snprintf(why, sizeof(why), "has %zu entr%s that do%s not parse "
		    "(dropped)", bad, bad == 1 ? "y" : "ies", bad == 1 ? "es" :
		    "");
		unusable(st, warn, why);
	}
	return 0;
}

int
notify_state_save(struct store *st, const struct notify_state *s,
    struct err *err)
{
	json_t *root, *chans;
	char *buf = NULL;
	size_t i;
	int rc = -1;

	if ((root = json_pack("{s:i, s:{}}", "version", 2, "channels")) ==
	    NULL)
		goto nomem;
	chans = json_object_get(root, "channels");
	for (i = 0; i < s->n; i++)
		if (s->v[i].known && json_object_set_new(chans, s->v[i].key,
		    json_pack("{s:s, s:s?, s:I}", "delivered",
		    s->v[i].delivered, "problem", s->v[i].problem[0] ?
		    s->v[i].problem : NULL, "notices",
		    (json_int_t)s->v[i].notices)) == -1)
			goto nomem;
	if ((buf = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS)) == NULL)
		goto nomem;
	rc = store_put(st, NOTIFY_STATE, buf, strlen(buf), 0600, err);
	goto cleanup;
 nomem:
	err_set(err, ERR_NOMEM, "repo %s: out of memory", store_dir(st));
 cleanup:
	free(buf);
	json_decref(root);
	return rc;
}
