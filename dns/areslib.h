/* c-ares, opened at its first use: see areslib.c. */
#ifndef MCWATCH_ARESLIB_H
#define MCWATCH_ARESLIB_H

#include "../errors/err.h"

/* Load c-ares now: 0, or -1 with err (ERR_FETCH) naming the cause. */
int	areslib_load(struct err *err);

#endif
