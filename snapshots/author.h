/* A commit author, "Name <email>", as the user gives it. */
#ifndef MCWATCH_AUTHOR_H
#define MCWATCH_AUTHOR_H

#include <stddef.h>

#define AUTHOR_MAX	256	/* bytes of a name or an email */

/*
 * Split "Name <email>" into name and email (AUTHOR_MAX bytes each): a
 * name, then one email in angle brackets, and nothing after it; neither
 * empty, neither with a control character or another '<' or '>', the
 * email without spaces. 0, or -1 with why set to what is wrong.
 */
int	author_parse(const char *s, char *name, char *email, const char **why);

#endif
