/* Messages on stderr, safe for a terminal and a log. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../util/safe.h"

void
cli_error(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int n;

	/* One line, one write: stderr is unbuffered, and a page can warn
	 * tens of thousands of times. */
	memcpy(buf, "mcwatch: ", 9);
	va_start(ap, fmt);
	n = vsnprintf(buf + 9, sizeof(buf) - 10, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n > sizeof(buf) - 11)
		n = (int)sizeof(buf) - 11;
	safe_unctrl(buf + 9);
	buf[9 + n] = '\n';
	fwrite(buf, 1, 9 + (size_t)n + 1, stderr);
}

void
cli_warnings(const struct recordset *rs)
{
	size_t i;

	for (i = 0; i < rs->nwarns; i++) {
		const struct warning *w = &rs->warns[i];

		cli_error("warning: %s%s%s: %s", w->region[0] ? w->region :
		    "(no region)", w->section[0] ? " / " : "", w->section,
		    w->message);
	}
}

int
cli_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	if (*end == 'k' || *end == 'K')
		shift = 10;
	else if (*end == 'M')
		shift = 20;
	else if (*end == 'G')
		shift = 30;
	if (shift != 0)
		end++;
	if (*end != '\0' || v == 0 || v > (1ULL << 40) >> shift)
		return -1;
	*out = (size_t)(v << shift);
	return 0;
}
