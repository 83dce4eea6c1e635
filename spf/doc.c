/*
 * The second source as a snapshot records it: spf.json, written in one
 * canonical form and read back as strictly, and its address lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "spf.h"
#include "../dns/dns.h"

#define SPF_SCHEMA	1
#define SPF_NOTEMAX	512	/* bytes of a term told as not understood */

void
spf_doc_clear(struct spf_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		spf_answer_clear(&d->v[i].a);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

const struct spf_region *
spf_doc_find(const struct spf_doc *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].code, code) == 0)
			return &d->v[i];
	return NULL;
}

int
spf_doc_add(struct spf_doc *d, const char *code, struct spf_answer *a,
    struct err *err)
{
	struct spf_region *v;
	size_t i;

	if (a->nnets == 0)
		return err_set(err, ERR_FETCH, "spf %s: no ip4: or ip6: range "
		    "at all (an empty answer is not recorded)", a->name);
	if (d->n == SPF_MAXREGIONS || !region_code_ok(code) ||
	    spf_doc_find(d, code) != NULL)
		return err_set(err, ERR_FETCH, "spf: region %.64s: not a new "
		    "region code, or more than %d regions", code,
		    SPF_MAXREGIONS);
	if ((v = reallocarray(d->v, d->n + 1, sizeof(*v))) == NULL)
		return err_nomem(err, "spf");
	d->v = v;
	/* Kept in code order: the file's bytes do not depend on the run's. */
	for (i = d->n; i > 0 && strcmp(v[i - 1].code, code) > 0; i--)
		v[i] = v[i - 1];
	snprintf(v[i].code, sizeof(v[i].code), "%s", code);
	v[i].a = *a;
	memset(a, 0, sizeof(*a));
	d->n++;
	return 0;
}

/* One region as its JSON object, or NULL. */
static json_t *
region_json(const struct spf_region *r)
{
	char buf[CIDR_STRLEN];
	json_t *o, *nets = json_array(), *notes = json_array();
	size_t i;
	int bad = nets == NULL || notes == NULL;

	for (i = 0; !bad && i < r->a.nnets; i++)
		bad = json_array_append_new(nets, json_string(cidr_format(
		    &r->a.nets[i], buf))) == -1;
	for (i = 0; !bad && i < r->a.nnotes; i++)
		bad = json_array_append_new(notes,
		    json_string(r->a.notes[i])) == -1;
	if (bad) {
		json_decref(nets);
		json_decref(notes);
		return NULL;
	}
	o = json_pack("{s:s, s:s, s:o, s:o}", "region_code", r->code, "name",
	    r->a.name, "ranges", nets, "not_understood", notes);
	return o;
}

int
spf_doc_json(const struct spf_doc *d, char **buf, size_t *len)
{
	json_t *root, *regions = json_array();
	size_t i;
	int rc = -1;

	*buf = NULL;
	for (i = 0; regions != NULL && i < d->n; i++)
		if (json_array_append_new(regions, region_json(&d->v[i])) ==
		    -1) {
			json_decref(regions);
			regions = NULL;
		}
	if ((root = json_pack("{s:i, s:o}", "schema", SPF_SCHEMA, "regions",
	    regions)) == NULL)
		return -1;
	if ((*buf = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
	    JSON_ENSURE_ASCII)) != NULL) {
		*len = strlen(*buf);
		rc = 0;
	}
	json_decref(root);
	return rc;
}

/* Whether o has exactly the n keys of keys. */
static int
keys_are(json_t *o, const char *const *keys, size_t n)
{
	size_t i;

	if (!json_is_object(o) || json_object_size(o) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (json_object_get(o, keys[i]) == NULL)
			return 0;
	return 1;
}

/* The ranges of array v into a: canonical, strictly ascending; 0, -1. */
static int
parse_nets(json_t *v, struct spf_answer *a, const char *code, struct err *err)
{
	char back[CIDR_STRLEN];
	const char *s;
	size_t i, n = json_array_size(v);

	if (!json_is_array(v) || n == 0 || n > SPF_MAXNETS)
		return err_set(err, ERR_REPO, "region %s: \"ranges\" is not an "
		    "array of 1 to %d networks", code, SPF_MAXNETS);
	if ((a->nets = calloc(n, sizeof(*a->nets))) == NULL)
		return err_nomem(err, "spf");
	for (i = 0; i < n; i++) {
		s = json_string_value(json_array_get(v, i));
		if (s == NULL || cidr_parse(s, &a->nets[i]) == -1 ||
		    cidr_canonicalize(&a->nets[i]) != 0 ||
		    strcmp(cidr_format(&a->nets[i], back), s) != 0 ||
		    (i > 0 && cidr_cmp(&a->nets[i - 1], &a->nets[i]) >= 0))
			return err_set(err, ERR_REPO, "region %s: range %zu is "
			    "not a canonical network in ascending order", code,
			    i + 1);
		a->nnets++;
	}
	return 0;
}

/* Whether s (n bytes) is a note as the resolver writes one. */
static int
note_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > SPF_NOTEMAX)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/* The notes of array v into a; 0, or -1 with err. */
static int
parse_notes(json_t *v, struct spf_answer *a, const char *code,
    struct err *err)
{
	json_t *s;
	size_t i;

	if (!json_is_array(v) || json_array_size(v) > SPF_MAXNOTES)
		return err_set(err, ERR_REPO, "region %s: \"not_understood\" is "
		    "not an array of at most %d terms", code, SPF_MAXNOTES);
	json_array_foreach(v, i, s) {
		if (!json_is_string(s) || !note_ok(json_string_value(s),
		    json_string_length(s)))
			return err_set(err, ERR_REPO, "region %s: term %zu told "
			    "as not understood is not printable text of 1 to %d "
			    "bytes", code, i + 1, SPF_NOTEMAX);
		if ((a->notes[i] = strdup(json_string_value(s))) == NULL)
			return err_nomem(err, "spf");
		a->nnotes++;
	}
	return 0;
}

/* Region object o, the i-th, into d; 0, or -1 with err. */
static int
parse_region(json_t *o, size_t i, struct spf_doc *d, struct err *err)
{
	static const char *const keys[] = { "region_code", "name", "ranges",
	    "not_understood" };
	struct spf_answer a;
	const char *code, *name;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	if (!keys_are(o, keys, 4) ||
	    (code = json_string_value(json_object_get(o, "region_code"))) ==
	    NULL || !region_code_ok(code) ||
	    (name = json_string_value(json_object_get(o, "name"))) == NULL ||
	    !dns_name_ok(name) || strlen(name) >= sizeof(a.name) ||
	    (d->n > 0 && strcmp(d->v[d->n - 1].code, code) >= 0))
		return err_set(err, ERR_REPO, "region %zu: want region_code (in "
		    "ascending order, each once), name, ranges and "
		    "not_understood, and nothing else", i + 1);
	snprintf(a.name, sizeof(a.name), "%s", name);
	if (parse_nets(json_object_get(o, "ranges"), &a, code, err) == -1 ||
	    parse_notes(json_object_get(o, "not_understood"), &a, code,
	    err) == -1 || spf_doc_add(d, code, &a, err) == -1)
		goto cleanup;
	rc = 0;
 cleanup:
	spf_answer_clear(&a);
	return rc;
}

int
spf_doc_parse(const char *buf, size_t len, struct spf_doc *d, struct err *err)
{
	static const char *const keys[] = { "schema", "regions" };
	json_error_t je;
	json_t *root, *regions, *o;
	size_t i;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	if (len > SPF_DOCMAX)
		return err_set(err, ERR_REPO, "spf.json: over %u bytes",
		    SPF_DOCMAX);
	if ((root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je)) ==
	    NULL)
		return err_set(err, ERR_REPO, "spf.json: line %d: %s",
		    je.line, je.text);
	regions = json_object_get(root, "regions");
	if (!keys_are(root, keys, 2) || json_integer_value(json_object_get(
	    root, "schema")) != SPF_SCHEMA || !json_is_integer(json_object_get(
	    root, "schema")) || !json_is_array(regions) ||
	    json_array_size(regions) > SPF_MAXREGIONS) {
		err_set(err, ERR_REPO, "spf.json: want {\"schema\": %d, "
		    "\"regions\": [at most %d]}", SPF_SCHEMA, SPF_MAXREGIONS);
		goto cleanup;
	}
	json_array_foreach(regions, i, o)
		if (parse_region(o, i, d, err) == -1) {
			if (err->kind != ERR_NOMEM)
				err_prefix(err, "spf.json");
			goto cleanup;
		}
	rc = 0;
 cleanup:
	if (rc == -1)
		spf_doc_clear(d);
	json_decref(root);
	return rc;
}

static int
net_qcmp(const void *x, const void *y)
{
	return cidr_cmp(x, y);
}

int
spf_doc_list(const struct spf_doc *d, const char *code, int family,
    char **buf, size_t *len)
{
	char line[CIDR_STRLEN];
	struct cidr *v = NULL, *nv;
	size_t i, j, n = 0;
	FILE *fp;
	int rc = -1;

	*buf = NULL;
	*len = 0;
	for (i = 0; i < d->n; i++) {
		if (code != NULL && strcmp(d->v[i].code, code) != 0)
			continue;
		if ((nv = reallocarray(v, n + d->v[i].a.nnets + 1,
		    sizeof(*v))) == NULL)
			goto cleanup;
		v = nv;
		for (j = 0; j < d->v[i].a.nnets; j++)
			if (d->v[i].a.nets[j].addr.family == family)
				v[n++] = d->v[i].a.nets[j];
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), net_qcmp);
	if ((fp = open_memstream(buf, len)) == NULL)
		goto cleanup;
	for (i = 0; i < n; i++)
		if (i == 0 || cidr_cmp(&v[i - 1], &v[i]) != 0)
			fprintf(fp, "%s\n", cidr_format(&v[i], line));
	rc = fclose(fp) == EOF ? -1 : 0;
 cleanup:
	if (rc == -1) {
		free(*buf);
		*buf = NULL;
	}
	free(v);
	return rc;
}

int
spf_list_path(const char *code, int family, char *buf, size_t len)
{
	int n;

	n = code == NULL ? snprintf(buf, len, "cidr/spf-v%d.txt", family) :
	    snprintf(buf, len, "cidr/%s/spf-v%d.txt", code, family);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* The list of region code (NULL: all) and family of doc to fn. */
static int
one_list(const struct spf_doc *doc, const char *code, int family,
    int (*fn)(void *, const char *, const char *, size_t, struct err *),
    void *arg, struct err *err)
{
	char path[200], *buf;
	size_t len;
	int rc;

	if (spf_list_path(code, family, path, sizeof(path)) == -1)
		return err_set(err, ERR_REPO, "spf: region %s: a code too long "
		    "for a file name", code);
	if (spf_doc_list(doc, code, family, &buf, &len) == -1)
		return err_nomem(err, "spf");
	/* As the page's lists: every file exists, empty when it has none. */
	rc = fn(arg, path, buf != NULL ? buf : "", len, err);
	free(buf);
	return rc;
}

int
spf_doc_lists(const struct spf_doc *doc,
    int (*fn)(void *, const char *, const char *, size_t, struct err *),
    void *arg, struct err *err)
{
	size_t i;
	int fam;

	if (doc->n == 0)
		return 0;
	for (fam = 4; fam <= 6; fam += 2)
		if (one_list(doc, NULL, fam, fn, arg, err) == -1)
			return -1;
	for (i = 0; i < doc->n; i++)
		for (fam = 4; fam <= 6; fam += 2)
			if (one_list(doc, doc->v[i].code, fam, fn, arg, err) ==
			    -1)
				return -1;
	return 0;
}
