/* libcurl, opened at its first use: see curllib.c. */
#ifndef MCWATCH_CURLLIB_H
#define MCWATCH_CURLLIB_H

#include "../errors/err.h"

/*
 * Load libcurl now, before a fetch or a delivery, so that a missing one
 * fails that step (err of kind naming the cause), not the process at a
 * first call: 0, or -1.
 */
int	curllib_load(enum err_kind kind, struct err *err);

#endif
