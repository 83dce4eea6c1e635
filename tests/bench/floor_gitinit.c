/*
 * make bench's floor for a git-backed command: a program linked with
 * libgit2 alone (and what it pulls in) that starts libgit2 and stops it.
 * Debian's libgit2 is built with mbedTLS, which parses the whole CA
 * bundle in git_libgit2_init: what any program that opens a repository
 * with it pays before it reads one object.
 */
#include <git2.h>

int
main(void)
{
	if (git_libgit2_init() < 0)
		return 1;
	git_libgit2_shutdown();
	return 0;
}
