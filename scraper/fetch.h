/* Getting the page: from a file, standard input or an HTTP(S) URL. */
#ifndef MCWATCH_FETCH_H
#define MCWATCH_FETCH_H

#include <stddef.h>

#include "../errors/err.h"
#include "../transport/transfer.h"

#define FETCH_MAXSIZE_DEFAULT	(16u * 1024 * 1024)
#define FETCH_MAXREDIRS		5
#define FETCH_MAXHEADERS	32
/*
 * Where Mimecast publishes the page: its Zendesk help centre, read through
 * the Help Center API (JSON, no JavaScript, no bot challenge), the
 * article found by its title. Mimecast has moved its knowledge base
 * before: this is the one place to change.
 */
#define FETCH_DEFAULT_URL	"zendesk:mimecastsupport.zendesk.com"
/* The article's title, for a search with "zendesk:HOST". */
#define FETCH_ARTICLE_TITLE	"Mimecast Data Centers and URLs"
/* The help centre's locale the article is read in. */
#define FETCH_ARTICLE_LOCALE	"en-us"

/* A line for the user: -v logs and progress. */
typedef void	(*fetch_log_fn)(const char *);

struct fetch_opts {
	size_t		 max_size;	/* bytes of body at most */
	struct transport_opts net;	/* timeout, retries, CA */
	const char	*headers[FETCH_MAXHEADERS];	/* "Name: value" */
	size_t		 nheaders;
	const char	*etag;		/* validators to send, or NULL */
	const char	*last_modified;
	int		 verbose;	/* log each request and status line */
	int		 progress;	/* a progress line when stderr is a tty */
	int		 json;		/* want JSON (an API), not HTML */
	fetch_log_fn	 log;
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
	int	 not_modified;	/* 304: the validators still hold; no body */
	char	*article_id;	/* a help-centre article's, or NULL */
	char	*edited_at;	/* when its text was last edited, or NULL */
};

/* Options with their defaults. */
void	fetch_opts_init(struct fetch_opts *o);
/*
 * Read the page named by src: a path, "-" for standard input, a file://
 * URL, or an http:// or https:// URL. *out is the caller's (page_free).
 * 0, or -1 with err naming the source and the cause.
 */
int	fetch_page(const char *src, const struct fetch_opts *o,
	    struct page **out, struct err *err);
void	page_free(struct page *p);

/*
 * A Zendesk help-centre article, for fetch_page: src is an article URL
 * (".../hc/LOCALE/articles/ID-...") or "zendesk:HOST" (searched by
 * FETCH_ARTICLE_TITLE); the article's body is the page. Fills p; 0, or -1
 * with err.
 */
int	zendesk_fetch(const char *src, const struct fetch_opts *o,
	    struct page *p, struct err *err);
/* Whether src names a Zendesk article or help centre. */
int	zendesk_source(const char *src);

/* HTTP(S), for fetch_page: fills p; 0, or -1 with err. */
int	http_fetch(const char *url, const struct fetch_opts *o, struct page *p,
	    struct err *err);

#endif
