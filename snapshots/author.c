/* Checking and splitting "Name <email>". */
#include <string.h>

#include "author.h"

/* Whether s[0..n) holds a control character or an angle bracket. */
static int
bad_chars(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f || s[i] == '<' ||
		    s[i] == '>')
			return 1;
	return 0;
}

int
author_parse(const char *s, char *name, char *email, const char **why)
{
	const char *lt = strchr(s, '<'), *gt = strchr(s, '>');
	size_t n;

	if (lt == NULL || gt == NULL || gt < lt) {
		*why = "want 'Name <email>'";
		return -1;
	}
	if (gt[1] != '\0') {
		*why = "text after the '>'";
		return -1;
	}
	for (n = (size_t)(lt - s); n > 0 && s[n - 1] == ' '; n--)
		;
	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	if (n == 0 || n >= AUTHOR_MAX || bad_chars(s, n)) {
		*why = n == 0 ? "no name before the '<'" : "a bad name";
		return -1;
	}
	memcpy(name, s, n);
	name[n] = '\0';
	n = (size_t)(gt - lt - 1);
	if (n == 0 || n >= AUTHOR_MAX || bad_chars(lt + 1, n) ||
	    memchr(lt + 1, ' ', n) != NULL) {
		*why = n == 0 ? "no email between '<' and '>'" : "a bad email";
		return -1;
	}
	memcpy(email, lt + 1, n);
	email[n] = '\0';
	return 0;
}
