/* Getting the page: from a file, standard input or a URL. */
#ifndef MCWATCH_FETCH_H
#define MCWATCH_FETCH_H

#include <stddef.h>

#define FETCH_ERRMAX		512
#define FETCH_MAXSIZE_DEFAULT	(16u * 1024 * 1024)
/*
 * Where Mimecast publishes the page. Mimecast has been moving its
 * knowledge base to a Zendesk help centre: this is the one place to change.
 */
#define FETCH_DEFAULT_URL \
	"https://community.mimecast.com/s/article/Mimecast-Data-Centers-and-URLs"

struct fetch_opts {
	size_t	 max_size;	/* bytes of body at most */
};

/* What a fetch brought back. */
struct page {
	char	*body;		/* NUL-terminated; len excludes the NUL */
	size_t	 len;
	char	*source;	/* as the user named it */
	char	*final_url;	/* after redirects; the source for files */
	char	*charset;	/* from a Content-Type header, or NULL */
	char	*etag;		/* HTTP validators, or NULL */
	char	*last_modified;
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
