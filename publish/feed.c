/*
 * feed.atom: an Atom 1.0 feed (RFC 4287) of the newest changes, one entry
 * a snapshot. Entry ids come from snapshot ids, so they never change from
 * one publish to the next; text is escaped by libxml2's serializer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "internal.h"
#include "../diff/report.h"
#include "../output/html.h"

#define ATOM_NS		"http://www.w3.org/2005/Atom"
#define ID_PREFIX	"urn:mcwatch:snapshot:"

struct pub_feed {
	xmlDocPtr	 doc;
	xmlNodePtr	 feed;
	xmlNsPtr	 ns;
	htmlDocPtr	 scratch;	/* where entry content is built */
	xmlNodePtr	 body;		/* its body */
	const char	*base;		/* the base URL, or "" */
	size_t		 n;
};

/*
 * A child element holding text, a text node as in the site's HTML (XML
 * 1.0 has no control characters either); or NULL.
 */
static xmlNodePtr
add(struct pub_feed *f, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n;

	if ((n = xmlNewChild(parent, f->ns, BAD_CAST name, NULL)) == NULL ||
	    (text != NULL && html_text(n, text) == -1))
		return NULL;
	return n;
}

/* <link rel href>, href relative to the base URL; -1 on memory. */
static int
add_link(struct pub_feed *f, xmlNodePtr parent, const char *rel,
    const char *type, const char *href)
{
	xmlNodePtr n;
	char *url;
	int rc;

	if (asprintf(&url, "%s%s", f->base, href) == -1)
		return -1;
	rc = (n = add(f, parent, "link", NULL)) == NULL ||
	    xmlSetProp(n, BAD_CAST "rel", BAD_CAST rel) == NULL ||
	    (type && xmlSetProp(n, BAD_CAST "type", BAD_CAST type) == NULL) ||
	    xmlSetProp(n, BAD_CAST "href", BAD_CAST url) == NULL ? -1 : 0;
	free(url);
	return rc;
}

/* <updated> (or another date element) of t; -1 on memory. */
static int
add_date(struct pub_feed *f, xmlNodePtr parent, const char *name, time_t t)
{
	char when[32], iso[32];

	pub_date(t, when, iso);
	return add(f, parent, name, iso) == NULL ? -1 : 0;
}

/* The feed's own elements: id, title, author, links, updated. */
static int
feed_head(struct pub_feed *f, const struct pub_ctx *ctx)
{
	char id[96];
	xmlNodePtr n;

	/* The first snapshot names the history: stable, and unique to it. */
	snprintf(id, sizeof(id), "urn:mcwatch:feed:%s", ctx->frags.v[0].id);
	if (add(f, f->feed, "title", ctx->title) == NULL ||
	    add(f, f->feed, "subtitle", "Changes to the data Mimecast "
	    "publishes on its Data Centers and URLs page") == NULL ||
	    add(f, f->feed, "id", id) == NULL ||
	    add_date(f, f->feed, "updated", ctx->head->time) == -1 ||
	    (n = add(f, f->feed, "author", NULL)) == NULL ||
	    add(f, n, "name", "mcwatch") == NULL ||
	    (n = add(f, f->feed, "generator", "mcwatch")) == NULL ||
	    xmlSetProp(n, BAD_CAST "version", BAD_CAST MCWATCH_VERSION) ==
	    NULL ||
	    add_link(f, f->feed, "alternate", "text/html", "index.html") == -1)
		return -1;
	/* A self link must be absolute: only with a base URL. */
	if (f->base[0] != '\0' && add_link(f, f->feed, "self",
	    "application/atom+xml", "feed.atom") == -1)
		return -1;
	return 0;
}

void *
pub_feed_new(struct pub_ctx *ctx)
{
	struct pub_feed *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->base = ctx->o->base_url ? ctx->o->base_url : "";
	if ((f->doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (f->feed = xmlNewDocNode(f->doc, NULL, BAD_CAST "feed", NULL)) ==
	    NULL)
		goto fail;
	xmlDocSetRootElement(f->doc, f->feed);
	if ((f->ns = xmlNewNs(f->feed, BAD_CAST ATOM_NS, NULL)) == NULL)
		goto fail;
	xmlSetNs(f->feed, f->ns);
	if ((f->scratch = html_new("", NULL, &f->body)) == NULL)
		goto fail;
	return f;
 fail:
	pub_feed_free(f);
	return NULL;
}

/* The change as HTML, for the entry's content (escaped as text). */
static char *
entry_html(struct pub_feed *f, const struct pub_change *c)
{
	xmlNodePtr div;
	char *s = NULL;

	if ((div = xmlNewDocNode(f->scratch, NULL, BAD_CAST "div", NULL)) ==
	    NULL)
		return NULL;
	/* Attached to the scratch document, so that it serializes as HTML. */
	xmlAddChild(f->body, div);
	if (pub_change_html(div, c, 3) == 0)
		s = html_dump_node(f->scratch, div);
	xmlUnlinkNode(div);
	xmlFreeNode(div);
	/*
	 * The serializer's line breaks between elements: the entry is put
	 * in as text, which turns control characters into '?'. Its own text
	 * holds none, so they are dropped, not replaced.
	 */
	if (s != NULL) {
		char *r = s, *w = s;

		for (; *r != '\0'; r++)
			if (*r != '\n')
				*w++ = *r;
		*w = '\0';
	}
	return s;
}

int
pub_feed_change(void *w, const struct pub_change *c, struct pub_frag *fr)
{
	struct pub_feed *f = w;
	char title[1024];

	/* Only the newest are entries: the others' are never rendered. */
	if (f->n >= PUBLISH_FEED_MAX)
		return 0;
	f->n++;
	if (c->parent == NULL)
		snprintf(title, sizeof(title), "First snapshot: %zu records",
		    c->nrecords);
	else if (c->spf == NULL || c->spf->nchanges == 0)
		report_summary(c->diff, title, sizeof(title));
	else if (c->diff->nchanges == 0)
		report_spf_summary(c->spf, title, sizeof(title));
	else {
		report_summary(c->diff, title, sizeof(title) / 2);
		strcat(title, "; ");
		report_spf_summary(c->spf, title + strlen(title),
		    sizeof(title) - strlen(title));
	}
	if ((fr->title = strdup(title)) == NULL)
		return -1;
	fr->titlelen = strlen(title);
	fr->feed = 1;
	if (c->parent == NULL || (c->diff->nchanges == 0 && (c->spf == NULL ||
	    c->spf->n == 0)))
		return 0;
	if ((fr->content = entry_html(f, c)) == NULL)
		return -1;
	fr->contentlen = strlen(fr->content);
	return 0;
}

/* Part fr's entry: a summary, or its change as HTML; -1 on memory. */
static int
entry(struct pub_feed *f, const struct pub_frag *fr)
{
	char id[96], href[80];
	xmlNodePtr e, n;

	snprintf(id, sizeof(id), ID_PREFIX "%s", fr->id);
	snprintf(href, sizeof(href), "changes.html#%s", fr->id);
	if ((e = add(f, f->feed, "entry", NULL)) == NULL ||
	    add(f, e, "id", id) == NULL || add(f, e, "title", fr->title) ==
	    NULL || add_date(f, e, "updated", fr->time) == -1 ||
	    add_link(f, e, "alternate", "text/html", href) == -1)
		return -1;
	if (fr->content == NULL)
		return add(f, e, "summary", fr->parent[0] ? "No record "
		    "changed." : "The first snapshot of the data.") == NULL ?
		    -1 : 0;
	if ((n = add(f, e, "content", fr->content)) == NULL ||
	    xmlSetProp(n, BAD_CAST "type", BAD_CAST "html") == NULL)
		return -1;
	return 0;
}

int
pub_feed_finish(void *w, struct pub_ctx *ctx)
{
	struct pub_feed *f = w;
	xmlChar *mem = NULL;
	size_t i, k;
	int len = 0, rc;

	if (feed_head(f, ctx) == -1)
		return err_nomem(ctx->err, "publish");
	for (i = ctx->frags.n, k = 0; i-- > 0 && k < PUBLISH_FEED_MAX; k++) {
		/* publish.c renders every part the feed takes. */
		if (!ctx->frags.v[i].feed) {
			err_set(ctx->err, ERR_REPO, "publish: snapshot %.12s: "
			    "no feed entry rendered", ctx->frags.v[i].id);
			return -1;
		}
		if (entry(f, &ctx->frags.v[i]) == -1)
			return err_nomem(ctx->err, "publish");
	}
	xmlDocDumpFormatMemoryEnc(f->doc, &mem, &len, "UTF-8", 1);
	if (mem == NULL) {
		err_nomem(ctx->err, "publish");
		return -1;
	}
	rc = pub_put(ctx, "feed.atom", (const char *)mem, (size_t)len);
	xmlFree(mem);
	return rc;
}

void
pub_feed_free(void *w)
{
	struct pub_feed *f = w;

	if (f == NULL)
		return;
	xmlFreeDoc(f->doc);
	xmlFreeDoc(f->scratch);
	free(f);
}
