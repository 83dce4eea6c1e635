/* What a URL record may hold: an http(s) URL or a bare host name. */
#ifndef MCWATCH_URL_H
#define MCWATCH_URL_H

/*
 * Whether s is a URL a record may keep: "http://" or "https://" (any case)
 * and a host, or a bare host name with a dot; a host of ASCII letters,
 * digits, dots and hyphens (or an IPv6 address in brackets), an optional
 * port, then a path with no space, control character or any of
 * < > " \ ` { } | ^. 1 if so; else 0 with *why saying what is wrong.
 */
int	url_acceptable(const char *s, const char **why);

#endif
