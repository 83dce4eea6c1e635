/* Records as JSON objects: the on-disk and on-the-wire form. */
#ifndef MCWATCH_JSON_H
#define MCWATCH_JSON_H

#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "../errors/err.h"
#include "record.h"

/* A new object for r, fields in their documented order; NULL on memory. */
json_t	*record_to_json(const struct record *r);
/* A new object for a warning; NULL on memory. */
json_t	*warning_to_json(const struct warning *w);

/*
 * Read one record object into *r; 0, -1 if it is not a valid one, or -2
 * out of memory.
 */
int	 record_from_json(json_t *o, struct record *r);
/*
 * Read a dataset ({"records": [...]}) into a new set, in the order given;
 * 0, or -1 with err (ERR_PARSE saying why, or ERR_NOMEM).
 */
int	 recordset_from_json(const char *buf, size_t len,
	    struct recordset **out, struct err *err);
/* t as ISO 8601 UTC ("2026-11-28T14:05:00Z"), null for 0; NULL on memory. */
json_t	*json_time(time_t t);
/* What json_time wrote, back into *t; 0, or -1 if v is no such string. */
int	 json_time_get(json_t *v, time_t *t);
/*
 * The set with its warnings, a record a line ({"records": [...],
 * "warnings": [...]}): what parse and show print. 0, or -1 on error.
 */
int	 output_json(FILE *fp, const struct recordset *rs);
/* The dataset form: records only, one per line; 0, or -1 on error. */
int	 output_records_json(FILE *fp, const struct recordset *rs);

/*
 * How output_records_json opens and closes the dataset, a record a line
 * between: the framing history's line diffs check.
 */
#define DATASET_HEAD	"{\"records\":[\n"
#define DATASET_TAIL	"\n]}\n"

#endif
