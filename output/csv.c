/* CSV (RFC 4180 quoting) and TSV: one row a record, a fixed column set. */
#include <stdio.h>
#include <string.h>

#include "../records/field.h"
#include "output.h"

/*
 * Whether a spreadsheet would take s for a formula (=, +, -, @, or a tab
 * or CR before one): page text such as "=HYPERLINK(...)" must stay text.
 * Such a cell is written with a leading apostrophe, which spreadsheets
 * show as text; JSON keeps the text as it is.
 */
static int
formula_like(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* A field quoted when it must be: a comma, a quote or a line break. */
static int
put_csv(FILE *fp, const char *s)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;

	if ((quote && putc('"', fp) == EOF) ||
	    (formula_like(s) && putc('\'', fp) == EOF))
		return -1;
	if (!quote)
		return fputs(s, fp) == EOF ? -1 : 0;
	for (; *s != '\0'; s++)
		if ((*s == '"' && putc('"', fp) == EOF) || putc(*s, fp) == EOF)
			return -1;
	return putc('"', fp) == EOF ? -1 : 0;
}

/* TSV has no quoting: tabs and line breaks (never in parsed text) go. */
static int
put_tsv(FILE *fp, const char *s)
{
	if (formula_like(s) && putc('\'', fp) == EOF)
		return -1;
	for (; *s != '\0'; s++)
		if (putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s,
		    fp) == EOF)
			return -1;
	return 0;
}

static int
output_delimited(FILE *fp, const struct recordset *rs, char sep,
    int (*put)(FILE *, const char *))
{
	static char buf[FIELD_MAX];
	size_t i, c;

	for (c = 0; c < field_count; c++)
		if ((c > 0 && putc(sep, fp) == EOF) ||
		    fputs(field_name(c), fp) == EOF)
			return -1;
	if (putc('\n', fp) == EOF)
		return -1;
	for (i = 0; i < rs->nrecs; i++) {
		for (c = 0; c < field_count; c++)
			if ((c > 0 && putc(sep, fp) == EOF) ||
			    put(fp, field_value(&rs->recs[i], c, buf)) == -1)
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
