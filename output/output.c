/* The table of output formats. */
#include <stdio.h>
#include <string.h>

#include "../records/json.h"
#include "../util/names.h"
#include "output.h"

static const struct output_format formats[] = {
	{ "json", output_json },
	{ "csv", output_csv },
	{ "tsv", output_tsv },
	{ "text", output_text },
};

const struct output_format *
output_find(const char *name)
{
	return NAMES_FIND(formats, name);
}

const char *
output_names(void)
{
	static char names[64];

	return names[0] ? names : NAMES_JOIN(names, formats);
}
