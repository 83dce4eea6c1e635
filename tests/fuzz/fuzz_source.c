/* libFuzzer: a snapshot's source.json from an untrusted repository. */
#include <stddef.h>
#include <stdint.h>

#include "../../snapshots/source.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct source_prev sp;
	struct err err;

	source_parse((const char *)data, len, &sp, &err);
	source_prev_clear(&sp);
	return 0;
}
