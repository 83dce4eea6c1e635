/*
 * The allocation wrapper of the out-of-memory sweep: linked into
 * mcwatch-oom with -Wl,--wrap for each allocator, so that every
 * allocation mcwatch's own code makes (not the libraries': they are
 * tested by their authors) goes through here.
 *
 *   MCWATCH_FAIL_ALLOC=N   the Nth allocation fails (ENOMEM), once
 *   MCWATCH_COUNT_ALLOC=1  print "allocations: COUNT" to stderr at exit
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void	*__real_malloc(size_t);
void	*__real_calloc(size_t, size_t);
void	*__real_realloc(void *, size_t);
void	*__real_reallocarray(void *, size_t, size_t);
char	*__real_strdup(const char *);
char	*__real_strndup(const char *, size_t);
void	*__wrap_malloc(size_t);
void	*__wrap_calloc(size_t, size_t);
void	*__wrap_realloc(void *, size_t);
void	*__wrap_reallocarray(void *, size_t, size_t);
char	*__wrap_strdup(const char *);
char	*__wrap_strndup(const char *, size_t);

static long	fail_at = -1;	/* -1: not read yet; 0: never */
static long	count;

static void
report(void)
{
	fprintf(stderr, "allocations: %ld\n", count);
}

/* Whether this allocation is the one to fail. */
static int
fails(void)
{
	const char *s;

	if (fail_at == -1) {
		s = getenv("MCWATCH_FAIL_ALLOC");
		fail_at = s != NULL ? strtol(s, NULL, 10) : 0;
		if (getenv("MCWATCH_COUNT_ALLOC") != NULL)
			atexit(report);
	}
	if (++count != fail_at)
		return 0;
	errno = ENOMEM;
	return 1;
}

void *
__wrap_malloc(size_t n)
{
	return fails() ? NULL : __real_malloc(n);
}

void *
__wrap_calloc(size_t n, size_t sz)
{
	return fails() ? NULL : __real_calloc(n, sz);
}

void *
__wrap_realloc(void *p, size_t n)
{
	return fails() ? NULL : __real_realloc(p, n);
}

void *
__wrap_reallocarray(void *p, size_t n, size_t sz)
{
	return fails() ? NULL : __real_reallocarray(p, n, sz);
}

char *
__wrap_strdup(const char *s)
{
	return fails() ? NULL : __real_strdup(s);
}

char *
__wrap_strndup(const char *s, size_t n)
{
	return fails() ? NULL : __real_strndup(s, n);
}
