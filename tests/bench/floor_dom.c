/*
 * make bench's floor for a page parse: libxml2's HTML parser building the
 * whole tree of the file named, as any HTML-reading tool pays, in a
 * process linked with libxml2 alone.
 */
#include <stdio.h>
#include <stdlib.h>

#include <libxml/HTMLparser.h>

int
main(int argc, char **argv)
{
	htmlDocPtr doc;

	if (argc != 2)
		return 2;
	doc = htmlReadFile(argv[1], "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL)
		return 1;
	xmlFreeDoc(doc);
	return 0;
}
