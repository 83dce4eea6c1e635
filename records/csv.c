/* CSV (RFC 4180 quoting) and TSV: one row a record, a fixed column set. */
#include <stdio.h>
#include <string.h>

#include "output.h"

static const char *const columns[] = {
	"kind", "region", "region_code", "section", "cidr", "first", "last",
	"netmask", "location", "label", "position", "cidrs", "application",
	"url", "protocol", "port", "usage",
};
#define NCOLUMNS	(sizeof(columns) / sizeof(columns[0]))

/* A field quoted when it must be: a comma, a quote or a line break. */
static int
put_csv(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL)
		return fputs(s, fp) == EOF ? -1 : 0;
	if (putc('"', fp) == EOF)
		return -1;
	for (; *s != '\0'; s++)
		if ((*s == '"' && putc('"', fp) == EOF) || putc(*s, fp) == EOF)
			return -1;
	return putc('"', fp) == EOF ? -1 : 0;
}

/* TSV has no quoting: tabs and line breaks (never in parsed text) go. */
static int
put_tsv(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		if (putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s,
		    fp) == EOF)
			return -1;
	return 0;
}

/* Fill vals with the record's text for each column (bufs hold numbers). */
static void
record_columns(const struct record *r, const char **vals, char *cidr,
    char *pos, char *port, char *cidrs, size_t cidrslen)
{
	size_t i, n = 0;
	char b[CIDR_STRLEN];

	for (i = 0; i < NCOLUMNS; i++)
		vals[i] = "";
	vals[0] = record_kind_name(r->kind);
	vals[1] = r->region;
	vals[2] = r->region_code;
	vals[3] = r->section;
	if (r->kind == RECORD_NETWORK)
		vals[4] = cidr_format(&r->cidr, cidr);
	vals[5] = r->first ? r->first : "";
	vals[6] = r->last ? r->last : "";
	vals[7] = r->netmask ? r->netmask : "";
	vals[8] = r->location ? r->location : "";
	if (r->kind == RECORD_RANGE) {
		vals[9] = r->label;
		snprintf(pos, 16, "%d", r->position);
		vals[10] = pos;
		cidrs[0] = '\0';
		for (i = 0; i < r->ncidrs && n < cidrslen; i++)
			n += (size_t)snprintf(cidrs + n, cidrslen - n, "%s%s",
			    i ? " " : "", cidr_format(&r->cidrs[i], b));
		vals[11] = cidrs;
	}
	if (r->kind == RECORD_URL) {
		vals[12] = r->application;
		vals[13] = r->url;
	}
	if (r->kind == RECORD_PORT) {
		vals[14] = r->protocol;
		snprintf(port, 16, "%d", r->port);
		vals[15] = port;
		vals[16] = r->usage;
	}
}

static int
output_delimited(FILE *fp, const struct recordset *rs, char sep,
    int (*put)(FILE *, const char *))
{
	const char *vals[NCOLUMNS];
	char cidr[CIDR_STRLEN], pos[16], port[16];
	static char cidrs[ADDR_MAXCOVER * (CIDR_STRLEN + 1)];
	size_t i, c;

	for (c = 0; c < NCOLUMNS; c++)
		if ((c > 0 && putc(sep, fp) == EOF) ||
		    fputs(columns[c], fp) == EOF)
			return -1;
	if (putc('\n', fp) == EOF)
		return -1;
	for (i = 0; i < rs->nrecs; i++) {
		record_columns(&rs->recs[i], vals, cidr, pos, port, cidrs,
		    sizeof(cidrs));
		for (c = 0; c < NCOLUMNS; c++)
			if ((c > 0 && putc(sep, fp) == EOF) ||
			    put(fp, vals[c]) == -1)
				return -1;
		if (putc('\n', fp) == EOF)
			return -1;
	}
	return 0;
}

int
output_csv(FILE *fp, const struct recordset *rs)
{
	return output_delimited(fp, rs, ',', put_csv);
}

int
output_tsv(FILE *fp, const struct recordset *rs)
{
	return output_delimited(fp, rs, '\t', put_tsv);
}
