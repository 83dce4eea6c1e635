/* Looking rows up by name, and listing the names, of any named table. */
#include <stdio.h>
#include <string.h>

#include "names.h"

/* Row i's name. */
static const char *
row_name(const void *rows, size_t i, size_t stride)
{
	return *(const char *const *)(const void *)((const char *)rows +
	    i * stride);
}

const void *
names_find(const void *rows, size_t n, size_t stride, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(row_name(rows, i, stride), name) == 0)
			return (const char *)rows + i * stride;
	return NULL;
}

const char *
names_join(char *buf, size_t len, const void *rows, size_t n, size_t stride)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
		    i ? "|" : "", row_name(rows, i, stride));
	return buf;
}
