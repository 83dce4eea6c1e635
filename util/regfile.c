/* Opening a file to read that anyone may have replaced. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "regfile.h"

int
regfile_open(int dfd, const char *name, struct stat *sb)
{
	int fd, saved;

	/* Non-blocking: opening a FIFO waits for a writer otherwise. */
	if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, sb) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(sb->st_mode)) {
		close(fd);
		return REGFILE_NOTREG;
	}
	return fd;
}
