/* Reading a git-config file with libgit2, into plain entries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "conf.h"

void
conf_free(struct conf *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].name);
		free(c->v[i].value);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* Append an entry; -1 on memory. */
static int
conf_add(struct conf *c, const char *name, const char *value)
{
	struct conf_entry *p;

	if ((p = reallocarray(c->v, c->n + 1, sizeof(*p))) == NULL)
		return -1;
	c->v = p;
	p = &c->v[c->n];
	if ((p->name = strdup(name)) == NULL ||
	    (p->value = strdup(value ? value : "")) == NULL) {
		free(p->name);
		return -1;
	}
	c->n++;
	return 0;
}

int
conf_read(const char *file, struct conf *c, struct err *err)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	const git_error *ge;
	int rc = -1, r;

	memset(c, 0, sizeof(*c));
	if (git_config_new(&cfg) < 0 ||
	    git_config_add_file_ondisk(cfg, file, GIT_CONFIG_LEVEL_APP, NULL,
	    0) < 0 || git_config_iterator_new(&it, cfg) < 0) {
		ge = git_error_last();
		err_set(err, ERR_USAGE, "config %s: %s", file,
		    ge && ge->message ? ge->message : "cannot read");
		goto cleanup;
	}
	while ((r = git_config_next(&e, it)) == 0)
		if (conf_add(c, e->name, e->value) == -1) {
			err_set(err, ERR_NOMEM, "config %s: out of memory",
			    file);
			goto cleanup;
		}
	if (r != GIT_ITEROVER) {
		ge = git_error_last();
		err_set(err, ERR_USAGE, "config %s: %s", file,
		    ge && ge->message ? ge->message : "cannot read");
		goto cleanup;
	}
	rc = 0;
 cleanup:
	git_config_iterator_free(it);
	git_config_free(cfg);
	if (rc == -1)
		conf_free(c);
	return rc;
}
