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
};

struct conf {
	struct conf_entry	*v;
	size_t			 n;
};

/* Read file into c (freed with conf_free); 0, or -1 with err. */
int	conf_read(const char *file, struct conf *c, struct err *err);
void	conf_free(struct conf *c);

#endif
