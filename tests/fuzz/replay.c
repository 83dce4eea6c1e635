/*
 * Replays fuzz inputs without libFuzzer: 'make check' runs every file of
 * a target's corpus (seeds and crashes found once) through it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char **argv)
{
	FILE *fp;
	char *buf;
	long n;
	int i;

	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL ||
		    fseek(fp, 0, SEEK_END) == -1 || (n = ftell(fp)) < 0) {
			perror(argv[i]);
			return 1;
		}
		rewind(fp);
		if ((buf = malloc((size_t)n + 1)) == NULL ||
		    fread(buf, 1, (size_t)n, fp) != (size_t)n)
			return 1;
		fclose(fp);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, (size_t)n);
		free(buf);
	}
	printf("replayed %d inputs\n", argc - 1);
	return 0;
}
