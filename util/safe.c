/* Control characters out of everything mcwatch prints or records. */
#include "safe.h"

int
safe_char(int c)
{
	return (c >= 0 && c < 0x20) || c == 0x7f ? '?' : c;
}

char *
safe_unctrl(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		*p = (char)safe_char((unsigned char)*p);
	return s;
}

int
safe_fputs(const char *s, FILE *fp)
{
	const char *p;

	/* Whole runs at a time: most text has no control character. */
	while (*s != '\0') {
		for (p = s; *p != '\0' && safe_char((unsigned char)*p) == *p; p++)
			;
		if (p > s && fwrite(s, 1, (size_t)(p - s), fp) != (size_t)(p - s))
			return -1;
		if (*p == '\0')
			break;
		if (putc('?', fp) == EOF)
			return -1;
		s = p + 1;
	}
	return 0;
}
