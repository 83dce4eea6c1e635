/* Reading a git-config file with libgit2, into plain entries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "conf.h"
#include "gitlib.h"

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

/* The key of "section.key" or "section.sub.key"; all of s if no dot. */
static const char *
key_of(const char *s)
{
	const char *dot = strrchr(s, '.');

	return dot != NULL ? dot + 1 : s;
}

/*
 * The lines of file's entries, by a scan beside libgit2's parse (which
 * gives no line): each "name = value" line under "[section]" or
 * "[section \"sub\"]", in file order as libgit2 iterates them; and the
 * first name that is no git-config name (letters, digits, '-'), for a
 * file libgit2 refused.
 */
static void
conf_lines(const char *file, struct conf *c)
{
	char line[4096], sect[512] = "", name[4096], *p, *e;
	size_t i = 0, n;
	int ln = 0;
	FILE *fp;

	if ((fp = fopen(file, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		ln++;
		p = line + strspn(line, " \t");
		if (*p == '#' || *p == ';' || *p == '\n' || *p == '\0')
			continue;
		if (*p == '[') {
			n = strcspn(p + 1, " \t]");
			snprintf(sect, sizeof(sect), "%.*s", (int)n, p + 1);
			continue;
		}
		n = strcspn(p, " \t=\n");
		if (n == 0)
			continue;
		e = p + strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
		    "QRSTUVWXYZ0123456789-");
		if ((size_t)(e - p) < n && c->badline == 0) {
			snprintf(c->badname, sizeof(c->badname), "%s.%.*s", sect,
			    (int)n, p);
			c->badline = ln;
		}
		/* Sections keep their subsection's case: compare the key. */
		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		if (i < c->n && strcasecmp(key_of(c->v[i].name), key_of(name)) ==
		    0)
			c->v[i++].line = ln;
	}
	fclose(fp);
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
	if (gitlib_load(err) == -1)
		return -1;
	/* Counted: a command that never opens a repository needs it too. */
	git_libgit2_init();
	if (git_config_new(&cfg) < 0 ||
	    git_config_add_file_ondisk(cfg, file, GIT_CONFIG_LEVEL_APP, NULL,
	    0) < 0 || git_config_iterator_new(&it, cfg) < 0) {
		ge = git_error_last();
		conf_lines(file, c);
		if (c->badline > 0)
			err_set(err, ERR_USAGE, "config %s:%d: '%s' is no key: "
			    "a key is [section] then name = value, a name of "
			    "letters, digits and '-'", file, c->badline,
			    c->badname);
		else
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
	conf_lines(file, c);
	rc = 0;
 cleanup:
	git_config_iterator_free(it);
	git_config_free(cfg);
	git_libgit2_shutdown();
	if (rc == -1) {
		char bad[sizeof(c->badname)];
		int line = c->badline;

		memcpy(bad, c->badname, sizeof(bad));
		conf_free(c);
		memcpy(c->badname, bad, sizeof(bad));
		c->badline = line;
	}
	return rc;
}
