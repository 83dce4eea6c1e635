/*
 * libFuzzer: the page parser. The first byte picks the HTTP charset the
 * page comes with (none, or one of a few), the rest is the page. What
 * it reads must be written: both JSON forms take every record
 * and warning (a warning cut inside a character once made jansson
 * refuse the output, and the run with it).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../parser/parse.h"
#include "../../records/json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const charsets[] = { NULL, "utf-8", "iso-8859-1",
	    "windows-1252", "shift_jis", "utf-16le", "bogus" };
	struct recordset *rs = NULL;
	struct err err;
	char *buf = NULL;
	size_t blen = 0;
	FILE *fp;

	if (len == 0)
		return 0;
	if (parse_page((const char *)data + 1, len - 1,
	    charsets[data[0] % (sizeof(charsets) / sizeof(charsets[0]))], &rs,
	    &err) == 0 && (fp = open_memstream(&buf, &blen)) != NULL) {
		if (output_json(fp, rs) == -1 ||
		    output_records_json(fp, rs) == -1)
			abort();
		fclose(fp);
		free(buf);
	}
	recordset_free(rs);
	return 0;
}
