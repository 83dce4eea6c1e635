/* Opening a file to read that anyone may have replaced. */
#ifndef MCWATCH_REGFILE_H
#define MCWATCH_REGFILE_H

#include <sys/stat.h>

#define REGFILE_NOTREG	(-2)	/* there, but no regular file */

/*
 * name under directory dfd (AT_FDCWD: name as a path) opened to read,
 * never through a symlink and never waiting on a FIFO: its descriptor
 * (the caller's to close), with *sb its stat; -1 with errno if it cannot
 * be opened or stat'd; REGFILE_NOTREG (nothing left open) if it is a
 * FIFO, a device, a directory or a socket.
 */
int	regfile_open(int dfd, const char *name, struct stat *sb);

#endif
