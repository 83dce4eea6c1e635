/* The page parser: HTML bytes in, a sorted record set out. */
#ifndef MCWATCH_PARSE_H
#define MCWATCH_PARSE_H

#include <stddef.h>

#include "../records/record.h"

#define PARSE_ERRMAX	256

/* What a page without data tables is, and what to do about it. */
#define PARSE_NODATA	"no data found: no table of networks, ranges, URLs " \
			"or ports (a login or error page? check the URL)"

enum parse_status {
	PARSE_OK,
	PARSE_NOMEM,		/* out of memory */
	PARSE_REFUSED		/* libxml2 gave up part way: no half pages */
};

/*
 * Parse a page in any encoding (http_charset from a Content-Type header,
 * or NULL) into *out, sorted and de-duplicated. On failure *out is NULL
 * and err (PARSE_ERRMAX bytes) says why. A page without data tables is
 * not a failure here: it gives an empty set.
 */
enum parse_status	parse_page(const char *, size_t, const char *,
			    struct recordset **, char *);

#endif
