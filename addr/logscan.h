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

/* A scan of the bytes [p, end): where it is, and the marks found ahead. */
struct logscan {
	const char	*p;
	const char	*end;
	const char	*dot;		/* the next '.' and ':' at or after */
	const char	*colon;		/* p, or end; NULL: not looked for */
};

/* A scan of [buf, end) into ls. */
void	logscan_init(struct logscan *ls, const char *buf, const char *end);
/*
 * The next address of ls into a, its text (NUL-terminated, the address
 * alone, a port left out) into text; ls moves past it. The length of its
 * text when one was found, 0 at the end.
 */
size_t	logscan_next(struct logscan *ls, struct addr *a,
	    char text[LOGSCAN_TEXTMAX]);
/* Whether byte c may be part of an address's text (a hex digit, '.', ':'). */
int	logscan_holds(char c);

#endif
