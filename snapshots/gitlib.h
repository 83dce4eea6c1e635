/* libgit2, opened at its first use: see gitlib.c. */
#ifndef MCWATCH_GITLIB_H
#define MCWATCH_GITLIB_H

#include "../errors/err.h"

/* Load libgit2 now: 0, or -1 with err (ERR_REPO) naming the cause. */
int	gitlib_load(struct err *err);

#endif
