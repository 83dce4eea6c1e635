/* Opening a shared library at its first use. */
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

#include "lazylib.h"
#include "safe.h"

int
lazylib_load(struct lazylib *l, enum err_kind kind, struct err *err)
{
	void *h;
	const char *msg;
	size_t i;

	if (l->loaded)
		return 0;
	/* RTLD_NOW: a missing symbol fails here, never mid-command. */
	if ((h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		msg = dlerror();
		return err_set(err, kind, "load %s: %s", l->soname,
		    msg != NULL ? msg : "cannot open");
	}
	for (i = 0; i < l->nfns; i++) {
		dlerror();
		if ((l->fns[i] = dlsym(h, l->names[i])) == NULL) {
			msg = dlerror();
			/* Told before dlclose, which frees dlerror's text. */
			err_set(err, kind, "load %s: no function %s%s%s",
			    l->soname, l->names[i], msg != NULL ? ": " : "",
			    msg != NULL ? msg : "");
			dlclose(h);
			return -1;
		}
	}
	/* Never closed: the library's own state lives until exit. */
	l->loaded = 1;
	return 0;
}

void *
lazylib_fn_slow(struct lazylib *l, size_t i)
{
	struct err err;

	err_clear(&err);
	if (lazylib_load(l, ERR_IO, &err) == -1) {
		/* dlerror's text may quote LD_LIBRARY_PATH's bytes. */
		fputs("mcwatch: ", stderr);
		safe_fputs(err.msg, stderr);
		fputc('\n', stderr);
		_exit(127);
	}
	return l->fns[i];
}
