/* Putting page and repository text in a report: escaped for its format. */
#ifndef MCWATCH_DIFF_PUT_H
#define MCWATCH_DIFF_PUT_H

#include <stdio.h>

/* How page text is put in a report. */
enum put_mode {
	PUT_TEXT,		/* as it is */
	PUT_CODE,		/* inside a Markdown code span */
	PUT_MD			/* Markdown text: never markup */
};

/*
 * Print s with control characters as '?' (reports reach terminals). In a
 * code span a backtick would end it: it becomes an apostrophe. In Markdown
 * text every Markdown character is escaped, so that page text can make no
 * link, emphasis or raw HTML ("<script>", "[x](javascript:)"). 0, or -1.
 */
int	put_safe(FILE *fp, const char *s, enum put_mode mode);

#endif
