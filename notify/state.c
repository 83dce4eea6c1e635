/* The delivery state file, read and written with jansson. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "state.h"

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

/* One channel's entry into s; -1 on memory or a bad entry. */
static int
load_one(struct notify_state *s, const char *key, json_t *o)
{
	const char *d = json_string_value(json_object_get(o, "delivered"));
	const char *p = json_string_value(json_object_get(o, "problem"));
	struct chan_state *c;

	if (!json_is_object(o) || d == NULL || strlen(d) > 40 ||
	    strspn(d, "0123456789abcdef") != strlen(d) ||
	    (c = notify_state_get(s, key)) == NULL)
		return -1;
	c->known = 1;
	snprintf(c->delivered, sizeof(c->delivered), "%s", d);
	snprintf(c->problem, sizeof(c->problem), "%s", p ? p : "");
	return 0;
}

int
notify_state_load(struct store *st, struct notify_state *s,
    void (*warn)(const char *), char *err)
{
	json_error_t je;
	json_t *root = NULL, *chans, *o;
	const char *key;
	char *buf, msg[STORE_ERRMAX + 300];
	size_t len;
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = store_get(st, NOTIFY_STATE, &buf, &len, err)) != 0)
		return rc == 1 ? 0 : -1;
	root = json_loadb(buf, len, 0, &je);
	free(buf);
	chans = json_object_get(root, "channels");
	if (!json_is_object(chans)) {
		snprintf(msg, sizeof(msg), "warning: repo %s: %s does not "
		    "parse (%s); every channel starts from now",
		    store_dir(st), NOTIFY_STATE, root ? "no channels" : je.text);
		if (warn != NULL)
			warn(msg);
		json_decref(root);
		return 0;
	}
	json_object_foreach(chans, key, o)
		load_one(s, key, o);
	json_decref(root);
	return 0;
}

int
notify_state_save(struct store *st, const struct notify_state *s, char *err)
{
	json_t *root, *chans;
	char *buf = NULL;
	size_t i;
	int rc = -1;

	if ((root = json_pack("{s:i, s:{}}", "version", 1, "channels")) ==
	    NULL)
		goto nomem;
	chans = json_object_get(root, "channels");
	for (i = 0; i < s->n; i++)
		if (s->v[i].known && json_object_set_new(chans, s->v[i].key,
		    json_pack("{s:s, s:s?}", "delivered", s->v[i].delivered,
		    "problem", s->v[i].problem[0] ? s->v[i].problem : NULL)) ==
		    -1)
			goto nomem;
	if ((buf = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS)) == NULL)
		goto nomem;
	rc = store_put(st, NOTIFY_STATE, buf, strlen(buf), err);
	goto cleanup;
 nomem:
	snprintf(err, STORE_ERRMAX, "repo %s: out of memory", store_dir(st));
 cleanup:
	free(buf);
	json_decref(root);
	return rc;
}
