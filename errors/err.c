/* The one error type. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "../utf8/utf8.h"

static const char *const kind_names[] = {
	[ERR_NONE] = "none",
	[ERR_USAGE] = "usage",
	[ERR_NOMEM] = "out of memory",
	[ERR_FETCH] = "fetch",
	[ERR_PARSE] = "parse",
	[ERR_REPO] = "repository",
	[ERR_IO] = "i/o",
	[ERR_NOTIFY] = "notify"
};

void
err_clear(struct err *e)
{
	e->kind = ERR_NONE;
	e->status = 0;
	e->msg[0] = '\0';
}

int
err_setv(struct err *e, enum err_kind kind, const char *fmt, va_list ap)
{
	e->kind = kind;
	e->status = 0;
	if (vsnprintf(e->msg, sizeof(e->msg), fmt, ap) < 0)
		e->msg[0] = '\0';
	/* A message cut at ERR_MSGMAX, or quoting bytes from outside. */
	utf8_repair(e->msg);
	return -1;
}

int
err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_setv(e, kind, fmt, ap);
	va_end(ap);
	return -1;
}

int
err_nomem(struct err *e, const char *what)
{
	return err_set(e, ERR_NOMEM, "%s: out of memory", what);
}

int
err_prefix(struct err *e, const char *fmt, ...)
{
	char old[ERR_MSGMAX];
	va_list ap;

	memcpy(old, e->msg, sizeof(old));
	va_start(ap, fmt);
	if (vsnprintf(e->msg, sizeof(e->msg), fmt, ap) < 0)
		e->msg[0] = '\0';
	va_end(ap);
	utf8_repair(e->msg);
	return err_append(e, ": %s", old);
}

int
err_append(struct err *e, const char *fmt, ...)
{
	size_t n = strlen(e->msg);
	va_list ap;

	va_start(ap, fmt);
	if (n < sizeof(e->msg) &&
	    vsnprintf(e->msg + n, sizeof(e->msg) - n, fmt, ap) < 0)
		e->msg[n] = '\0';
	va_end(ap);
	utf8_repair(e->msg + n);
	return -1;
}

int
err_isset(const struct err *e)
{
	return e->kind != ERR_NONE;
}

const char *
err_kind_name(enum err_kind kind)
{
	if ((size_t)kind >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "unknown";
	return kind_names[kind];
}
