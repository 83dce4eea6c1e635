/*
 * The list files of a record set, in one layout for every place that
 * keeps them (a snapshot's tree, the published site under lists/):
 *
 *   FORMAT/LIST-vF.txt, FORMAT/CODE/LIST-vF.txt
 *
 * FORMAT cidr, merged or m365 (IPv4 only, so LIST.txt), LIST "all" or
 * each address list, CODE each region code. The bytes are those of
 * 'mcwatch export -f FORMAT' for the same selection; a list past
 * EXPORT_M365_MAX entries has no m365 file (export refuses it too).
 */
#ifndef MCWATCH_EXPORT_LISTS_H
#define MCWATCH_EXPORT_LISTS_H

#include <stddef.h>

#include "../errors/err.h"
#include "export.h"

#define LISTS_PATHMAX	200

/*
 * Format f of the layout (0, 1, ...): its name, what a person calls it
 * (*title) and whether it has IPv6 files (*v6); NULL past the last.
 */
const char	*lists_format(size_t f, const char **title, int *v6);
/* The i-th list (0, 1, ...): LIST_N for "all", then each address list; -1 past the last. */
int		 lists_at(size_t i);
/*
 * The path of format f's file of list (LIST_N: all), family 4 or 6, for
 * region code (NULL: all regions), into buf. 0, or -1 if it does not fit.
 */
int		 lists_path(size_t f, int list, int family, const char *code,
		    char *buf, size_t len);

/* Called with each file: its path and bytes; 0, or -1 with err. */
typedef int	(*lists_fn)(void *arg, const char *path, const char *buf,
		    size_t len, struct err *err);

/*
 * Every list file of rs (sorted by region code, as recordset_sort leaves
 * it), to fn with arg, in a stable order. 0, or -1 with err (fn's, a
 * region code too long for a file name, or out of memory).
 */
int		 lists_each(const struct recordset *rs, lists_fn fn, void *arg,
		    struct err *err);

#endif
