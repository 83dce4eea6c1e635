/* libFuzzer: a snapshot's source.json from an untrusted repository. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../snapshots/source.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct source_prev sp;
	struct err err;

	source_parse((const char *)data, len, &sp, &err);
	/* What the unchanged night is told by: 64 hex digits, or nothing. */
	if (sp.sha256[0] != '\0' && (strlen(sp.sha256) != SHA256_HEXLEN - 1 ||
	    strspn(sp.sha256, "0123456789abcdef") != SHA256_HEXLEN - 1))
		abort();
	source_prev_clear(&sp);
	return 0;
}
