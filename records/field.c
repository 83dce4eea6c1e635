/* Record fields as text, one column each. */
#include <stdio.h>
#include <string.h>

#include "field.h"

const char *const field_names[] = {
	"kind", "region", "region_code", "section", "cidr", "first", "last",
	"netmask", "location", "label", "position", "cidrs", "application",
	"url", "protocol", "port", "usage",
};
const size_t field_count = sizeof(field_names) / sizeof(field_names[0]);

static const char *
opt(const char *s)
{
	return s != NULL ? s : "";
}

const char *
field_value(const struct record *r, size_t col, char *buf)
{
	char cb[CIDR_STRLEN];
	size_t i, n = 0;

	switch (col) {
	case 0:
		return record_kind_name(r->kind);
	case 1:
		return opt(r->region);
	case 2:
		return opt(r->region_code);
	case 3:
		return opt(r->section);
	case 4:
		return r->kind == RECORD_NETWORK ? cidr_format(&r->cidr, buf) :
		    "";
	case 5:
		return opt(r->first);
	case 6:
		return opt(r->last);
	case 7:
		return opt(r->netmask);
	case 8:
		return opt(r->location);
	case 9:
		return opt(r->label);
	case 10:
		if (r->kind != RECORD_RANGE)
			return "";
		snprintf(buf, FIELD_MAX, "%d", r->position);
		return buf;
	case 11:
		buf[0] = '\0';
		for (i = 0; i < r->ncidrs && n < FIELD_MAX; i++)
			n += (size_t)snprintf(buf + n, FIELD_MAX - n, "%s%s",
			    i ? " " : "", cidr_format(&r->cidrs[i], cb));
		return buf;
	case 12:
		return opt(r->application);
	case 13:
		return opt(r->url);
	case 14:
		return opt(r->protocol);
	case 15:
		if (r->kind != RECORD_PORT)
			return "";
		snprintf(buf, FIELD_MAX, "%d", r->port);
		return buf;
	case 16:
		return opt(r->usage);
	default:
		return "";
	}
}
