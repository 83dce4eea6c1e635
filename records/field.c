/* The record schema: one row a field, and what is derived from it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"

#define NET	KIND_BIT(RECORD_NETWORK)
#define RANGE	KIND_BIT(RECORD_RANGE)
#define URL	KIND_BIT(RECORD_URL)
#define PORT	KIND_BIT(RECORD_PORT)
#define AT(m)	offsetof(struct record, m)

/* FT_CIDRS finds the count beside the pointer. */
_Static_assert(offsetof(struct record, ncidrs) ==
    offsetof(struct record, cidrs) + sizeof(struct cidr *),
    "ncidrs must follow cidrs");

/*
 * JSON order, which a dataset's bytes follow: a range's label and
 * position come before its ends, a network's CIDR before them; status and
 * note last, written only for a retiring record, so that every snapshot
 * made before they existed reads as it did.
 */
const struct field record_fields[] = {
	{ "kind", KINDS_ALL, KINDS_ALL, FT_KIND, AT(kind), 0, 0, 0 },
	{ "region", KINDS_ALL, KINDS_ALL, FT_TEXT, AT(region), 0, 0, 1 },
	{ "region_code", KINDS_ALL, KINDS_ALL, FT_CODE, AT(region_code), 0, 0,
	    2 },
	{ "section", KINDS_ALL, KINDS_ALL, FT_TEXT, AT(section), 0, 0, 3 },
	{ "cidr", NET, NET, FT_CIDR, AT(cidr), 0, 0, 4 },
	{ "label", RANGE, RANGE, FT_TEXT, AT(label), 0, 0, 9 },
	{ "position", RANGE, RANGE, FT_INT, AT(position), 1, 1000, 10 },
	{ "first", NET | RANGE, RANGE, FT_ADDR, AT(first), 0, 0, 5 },
	{ "last", NET | RANGE, RANGE, FT_ADDR, AT(last), 0, 0, 6 },
	{ "netmask", NET, 0, FT_ADDR, AT(netmask), 0, 0, 7 },
	{ "location", NET, 0, FT_TEXT, AT(location), 0, 0, 8 },
	{ "cidrs", RANGE, RANGE, FT_CIDRS, AT(cidrs), 0, 0, 11 },
	{ "application", URL, URL, FT_TEXT, AT(application), 0, 0, 12 },
	{ "url", URL, URL, FT_TEXT, AT(url), 0, 0, 13 },
	{ "protocol", PORT, PORT, FT_TEXT, AT(protocol), 0, 0, 14 },
	{ "port", PORT, PORT, FT_INT, AT(port), 1, 65535, 15 },
	{ "usage", PORT, PORT, FT_TEXT, AT(usage), 0, 0, 16 },
	{ "status", KINDS_ALL, 0, FT_STATUS, AT(status), 0, 0, 17 },
	{ "note", KINDS_ALL, 0, FT_TEXT, AT(note), 0, 0, 18 },
};
const size_t record_nfields = sizeof(record_fields) / sizeof(record_fields[0]);
const size_t field_count = sizeof(record_fields) / sizeof(record_fields[0]);

const struct field *
field_column(size_t col)
{
	size_t i;

	for (i = 0; i < record_nfields; i++)
		if ((size_t)record_fields[i].csv == col)
			return &record_fields[i];
	return NULL;
}

const char *
field_name(size_t col)
{
	const struct field *f = field_column(col);

	return f != NULL ? f->name : "";
}

const char *
field_text(const struct field *f, const struct record *r,
    char buf[CIDR_STRLEN])
{
	switch (f->type) {
	case FT_KIND:
		return record_kind_name(r->kind);
	case FT_TEXT:
	case FT_CODE:
	case FT_ADDR:
		return *FIELD_CMEMBER(char *, f, r);
	case FT_CIDR:
		return cidr_format(FIELD_CMEMBER(struct cidr, f, r), buf);
	case FT_STATUS:
		return record_status_name(*FIELD_CMEMBER(enum record_status, f,
		    r));
	default:
		return NULL;
	}
}

const char *
field_value(const struct record *r, size_t col, char *buf)
{
	const struct field *f = field_column(col);
	const struct cidr *v;
	char cb[CIDR_STRLEN];
	size_t i, n = 0, nv;
	const char *s;

	if (f == NULL)
		return "";
	switch (f->type) {
	case FT_CIDR:
		if (!field_applies(f, r))
			return "";
		return field_text(f, r, buf);
	case FT_INT:
		if (!field_applies(f, r))
			return "";
		snprintf(buf, FIELD_MAX, "%d", *FIELD_CMEMBER(int, f, r));
		return buf;
	case FT_CIDRS:
		v = *FIELD_CMEMBER(struct cidr *, f, r);
		nv = *FIELD_CNCIDRS(f, r);
		buf[0] = '\0';
		for (i = 0; i < nv && n < FIELD_MAX; i++)
			n += (size_t)snprintf(buf + n, FIELD_MAX - n, "%s%s",
			    i ? " " : "", cidr_format(&v[i], cb));
		return buf;
	default:
		s = field_text(f, r, buf);
		return s != NULL ? s : "";
	}
}

int
field_cmp(const struct field *f, const struct record *a,
    const struct record *b)
{
	const struct cidr *va, *vb;
	size_t na, nb, i;
	int x, y, c;

	switch (f->type) {
	case FT_KIND:
		x = (int)a->kind;
		y = (int)b->kind;
		return (x > y) - (x < y);
	case FT_STATUS:
		x = (int)*FIELD_CMEMBER(enum record_status, f, a);
		y = (int)*FIELD_CMEMBER(enum record_status, f, b);
		return (x > y) - (x < y);
	case FT_INT:
		x = *FIELD_CMEMBER(int, f, a);
		y = *FIELD_CMEMBER(int, f, b);
		return (x > y) - (x < y);
	case FT_TEXT:
	case FT_CODE:
	case FT_ADDR:
		return record_strcmp(*FIELD_CMEMBER(char *, f, a),
		    *FIELD_CMEMBER(char *, f, b));
	case FT_CIDR:
		return cidr_cmp(FIELD_CMEMBER(struct cidr, f, a),
		    FIELD_CMEMBER(struct cidr, f, b));
	case FT_CIDRS:
		va = *FIELD_CMEMBER(struct cidr *, f, a);
		vb = *FIELD_CMEMBER(struct cidr *, f, b);
		na = *FIELD_CNCIDRS(f, a);
		nb = *FIELD_CNCIDRS(f, b);
		if (na != nb)
			return na < nb ? -1 : 1;
		for (i = 0; i < na; i++)
			if ((c = cidr_cmp(&va[i], &vb[i])) != 0)
				return c;
		return 0;
	}
	return 0;
}
