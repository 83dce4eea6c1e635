/* The text format: an aligned table for people. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "../util/safe.h"

#define NCOLS		5

/* Display width of UTF-8 text: code points, not bytes. */
static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* Print s padded to w columns; control characters never reach a tty. */
static int
put_cell(FILE *fp, const char *s, size_t w, int last)
{
	size_t n = width(s);

	if (safe_fputs(s, fp) == -1)
		return -1;
	if (last)
		return putc('\n', fp) == EOF ? -1 : 0;
	for (; n < w + 2; n++)
		if (putc(' ', fp) == EOF)
			return -1;
	return 0;
}

void
record_describe(const struct record *r, char *entry, size_t elen,
    char *detail)
{
	char b[CIDR_STRLEN];
	size_t i, n = 0;

	detail[0] = '\0';
	switch (r->kind) {
	case RECORD_NETWORK:
		snprintf(entry, elen, "%s", cidr_format(&r->cidr, b));
		if (r->first != NULL)
			n += (size_t)snprintf(detail, DETAIL_MAX, "%s - %s",
			    r->first, r->last ? r->last : "");
		if (r->netmask != NULL && n < DETAIL_MAX)
			n += (size_t)snprintf(detail + n, DETAIL_MAX - n,
			    "%snetmask %s", n ? ", " : "", r->netmask);
		if (r->location != NULL && n < DETAIL_MAX)
			snprintf(detail + n, DETAIL_MAX - n, "%s%s",
			    n ? ", " : "", r->location);
		break;
	case RECORD_RANGE:
		snprintf(entry, elen, "%s - %s", r->first, r->last);
		n = (size_t)snprintf(detail, DETAIL_MAX, "%s #%d:", r->label,
		    r->position);
		for (i = 0; i < r->ncidrs && n < DETAIL_MAX; i++)
			n += (size_t)snprintf(detail + n, DETAIL_MAX - n,
			    " %s", cidr_format(&r->cidrs[i], b));
		break;
	case RECORD_URL:
		snprintf(entry, elen, "%s", r->application);
		snprintf(detail, DETAIL_MAX, "%s", r->url);
		break;
	case RECORD_PORT:
		snprintf(entry, elen, "%d", r->port);
		snprintf(detail, DETAIL_MAX, "%s%s%s", r->protocol,
		    r->usage[0] ? ": " : "", r->usage);
		break;
	default:
		entry[0] = '\0';
	}
	/* Retiring is part of what the record is: said wherever it shows. */
	n = strlen(entry);
	if (r->status == RECORD_RETIRING && n < elen)
		snprintf(entry + n, elen - n, " (retiring: %s)",
		    r->note != NULL ? r->note : "marked so on the page");
}

int
output_text(FILE *fp, const struct recordset *rs)
{
	static const char *const head[NCOLS] = {
		"REGION", "KIND", "SECTION", "ENTRY", "DETAILS"
	};
	size_t w[NCOLS], i, c;
	const char *cells[NCOLS];
	char entry[DETAIL_MAX], detail[DETAIL_MAX];

	for (c = 0; c < NCOLS; c++)
		w[c] = strlen(head[c]);
	for (i = 0; i < rs->nrecs; i++) {
		const struct record *r = &rs->recs[i];

		record_describe(r, entry, sizeof(entry), detail);
		if (width(r->region_code) > w[0])
			w[0] = width(r->region_code);
		if (width(record_kind_name(r->kind)) > w[1])
			w[1] = width(record_kind_name(r->kind));
		if (width(r->section) > w[2])
			w[2] = width(r->section);
		if (width(entry) > w[3])
			w[3] = width(entry);
	}
	for (c = 0; c < NCOLS; c++)
		if (put_cell(fp, head[c], w[c], c + 1 == NCOLS) == -1)
			return -1;
	for (i = 0; i < rs->nrecs; i++) {
		const struct record *r = &rs->recs[i];

		record_describe(r, entry, sizeof(entry), detail);
		cells[0] = r->region_code;
		cells[1] = record_kind_name(r->kind);
		cells[2] = r->section;
		cells[3] = entry;
		cells[4] = detail;
		for (c = 0; c < NCOLS; c++)
			if (put_cell(fp, cells[c], w[c], c + 1 == NCOLS) == -1)
				return -1;
	}
	return 0;
}
