/* libFuzzer: the configuration reader (libgit2's parser, our entries). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <git2.h>

#include "../../snapshots/conf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static char path[64];
	struct conf c;
	struct err err;
	FILE *fp;

	if (path[0] == '\0') {
		git_libgit2_init();
		snprintf(path, sizeof(path), "/tmp/mcwatch-fuzz-config.%ld",
		    (long)getpid());
	}
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, len, fp);
	fclose(fp);
	if (conf_read(path, &c, &err) == 0)
		conf_free(&c);
	unlink(path);
	return 0;
}
