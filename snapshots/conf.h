/*
 * A configuration file in git-config syntax, read with libgit2's config
 * parser: every entry in file order, as "section.key" or
 * "section.subsection.key" and its value.
 */
#ifndef MCWATCH_CONF_H
#define MCWATCH_CONF_H

#include <stddef.h>

#include "../errors/err.h"
#include "store.h"

struct conf_entry {
	char	*name;		/* lower-case section and key */
	char	*value;
	int	 line;		/* its line in the file, or 0 */
};

struct conf {
	struct conf_entry	*v;
	size_t			 n;
	/* A file that does not parse: the first bad name, its line. */
	char			 badname[128];
	int			 badline;
};

/*
 * Read file into c (freed with conf_free); 0, or -1 with err naming the
 * file and line (c->badname and c->badline then say which name broke
 * it, when one did).
 */
int	conf_read(const char *file, struct conf *c, struct err *err);
void	conf_free(struct conf *c);

#endif
