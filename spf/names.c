/* Which SPF name holds a region's netblocks: one table. */
#include <string.h>

#include "spf.h"

/* Mimecast's names (see mcwatch(1), spf); spf.name.CODE adds or wins. */
static const struct {
	const char	*code;
	const char	*name;
} names[] = {
	{ "global",	"_netblocks.mimecast.com" },
	{ "uk",		"eu._netblocks.mimecast.com" },
	{ "de",		"de._netblocks.mimecast.com" },
	{ "us",		"us._netblocks.mimecast.com" },
	{ "usb",	"usb._netblocks.mimecast.com" },
	{ "ca",		"ca._netblocks.mimecast.com" },
	{ "za",		"za._netblocks.mimecast.com" },
	{ "au",		"au._netblocks.mimecast.com" },
};

int
spf_builtin(size_t i, const char **code, const char **name)
{
	if (i >= sizeof(names) / sizeof(names[0]))
		return -1;
	*code = names[i].code;
	*name = names[i].name;
	return 0;
}

const char *
spf_name(const char *code, const char *const *extra, size_t n)
{
	size_t i, len = strlen(code);

	for (i = n; i-- > 0; )
		if (strncmp(extra[i], code, len) == 0 && extra[i][len] == '=')
			return extra[i] + len + 1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].code, code) == 0)
			return names[i].name;
	return NULL;
}
