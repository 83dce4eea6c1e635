/* Mimecast's regions: the headings the page uses and their short codes. */
#ifndef MCWATCH_REGION_H
#define MCWATCH_REGION_H

#include "record.h"

/* The name of the lists of all regions: never a region's code. */
#define REGION_ALL	"all"

/* The code of a known region heading ("us", ...), or NULL. */
const char	*region_known(const char *heading);
/*
 * The code for any heading: a known code, else a slug of its ASCII letters
 * and digits ("all" becomes "all-region"), else, for a heading in another
 * script, "r-" and 8 hex digits of its SHA-256; "unknown" for no heading.
 * NULL on memory.
 */
char		*region_code(const char *heading);
/*
 * Make codes unique within rs: where headings share a code, one keeps it
 * (a heading known by that code, else the first in byte order) and each
 * other gets "-" and 6 hex digits of its SHA-256 added. 0, or -1 on memory.
 */
int		 region_codes_unique(struct recordset *rs);

/*
 * The end of the run of records of rs that share recs[from]'s region
 * code: in canonical order (recordset_sort) each code is one run.
 */
size_t		 region_run_end(const struct recordset *rs, size_t from);

/* The longest code a record may carry. */
#define REGION_CODE_MAX	64
/*
 * Whether code is one a record may carry: 1 to REGION_CODE_MAX of
 * a-z, 0-9 and '-' (what region_code makes). A code read back from a
 * repository is held to it: it reaches mail subjects and file names.
 */
int		 region_code_ok(const char *code);
/* Whether some record of rs has region code code (any case). */
int		 recordset_has_code(const struct recordset *rs,
		    const char *code);
/* The region codes of rs (in canonical order), ", "-separated, in buf. */
void		 recordset_codes(const struct recordset *rs, char *buf,
		    size_t len);

#endif
