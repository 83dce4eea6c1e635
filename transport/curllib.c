/*
 * libcurl, loaded at its first use (util/lazylib.h): the one table of the
 * functions mcwatch calls, from which their names, their indices and the
 * wrappers, defined under libcurl's names and so checked against curl.h,
 * are all generated. A function missing here fails the link.
 */
#include <stdarg.h>

#include <curl/curl.h>

#include "curllib.h"
#include "../util/lazylib.h"

#ifndef CURLLIB_SONAME
#error "CURLLIB_SONAME: the Makefile passes it (scripts/soname libcurl)"
#endif

/*
 * F(return type, name, (parameters), (arguments)); V for void ones; N
 * for a variadic one, wrapped by hand below (util/lazylib.h).
 */
#define CURLLIB_FUNCS(F, V, N) \
	V(curl_easy_cleanup, (CURL *curl), (curl)) \
	F(char *, curl_easy_escape, \
	    (CURL *handle, const char *string, int length), \
	    (handle, string, length)) \
	F(CURL *, curl_easy_init, (void), ()) \
	F(CURLcode, curl_easy_perform, (CURL *curl), (curl)) \
	V(curl_easy_reset, (CURL *curl), (curl)) \
	F(const char *, curl_easy_strerror, (CURLcode code), (code)) \
	V(curl_free, (void *p), (p)) \
	F(time_t, curl_getdate, \
	    (const char *p, const time_t *unused), (p, unused)) \
	V(curl_global_cleanup, (void), ()) \
	F(CURLcode, curl_global_init, (long flags), (flags)) \
	F(curl_mimepart *, curl_mime_addpart, (curl_mime *mime), (mime)) \
	F(CURLcode, curl_mime_data, \
	    (curl_mimepart *part, const char *data, size_t datasize), \
	    (part, data, datasize)) \
	F(CURLcode, curl_mime_encoder, \
	    (curl_mimepart *part, const char *encoding), (part, encoding)) \
	V(curl_mime_free, (curl_mime *mime), (mime)) \
	F(curl_mime *, curl_mime_init, (CURL *easy), (easy)) \
	F(CURLcode, curl_mime_subparts, \
	    (curl_mimepart *part, curl_mime *subparts), (part, subparts)) \
	F(CURLcode, curl_mime_type, \
	    (curl_mimepart *part, const char *mimetype), (part, mimetype)) \
	F(struct curl_slist *, curl_slist_append, \
	    (struct curl_slist *list, const char *data), (list, data)) \
	V(curl_slist_free_all, (struct curl_slist *list), (list)) \
	F(CURLU *, curl_url, (void), ()) \
	V(curl_url_cleanup, (CURLU *handle), (handle)) \
	F(CURLUcode, curl_url_get, \
	    (CURLU *handle, CURLUPart what, char **part, unsigned int flags), \
	    (handle, what, part, flags)) \
	F(CURLUcode, curl_url_set, \
	    (CURLU *handle, CURLUPart what, const char *part, \
	    unsigned int flags), (handle, what, part, flags)) \
	N(curl_easy_setopt) \
	N(curl_easy_getinfo)

LAZYLIB_DEFINE(CURLLIB_FUNCS, CURLLIB_SONAME)

int
curllib_load(enum err_kind kind, struct err *err)
{
	return lazylib_load(&lib, kind, err);
}

/*
 * The variadic two cannot pass their argument on as it came: curl's
 * option numbers carry its type (CURLOPTTYPE_*, steps of 10,000), and
 * every CURLINFO takes a pointer. The parentheses keep curl.h's
 * type-checking macros of the same names off these definitions.
 */
CURLcode
(curl_easy_setopt)(CURL *curl, CURLoption option, ...)
{
	CURLcode (*setopt)(CURL *, CURLoption, ...) = (CURLcode (*)(CURL *,
	    CURLoption, ...))lazylib_fn(&lib, LAZY_curl_easy_setopt);
	va_list ap;
	CURLcode rc;

	va_start(ap, option);
	if (option < CURLOPTTYPE_OBJECTPOINT)
		rc = setopt(curl, option, va_arg(ap, long));
	else if (option < CURLOPTTYPE_FUNCTIONPOINT)
		rc = setopt(curl, option, va_arg(ap, void *));
	else if (option < CURLOPTTYPE_OFF_T)
		rc = setopt(curl, option, va_arg(ap, void (*)(void)));
	else if (option < CURLOPTTYPE_BLOB)
		rc = setopt(curl, option, va_arg(ap, curl_off_t));
	else
		rc = setopt(curl, option, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode
(curl_easy_getinfo)(CURL *curl, CURLINFO info, ...)
{
	CURLcode (*getinfo)(CURL *, CURLINFO, ...) = (CURLcode (*)(CURL *,
	    CURLINFO, ...))lazylib_fn(&lib, LAZY_curl_easy_getinfo);
	va_list ap;
	CURLcode rc;

	va_start(ap, info);
	rc = getinfo(curl, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}
