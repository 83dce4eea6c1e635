/*
 * UTF-8 as the rest of mcwatch needs it: where a sequence ends, and text
 * cut by a byte count ("%.200s", a full message buffer) or read from
 * outside made whole again. jansson refuses a string that is not UTF-8,
 * and a message it refuses is a health state or a warning not written.
 */
#ifndef MCWATCH_UTF8_H
#define MCWATCH_UTF8_H

#include <stddef.h>

/*
 * Length of the valid UTF-8 sequence at s (n > 0 bytes there), or the
 * length of its maximal invalid prefix negated (WHATWG: one U+FFFD per
 * maximal subpart).
 */
long	 utf8_seq(const unsigned char *s, size_t n);
/*
 * s made valid UTF-8 in place: a character cut short (a valid start
 * whose sequence the text ends or breaks off) is left out, any other
 * byte that is not UTF-8 becomes '?'. The new length.
 */
size_t	 utf8_repair(char *s);

#endif
