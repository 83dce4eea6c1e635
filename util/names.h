/*
 * Tables of named rows (output formats, reports, notifiers): the names
 * are derived from the table, never retyped. A row's first member is its
 * name, a const char *.
 */
#ifndef MCWATCH_NAMES_H
#define MCWATCH_NAMES_H

#include <stddef.h>

/* The row named name among n rows stride bytes apart, or NULL. */
const void	*names_find(const void *rows, size_t n, size_t stride,
	    const char *name);
/* The names joined by '|' into buf (len bytes); returns buf. */
const char	*names_join(char *buf, size_t len, const void *rows, size_t n,
	    size_t stride);

#define NAMES_FIND(table, name) \
	names_find((table), sizeof(table) / sizeof((table)[0]), \
	    sizeof((table)[0]), (name))
#define NAMES_JOIN(buf, table) \
	names_join((buf), sizeof(buf), (table), \
	    sizeof(table) / sizeof((table)[0]), sizeof((table)[0]))

#endif
