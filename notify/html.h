/*
 * HTML for mail bodies, built as a libxml2 tree and serialized by it:
 * every text node is escaped by construction, never concatenated.
 */
#ifndef MCWATCH_HTML_H
#define MCWATCH_HTML_H

#include <libxml/HTMLtree.h>

/*
 * A document with lang, charset and title, its body in *body; NULL on
 * memory.
 */
htmlDocPtr	html_new(const char *, xmlNodePtr *);
/* A child element of parent holding text (may be NULL); NULL on memory. */
xmlNodePtr	html_add(xmlNodePtr, const char *, const char *);
/* Set an attribute; 0, or -1 on memory. */
int		html_attr(xmlNodePtr, const char *, const char *);
/* The document serialized (malloc'd, NUL-terminated); NULL on memory. */
char		*html_dump(htmlDocPtr);

#endif
