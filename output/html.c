/* Building and serializing HTML documents with libxml2. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLtree.h>

#include "html.h"
#include "../util/safe.h"
#include "../util/url.h"

htmlDocPtr
html_new(const char *title, xmlNodePtr *headp, xmlNodePtr *body)
{
	htmlDocPtr doc;
	xmlNodePtr html, head, meta;

	/* No DTD from libxml2 (it would name HTML 4.0): the HTML5 doctype. */
	if ((doc = htmlNewDocNoDtD(NULL, NULL)) == NULL)
		return NULL;
	if (xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL) == NULL ||
	    (html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL)) == NULL)
		goto fail;
	xmlDocSetRootElement(doc, html);
	if (html_attr(html, "lang", "en") == -1 ||
	    (head = html_add(html, "head", NULL)) == NULL ||
	    (meta = html_add(head, "meta", NULL)) == NULL ||
	    html_attr(meta, "charset", "utf-8") == -1 ||
	    html_add(head, "title", title) == NULL ||
	    (*body = html_add(html, "body", NULL)) == NULL)
		goto fail;
	if (headp != NULL)
		*headp = head;
	return doc;
 fail:
	xmlFreeDoc(doc);
	return NULL;
}

xmlNodePtr
html_add(xmlNodePtr parent, const char *tag, const char *text)
{
	xmlNodePtr n;

	if ((n = xmlNewChild(parent, NULL, BAD_CAST tag, NULL)) == NULL)
		return NULL;
	if (text != NULL && html_text(n, text) == -1)
		return NULL;	/* n stays in the tree, freed with it */
	return n;
}

int
html_text(xmlNodePtr node, const char *text)
{
	char *s;
	xmlNodePtr t;

	/* A text node is escaped when serialized: page text is never markup. */
	if ((s = strdup(text)) == NULL)
		return -1;
	t = xmlNewText(BAD_CAST safe_unctrl(s));
	free(s);
	if (t == NULL)
		return -1;
	if (xmlAddChild(node, t) == NULL) {
		xmlFreeNode(t);
		return -1;
	}
	return 0;
}

int
html_attr(xmlNodePtr node, const char *name, const char *value)
{
	return xmlSetProp(node, BAD_CAST name, BAD_CAST value) == NULL ? -1 : 0;
}

xmlNodePtr
html_link(xmlNodePtr parent, const char *url, const char *text)
{
	const char *why;
	xmlNodePtr a;

	if (url == NULL || (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0) ||
	    !url_acceptable(url, &why))
		return html_add(parent, "span", text);
	if ((a = html_add(parent, "a", text)) == NULL ||
	    html_attr(a, "href", url) == -1)
		return NULL;
	return a;
}

char *
html_dump(htmlDocPtr doc)
{
	xmlChar *mem = NULL;
	char *out;
	int len = 0;

	htmlDocDumpMemoryFormat(doc, &mem, &len, 1);
	if (mem == NULL)
		return NULL;
	out = strndup((const char *)mem, (size_t)len);
	xmlFree(mem);
	return out;
}

char *
html_dump_node(htmlDocPtr doc, xmlNodePtr node)
{
	xmlBufferPtr b;
	char *out = NULL;

	if ((b = xmlBufferCreate()) == NULL)
		return NULL;
	if (htmlNodeDump(b, doc, node) != -1)
		out = strndup((const char *)xmlBufferContent(b),
		    (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
	return out;
}
