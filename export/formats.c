/* The export formats, one function a row. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "../addrset/addrset.h"
#include "../records/json.h"
#include "../records/lists.h"
#include "../util/names.h"
#include "../output/output.h"

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
    struct cidr **v, size_t *n, struct err *err)
{
	struct span *s = NULL;
	size_t ns;
	int rc;

	*v = NULL;
	rc = addrset_spans(rs, 0, rs->nrecs, o->lists, fam, &s, &ns) == -1 ||
	    addrset_prefixes(s, ns, v, n) == -1 ? -1 : 0;
	free(s);
	if (rc == -1)
		err_set(err, ERR_NOMEM, "export: out of memory");
	return rc;
}

/* Write err when the stream failed; -1. */
static int
write_failed(struct err *err)
{
	err_set(err, ERR_IO, "export: writing failed: %s",
	    strerror(errno));
	return -1;
}

static int
ex_cidr(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    struct err *err)
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
    const char *fmt, struct err *err)
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
    struct err *err)
{
	return ex_lines(fp, rs, o, "%s\n", err);
}

static int
ex_postfix(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    struct err *err)
{
	if (fputs("# mcwatch export: Mimecast's networks, a Postfix cidr: "
	    "table. Use it in\n# smtpd_client_restrictions (check_client_"
	    "access), never in mynetworks:\n# Mimecast's networks serve all "
	    "its customers.\n", fp) == EOF)
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
    struct err *err)
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

/*
 * nftables: one transaction that leaves each set holding exactly these
 * prefixes, loaded again after a change or not: the table and sets are
 * added if missing (a no-op if there), flushed, then filled, all in one
 * 'nft -f' (atomic: a rule never sees the set half-filled). In the
 * admin's own table (--table) the sets serve its rules (@mimecast4).
 */
static int
ex_nft(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    struct err *err)
{
	const char *family = o->nft_family ? o->nft_family : "inet";
	const char *table = o->nft_table ? o->nft_table : "mimecast";
	struct cidr *v;
	char name[128], buf[CIDR_STRLEN];
	size_t n, i;
	int fams[2], f, nf = families(o, fams), rc = 0;

	if (fprintf(fp, "# mcwatch export: Mimecast's networks as nftables "
	    "sets; 'nft -f' replaces them\n# in one transaction.\n"
	    "add table %s %s\n", family, table) < 0)
		return write_failed(err);
	for (f = 0; f < nf && rc == 0; f++) {
		if (prefixes(rs, o, fams[f], &v, &n, err) == -1)
			return -1;
		set_name(o, fams[f], nf, name, sizeof(name));
		if (fprintf(fp, "add set %s %s %s { type %s; flags interval; "
		    "auto-merge; }\nflush set %s %s %s\n", family, table, name,
		    fams[f] == 4 ? "ipv4_addr" : "ipv6_addr", family, table,
		    name) < 0)
			rc = -1;
		if (rc == 0 && n > 0 && fprintf(fp, "add element %s %s %s { ",
		    family, table, name) < 0)
			rc = -1;
		for (i = 0; i < n && rc == 0; i++)
			if (fprintf(fp, "%s%s", i == 0 ? "" : ",\n\t",
			    cidr_format(&v[i], buf)) < 0)
				rc = -1;
		free(v);
		if (rc == 0 && n > 0 && fputs(" }\n", fp) == EOF)
			rc = -1;
	}
	return rc == -1 ? write_failed(err) : 0;
}

/*
 * The merged IPv4 prefixes as the connection filter takes them, into *out
 * (malloc'd); 0, or -1 with err: ERR_USAGE past EXPORT_M365_MAX, or
 * ERR_NOMEM.
 */
static int
m365_entries(const struct recordset *rs, const struct export_opts *o,
    struct cidr **out, size_t *nout, struct err *err)
{
	struct cidr *v;
	size_t n;
	int rc;

	if (prefixes(rs, o, 4, &v, &n, err) == -1)
		return -1;
	if ((rc = addrset_split24(v, n, EXPORT_M365_MAX, out, nout)) == 1)
		rc = err_set(err, ERR_USAGE, "export m365: more entries than "
		    "the %d the IP Allow list takes; select fewer regions or "
		    "sections", EXPORT_M365_MAX);
	else if (rc == -1)
		err_set(err, ERR_NOMEM, "export: out of memory");
	free(v);
	return rc;
}

/* Whether v (n entries) holds c. */
static int
holds(const struct cidr *v, size_t n, const struct cidr *c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].len == c->len && addr_cmp(&v[i].addr, &c->addr) == 0)
			return 1;
	return 0;
}

/* "KEY=" and the entries of a not in b, quoted; how many into *count. */
static int
ps_list(FILE *fp, const char *key, const struct cidr *a, size_t na,
    const struct cidr *b, size_t nb, size_t *count)
{
	char buf[CIDR_STRLEN];
	size_t i;

	*count = 0;
	for (i = 0; i < na; i++) {
		if (b != NULL && holds(b, nb, &a[i]))
			continue;
		if (fprintf(fp, "%s\"%s\"", *count ? "," : key,
		    cidr_format(&a[i], buf)) < 0)
			return -1;
		(*count)++;
	}
	return 0;
}

/*
 * The connection filter's PowerShell line: Add what the selection holds
 * and the earlier snapshot (o->since) did not, Remove what it held and
 * the selection does not, so that the IP Allow list, which bypasses spam
 * filtering, ends up with exactly the new entries. Nothing to do is a
 * comment, not a command.
 */
static int
ps_line(FILE *fp, const struct cidr *v, size_t n, const struct cidr *old,
    size_t nold, int since)
{
	size_t added, removed;
	char *body = NULL;
	size_t len;
	FILE *mem;
	int rc;

	if ((mem = open_memstream(&body, &len)) == NULL)
		return -1;
	rc = ps_list(mem, "Add=", v, n, since ? old : NULL, nold, &added) ||
	    (added && since && putc(';', mem) == EOF) ||
	    (since && ps_list(mem, " Remove=", old, nold, v, n, &removed)) ||
	    fclose(mem) == EOF;
	if (!since)
		removed = 0;
	if (!rc && added + removed == 0)
		rc = fputs("# mcwatch: no change to the IP Allow list\n", fp) ==
		    EOF;
	else if (!rc)
		rc = fprintf(fp, "Set-HostedConnectionFilterPolicy -Identity "
		    "Default -IPAllowList @{%s}\n", body[0] == ' ' ? body + 1 :
		    body) < 0;
	free(body);
	return rc ? -1 : 0;
}

static int
ex_m365(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    struct err *err)
{
	struct cidr *v, *old = NULL;
	char buf[CIDR_STRLEN];
	size_t n, nold = 0, i;
	int rc = 0;

	if ((rc = m365_entries(rs, o, &v, &n, err)) < 0)
		return rc;
	if (o->powershell && o->since != NULL &&
	    (rc = m365_entries(o->since, o, &old, &nold, err)) < 0) {
		free(v);
		return rc;
	}
	if (o->powershell)
		rc = ps_line(fp, v, n, old, nold, o->since != NULL);
	for (i = 0; i < n && rc == 0 && !o->powershell; i++)
		rc = fprintf(fp, "%s\n", cidr_format(&v[i], buf)) < 0;
	free(v);
	free(old);
	return rc ? write_failed(err) : 0;
}

static int
ex_json(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    struct err *err)
{
	(void)o;
	return output_json(fp, rs) == -1 ? write_failed(err) : 0;
}

static int
ex_csv(FILE *fp, const struct recordset *rs, const struct export_opts *o,
    struct err *err)
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
