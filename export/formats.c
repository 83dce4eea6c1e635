/* The export formats, one function a row. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "../records/addrset.h"
#include "../records/lists.h"
#include "../records/names.h"
#include "../records/output.h"

/* The families an export covers: fam, or both when 0 (IPv4 first). */
static int
families(const struct export_opts *o, int *fams)
{
	if (o->family != 0) {
		fams[0] = o->family;
		return 1;
	}
	fams[0] = 4;
	fams[1] = 6;
	return 2;
}

/* The minimal exact prefixes of rs in o's lists and family fam. */
static int
prefixes(const struct recordset *rs, const struct export_opts *o, int fam,
    struct cidr **v, size_t *n, char *err)
{
	struct span *s = NULL;
	size_t ns;
	int rc;

	*v = NULL;
	rc = addrset_spans(rs, 0, rs->nrecs, o->lists, fam, &s, &ns) == -1 ||
	    addrset_prefixes(s, ns, v, n) == -1 ? -1 : 0;
	free(s);
	if (rc == -1)
		snprintf(err, EXPORT_ERRMAX, "export: out of memory");
	return rc;
}

/* Write err when the stream failed; -1. */
static int
write_failed(char *err)
{
	snprintf(err, EXPORT_ERRMAX, "export: writing failed: %s",
	    strerror(errno));
	return -1;
}

static int
ex_cidr(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    char *err)
{
	int fams[2], i, n = families(o, fams);

	for (i = 0; i < n; i++)
		if (cidrlist_write(fp, rs, 0, rs->nrecs, o->lists, fams[i]) ==
		    -1)
			return write_failed(err);
	return 0;
}

/* Each merged prefix as printf(fmt, name, prefix), per family. */
static int
ex_lines(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    const char *fmt, char *err)
{
	struct cidr *v;
	char buf[CIDR_STRLEN];
	size_t n, i;
	int fams[2], f, nf = families(o, fams);

	for (f = 0; f < nf; f++) {
		if (prefixes(rs, o, fams[f], &v, &n, err) == -1)
			return -1;
		for (i = 0; i < n; i++)
			if (fprintf(fp, fmt, cidr_format(&v[i], buf)) < 0) {
				free(v);
				return write_failed(err);
			}
		free(v);
	}
	return 0;
}

static int
ex_merged(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    char *err)
{
	return ex_lines(fp, rs, o, "%s\n", err);
}

static int
ex_postfix(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    char *err)
{
	if (fputs("# mcwatch export: Mimecast's networks, a Postfix cidr: "
	    "table\n", fp) == EOF)
		return write_failed(err);
	return ex_lines(fp, rs, o, "%-43s OK\n", err);
}

/* The set's name: --name, else "mimecast" and the family. */
static const char *
set_name(const struct export_opts *o, int fam, int nf, char *buf, size_t len)
{
	if (o->name != NULL && nf == 1)
		snprintf(buf, len, "%s", o->name);
	else
		snprintf(buf, len, "%s%d", o->name ? o->name : "mimecast", fam);
	return buf;
}

static int
ex_ipset(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    char *err)
{
	struct cidr *v;
	char name[128], buf[CIDR_STRLEN];
	size_t n, i;
	int fams[2], f, nf = families(o, fams), rc = 0;

	for (f = 0; f < nf && rc == 0; f++) {
		if (prefixes(rs, o, fams[f], &v, &n, err) == -1)
			return -1;
		set_name(o, fams[f], nf, name, sizeof(name));
		/* Filled aside, then swapped in: never half a set. */
		if (fprintf(fp, "create %s-new hash:net family %s -exist\n"
		    "flush %s-new\n", name, fams[f] == 4 ? "inet" : "inet6",
		    name) < 0)
			rc = -1;
		for (i = 0; i < n && rc == 0; i++)
			if (fprintf(fp, "add %s-new %s\n", name,
			    cidr_format(&v[i], buf)) < 0)
				rc = -1;
		if (rc == 0 && fprintf(fp, "create %s hash:net family %s "
		    "-exist\nswap %s-new %s\ndestroy %s-new\n", name,
		    fams[f] == 4 ? "inet" : "inet6", name, name, name) < 0)
			rc = -1;
		free(v);
	}
	return rc == -1 ? write_failed(err) : 0;
}

static int
ex_nft(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    char *err)
{
	struct cidr *v;
	char name[128], buf[CIDR_STRLEN];
	size_t n, i;
	int fams[2], f, nf = families(o, fams), rc = 0;

	if (fputs("table inet mimecast {\n", fp) == EOF)
		return write_failed(err);
	for (f = 0; f < nf && rc == 0; f++) {
		if (prefixes(rs, o, fams[f], &v, &n, err) == -1)
			return -1;
		if (fprintf(fp, "\tset %s {\n\t\ttype %s\n\t\tflags interval\n"
		    "\t\tauto-merge\n", set_name(o, fams[f], nf, name,
		    sizeof(name)), fams[f] == 4 ? "ipv4_addr" : "ipv6_addr") < 0)
			rc = -1;
		for (i = 0; i < n && rc == 0; i++)
			if (fprintf(fp, "%s%s", i == 0 ? "\t\telements = { " :
			    ",\n\t\t\t", cidr_format(&v[i], buf)) < 0)
				rc = -1;
		if (rc == 0 && fprintf(fp, "%s\t}\n", n ? " }\n" : "") < 0)
			rc = -1;
		free(v);
	}
	if (rc == 0 && fputs("}\n", fp) == EOF)
		rc = -1;
	return rc == -1 ? write_failed(err) : 0;
}

/*
 * The merged IPv4 prefixes as the connection filter takes them, into *out
 * (malloc'd); 0, -1 on memory, -2 past EXPORT_M365_MAX (err says so).
 */
static int
m365_entries(const struct recordset *rs, const struct export_opts *o,
    struct cidr **out, size_t *nout, char *err)
{
	struct cidr *v;
	size_t n;
	int rc;

	if (prefixes(rs, o, 4, &v, &n, err) == -1)
		return -1;
	if ((rc = addrset_split24(v, n, EXPORT_M365_MAX, out, nout)) == -2)
		snprintf(err, EXPORT_ERRMAX, "export m365: more entries than "
		    "the %d the IP Allow list takes; select fewer regions or "
		    "sections", EXPORT_M365_MAX);
	else if (rc == -1)
		snprintf(err, EXPORT_ERRMAX, "export: out of memory");
	free(v);
	return rc;
}

static int
ex_m365(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    char *err)
{
	struct cidr *v;
	char buf[CIDR_STRLEN];
	size_t n, i;
	int rc = 0;

	if ((rc = m365_entries(rs, o, &v, &n, err)) < 0)
		return rc;
	if (o->powershell)
		rc = fputs("Set-HostedConnectionFilterPolicy -Identity Default "
		    "-IPAllowList @{Add=", fp) == EOF;
	for (i = 0; i < n && rc == 0; i++)
		rc = fprintf(fp, o->powershell ? "%s\"%s\"" : "%s%s\n",
		    o->powershell && i ? "," : "", cidr_format(&v[i], buf)) < 0;
	if (rc == 0 && o->powershell)
		rc = fputs("}\n", fp) == EOF;
	free(v);
	return rc ? write_failed(err) : 0;
}

static int
ex_json(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    char *err)
{
	(void)o;
	return output_json(fp, rs) == -1 ? write_failed(err) : 0;
}

static int
ex_csv(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    char *err)
{
	(void)o;
	return output_csv(fp, rs) == -1 ? write_failed(err) : 0;
}

static const struct export_format formats[] = {
	{ "cidr", ex_cidr, 4 | 6 },
	{ "merged", ex_merged, 4 | 6 },
	{ "m365", ex_m365, 4 },
	{ "ipset", ex_ipset, 4 | 6 },
	{ "nft", ex_nft, 4 | 6 },
	{ "postfix", ex_postfix, 4 | 6 },
	{ "json", ex_json, 4 | 6 },
	{ "csv", ex_csv, 4 | 6 },
};

const struct export_format *
export_find(const char *name)
{
	return NAMES_FIND(formats, name);
}

const char *
export_names(void)
{
	static char names[96];

	return names[0] ? names : NAMES_JOIN(names, formats);
}
