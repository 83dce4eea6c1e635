/* A record's fields by name: the fixed column set of CSV, TSV and diffs. */
#ifndef MCWATCH_FIELD_H
#define MCWATCH_FIELD_H

#include "record.h"

#define FIELD_MAX	(ADDR_MAXCOVER * CIDR_STRLEN)	/* a value's size */

extern const char *const	field_names[];
extern const size_t		field_count;

/*
 * Field col of r as text in buf (FIELD_MAX bytes) or in r itself; ""
 * where the field does not apply. Returns the text.
 */
const char	*field_value(const struct record *r, size_t col, char *buf);

#endif
