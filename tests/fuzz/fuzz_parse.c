/*
 * libFuzzer: the page parser. The first byte picks the HTTP charset the
 * page comes with (none, or one of a few), the rest is the page.
 */
#include <stddef.h>
#include <stdint.h>

#include "../../parser/parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const charsets[] = { NULL, "utf-8", "iso-8859-1",
	    "windows-1252", "shift_jis", "utf-16le", "bogus" };
	struct recordset *rs = NULL;
	struct err err;

	if (len == 0)
		return 0;
	parse_page((const char *)data + 1, len - 1,
	    charsets[data[0] % (sizeof(charsets) / sizeof(charsets[0]))], &rs,
	    &err);
	recordset_free(rs);
	return 0;
}
