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
	for (; *s != '\0'; s++)
		if (putc(safe_char((unsigned char)*s), fp) == EOF)
			return -1;
	return 0;
}
