/* Rejected pages, kept beside the repository and never in its history. */
#ifndef MCWATCH_REJECTED_H
#define MCWATCH_REJECTED_H

#include <stddef.h>

#include "../errors/err.h"
#include "store.h"

#define REJECTED_DIR	"mcwatch-rejected"	/* in the git directory */
#define REJECTED_KEEP	5

/*
 * Keep page as GITDIR/mcwatch-rejected/YYYYMMDDTHHMMSSZ-SEQ-SHA.html (SEQ
 * orders the pages of one second) with the reason beside it in a .txt,
 * each written whole or not at all and never through a symlink, then drop
 * all but the newest REJECTED_KEEP. The path kept into path (4096 bytes).
 * 0, or -1 with err.
 */
int	rejected_save(struct store *st, const char *page, size_t len,
	    const char *sha256, const char *reason, char *path,
	    struct err *err);

#endif
