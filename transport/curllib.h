/* libcurl, opened at its first use: see curllib.c. */
#ifndef MCWATCH_CURLLIB_H
#define MCWATCH_CURLLIB_H

#include "../errors/err.h"

/* Load libcurl now: 0, or -1 with err (ERR_FETCH) naming the cause. */
int	curllib_load(struct err *err);

#endif
