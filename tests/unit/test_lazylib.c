/*
 * A library opened at its first use: every function resolved or none,
 * the failure a value naming the library, and a first use that cannot
 * load ending the process as the dynamic loader would (exit 127).
 */
#include <sys/wait.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../util/lazylib.h"

/* libm is there wherever glibc is, and holds nothing mcwatch uses. */
static const char *const math_names[] = { "cos", "floor" };
static const char *const half_names[] = { "cos", "mcwatch_no_such_fn" };

static void
test_load(void **state)
{
	void *fns[2] = { NULL, NULL };
	struct lazylib l = { "libm.so.6", math_names, fns, 2, 0 };
	double (*f)(double);
	struct err e;

	(void)state;
	err_clear(&e);
	assert_false(l.loaded);
	assert_int_equal(lazylib_load(&l, ERR_IO, &e), 0);
	assert_true(l.loaded);
	assert_false(err_isset(&e));
	f = (double (*)(double))lazylib_fn(&l, 1);
	assert_true(f(2.5) == 2.0);
	f = (double (*)(double))lazylib_fn(&l, 0);
	assert_true(f(0.0) == 1.0);
	/* Once a process: a second load resolves nothing again. */
	fns[0] = NULL;
	assert_int_equal(lazylib_load(&l, ERR_IO, &e), 0);
	assert_null(fns[0]);
}

static void
test_no_library(void **state)
{
	void *fns[2];
	struct lazylib l = { "libmcwatch-none.so.0", math_names, fns, 2, 0 };
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(lazylib_load(&l, ERR_REPO, &e), -1);
	assert_int_equal(e.kind, ERR_REPO);
	assert_non_null(strstr(e.msg, "load libmcwatch-none.so.0: "));
	assert_false(l.loaded);
	/* A failure is not remembered as a success. */
	err_clear(&e);
	assert_int_equal(lazylib_load(&l, ERR_FETCH, &e), -1);
	assert_int_equal(e.kind, ERR_FETCH);
	assert_false(l.loaded);
}

/* A library without one of the functions is not taken at all. */
static void
test_no_function(void **state)
{
	void *fns[2];
	struct lazylib l = { "libm.so.6", half_names, fns, 2, 0 };
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(lazylib_load(&l, ERR_IO, &e), -1);
	assert_int_equal(e.kind, ERR_IO);
	assert_non_null(strstr(e.msg, "load libm.so.6: no function "
	    "mcwatch_no_such_fn"));
	assert_false(l.loaded);
}

/*
 * The first use with no library: exit 127 and one line naming it, its
 * control bytes (a name is the build's, the loader's text may quote the
 * environment) replaced.
 */
static void
test_first_use_exits(void **state)
{
	void *fns[2];
	struct lazylib l = { "libmcwatch-\033[2Jnone.so.0", math_names, fns,
	    2, 0 };
	char buf[512];
	size_t n = 0;
	ssize_t r;
	int p[2], st;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(p), 0);
	fflush(stderr);
	if ((pid = fork()) == 0) {
		dup2(p[1], STDERR_FILENO);
		close(p[0]);
		lazylib_fn(&l, 0);
		_exit(0);	/* not reached: the test fails on status 0 */
	}
	assert_true(pid > 0);
	close(p[1]);
	/* Until the child's end closes: stderr writes in pieces. */
	while (n < sizeof(buf) - 1 &&
	    (r = read(p[0], buf + n, sizeof(buf) - 1 - n)) > 0)
		n += (size_t)r;
	close(p[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (!WIFEXITED(st))
		fail_msg("child ended by signal %d", WTERMSIG(st));
	assert_int_equal(WEXITSTATUS(st), 127);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "mcwatch: load libmcwatch-?[2Jnone.so.0"));
	assert_null(strchr(buf, '\033'));
	/* One line. */
	assert_true(strchr(buf, '\n') == buf + n - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_no_library),
		cmocka_unit_test(test_no_function),
		cmocka_unit_test(test_first_use_exits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
