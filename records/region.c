/* Known region headings and the slug for unknown ones. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "region.h"

#define SLUG_MAX	40

/*
 * Headings as the page has printed them, and short forms seen in other
 * renderings. Matching ignores case; the caller normalizes whitespace.
 */
static const struct {
	const char	*code;
	const char	*heading;
} regions[] = {
	{ "us",     "United States of America" },
	{ "us",     "United States" },
	{ "us",     "USA" },
	{ "usb",    "United States of America (B grid)" },
	{ "usb",    "United States of America (B-grid)" },
	{ "ca",     "Canada" },
	{ "uk",     "Europe (Excluding Germany)" },
	{ "uk",     "Europe (Excl. Germany)" },
	{ "uk",     "Europe" },
	{ "de",     "Germany" },
	{ "za",     "South Africa" },
	{ "au",     "Australia" },
	{ "jer",    "Offshore (Jersey)" },
	{ "jer",    "Offshore" },
	{ "jer",    "Jersey" },
	{ "global", "Global Application Resources" },
	{ "global", "Global" },
};

const char *
region_known(const char *heading)
{
	size_t i, n = strlen(heading);

	/* "Canada:" and "Canada Region" name the same region. */
	while (n > 0 && (heading[n - 1] == ':' || heading[n - 1] == ' '))
		n--;
	if (n > 7 && strncasecmp(heading + n - 7, " region", 7) == 0)
		n -= 7;
	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (strlen(regions[i].heading) == n &&
		    strncasecmp(heading, regions[i].heading, n) == 0)
			return regions[i].code;
	return NULL;
}

char *
region_code(const char *heading)
{
	const char *known;
	char *slug;
	size_t n = 0;
	int dash = 0;

	if ((known = region_known(heading)) != NULL)
		return strdup(known);
	if ((slug = malloc(SLUG_MAX + 1)) == NULL)
		return NULL;
	for (; *heading != '\0' && n < SLUG_MAX; heading++) {
		unsigned char c = (unsigned char)*heading;

		if (isascii(c) && isalnum(c)) {
			if (dash && n > 0)
				slug[n++] = '-';
			if (n < SLUG_MAX)
				slug[n++] = (char)tolower(c);
			dash = 0;
		} else
			dash = 1;
	}
	if (n == 0)
		memcpy(slug, "unknown", (n = 7));
	slug[n] = '\0';
	return slug;
}
