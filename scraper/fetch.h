/* Getting the page: from a file, standard input or a URL. */
#ifndef MCWATCH_FETCH_H
#define MCWATCH_FETCH_H

#include <stddef.h>

#define FETCH_ERRMAX		512
#define FETCH_MAXSIZE_DEFAULT	(16u * 1024 * 1024)

struct fetch_opts {
	size_t	 max_size;	/* bytes of body at most */
};

/* What a fetch brought back. */
struct page {
	char	*body;		/* NUL-terminated; len excludes the NUL */
	size_t	 len;
	char	*source;	/* as the user named it */
	char	*charset;	/* from a Content-Type header, or NULL */
};

/*
 * Read the page named by src: a path, "-" for standard input, or a
 * file:// URL. *out is the caller's (page_free). 0, or -1 with err
 * (FETCH_ERRMAX bytes) naming the source and the cause.
 */
int	fetch_page(const char *, const struct fetch_opts *, struct page **,
	    char *);
void	page_free(struct page *);

#endif
