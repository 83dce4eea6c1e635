/* Building and serializing HTML documents with libxml2. */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "html.h"

htmlDocPtr
html_new(const char *title, xmlNodePtr *body)
{
	htmlDocPtr doc;
	xmlNodePtr html, head, meta;

	if ((doc = htmlNewDoc(NULL, NULL)) == NULL)
		return NULL;
	if ((html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL)) == NULL)
		goto fail;
	xmlDocSetRootElement(doc, html);
	if (html_attr(html, "lang", "en") == -1 ||
	    (head = html_add(html, "head", NULL)) == NULL ||
	    (meta = html_add(head, "meta", NULL)) == NULL ||
	    html_attr(meta, "charset", "utf-8") == -1 ||
	    html_add(head, "title", title) == NULL ||
	    (*body = html_add(html, "body", NULL)) == NULL)
		goto fail;
	return doc;
 fail:
	xmlFreeDoc(doc);
	return NULL;
}

xmlNodePtr
html_add(xmlNodePtr parent, const char *tag, const char *text)
{
	/* xmlNewTextChild escapes the text: page text is never markup. */
	return xmlNewTextChild(parent, NULL, BAD_CAST tag,
	    text != NULL ? BAD_CAST text : NULL);
}

int
html_attr(xmlNodePtr node, const char *name, const char *value)
{
	return xmlSetProp(node, BAD_CAST name, BAD_CAST value) == NULL ? -1 : 0;
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
