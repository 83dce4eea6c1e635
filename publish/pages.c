/*
 * index.html (the current data) and changes.html (every change), as
 * libxml2 trees: page text is only ever a text node or an attribute
 * value, and only http(s) URLs become links. No script, no external
 * request: the pages work from file:// and print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "../export/lists.h"
#include "../diff/report.h"
#include "../output/html.h"
#include "../records/lists.h"
#include "../output/output.h"
#include "../records/region.h"

/*
 * The one stylesheet, inline: a file:// page makes no other request. An
 * address, a prefix or a port never breaks inside itself (nowrap), a URL
 * only after '/', '?', '&' or '=' (<wbr>), a snapshot id (hex) anywhere;
 * below 40em each table row is a
 * card of "Column: value" lines, so that no page scrolls sideways on a
 * phone. A change's kind is told by a sign and a word, coloured too.
 */
static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72em;"
    "padding:0 1em;line-height:1.4;color:#111;background:#fff}"
    "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1em}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #999;padding:.2em .5em;text-align:left;"
    "vertical-align:top}"
    "thead th{background:#eee}"
    "code,td.mono{font-family:ui-monospace,monospace}"
    "td.mono{white-space:nowrap}code{overflow-wrap:anywhere}"
    "tr.added{background:#eefbee}tr.removed{background:#fdeeee}"
    "tr.changed{background:#fff8e6}tr.retiring{background:#fdf0e4}"
    "section{margin-bottom:2em}"
    "@media (max-width:40em){table,thead,tbody,tr,th,td{display:block}"
    "thead tr{position:absolute;left:-9999px}"
    "tr{border:1px solid #999;margin:0 0 .6em}th,td{border:0}"
    "td[data-label]::before,th[data-label]::before{content:"
    "attr(data-label) \": \";font-weight:600}}"
    "@media print{nav{display:none}a{color:inherit}}";

/* Where each list is shown on index.html, and its columns. */
#define COLS_MAX	6
static const struct list_table {
	enum record_list	 list;
	const char		*heading;
	const char		*cols[COLS_MAX];
	size_t			 ncols;
} list_tables[] = {
	{ LIST_GATEWAY, "Gateway networks", { "Network", "First", "Last",
	    "Netmask", "Location", "Table" }, 6 },
	{ LIST_NONSPF, "Non-SPF ranges", { "First", "Last", "Label",
	    "CIDR blocks", "Table" }, 5 },
	{ LIST_WEBSITE, "Website hosts", { "Network", "First", "Last",
	    "Netmask", "Location", "Table" }, 6 },
	{ LIST_URLS, "URLs", { "Application", "URL", "Table" }, 3 },
	{ LIST_PORTS, "Ports", { "Protocol", "Port", "Usage", "Table" }, 4 },
};
#define NTABLES	(sizeof(list_tables) / sizeof(list_tables[0]))

struct pub_pages {
	htmlDocPtr	 scratch;	/* where a part's section is built */
	xmlNodePtr	 body;		/* its body */
};

#define CELL_MAX	2048

/* A page: head (style, feed link), navigation, and its main in *mainp. */
static htmlDocPtr
page_new(const struct pub_ctx *ctx, const char *title, xmlNodePtr *mainp)
{
	static const char *const nav[][2] = {
		{ "index.html", "Current data" },
		{ "changes.html", "Changes" },
		{ "feed.atom", "Atom feed" },
		{ "version.json", "version.json" },
		{ "endpoints.json", "endpoints.json" },
		{ "changes.json", "changes.json" },
	};
	htmlDocPtr doc;
	xmlNodePtr head, body, n, ul, li;
	size_t i;

	if ((doc = html_new(title, &head, &body)) == NULL)
		return NULL;
	if ((n = html_add(head, "meta", NULL)) == NULL ||
	    html_attr(n, "name", "viewport") == -1 ||
	    html_attr(n, "content", "width=device-width, initial-scale=1") ==
	    -1 || html_add(head, "style", style) == NULL ||
	    (n = html_add(head, "link", NULL)) == NULL ||
	    html_attr(n, "rel", "alternate") == -1 ||
	    html_attr(n, "type", "application/atom+xml") == -1 ||
	    html_attr(n, "href", "feed.atom") == -1 ||
	    html_attr(n, "title", ctx->title) == -1 ||
	    (n = html_add(body, "nav", NULL)) == NULL ||
	    html_attr(n, "aria-label", "Site") == -1 ||
	    (ul = html_add(n, "ul", NULL)) == NULL)
		goto fail;
	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++)
		if ((li = html_add(ul, "li", NULL)) == NULL ||
		    (n = html_add(li, "a", nav[i][1])) == NULL ||
		    html_attr(n, "href", nav[i][0]) == -1)
			goto fail;
	if ((*mainp = html_add(body, "main", NULL)) == NULL ||
	    html_add(*mainp, "h1", title) == NULL)
		goto fail;
	return doc;
 fail:
	xmlFreeDoc(doc);
	return NULL;
}

/* Whether n is the element name. */
static int
is_elem(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

/* The first child element of n called name, or NULL. */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (is_elem(n, name))
			return n;
	return NULL;
}

/*
 * Each body cell of table t labelled with its column's name (data-label),
 * which the narrow layout shows before the value. 0, or -1 on memory.
 */
static int
label_table(xmlNodePtr t)
{
	xmlNodePtr head = child(child(t, "thead"), "tr"), tr, c, h;
	xmlChar *name;
	int rc = 0;

	for (tr = child(child(t, "tbody"), "tr"); tr != NULL && rc == 0;
	    tr = tr->next) {
		if (!is_elem(tr, "tr"))
			continue;
		for (c = tr->children, h = head ? head->children : NULL;
		    c != NULL && h != NULL && rc == 0; c = c->next) {
			if (!is_elem(c, "td") && !is_elem(c, "th"))
				continue;
			while (h != NULL && !is_elem(h, "th"))
				h = h->next;
			if (h == NULL)
				break;
			if ((name = xmlNodeGetContent(h)) == NULL)
				return -1;
			rc = html_attr(c, "data-label", (const char *)name);
			xmlFree(name);
			h = h->next;
		}
	}
	return rc;
}

/* Every table under n labelled (label_table); 0, or -1 on memory. */
static int
label_tables(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (is_elem(n, "table") && label_table(n) == -1)
			return -1;
		if (n->children != NULL && label_tables(n->children) == -1)
			return -1;
	}
	return 0;
}

/* Serialize doc as path. */
static int
page_put(struct pub_ctx *ctx, htmlDocPtr doc, const char *path)
{
	char *s;
	int rc;

	if (label_tables(xmlDocGetRootElement(doc)) == -1 ||
	    (s = html_dump(doc)) == NULL) {
		err_nomem(ctx->err, "publish");
		return -1;
	}
	rc = pub_put(ctx, path, s, strlen(s));
	free(s);
	return rc;
}

/* A range's CIDR cover, space-separated as in CSV, into buf. */
static void
cover_text(const struct record *r, char *buf, size_t len)
{
	char c[CIDR_STRLEN];
	size_t i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < r->ncidrs && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%s", i ? " " : "",
		    cidr_format(&r->cidrs[i], c));
}

/* The cells of r in its table's columns; their count. */
static size_t
record_cells(const struct record *r, const char **cells, char *num,
    char *cover, size_t coverlen)
{
	const char *none = "";
	size_t n = 0;

	switch (r->kind) {
	case RECORD_NETWORK:
		cells[n++] = cidr_format(&r->cidr, num);
		cells[n++] = r->first ? r->first : none;
		cells[n++] = r->last ? r->last : none;
		cells[n++] = r->netmask ? r->netmask : none;
		cells[n++] = r->location ? r->location : none;
		break;
	case RECORD_RANGE:
		cover_text(r, cover, coverlen);
		cells[n++] = r->first ? r->first : none;
		cells[n++] = r->last ? r->last : none;
		cells[n++] = r->label ? r->label : none;
		cells[n++] = cover;
		break;
	case RECORD_URL:
		cells[n++] = r->application ? r->application : none;
		cells[n++] = r->url ? r->url : none;
		break;
	case RECORD_PORT:
		snprintf(num, CIDR_STRLEN, "%d", r->port);
		cells[n++] = r->protocol ? r->protocol : none;
		cells[n++] = num;
		cells[n++] = r->usage ? r->usage : none;
		break;
	default:
		break;
	}
	cells[n++] = r->section[0] ? r->section : "—";
	return n;
}

/*
 * url in td, a link when it is an http(s) one, that a narrow screen may
 * break only after '/', '?', '&' or '=' (<wbr>), never inside a name or
 * a number. 0, or -1 on memory.
 */
static int
url_link(xmlNodePtr td, const char *url)
{
	char piece[CELL_MAX];
	xmlNodePtr a;
	size_t n;

	if ((a = html_link(td, url, NULL)) == NULL)
		return -1;
	while (*url != '\0') {
		n = strcspn(url, "/?&=");
		n += url[n] != '\0';
		/* "//" stays whole: no break between the slashes. */
		while (url[n] == '/')
			n++;
		snprintf(piece, sizeof(piece), "%.*s", (int)n, url);
		if (html_text(a, piece) == -1 ||
		    (url[n] != '\0' && html_add(a, "wbr", NULL) == NULL))
			return -1;
		url += n;
	}
	return 0;
}

/* One record's row; a URL is a link when it is an http(s) one. */
static int
record_row(xmlNodePtr tbody, const struct record *r)
{
	const char *cells[COLS_MAX];
	char num[CIDR_STRLEN], cover[CELL_MAX * 4];
	xmlNodePtr tr, td;
	size_t i, n;

	n = record_cells(r, cells, num, cover, sizeof(cover));
	if ((tr = html_add(tbody, "tr", NULL)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if ((td = html_add(tr, "td", NULL)) == NULL)
			return -1;
		if (r->kind == RECORD_URL && i == 1) {
			if (url_link(td, r->url) == -1)
				return -1;
		} else if (html_text(td, cells[i]) == -1)
			return -1;
		if ((r->kind == RECORD_NETWORK || r->kind == RECORD_RANGE) &&
		    i < 2 && html_attr(td, "class", "mono") == -1)
			return -1;
	}
	return 0;
}

/* The table of list t for records [from, to) of rs, if it has any. */
static int
list_section(xmlNodePtr sec, const struct recordset *rs, size_t from,
    size_t to, const struct list_table *t)
{
	xmlNodePtr tbody = NULL;
	size_t i;

	for (i = from; i < to; i++) {
		if (record_list(&rs->recs[i]) != t->list)
			continue;
		if (tbody == NULL && (html_add(sec, "h3", t->heading) == NULL ||
		    (tbody = pub_table_new(sec, t->cols, t->ncols)) == NULL))
			return -1;
		if (record_row(tbody, &rs->recs[i]) == -1)
			return -1;
	}
	return 0;
}

/* A cell of the lists table: a link to the file, or why there is none. */
static int
list_cell(const struct pub_ctx *ctx, xmlNodePtr tr, size_t f, int l,
    int fam, const char *code)
{
	char path[300], text[16];
	xmlNodePtr td, a;

	if ((td = html_add(tr, "td", NULL)) == NULL)
		return -1;
	if (pub_list_path(f, l, fam, code, path, sizeof(path)) == -1 ||
	    !pub_list_written(ctx, path))
		return html_text(td, "too many entries");
	snprintf(text, sizeof(text), "IPv%d", fam);
	if ((a = html_add(td, "a", text)) == NULL ||
	    html_attr(a, "href", path) == -1)
		return -1;
	return 0;
}

/* The header row of the lists table: one column a format and family. */
static int
lists_head(xmlNodePtr tr)
{
	char name[128];
	const char *title;
	xmlNodePtr th;
	size_t f;
	int v6, fam;

	if ((th = html_add(tr, "th", "List")) == NULL ||
	    html_attr(th, "scope", "col") == -1)
		return -1;
	for (f = 0; lists_format(f, &title, &v6) != NULL; f++)
		for (fam = 4; fam <= (v6 ? 6 : 4); fam += 2) {
			snprintf(name, sizeof(name), "%s, IPv%d", title, fam);
			if ((th = html_add(tr, "th", name)) == NULL ||
			    html_attr(th, "scope", "col") == -1)
				return -1;
		}
	return 0;
}

/* The rows of the lists grid for region code (NULL: all regions). */
static int
lists_rows(const struct pub_ctx *ctx, xmlNodePtr tbody, const char *code)
{
	const char *title;
	char name[300];
	xmlNodePtr tr, th;
	size_t f, i;
	int l, fam, v6;

	for (i = 0; (l = lists_at(i)) != -1; i++) {
		snprintf(name, sizeof(name), "%s: %s", code ? code : "all regions",
		    l == LIST_N ? "all addresses" :
		    record_list_label((enum record_list)l));
		if ((tr = html_add(tbody, "tr", NULL)) == NULL ||
		    (th = html_add(tr, "th", name)) == NULL ||
		    html_attr(th, "scope", "row") == -1)
			return -1;
		for (f = 0; lists_format(f, &title, &v6) != NULL; f++)
			for (fam = 4; fam <= (v6 ? 6 : 4); fam += 2)
				if (list_cell(ctx, tr, f, l, fam, code) == -1)
					return -1;
	}
	return 0;
}

/*
 * The address lists, once: all regions, then each region, a row a list,
 * a column a format and family, each cell a link to the file.
 */
static int
lists_grid(const struct pub_ctx *ctx, xmlNodePtr parent)
{
	const struct recordset *rs = ctx->latest;
	xmlNodePtr t, tr;
	size_t i;

	if (html_add(parent, "h2", "Address lists") == NULL ||
	    (t = html_add(parent, "table", NULL)) == NULL ||
	    (tr = html_add(html_add(t, "thead", NULL), "tr", NULL)) == NULL ||
	    lists_head(tr) == -1 || (t = html_add(t, "tbody", NULL)) == NULL ||
	    lists_rows(ctx, t, NULL) == -1)
		return -1;
	for (i = 0; i < rs->nrecs; i = region_run_end(rs, i))
		if (lists_rows(ctx, t, rs->recs[i].region_code) == -1)
			return -1;
	return 0;
}

/* "Region (code)" of records [from, to): a section with its tables. */
static int
region_section(const struct pub_ctx *ctx, xmlNodePtr main, size_t from,
    size_t to)
{
	const struct recordset *rs = ctx->latest;
	const struct record *r = &rs->recs[from];
	char id[300], head[600];
	xmlNodePtr sec;
	size_t t;

	snprintf(id, sizeof(id), "region-%s", r->region_code);
	snprintf(head, sizeof(head), "%s (%s)", r->region[0] ? r->region :
	    "No region", r->region_code);
	if ((sec = html_add(main, "section", NULL)) == NULL ||
	    html_attr(sec, "id", id) == -1 || html_add(sec, "h2", head) == NULL)
		return -1;
	for (t = 0; t < NTABLES; t++)
		if (list_section(sec, rs, from, to, &list_tables[t]) == -1)
			return -1;
	return 0;
}

/*
 * When Mimecast last edited the page (the Help Center API's edited_at,
 * "2026-11-28T14:05:00Z"), beside the last check; nothing if unknown.
 */
static int
index_edited(const struct pub_ctx *ctx, xmlNodePtr p)
{
	char when[32], iso[32];
	struct tm tm;
	xmlNodePtr n;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (ctx->edited_at == NULL ||
	    strptime(ctx->edited_at, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL ||
	    (t = timegm(&tm)) == (time_t)-1)
		return 0;
	pub_date(t, when, iso);
	if (html_text(p, ". Mimecast last edited the page: ") == -1 ||
	    (n = html_add(p, "time", when)) == NULL ||
	    html_attr(n, "datetime", iso) == -1)
		return -1;
	return 0;
}

/* When it last changed and was checked, where from: the page's top. */
static int
index_status(const struct pub_ctx *ctx, xmlNodePtr main)
{
	char when[32], iso[32], line[256];
	xmlNodePtr p, n;

	pub_date(ctx->head->time, when, iso);
	if ((p = html_add(main, "p", "Last changed: ")) == NULL ||
	    (n = html_add(p, "time", when)) == NULL ||
	    html_attr(n, "datetime", iso) == -1 ||
	    html_text(p, " (snapshot ") == -1 ||
	    html_add(p, "code", ctx->head->id) == NULL ||
	    html_text(p, "). Last checked: ") == -1)
		return -1;
	if (ctx->o->last_check != 0) {
		pub_date(ctx->o->last_check, when, iso);
		if ((n = html_add(p, "time", when)) == NULL ||
		    html_attr(n, "datetime", iso) == -1)
			return -1;
	} else if (html_text(p, "not known") == -1)
		return -1;
	if (index_edited(ctx, p) == -1)
		return -1;
	snprintf(line, sizeof(line), ". %zu record%s in %zu snapshot%s.",
	    ctx->latest->nrecs, ctx->latest->nrecs == 1 ? "" : "s",
	    ctx->frags.n, ctx->frags.n == 1 ? "" : "s");
	if (html_text(p, line) == -1)
		return -1;
	/* A page read from a file has no address for the web: nothing. */
	if (ctx->source != NULL && (html_text(p, " Source: ") == -1 ||
	    html_link(p, ctx->source, ctx->source) == NULL ||
	    html_text(p, ".") == -1))
		return -1;
	return 0;
}

/* The list of regions, linked to their sections. */
static int
index_regions(const struct pub_ctx *ctx, xmlNodePtr main)
{
	const struct recordset *rs = ctx->latest;
	char id[300];
	xmlNodePtr nav, ul, a;
	size_t i;

	if ((nav = html_add(main, "nav", NULL)) == NULL ||
	    html_attr(nav, "aria-label", "Regions") == -1 ||
	    html_add(nav, "h2", "Regions") == NULL ||
	    (ul = html_add(nav, "ul", NULL)) == NULL)
		return -1;
	for (i = 0; i < rs->nrecs; i = region_run_end(rs, i)) {
		snprintf(id, sizeof(id), "#region-%s", rs->recs[i].region_code);
		if ((a = html_add(html_add(ul, "li", NULL), "a",
		    rs->recs[i].region[0] ? rs->recs[i].region :
		    rs->recs[i].region_code)) == NULL ||
		    html_attr(a, "href", id) == -1)
			return -1;
	}
	return 0;
}

static int
index_page(struct pub_ctx *ctx)
{
	const struct recordset *rs = ctx->latest;
	htmlDocPtr doc;
	xmlNodePtr main;
	size_t i, end;
	int rc = -1;

	if ((doc = page_new(ctx, ctx->title, &main)) == NULL)
		goto memory;
	if (index_status(ctx, main) == -1 || index_regions(ctx, main) == -1 ||
	    lists_grid(ctx, main) == -1 || pub_spf_section(ctx, main) == -1)
		goto memory;
	for (i = 0; i < rs->nrecs; i = end) {
		end = region_run_end(rs, i);
		if (region_section(ctx, main, i, end) == -1)
			goto memory;
	}
	rc = page_put(ctx, doc, "index.html");
	goto cleanup;
 memory:
	err_nomem(ctx->err, "publish");
 cleanup:
	xmlFreeDoc(doc);
	return rc;
}

/* Which of pub_kinds change ch is: a live record marked retiring is its own. */
static size_t
change_kind(const struct change *ch)
{
	if (ch->before == NULL)
		return PUB_ADDED;
	if (ch->after == NULL)
		return PUB_REMOVED;
	return ch->before->status == RECORD_LIVE &&
	    ch->after->status == RECORD_RETIRING ? PUB_RETIRING : PUB_CHANGED;
}

int
pub_change_html(xmlNodePtr parent, const struct pub_change *c, int level)
{
	static const char *const cols[] = { "Change", "List", "Entry",
	    "Details" };
	const struct diff *d = c->diff;
	char h[4], head[600], entry[DETAIL_MAX], what[2048];
	xmlNodePtr tbody = NULL, tr, td;
	const struct record *r, *prev = NULL;
	size_t i, k;

	snprintf(h, sizeof(h), "h%d", level);
	for (i = 0; i < d->nchanges; i++) {
		const struct change *ch = &d->changes[i];

		r = change_record(ch);
		/* Changes come grouped by region: a heading each. */
		if (prev == NULL || strcmp(prev->region_code,
		    r->region_code) != 0) {
			snprintf(head, sizeof(head), "%s (%s)", r->region,
			    r->region_code);
			if (html_add(parent, h, head) == NULL ||
			    (tbody = pub_table_new(parent, cols, 4)) == NULL)
				return -1;
		}
		prev = r;
		report_change_what(ch, entry, sizeof(entry), what,
		    sizeof(what));
		k = change_kind(ch);
		if ((tr = html_add(tbody, "tr", NULL)) == NULL ||
		    html_attr(tr, "class", pub_kinds[k].name) == -1 ||
		    (td = html_add(tr, "td", pub_kinds[k].shown)) == NULL ||
		    html_attr(td, "style", pub_kinds[k].style) == -1 ||
		    html_add(tr, "td", record_list_label(record_list(r))) ==
		    NULL || html_add(tr, "td", entry) == NULL ||
		    html_add(tr, "td", what) == NULL)
			return -1;
	}
	return pub_spf_html(parent, c->spf, level, "SPF netblocks (the second "
	    "source)");
}

void *
pub_pages_new(struct pub_ctx *ctx)
{
	struct pub_pages *p;

	(void)ctx;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	if ((p->scratch = html_new("", NULL, &p->body)) == NULL) {
		free(p);
		return NULL;
	}
	return p;
}

/* A change's heading and what it is: its date, counts, ids. */
static int
change_head(xmlNodePtr sec, const struct pub_change *c)
{
	char when[32], iso[32], line[512], spf[300], href[64];
	xmlNodePtr h, p, n;

	pub_date(c->snap->time, when, iso);
	spf[0] = '\0';
	if (c->spf != NULL && c->spf->nchanges > 0) {
		spf[0] = ';';
		spf[1] = ' ';
		report_spf_summary(c->spf, spf + 2, sizeof(spf) - 2);
	}
	if (c->parent == NULL)
		snprintf(line, sizeof(line), ": first snapshot, %zu records%s",
		    c->nrecords, spf);
	else
		snprintf(line, sizeof(line), ": %zu added, %zu removed, %zu "
		    "changed%s", c->diff->nadded, c->diff->nremoved,
		    c->diff->nchanged, spf);
	snprintf(href, sizeof(href), "changes/%s.json", c->snap->id);
	if ((h = html_add(sec, "h2", NULL)) == NULL ||
	    (n = html_add(h, "time", when)) == NULL ||
	    html_attr(n, "datetime", iso) == -1 || html_text(h, line) == -1 ||
	    (p = html_add(sec, "p", "Snapshot ")) == NULL ||
	    html_add(p, "code", c->snap->id) == NULL ||
	    html_text(p, c->parent ? ", after " : ". ") == -1 ||
	    (c->parent && (html_add(p, "code", c->parent) == NULL ||
	    html_text(p, ". ") == -1)) ||
	    (n = html_add(p, "a", "Its change")) == NULL ||
	    html_attr(n, "href", href) == -1 || html_text(p, " (JSON).") == -1)
		return -1;
	return 0;
}

/* Snapshot c's section of changes.html under sec; 0, or -1 on memory. */
static int
section(xmlNodePtr sec, const struct pub_change *c)
{
	if (html_attr(sec, "id", c->snap->id) == -1 || change_head(sec, c) ==
	    -1)
		return -1;
	/* The first snapshot's records are the data, not a change. */
	if (c->parent == NULL)
		return 0;
	if (c->diff->nchanges == 0 && html_add(sec, "p", "No record "
	    "changed.") == NULL)
		return -1;
	if (pub_change_html(sec, c, 3) == -1)
		return -1;
	return label_tables(sec);
}

int
pub_pages_change(void *w, const struct pub_change *c, struct pub_frag *f)
{
	struct pub_pages *p = w;
	xmlNodePtr sec;
	int rc = -1;

	/* Built in a document of its own, serialized as it is in the page. */
	if ((sec = xmlNewDocNode(p->scratch, NULL, BAD_CAST "section",
	    NULL)) == NULL)
		return -1;
	xmlAddChild(p->body, sec);
	if (section(sec, c) == 0 &&
	    (f->html = html_dump_node(p->scratch, sec)) != NULL) {
		f->htmllen = strlen(f->html);
		rc = 0;
	}
	xmlUnlinkNode(sec);
	xmlFreeNode(sec);
	return rc;
}

/*
 * changes.html: the page around every part's section, newest first. The
 * sections are serialized already, once each: they go in as they are,
 * before the end of the page's main.
 */
static int
changes_page(struct pub_ctx *ctx)
{
	const struct pub_frags *fs = &ctx->frags;
	char title[600], line[256], *page = NULL, *buf = NULL, *end;
	htmlDocPtr doc;
	xmlNodePtr main;
	size_t len, i;
	FILE *fp = NULL;
	int rc = -1;

	snprintf(title, sizeof(title), "%s: changes", ctx->title);
	snprintf(line, sizeof(line), "%zu snapshot%s, the newest first. Times "
	    "are UTC. Each snapshot's change is also in changes/ID.json, never "
	    "rewritten; changes.json holds them all.", fs->n,
	    fs->n == 1 ? "" : "s");
	if ((doc = page_new(ctx, title, &main)) == NULL ||
	    html_add(main, "p", line) == NULL || (page = html_dump(doc)) ==
	    NULL || (end = strstr(page, "</main>")) == NULL ||
	    (fp = open_memstream(&buf, &len)) == NULL)
		goto memory;
	/* Where libxml2 put the sections when they were in the tree. */
	fwrite(page, 1, (size_t)(end - page), fp);
	putc('\n', fp);
	for (i = fs->n; i-- > 0; )
		fwrite(fs->v[i].html, 1, fs->v[i].htmllen, fp);
	fputs(end, fp);
	if (fclose(fp) == EOF) {
		fp = NULL;
		goto memory;
	}
	fp = NULL;
	rc = pub_put(ctx, "changes.html", buf, len);
	goto cleanup;
 memory:
	err_nomem(ctx->err, "publish");
 cleanup:
	if (fp != NULL)
		fclose(fp);
	free(buf);
	free(page);
	xmlFreeDoc(doc);
	return rc;
}

int
pub_pages_finish(void *w, struct pub_ctx *ctx)
{
	(void)w;
	if (changes_page(ctx) == -1)
		return -1;
	return index_page(ctx);
}

void
pub_pages_free(void *w)
{
	struct pub_pages *p = w;

	if (p == NULL)
		return;
	xmlFreeDoc(p->scratch);
	free(p);
}
