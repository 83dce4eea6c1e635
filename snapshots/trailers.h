/*
 * The trailers that end a snapshot's commit message: written by run,
 * read by log. This file is their one owner: the keys live here only.
 */
#ifndef MCWATCH_TRAILERS_H
#define MCWATCH_TRAILERS_H

#include <stddef.h>
#include <stdio.h>

struct trailers {
	char	source_url[2048];	/* where the page came from */
	char	page_sha256[65];
	size_t	added;
	size_t	removed;
	size_t	changed;
	char	*regions;		/* codes, ", "-separated, all of them;
					   or NULL */
};

/* Write t as trailer lines, control characters replaced; 0, or -1. */
int	trailers_write(FILE *fp, const struct trailers *t);
/*
 * Read the trailers of a commit message into t (zeroed first; its regions
 * malloc'd, freed by trailers_clear). 0, or -1 on memory.
 */
int	trailers_read(const char *msg, struct trailers *t);
void	trailers_clear(struct trailers *t);

#endif
