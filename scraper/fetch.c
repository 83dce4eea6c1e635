/* Reading a page from a file, standard input or a URL. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "fetch.h"

void
fetch_opts_init(struct fetch_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->max_size = FETCH_MAXSIZE_DEFAULT;
	transport_opts_init(&o->net);
}

void
page_free(struct page *p)
{
	if (p == NULL)
		return;
	free(p->body);
	free(p->source);
	free(p->final_url);
	free(p->charset);
	free(p->etag);
	free(p->last_modified);
	free(p->article_id);
	free(p->edited_at);
	free(p);
}

/* Read all of fd, at most max bytes; 0, or -1 with err set. */
static int
read_fd(int fd, const char *name, size_t max, struct page *p,
    struct err *err)
{
	struct stat st;
	size_t cap = 65536;
	ssize_t n;
	char *b;

	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		err_set(err, ERR_FETCH, "read %s: Is a directory", name);
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((size_t)st.st_size > max)
			goto toobig;
		/* Room for the file, its NUL, and the read that says EOF. */
		cap = (size_t)st.st_size + 2;
	}
	if ((p->body = malloc(cap)) == NULL)
		goto nomem;
	for (;;) {
		if (p->len + 1 >= cap) {
			/* max + 2 is enough to see that a source is too big. */
			cap = cap * 2 > max + 2 ? max + 2 : cap * 2;
			if ((b = realloc(p->body, cap)) == NULL)
				goto nomem;
			p->body = b;
		}
		n = read(fd, p->body + p->len, cap - 1 - p->len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			err_set(err, ERR_FETCH, "read %s: %s", name,
			    strerror(errno));
			return -1;
		}
		if (n == 0)
			break;
		p->len += (size_t)n;
		if (p->len > max)
			goto toobig;
	}
	p->body[p->len] = '\0';
	return 0;
 toobig:
	err_set(err, ERR_FETCH, "read %s: larger than the %zu-byte limit "
	    "(--max-size)", name, max);
	return -1;
 nomem:
	err_set(err, ERR_NOMEM, "read %s: out of memory", name);
	return -1;
}

static int
read_path(const char *path, const char *name, size_t max, struct page *p,
    struct err *err)
{
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		err_set(err, ERR_FETCH, "read %s: %s", name,
		    strerror(errno));
		return -1;
	}
	rc = read_fd(fd, name, max, p, err);
	close(fd);
	return rc;
}

/* The local path of a file:// URL, through libcurl's URL parser. */
static int
read_file_url(const char *url, size_t max, struct page *p,
    struct err *err)
{
	CURLU *u;
	char *host = NULL, *path = NULL;
	int rc = -1;

	if (curllib_load(ERR_FETCH, err) == -1)
		return -1;
	if ((u = curl_url()) == NULL) {
		err_set(err, ERR_NOMEM, "read %s: out of memory", url);
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) !=
	    CURLUE_OK) {
		err_set(err, ERR_FETCH, "read %s: not a valid file URL",
		    url);
		goto cleanup;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    host[0] != '\0' && strcasecmp(host, "localhost") != 0) {
		err_set(err, ERR_FETCH, "read %s: file URLs must name "
		    "this host", url);
		goto cleanup;
	}
	rc = read_path(path, url, max, p, err);
 cleanup:
	curl_free(host);
	curl_free(path);
	curl_url_cleanup(u);
	return rc;
}

int
fetch_page(const char *src, const struct fetch_opts *o, struct page **out,
    struct err *err)
{
	struct page *p;
	size_t max = o->max_size ? o->max_size : FETCH_MAXSIZE_DEFAULT;
	int rc;

	*out = NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->source = strdup(src)) == NULL ||
	    (p->final_url = strdup(src)) == NULL) {
		page_free(p);
		err_set(err, ERR_NOMEM, "read %s: out of memory", src);
		return -1;
	}
	if (strcmp(src, "-") == 0)
		rc = read_fd(STDIN_FILENO, "(standard input)", max, p, err);
	else if (zendesk_source(src))
		rc = zendesk_fetch(src, o, p, err);
	else if (strncasecmp(src, "file:", 5) == 0)
		rc = read_file_url(src, max, p, err);
	else if (strncasecmp(src, "http://", 7) == 0 ||
	    strncasecmp(src, "https://", 8) == 0)
		rc = http_fetch(src, o, p, err);
	else if (strstr(src, "://") != NULL) {
		err_set(err, ERR_FETCH, "fetch %s: unsupported URL scheme "
		    "(want http, https or file)", src);
		rc = -1;
	} else
		rc = read_path(src, src, max, p, err);
	if (rc == -1) {
		page_free(p);
		return -1;
	}
	*out = p;
	return 0;
}
