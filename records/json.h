/* Records as JSON objects: the on-disk and on-the-wire form. */
#ifndef MCWATCH_JSON_H
#define MCWATCH_JSON_H

#include <jansson.h>

#include "record.h"

/* A new object for r, fields in their documented order; NULL on memory. */
json_t	*record_to_json(const struct record *);
/* A new object for a warning; NULL on memory. */
json_t	*warning_to_json(const struct warning *);

#endif
