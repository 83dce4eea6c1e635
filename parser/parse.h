/* The page parser: HTML bytes in, a sorted record set out. */
#ifndef MCWATCH_PARSE_H
#define MCWATCH_PARSE_H

#include <stddef.h>

#include "../errors/err.h"
#include "../records/record.h"

#define PARSE_NODATA	"no data found: no table of networks, ranges, URLs " \
			"or ports (a login or error page? check the URL)"

/*
 * Parse a page in any encoding (http_charset from a Content-Type header,
 * or NULL) into *out (the caller's), sorted and de-duplicated. 0, or -1
 * with *out NULL and err: ERR_NOMEM, or ERR_PARSE when libxml2 gave up
 * part way (no half pages). A page without data tables is not a failure
 * here: it gives an empty set.
 */
int	parse_page(const char *buf, size_t len, const char *http_charset,
	    struct recordset **out, struct err *err);

#endif
