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
	char	regions[512];		/* codes, ", "-separated */
};

/* Write t as trailer lines, control characters replaced; 0, or -1. */
int	trailers_write(FILE *, const struct trailers *);
/* Read the trailers of a commit message into t (zeroed first). */
void	trailers_read(const char *, struct trailers *);

#endif
