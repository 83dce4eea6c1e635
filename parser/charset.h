/* Finding a page's character encoding and decoding it to valid UTF-8. */
#ifndef MCWATCH_CHARSET_H
#define MCWATCH_CHARSET_H

#include <stddef.h>

#define CHARSET_LABELMAX	64

/*
 * The encoding to decode the page with, the way browsers choose it: a byte
 * order mark, then the HTTP header's charset (may be NULL), then a <meta>
 * in the first 1024 bytes, else UTF-8. Written as an iconv name into
 * label (CHARSET_LABELMAX bytes).
 */
void	charset_sniff(const char *buf, size_t len, const char *http,
	    char *label);

/*
 * Decode to UTF-8 that libxml2 will take as it is: every invalid byte
 * becomes U+FFFD, and so does NUL. *out is NUL-terminated and the
 * caller's to free, or NULL when the input is already such UTF-8 (the
 * common case, and no copy). 0, or -1 on memory or an encoding iconv
 * lacks.
 */
int	charset_decode(const char *buf, size_t len, const char *label,
	    char **outp, size_t *outlen);

#endif
