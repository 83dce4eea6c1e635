/*
 * One error type for every layer: what kind of failure it was, as a value,
 * and one message of one size naming the input and the cause. Only main
 * (cli/main.c) turns a kind into an exit status.
 */
#ifndef MCWATCH_ERR_H
#define MCWATCH_ERR_H

#include <stdarg.h>

/* The longest message, with its NUL; longer ones are cut, never overrun. */
#define ERR_MSGMAX	1024

enum err_kind {
	ERR_NONE = 0,
	ERR_USAGE,	/* a bad option, argument or configuration value */
	ERR_NOMEM,	/* out of memory */
	ERR_FETCH,	/* the page could not be read or fetched */
	ERR_PARSE,	/* the page could not be parsed, or was refused */
	ERR_REPO,	/* the snapshot repository */
	ERR_IO,		/* a file mcwatch writes: output, site, export */
	ERR_NOTIFY	/* a notification channel */
};

struct err {
	enum err_kind	kind;
	int		status;	/* ERR_FETCH: the HTTP status, or 0 */
	char		msg[ERR_MSGMAX];
};

/* Empty e: no kind, no message. */
void		 err_clear(struct err *e);
/* Set e to kind and the formatted message. Returns -1. */
int		 err_set(struct err *e, enum err_kind kind, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));
int		 err_setv(struct err *e, enum err_kind kind, const char *fmt,
		    va_list ap) __attribute__((format(printf, 3, 0)));
/* Set e to ERR_NOMEM, "what: out of memory". Returns -1. */
int		 err_nomem(struct err *e, const char *what);
/*
 * Put the formatted context before e's message ("CONTEXT: message"),
 * keeping its kind. Returns -1.
 */
int		 err_prefix(struct err *e, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Add the formatted words after e's message, keeping its kind. Returns -1. */
int		 err_append(struct err *e, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Whether e holds a failure. */
int		 err_isset(const struct err *e);
/* The name of a kind: "usage", "out of memory", "fetch", ... */
const char	*err_kind_name(enum err_kind kind);

#endif
