/* Sequence lengths and repair of UTF-8 text. */
#include <string.h>

#include "utf8.h"

long
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 1;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return -1;
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi)
			return -(long)i;
		lo = 0x80;
		hi = 0xbf;
	}
	return (long)need + 1;
}

size_t
utf8_repair(char *s)
{
	unsigned char *u = (unsigned char *)s;
	size_t len = strlen(s), i = 0, o = 0;
	long k;

	while (i < len) {
		if (u[i] < 0x80) {
			u[o++] = u[i++];
			continue;
		}
		if ((k = utf8_seq(u + i, len - i)) > 0) {
			memmove(u + o, u + i, (size_t)k);
			o += (size_t)k;
			i += (size_t)k;
			continue;
		}
		/* A valid start is a character cut short: nothing to show. */
		if (u[i] < 0xc2 || u[i] > 0xf4)
			u[o++] = '?';
		i += (size_t)-k;
	}
	u[o] = '\0';
	return o;
}
