/*
 * Zendesk help centres: a public article through the Help Center API,
 * which answers JSON to any client, where the article's web page may be
 * a JavaScript shell or a bot challenge to anything but a browser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <jansson.h>

#include "fetch.h"

#define PREFIX		"zendesk:"
#define CANDIDATES_MAX	5	/* titles named when a search is ambiguous */

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
    char *err)
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
		snprintf(err, FETCH_ERRMAX, "fetch %.600s: the answer is not "
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

/* Whether s is title, whatever the case and the spaces around it. */
static int
same_title(const char *s, const char *title)
{
	size_t n = strlen(title);

	while (*s == ' ')
		s++;
	return strncasecmp(s, title, n) == 0 && s[n + strspn(s + n, " ")] ==
	    '\0';
}

/* The one result of a search titled title; NULL with err naming them. */
static json_t *
pick(json_t *results, const char *base, char *err)
{
	json_t *r, *hit = NULL;
	char names[800];
	size_t i, n = 0, nhits = 0, len = 0;

	names[0] = '\0';
	json_array_foreach(results, i, r) {
		const char *t = json_string_value(json_object_get(r, "title"));

		if (t == NULL)
			continue;
		if (n++ < CANDIDATES_MAX && len < sizeof(names) - 8)
			len += (size_t)snprintf(names + len, sizeof(names) - len,
			    "%s'%.120s'", len ? ", " : "", t);
		if (same_title(t, FETCH_ARTICLE_TITLE)) {
			hit = r;
			nhits++;
		}
	}
	if (nhits == 1)
		return hit;
	snprintf(err, FETCH_ERRMAX, "fetch zendesk:%.200s: %s article titled "
	    "'%s' (%s%s); give the article's URL with --url", base,
	    nhits == 0 ? "no" : "more than one", FETCH_ARTICLE_TITLE,
	    n ? "found: " : "the search found nothing", names);
	return NULL;
}

/* The article's fields into p; 0, or -1 with err. */
static int
take_article(json_t *a, const char *from, struct page *p, char *err)
{
	const char *body = json_string_value(json_object_get(a, "body"));
	const char *url = json_string_value(json_object_get(a, "html_url"));
	const char *ed = json_string_value(json_object_get(a, "edited_at"));
	json_t *id = json_object_get(a, "id");
	char idbuf[32];

	if (body == NULL || !json_is_integer(id)) {
		snprintf(err, FETCH_ERRMAX, "fetch %.600s: no article (no body "
		    "or id in the answer)", from);
		return -1;
	}
	snprintf(idbuf, sizeof(idbuf), "%" JSON_INTEGER_FORMAT,
	    json_integer_value(id));
	free(p->body);
	free(p->final_url);
	p->len = strlen(body);
	if ((p->body = strdup(body)) == NULL ||
	    (p->final_url = strdup(url ? url : from)) == NULL ||
	    (p->article_id = strdup(idbuf)) == NULL ||
	    (ed != NULL && (p->edited_at = strdup(ed)) == NULL)) {
		snprintf(err, FETCH_ERRMAX, "fetch %.600s: out of memory", from);
		return -1;
	}
	free(p->charset);
	p->charset = strdup("utf-8");	/* JSON strings are Unicode */
	return 0;
}

int
zendesk_fetch(const char *src, const struct fetch_opts *o, struct page *p,
    char *err)
{
	char base[1024], url[2048], *q;
	json_t *root = NULL, *a;
	CURL *c;
	int rc = -1;

	if (article_api(src, url, sizeof(url)) == 0) {
		if (get_json(url, o, &root, err) == -1)
			return -1;
		a = json_object_get(root, "article");
	} else {
		zendesk_base(src, base, sizeof(base));
		if ((c = curl_easy_init()) == NULL ||
		    (q = curl_easy_escape(c, FETCH_ARTICLE_TITLE, 0)) == NULL) {
			curl_easy_cleanup(c);
			snprintf(err, FETCH_ERRMAX, "fetch %s: out of memory",
			    src);
			return -1;
		}
		snprintf(url, sizeof(url), "%s/api/v2/help_center/articles/"
		    "search?query=%s", base, q);
		curl_free(q);
		curl_easy_cleanup(c);
		if (get_json(url, o, &root, err) == -1)
			return -1;
		a = pick(json_object_get(root, "results"), base, err);
		if (a == NULL)
			goto cleanup;
	}
	rc = take_article(a, url, p, err);
 cleanup:
	json_decref(root);
	return rc;
}
