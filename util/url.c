/* Checking the URLs of URL records: page text must not smuggle markup. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "url.h"

/* Length of the host at s (up to ':', '/', '?', '#' or the end), or 0. */
static size_t
host_len(const char *s)
{
	size_t n = 0;

	if (*s == '[') {
		for (n = 1; s[n] != '\0' && s[n] != ']'; n++)
			if (!isxdigit((unsigned char)s[n]) && s[n] != ':' &&
			    s[n] != '.')
				return 0;
		return s[n] == ']' && n > 1 ? n + 1 : 0;
	}
	for (; s[n] != '\0' && strchr(":/?#", s[n]) == NULL; n++)
		if (!isalnum((unsigned char)s[n]) && s[n] != '.' &&
		    s[n] != '-')
			return 0;
	return n;
}

int
url_acceptable(const char *s, const char **why)
{
	const char *p, *host = s;
	size_t n;
	int scheme = 0;

	if (strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0) {
		host = strstr(s, "//") + 2;
		scheme = 1;
	}
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f ||
		    strchr("<>\"\\`{}|^", *p) != NULL) {
			*why = "a character a URL cannot hold";
			return 0;
		}
	if ((n = host_len(host)) == 0) {
		*why = scheme ? "no host name" : "not an http(s) URL";
		return 0;
	}
	if (!scheme && (memchr(host, '.', n) == NULL || host[0] == '[')) {
		*why = "not an http(s) URL";
		return 0;
	}
	p = host + n;
	if (*p == ':') {
		for (p++, n = 0; isdigit((unsigned char)*p); p++)
			n++;
		if (n == 0 || n > 5) {
			*why = "a bad port";
			return 0;
		}
	}
	if (*p != '\0' && strchr("/?#", *p) == NULL) {
		*why = "not an http(s) URL";
		return 0;
	}
	return 1;
}
