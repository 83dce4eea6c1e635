/*
 * Text from the page, a server or a repository on its way to a terminal,
 * a log, a commit message or a mail header: control characters (ESC above
 * all) become '?'. One rule, used everywhere text leaves mcwatch.
 */
#ifndef MCWATCH_SAFE_H
#define MCWATCH_SAFE_H

#include <stdio.h>

/* c, or '?' if it is a control character. */
int	 safe_char(int c);
/* Replace the control characters of s in place; returns s. */
char	*safe_unctrl(char *s);
/* fputs with control characters replaced; 0, or -1 on a write error. */
int	 safe_fputs(const char *s, FILE *fp);

#endif
