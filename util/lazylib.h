/*
 * A shared library loaded at its first use, not at start: libgit2,
 * libcurl and c-ares with what they pull in are three quarters of a
 * process start, which 'parse', 'lookup' or 'export' never need.
 * Each library's wrappers (snapshots/gitlib.c, transport/curllib.c,
 * dns/areslib.c) are generated from one table of its functions and
 * defined under the library's own names, so its header checks every
 * signature; this file only opens and resolves.
 */
#ifndef MCWATCH_LAZYLIB_H
#define MCWATCH_LAZYLIB_H

#include <stddef.h>

#include "../errors/err.h"

struct lazylib {
	const char		*soname;	/* as the build found it */
	const char *const	*names;		/* the functions used */
	void			**fns;		/* beside names, once loaded */
	size_t			 nfns;
	int			 loaded;
};

/*
 * Open l's library and resolve every function it names, once a process:
 * 0, or -1 with err (of kind) naming the library and the cause; a
 * library lacking one of the functions is not loaded at all.
 */
int	lazylib_load(struct lazylib *l, enum err_kind kind, struct err *err);
/*
 * Function i of l, loading it first if no caller has: where that fails
 * the process ends as the dynamic loader would end it at start (a
 * message on standard error, exit status 127).
 */
void	*lazylib_fn_slow(struct lazylib *l, size_t i);

/*
 * A library's table is an X-macro of rows F(ret, name, (params), (args)),
 * V(name, (params), (args)) for void ones, and N(name) for a variadic
 * function the file wraps by hand. LAZYLIB_DEFINE(FUNCS, soname) expands
 * it, once a file, into an index LAZY_name a function, the names, the
 * file's 'static struct lazylib lib' and a wrapper a F or V row that calls
 * function LAZY_name of it.
 */
#define LAZYLIB_INDEX(ret, name, params, args)	LAZY_##name,
#define LAZYLIB_INDEXV(name, params, args)	LAZY_##name,
#define LAZYLIB_INDEXN(name)			LAZY_##name,
#define LAZYLIB_NAME(ret, name, params, args)	#name,
#define LAZYLIB_NAMEV(name, params, args)	#name,
#define LAZYLIB_NAMEN(name)			#name,
#define LAZYLIB_WRAP(ret, name, params, args) \
	ret name params \
	{ \
		return ((ret (*)params)lazylib_fn(&lib, LAZY_##name))args; \
	}
#define LAZYLIB_WRAPV(name, params, args) \
	void name params \
	{ \
		((void (*)params)lazylib_fn(&lib, LAZY_##name))args; \
	}
#define LAZYLIB_WRAPN(name)
#define LAZYLIB_DEFINE(FUNCS, soname) \
	/* Empty would dlopen the program itself. */ \
	_Static_assert(sizeof(soname) > 1, #soname " is empty"); \
	enum { FUNCS(LAZYLIB_INDEX, LAZYLIB_INDEXV, LAZYLIB_INDEXN) \
	    LAZY_NFNS }; \
	static const char *const names[LAZY_NFNS] = { \
		FUNCS(LAZYLIB_NAME, LAZYLIB_NAMEV, LAZYLIB_NAMEN) \
	}; \
	static void *fns[LAZY_NFNS]; \
	static struct lazylib lib = { soname, names, fns, LAZY_NFNS, 0 }; \
	FUNCS(LAZYLIB_WRAP, LAZYLIB_WRAPV, LAZYLIB_WRAPN)

static inline void *
lazylib_fn(struct lazylib *l, size_t i)
{
	return l->loaded ? l->fns[i] : lazylib_fn_slow(l, i);
}

#endif
