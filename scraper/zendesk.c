/*
 * Zendesk help centres: a public article through the Help Center API,
 * which answers JSON to any client, where the article's web page may be
 * a JavaScript shell or a bot challenge to anything but a browser.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <jansson.h>

#include "fetch.h"

#define PREFIX		"zendesk:"
#define CANDIDATES_MAX	5	/* titles named when a search is ambiguous */
#define SEARCH_PAGES	5	/* results pages read, 100 results each */

/* "https://HOST" of a zendesk:HOST source (a scheme may be given). */
static void
zendesk_base(const char *src, char *base, size_t len)
{
	const char *host = src + strlen(PREFIX);

	if (strncasecmp(host, "http://", 7) == 0 ||
	    strncasecmp(host, "https://", 8) == 0)
		snprintf(base, len, "%s", host);
	else
		snprintf(base, len, "https://%s", host);
	if (base[0] != '\0' && base[strlen(base) - 1] == '/')
		base[strlen(base) - 1] = '\0';
}

/*
 * The API URL of an article URL, ".../hc/LOCALE/articles/ID[-slug]":
 * "BASE/api/v2/help_center/LOCALE/articles/ID"; -1 if src is none.
 */
static int
article_api(const char *src, char *api, size_t len)
{
	const char *hc, *art, *id;
	char locale[32];
	size_t n, idlen;

	if ((strncasecmp(src, "https://", 8) != 0 &&
	    strncasecmp(src, "http://", 7) != 0) ||
	    (hc = strstr(src, "/hc/")) == NULL ||
	    (art = strstr(hc + 4, "/articles/")) == NULL)
		return -1;
	if ((n = (size_t)(art - hc - 4)) == 0 || n >= sizeof(locale) ||
	    memchr(hc + 4, '/', n) != NULL)
		return -1;
	memcpy(locale, hc + 4, n);
	locale[n] = '\0';
	id = art + 10;
	if ((idlen = strspn(id, "0123456789")) == 0 || idlen > 20)
		return -1;
	snprintf(api, len, "%.*s/api/v2/help_center/%s/articles/%.*s",
	    (int)(hc - src), src, locale, (int)idlen, id);
	return 0;
}

int
zendesk_source(const char *src)
{
	char api[2048];

	return strncasecmp(src, PREFIX, strlen(PREFIX)) == 0 ||
	    article_api(src, api, sizeof(api)) == 0;
}

/* GET url as JSON into *out (the caller's); 0, or -1 with err. */
static int
get_json(const char *url, const struct fetch_opts *o, json_t **out,
    struct err *err)
{
	struct fetch_opts jo = *o;
	struct page p;
	json_error_t je;
	int rc;

	memset(&p, 0, sizeof(p));
	jo.json = 1;
	jo.etag = jo.last_modified = NULL;
	rc = http_fetch(url, &jo, &p, err);
	if (rc == 0 && (*out = json_loadb(p.body, p.len, 0, &je)) == NULL) {
		err_set(err, ERR_FETCH, "fetch %.600s: the answer is not "
		    "JSON: %s", url, je.text);
		rc = -1;
	}
	free(p.body);
	free(p.final_url);
	free(p.charset);
	free(p.etag);
	free(p.last_modified);
	return rc;
}

/*
 * A title as it is compared, into buf: lower case, "&" as "and", every
 * other punctuation mark a space, spaces collapsed. Editors write "Data
 * Centers & URLs", "Data Centers and URLs:", "DATA CENTERS AND URLS".
 */
static void
title_key(const char *s, char *buf, size_t len)
{
	size_t n = 0;
	int space = 0;

	for (; *s != '\0' && n + 6 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '&') {
			n += (size_t)snprintf(buf + n, len - n, "%sand",
			    n ? " " : "");
			space = 1;
		} else if (c >= 0x80 || isalnum(c)) {
			if (space && n > 0)
				buf[n++] = ' ';
			buf[n++] = (char)tolower(c);
			space = 0;
		} else
			space = 1;
	}
	buf[n] = '\0';
}

/*
 * Whether title t names the article: the same words, alone or after a
 * category ("Account Settings - Mimecast Data Centers and URLs").
 */
static int
title_matches(const char *t)
{
	char key[600], want[200];
	size_t n, m;

	title_key(t, key, sizeof(key));
	title_key(FETCH_ARTICLE_TITLE, want, sizeof(want));
	n = strlen(key);
	m = strlen(want);
	if (strcmp(key, want) == 0)
		return 1;
	/* "CATEGORY - TITLE": the title after the category's dash. */
	return n > m && strcmp(key + n - m, want) == 0 && key[n - m - 1] == ' ' &&
	    strstr(t, " - ") != NULL;
}

/* What the search found: every result, the ones that match. */
struct found {
	json_t	*hits[CANDIDATES_MAX * 4];
	size_t	 nhits;
	size_t	 ntables;	/* of the hits, those whose body has tables */
	json_t	*with_tables;
	char	 names[800];
	size_t	 nnames;
};

/* Take one page of results into f. */
static void
found_add(struct found *f, json_t *results)
{
	size_t i, len = strlen(f->names);
	const char *t, *body;
	json_t *r;

	json_array_foreach(results, i, r) {
		if ((t = json_string_value(json_object_get(r, "title"))) == NULL)
			continue;
		if (f->nnames++ < CANDIDATES_MAX && len < sizeof(f->names) - 8)
			len += (size_t)snprintf(f->names + len, sizeof(f->names) -
			    len, "%s'%.120s'", len ? ", " : "", t);
		if (!title_matches(t) || f->nhits == sizeof(f->hits) /
		    sizeof(f->hits[0]))
			continue;
		f->hits[f->nhits++] = r;
		body = json_string_value(json_object_get(r, "body"));
		if (body != NULL && strcasestr(body, "<table") != NULL) {
			f->ntables++;
			f->with_tables = r;
		}
	}
}

/*
 * The one article the search means: a matching title, and when several
 * match, the one whose body holds tables. NULL with err naming them.
 */
static json_t *
pick(const struct found *f, const char *base, struct err *err)
{
	if (f->nhits == 1)
		return f->hits[0];
	if (f->nhits > 1 && f->ntables == 1)
		return f->with_tables;
	err_set(err, ERR_FETCH, "fetch zendesk:%.200s: %s article titled "
	    "'%s' (%s%s); give the article's URL with --url", base,
	    f->nhits == 0 ? "no" : "more than one", FETCH_ARTICLE_TITLE,
	    f->nnames ? "found: " : "the search found nothing", f->names);
	return NULL;
}

/*
 * Whether url is an https (or, for a http help centre, http) URL on the
 * scheme and host of from, with no userinfo: a source recorded and
 * linked from the site must be the help centre's.
 */
static int
same_site(const char *url, const char *from)
{
	const char *h = strstr(from, "://"), *e;
	size_t n;

	if (h == NULL)
		return 0;
	h += 3;
	e = h + strcspn(h, "/");
	n = (size_t)(e - from);
	return strncasecmp(url, from, n) == 0 && (url[n] == '/' ||
	    url[n] == '\0') && memchr(url, '@', n) == NULL &&
	    strpbrk(url, " \t\r\n\"<>") == NULL;
}

/* A failed article fetch, and what to do when it is not public. */
static void
restricted_hint(struct err *err)
{
	/* The help centre answers 401, 403 or 404 for a restricted one. */
	if (err->status == 401 || err->status == 403 || err->status == 404)
		err_append(err, "; an article restricted to signed-in users "
		    "is not public: give its URL with --url and a token with "
		    "--header");
}

/* The article's fields into p; 0, or -1 with err. */
static int
take_article(json_t *a, const char *from, struct page *p, struct err *err)
{
	const char *body = json_string_value(json_object_get(a, "body"));
	const char *url = json_string_value(json_object_get(a, "html_url"));
	const char *ed = json_string_value(json_object_get(a, "edited_at"));
	json_t *id = json_object_get(a, "id");
	char idbuf[32];

	if (body == NULL || !json_is_integer(id)) {
		err_set(err, ERR_FETCH, "fetch %.600s: no article (no body "
		    "or id in the answer)", from);
		return -1;
	}
	/* The page's address only when it is the help centre's own. */
	if (url != NULL && !same_site(url, from))
		url = NULL;
	snprintf(idbuf, sizeof(idbuf), "%" JSON_INTEGER_FORMAT,
	    json_integer_value(id));
	free(p->body);
	free(p->final_url);
	p->len = strlen(body);
	if ((p->body = strdup(body)) == NULL ||
	    (p->final_url = strdup(url ? url : from)) == NULL ||
	    (p->article_id = strdup(idbuf)) == NULL ||
	    (ed != NULL && (p->edited_at = strdup(ed)) == NULL)) {
		err_set(err, ERR_NOMEM, "fetch %.600s: out of memory", from);
		return -1;
	}
	free(p->charset);
	p->charset = strdup("utf-8");	/* JSON strings are Unicode */
	return 0;
}

/*
 * Whether a zendesk:HOST source names a host and nothing else: no path,
 * query, fragment, userinfo or space (they would steer the API's URL).
 */
static int
zendesk_host_ok(const char *src)
{
	const char *h = src + strlen(PREFIX);

	if (strncasecmp(h, "https://", 8) == 0)
		h += 8;
	else if (strncasecmp(h, "http://", 7) == 0)
		h += 7;
	return h[0] != '\0' && strpbrk(h, "/?#@ \t\\") == NULL &&
	    strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-:[]") == strlen(h);
}

/*
 * Search the help centre at base for the article, every results page
 * (at most SEARCH_PAGES, next_page only on the same host) into f; the
 * pages' JSON kept in roots. 0, or -1 with err.
 */
static int
search(const char *base, const struct fetch_opts *o, struct found *f,
    json_t **roots, struct err *err)
{
	const char *next;
	char url[2048], *q;
	size_t n, blen = strlen(base);
	CURL *c;

	if ((c = transfer_easy()) == NULL ||
	    (q = curl_easy_escape(c, FETCH_ARTICLE_TITLE, 0)) == NULL) {
		curl_easy_cleanup(c);
		err_set(err, ERR_NOMEM, "fetch zendesk:%s: out of memory",
		    base);
		return -1;
	}
	snprintf(url, sizeof(url), "%s/api/v2/help_center/articles/search?"
	    "query=%s&locale=%s&per_page=100", base, q, FETCH_ARTICLE_LOCALE);
	curl_free(q);
	curl_easy_cleanup(c);
	for (n = 0; n < SEARCH_PAGES; n++) {
		if (get_json(url, o, &roots[n], err) == -1)
			return -1;
		found_add(f, json_object_get(roots[n], "results"));
		next = json_string_value(json_object_get(roots[n], "next_page"));
		/* Another host's "next page" is not followed. */
		if (next == NULL || strncmp(next, base, blen) != 0 ||
		    strncmp(next + blen, "/api/v2/help_center/", 20) != 0 ||
		    strlen(next) >= sizeof(url))
			break;
		snprintf(url, sizeof(url), "%s", next);
	}
	return 0;
}

/*
 * The article by its id, as published: not a draft, in the locale asked
 * for, visible to everyone (no user segment). *root the caller's. The
 * article, or NULL with err.
 */
static json_t *
article_by_id(const char *base, json_t *hit, const struct fetch_opts *o,
    json_t **root, struct err *err)
{
	json_t *id = json_object_get(hit, "id"), *a, *seg;
	char url[1200];

	if (!json_is_integer(id)) {
		err_set(err, ERR_FETCH, "fetch zendesk:%.200s: the search "
		    "result has no article id", base);
		return NULL;
	}
	snprintf(url, sizeof(url), "%s/api/v2/help_center/%s/articles/%"
	    JSON_INTEGER_FORMAT, base, FETCH_ARTICLE_LOCALE,
	    json_integer_value(id));
	if (get_json(url, o, root, err) == -1) {
		restricted_hint(err);
		return NULL;
	}
	a = json_object_get(*root, "article");
	seg = json_object_get(a, "user_segment_id");
	if (json_is_true(json_object_get(a, "draft")) ||
	    (seg != NULL && !json_is_null(seg)) ||
	    (json_string_value(json_object_get(a, "locale")) != NULL &&
	    strcasecmp(json_string_value(json_object_get(a, "locale")),
	    FETCH_ARTICLE_LOCALE) != 0)) {
		err_set(err, ERR_FETCH, "fetch %.600s: the article is a "
		    "draft, restricted to some users, or in another locale; "
		    "give the article's URL with --url", url);
		return NULL;
	}
	return a;
}

int
zendesk_fetch(const char *src, const struct fetch_opts *o, struct page *p,
    struct err *err)
{
	char base[1024], url[2048];
	json_t *roots[SEARCH_PAGES + 1], *a;
	struct found f;
	size_t i;
	int rc = -1;

	memset(roots, 0, sizeof(roots));
	memset(&f, 0, sizeof(f));
	if (curllib_load(ERR_FETCH, err) == -1)
		return -1;
	if (article_api(src, url, sizeof(url)) == 0) {
		if (get_json(url, o, &roots[0], err) == -1) {
			restricted_hint(err);
			return -1;
		}
		a = json_object_get(roots[0], "article");
	} else {
		if (!zendesk_host_ok(src)) {
			err_set(err, ERR_FETCH, "fetch %.600s: want "
			    "zendesk:HOST, a host name alone (no path, query, "
			    "user or space)", src);
			return -1;
		}
		zendesk_base(src, base, sizeof(base));
		if (search(base, o, &f, roots, err) == -1 ||
		    (a = pick(&f, base, err)) == NULL ||
		    (a = article_by_id(base, a, o, &roots[SEARCH_PAGES],
		    err)) == NULL)
			goto cleanup;
		snprintf(url, sizeof(url), "%s", base);
	}
	rc = take_article(a, url, p, err);
 cleanup:
	for (i = 0; i <= SEARCH_PAGES; i++)
		json_decref(roots[i]);
	return rc;
}
