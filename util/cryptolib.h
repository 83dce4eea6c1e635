/* libcrypto, opened at its first use: see cryptolib.c. */
#ifndef MCWATCH_CRYPTOLIB_H
#define MCWATCH_CRYPTOLIB_H

#include "../errors/err.h"

/* Load libcrypto now: 0, or -1 with err (ERR_IO) naming the cause. */
int	cryptolib_load(struct err *err);

#endif
