/* Page and repository text in a report, escaped for its format. */
#include <string.h>

#include "put.h"
#include "../util/safe.h"

/*
 * What makes Markdown of text in the middle of a line: links and images,
 * emphasis and strike-through, code, raw HTML and entities, tables.
 */
#define MD_SPECIAL	"\\`*_[]<>&!~|"

int
put_safe(FILE *fp, const char *s, enum put_mode mode)
{
	for (; *s != '\0'; s++) {
		int c = safe_char((unsigned char)*s);

		if (mode == PUT_CODE && c == '`')
			c = '\'';
		if (mode == PUT_MD && c < 0x80 && strchr(MD_SPECIAL, c) !=
		    NULL && c != '\0' && putc('\\', fp) == EOF)
			return -1;
		if (putc(c, fp) == EOF)
			return -1;
	}
	return 0;
}

