/*
 * Addresses in log text, in the forms mail servers, web servers and
 * proxies print them: a.b.c.d, a.b.c.d:port, [v6], [v6]:port, Postfix's
 * v6.port, after '=' or inside brackets, anywhere in a line. The line is
 * taken by its length: a NUL in it ends nothing.
 */
#ifndef MCWATCH_LOGSCAN_H
#define MCWATCH_LOGSCAN_H

#include <stddef.h>

#include "addr.h"

/* The longest address text found: an IPv6 address with an IPv4 tail. */
#define LOGSCAN_TEXTMAX	46

/*
 * The next address at or after *p and before end into a, its text (NUL-
 * terminated, the address alone, a port left out) into text; *p moves
 * past it. The length of its text when one was found, 0 at the end.
 */
size_t	logscan_next(const char **pp, const char *end, struct addr *a,
	    char text[LOGSCAN_TEXTMAX]);

/* Whether byte c may be part of an address's text (a hex digit, '.', ':'). */
int	logscan_holds(char c);

#endif
