/*
 * The second source on the site: each snapshot's change of the SPF
 * netblocks, and the latest answers with where they and the page disagree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "../diff/report.h"
#include "../output/html.h"
#include "../snapshots/snapshot.h"

int
pub_spf_doc(struct pub_ctx *ctx, const char *id, struct spf_doc *d)
{
	struct snapshot *s = NULL;
	struct err err;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	/* The walk found id: a failure here is the repository's, told. */
	if (snapshot_resolve(ctx->st, id, &s, &err) == -1) {
		if (err.kind == ERR_NOMEM)
			return err_nomem(ctx->err, "publish");
		if (ctx->o->warn != NULL)
			ctx->o->warn(err.msg);
		return 0;
	}
	if (snapshot_spf_read(ctx->st, s, ctx->o->warn, d) == -1)
		rc = err_nomem(ctx->err, "publish");
	snapshot_free(s);
	return rc;
}

int
pub_spf_change(struct pub_ctx *ctx, const char *parent, const char *id,
    struct spf_report *r)
{
	struct spf_doc a, b;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	memset(&a, 0, sizeof(a));
	if ((parent != NULL && pub_spf_doc(ctx, parent, &a) == -1) ||
	    pub_spf_doc(ctx, id, &b) == -1)
		goto cleanup;
	if (spf_report_changes(r, &a, &b) == -1) {
		err_nomem(ctx->err, "publish");
		goto cleanup;
	}
	spf_report_sort(r);
	rc = 0;
 cleanup:
	spf_doc_clear(&a);
	spf_doc_clear(&b);
	return rc;
}

int
pub_spf_html(xmlNodePtr parent, const struct spf_report *r, int level,
    const char *title)
{
	static const char *const cols[] = { "Change", "Region",
	    "Range or term", "What" };
	const char *sign, *key, *what;
	char h[4], net[CIDR_STRLEN];
	xmlNodePtr tbody, tr, td;
	size_t i, k;

	if (r == NULL || r->n == 0)
		return 0;
	snprintf(h, sizeof(h), "h%d", level);
	if (html_add(parent, h, title) == NULL ||
	    (tbody = pub_table_new(parent, cols, 4)) == NULL)
		return -1;
	for (i = 0; i < r->n; i++) {
		report_spf_kind(r->v[i].kind, &sign, &key, &what);
		k = SPF_WARNING(r->v[i].kind) ? PUB_WARNING : *sign == '+' ?
		    PUB_ADDED : *sign == '-' ? PUB_REMOVED : PUB_CHANGED;
		if ((tr = html_add(tbody, "tr", NULL)) == NULL ||
		    html_attr(tr, "class", pub_kinds[k].name) == -1 ||
		    (td = html_add(tr, "td", pub_kinds[k].shown)) == NULL ||
		    html_attr(td, "style", pub_kinds[k].style) == -1 ||
		    html_add(tr, "td", r->v[i].code) == NULL ||
		    (td = html_add(tr, "td", r->v[i].text != NULL ?
		    r->v[i].text : cidr_format(&r->v[i].net, net))) == NULL ||
		    (r->v[i].text == NULL && html_attr(td, "class", "mono") ==
		    -1) || html_add(tr, "td", what) == NULL)
			return -1;
	}
	return 0;
}

/* A link to the list of code (NULL: all) and family in td. */
static int
list_link(xmlNodePtr td, const char *code, int family)
{
	char rel[200], path[220], text[8];
	xmlNodePtr a;

	if (spf_list_path(code, family, rel, sizeof(rel)) == -1)
		return -1;
	snprintf(path, sizeof(path), PUB_LISTS "%s", rel);
	snprintf(text, sizeof(text), "IPv%d", family);
	if (family == 6 && html_text(td, " ") == -1)
		return -1;
	return (a = html_add(td, "a", text)) == NULL ||
	    html_attr(a, "href", path) == -1 ? -1 : 0;
}

/* A row of the answers' table: region, name, ranges, lists. */
static int
answer_row(xmlNodePtr tbody, const char *code, const char *name,
    size_t nnets, const char *listcode)
{
	char count[32];
	xmlNodePtr tr, td;

	snprintf(count, sizeof(count), "%zu", nnets);
	return (tr = html_add(tbody, "tr", NULL)) == NULL ||
	    html_add(tr, "td", code) == NULL ||
	    html_add(html_add(tr, "td", NULL), "code", name) == NULL ||
	    html_add(tr, "td", count) == NULL ||
	    (td = html_add(tr, "td", NULL)) == NULL ||
	    list_link(td, listcode, 4) == -1 || list_link(td, listcode, 6) ==
	    -1 ? -1 : 0;
}

/* The ranges of every region of d, each once (global repeats them). */
static size_t
distinct(const struct spf_doc *d)
{
	char *buf;
	size_t len, i, n = 0;
	int fam;

	for (fam = 4; fam <= 6; fam += 2) {
		if (spf_doc_list(d, NULL, fam, &buf, &len) == -1)
			return (size_t)-1;
		for (i = 0; i < len; i++)
			n += buf[i] == '\n';
		free(buf);
	}
	return n;
}

int
pub_spf_section(const struct pub_ctx *ctx, xmlNodePtr main)
{
	static const char *const cols[] = { "Region", "SPF name", "Ranges",
	    "Lists" };
	const struct spf_doc *d = &ctx->spf;
	struct spf_report warn;
	xmlNodePtr sec, tbody;
	size_t i, all = 0;
	int rc = -1;

	if (d->n == 0)
		return 0;
	memset(&warn, 0, sizeof(warn));
	if ((all = distinct(d)) == (size_t)-1)
		goto memory;
	if ((sec = html_add(main, "section", NULL)) == NULL ||
	    html_attr(sec, "id", "spf") == -1 ||
	    html_add(sec, "h2", "SPF netblocks (the second source)") == NULL ||
	    html_add(sec, "p", "What Mimecast's gateways send mail from, as "
	    "its SPF records in DNS said when this snapshot was taken.") ==
	    NULL || (tbody = pub_table_new(sec, cols, 4)) == NULL ||
	    answer_row(tbody, "all regions", "", all, NULL) == -1)
		goto memory;
	for (i = 0; i < d->n; i++)
		if (answer_row(tbody, d->v[i].code, d->v[i].a.name,
		    d->v[i].a.nnets, d->v[i].code) == -1)
			goto memory;
	/* Where they and the page disagree: a warning, never a change. */
	if (spf_report_disagree(&warn, ctx->latest, d) == -1)
		goto memory;
	spf_report_sort(&warn);
	if ((warn.n > 0 && pub_spf_html(sec, &warn, 3, "Warning: where they "
	    "and the page disagree") == -1) ||
	    (warn.n == 0 && html_add(sec, "p", "They agree with the page's "
	    "gateway networks.") == NULL))
		goto memory;
	rc = 0;
	goto cleanup;
 memory:
	err_nomem(ctx->err, "publish");
 cleanup:
	spf_report_clear(&warn);
	return rc;
}
