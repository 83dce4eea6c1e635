/* The table of output formats. */
#include <stdio.h>
#include <string.h>

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
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(name, formats[i].name) == 0)
			return &formats[i];
	return NULL;
}

const char *
output_names(void)
{
	static char names[64];
	size_t i;

	if (names[0] == '\0')
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			snprintf(names + strlen(names), sizeof(names) -
			    strlen(names), "%s%s", i ? "|" : "", formats[i].name);
	return names;
}
