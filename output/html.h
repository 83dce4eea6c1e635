/*
 * HTML documents (mail bodies, the published site), built as a libxml2
 * tree and serialized by it: every text node and attribute value is
 * escaped by construction, never concatenated into markup.
 */
#ifndef MCWATCH_HTML_H
#define MCWATCH_HTML_H

#include <libxml/HTMLtree.h>

/*
 * A document (<!DOCTYPE html>, lang "en", charset UTF-8) titled title,
 * its head in *head when head is not NULL, its body in *body; NULL on
 * memory. The caller frees it with xmlFreeDoc.
 */
htmlDocPtr	html_new(const char *title, xmlNodePtr *headp,
	    xmlNodePtr *body);
/* A child element of parent holding text (may be NULL); NULL on memory. */
xmlNodePtr	html_add(xmlNodePtr parent, const char *tag, const char *text);
/* Add text (control characters as '?') to node; 0, or -1 on memory. */
int		html_text(xmlNodePtr node, const char *text);
/* Set an attribute; 0, or -1 on memory. */
int		html_attr(xmlNodePtr node, const char *name,
		    const char *value);
/*
 * text in parent: a link to url when url is an http(s) URL a record may
 * hold (url.h), plain text otherwise ("javascript:" never becomes a link);
 * the node made, or NULL on memory.
 */
xmlNodePtr	html_link(xmlNodePtr parent, const char *url,
	    const char *text);
/* An element's or document's markup (malloc'd, NUL-terminated); NULL. */
char		*html_dump(htmlDocPtr doc);
char		*html_dump_node(htmlDocPtr doc, xmlNodePtr node);

#endif
