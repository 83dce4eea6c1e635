/* Telling an out-of-memory failure from the others. */
#include <string.h>
#include <strings.h>

#include "nomem.h"

int
nomem_said(const char *msg)
{
	size_t n = strlen(msg), k = strlen(NOMEM_TEXT);

	/* libgit2 says "Out of memory", sometimes with a period. */
	while (n > 0 && (msg[n - 1] == '.' || msg[n - 1] == ' ' ||
	    msg[n - 1] == ')'))
		n--;
	return n >= k && strncasecmp(msg + n - k, NOMEM_TEXT, k) == 0;
}
