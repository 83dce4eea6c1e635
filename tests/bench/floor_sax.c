/*
 * make bench's floor for a streaming page parse: libxml2's HTML parser
 * with SAX callbacks that do nothing, fed the whole file in one chunk by
 * the push parser, in a process linked with libxml2 alone. Built with
 * FLOOR_MEMORY (floor_saxmem): the memory parser instead, as mcwatch
 * parses (it reads on where the push parser drops the rest of a page),
 * with mcwatch's options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	(void)ctx;
	(void)name;
	(void)atts;
}

static void
on_end(void *ctx, const xmlChar *name)
{
	(void)ctx;
	(void)name;
}

static void
on_text(void *ctx, const xmlChar *s, int len)
{
	(void)ctx;
	(void)s;
	(void)len;
}

int
main(int argc, char **argv)
{
	htmlSAXHandler sax;
	htmlParserCtxtPtr c;
	char *buf;
	long n;
	FILE *fp;

	if (argc != 2 || (fp = fopen(argv[1], "rb")) == NULL ||
	    fseek(fp, 0, SEEK_END) == -1 || (n = ftell(fp)) < 0)
		return 2;
	rewind(fp);
	if ((buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, fp) != (size_t)n)
		return 1;
	fclose(fp);
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
#ifdef FLOOR_MEMORY
	sax.initialized = XML_SAX2_MAGIC;
	if ((c = htmlCreateMemoryParserCtxt(buf, (int)n)) == NULL)
		return 1;
	memcpy(c->sax, &sax, sizeof(sax));
	htmlCtxtUseOptions(c, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
	xmlSwitchEncoding(c, XML_CHAR_ENCODING_UTF8);
	htmlParseDocument(c);
#else
	if ((c = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, argv[1],
	    XML_CHAR_ENCODING_UTF8)) == NULL)
		return 1;
	htmlCtxtUseOptions(c, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	htmlParseChunk(c, buf, (int)n, 1);
#endif
	htmlFreeParserCtxt(c);
	free(buf);
	return 0;
}
