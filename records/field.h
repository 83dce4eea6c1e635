/*
 * The record schema in one table: each field's name, the kinds that have
 * it, its type and where it lives in struct record. CSV and TSV columns,
 * JSON in and out, clearing and comparing are all derived from it; a new
 * field is a new row (and a line in mcwatch-records(5)).
 */
#ifndef MCWATCH_FIELD_H
#define MCWATCH_FIELD_H

#include <stddef.h>
#include <stdlib.h>

#include "record.h"

#define FIELD_MAX	(ADDR_MAXCOVER * CIDR_STRLEN)	/* a value's size */

enum field_type {
	FT_KIND,	/* enum record_kind, by its name */
	FT_TEXT,	/* char *: text without control characters */
	FT_CODE,	/* char *: a region code (region_code_ok) */
	FT_ADDR,	/* char *: an address as the page states it */
	FT_CIDR,	/* struct cidr */
	FT_CIDRS,	/* struct cidr *, its count (size_t) right after it */
	FT_INT,		/* int, from lo to hi */
	FT_STATUS	/* enum record_status; absent is live */
};

#define KIND_BIT(k)	(1u << (k))
#define KINDS_ALL	(KIND_BIT(RECORD_NETWORK) | KIND_BIT(RECORD_RANGE) | \
			 KIND_BIT(RECORD_URL) | KIND_BIT(RECORD_PORT))

struct field {
	const char	*name;
	unsigned	 kinds;		/* KIND_BITs of the kinds that have it */
	unsigned	 required;	/* of those, the ones that always do */
	enum field_type	 type;
	size_t		 offset;	/* in struct record */
	int		 lo, hi;	/* FT_INT's bounds */
	int		 csv;		/* its CSV and TSV column, from 0 */
};

/* Field f's member in record r, as type; FT_CIDRS's count beside it. */
#define FIELD_MEMBER(type, f, r) \
	((type *)(void *)((char *)(r) + (f)->offset))
#define FIELD_CMEMBER(type, f, r) \
	((const type *)(const void *)((const char *)(r) + (f)->offset))
#define FIELD_NCIDRS(f, r) \
	((size_t *)(void *)((char *)(r) + (f)->offset + sizeof(struct cidr *)))
#define FIELD_CNCIDRS(f, r) ((const size_t *)(const void *) \
	((const char *)(r) + (f)->offset + sizeof(struct cidr *)))

/* The fields in JSON order (the dataset's bytes depend on it). */
extern const struct field	record_fields[];
extern const size_t		record_nfields;
/* The CSV and TSV columns: as many as fields. */
extern const size_t		field_count;

/* The field of CSV column col (col < field_count). */
const struct field	*field_column(size_t col);
/* The name of CSV column col. */
const char		*field_name(size_t col);
/*
 * Field col of r as text in buf (FIELD_MAX bytes) or in r itself; ""
 * where the field does not apply. Returns the text.
 */
const char	*field_value(const struct record *r, size_t col, char *buf);
/*
 * The text of field f of r where its value is one string (every type but
 * FT_INT and FT_CIDRS), buf holding a CIDR's; NULL if it is none. The one
 * mapping of a type to its text: CSV, JSON and the dataset use it.
 */
const char	*field_text(const struct field *f, const struct record *r,
		    char buf[CIDR_STRLEN]);
/* Whether r's kind has field f. Inline: asked of every field written. */
static inline int
field_applies(const struct field *f, const struct record *r)
{
	return (unsigned)r->kind < RECORD_NKINDS &&
	    (f->kinds & KIND_BIT(r->kind)) != 0;
}
/* Compare field f of a and b; <0, 0, >0 (absent before present). */
int		 field_cmp(const struct field *f, const struct record *a,
		    const struct record *b);
/*
 * Free field f of r (strings, covers) and clear it. Inline: every record
 * freed calls it for each of its fields.
 */
static inline void
field_clear(const struct field *f, struct record *r)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_CODE:
	case FT_ADDR:
		free(*FIELD_MEMBER(char *, f, r));
		*FIELD_MEMBER(char *, f, r) = NULL;
		break;
	case FT_CIDRS:
		free(*FIELD_MEMBER(struct cidr *, f, r));
		*FIELD_MEMBER(struct cidr *, f, r) = NULL;
		break;
	default:
		break;
	}
}

#endif
