/*
 * mcwatch spf: Mimecast's SPF netblocks, the second source, against the
 * latest snapshot's gateway networks, region by region.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "cli.h"
#include "../dns/dns.h"
#include "../records/region.h"
#include "../snapshots/snapshot.h"
#include "../spf/spf.h"
#include "../util/safe.h"

#define MAX_REGIONS	32

static const struct cli_exit exits[] = {
	{ EXIT_OK, "the SPF netblocks and the page agree" },
	{ 1, "they disagree (a page network no SPF range covers, or an SPF "
	    "range no page network covers)" },
	{ EXIT_USAGE, NULL },
	{ EXIT_FETCH, "DNS failed (SERVFAIL, no answer in time, NXDOMAIN of a "
	    "name the mapping needs) or an SPF record is broken (a loop, over "
	    "10 lookups, a bad term)" },
	{ EXIT_REPO, "repository error, or no snapshot yet" },
	{ EXIT_INTERNAL, NULL },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "spf", "Resolve Mimecast's SPF records (_netblocks.mimecast.com "
	    "and the regional ones),\nfollowing include: and redirect= within "
	    "RFC 7208's 10 lookups, and compare\ntheir ip4: and ip6: ranges "
	    "with the latest snapshot's gateway networks of the\nsame region. "
	    "Other mechanisms are told as not understood.\n",
	    exits, cli_text_json_names);
}

struct spf_args {
	const char	*repo;
	struct cli_spf	 spf;
	const char	*regions[MAX_REGIONS];
	size_t		 nregions;
	int		 json;
};

/* Take option ch of spf with arg; 0, or -1 told. */
static int
spf_option(void *p, int ch, const char *arg, int from_config)
{
	struct spf_args *o = p;
	int r;

	(void)from_config;
	if ((r = cli_spf_option("spf", ch, arg, &o->spf)) != 0)
		return r == -1 ? -1 : 0;
	switch (ch) {
	case 'R':
		if (o->nregions == MAX_REGIONS)
			return cli_misuse("spf", "--region: at most %d",
			    MAX_REGIONS), -1;
		o->regions[o->nregions++] = arg;
		break;
	case 'f':
		if (cli_text_json("spf", arg, &o->json) == -1)
			return -1;
		break;
	}
	return 0;
}

/* dns_txt as an SPF source. */
static int
txt_of(void *arg, const char *name, char ***v, size_t *n, struct err *err)
{
	return dns_txt(arg, name, v, n, err);
}

/* Whether region code is to be checked: every one, or one asked for. */
static int
wanted(const struct spf_args *o, const char *code)
{
	size_t i;

	for (i = 0; i < o->nregions; i++)
		if (strcasecmp(o->regions[i], code) == 0)
			return 1;
	return o->nregions == 0;
}

/* The blocks of v (n) as a JSON array of strings, or NULL. */
static json_t *
nets_json(const struct cidr *v, size_t n)
{
	char buf[CIDR_STRLEN];
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < n; i++)
		if (json_array_append_new(a, json_string(cidr_format(&v[i],
		    buf))) == -1) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* One region's answer and difference, in text. */
static void
print_text(const struct record *r, const struct spf_answer *a,
    const struct spf_diff *d)
{
	char buf[CIDR_STRLEN];
	size_t i;

	printf("%s  ", r->region_code);
	safe_fputs(r->region, stdout);
	printf(": %s, %zu range%s, %d lookup%s: %s\n", a->name, a->nnets,
	    a->nnets == 1 ? "" : "s", a->lookups, a->lookups == 1 ? "" : "s",
	    d->npage_only + d->nspf_only == 0 ? "agrees" : "disagrees");
	for (i = 0; i < d->npage_only; i++)
		printf("    page only: %s (a gateway network of %s that no SPF "
		    "range covers)\n", cidr_format(&d->page_only[i], buf),
		    r->region_code);
	for (i = 0; i < d->nspf_only; i++)
		printf("    SPF only: %s (an SPF range of %s that no gateway "
		    "network covers)\n", cidr_format(&d->spf_only[i], buf),
		    r->region_code);
	for (i = 0; i < a->nnotes; i++) {
		printf("    not understood: ");
		safe_fputs(a->notes[i], stdout);
		putchar('\n');
	}
}

/* One region's answer and difference as a JSON object, or NULL. */
static json_t *
region_json(const struct record *r, const struct spf_answer *a,
    const struct spf_diff *d)
{
	json_t *notes = json_array(), *o;
	size_t i;

	for (i = 0; notes != NULL && i < a->nnotes; i++)
		json_array_append_new(notes, json_string(a->notes[i]));
	o = json_pack("{s:s, s:s?, s:s, s:i, s:o?, s:o?, s:o?, s:o?, s:b}",
	    "region_code", r->region_code, "region", r->region, "name", a->name, "lookups", a->lookups,
	    "ranges", nets_json(a->nets, a->nnets),
	    "page_only", nets_json(d->page_only, d->npage_only),
	    "spf_only", nets_json(d->spf_only, d->nspf_only),
	    "not_understood", notes, "agree",
	    d->npage_only + d->nspf_only == 0);
	return o;
}

/*
 * Check the region whose records begin at r: resolve, compare, print
 * (or add to out). 0 agrees, 1 disagrees, -1 with err.
 */
static int
check_region(const struct spf_args *o, struct dns *dns,
    const struct recordset *rs, const struct record *r, json_t *out,
    struct err *err)
{
	const struct spf_source src = { txt_of, dns_txt_free, dns };
	const char *name = spf_name(r->region_code, o->spf.s.names,
	    o->spf.s.nnames);
	struct spf_answer a;
	struct spf_diff d;
	int rc;

	if (name == NULL) {
		if (!o->json)
			printf("%s  no SPF name (give --spf-name %s=NAME, or "
			    "spf.name.%s)\n", r->region_code, r->region_code,
			    r->region_code);
		return 0;
	}
	if (spf_resolve(&src, name, &a, err) == -1) {
		err_prefix(err, "spf: region %s", r->region_code);
		return -1;
	}
	if (spf_compare(rs, r->region_code, &a, &d) == -1) {
		spf_answer_clear(&a);
		return err_nomem(err, "spf");
	}
	rc = d.npage_only + d.nspf_only > 0;
	if (o->json) {
		if (json_array_append_new(out, region_json(r, &a, &d)) == -1)
			rc = err_nomem(err, "spf");
	} else
		print_text(r, &a, &d);
	spf_diff_clear(&d);
	spf_answer_clear(&a);
	return rc;
}

/* The first region code asked for that rs lacks, or NULL. */
static const char *
missing_region(const struct spf_args *o, const struct recordset *rs)
{
	size_t i, j;

	for (j = 0; j < o->nregions; j++) {
		for (i = 0; i < rs->nrecs && strcasecmp(rs->recs[i].region_code,
		    o->regions[j]) != 0; i++)
			;
		if (i == rs->nrecs)
			return o->regions[j];
	}
	return NULL;
}

/* {"agree": agree, "regions": regions (taken)} on stdout; 0, or -1. */
static int
print_json(json_t *regions, int agree)
{
	json_t *root = json_pack("{s:b, s:o}", "agree", agree, "regions",
	    regions);
	int rc;

	rc = root == NULL || json_dumpf(root, stdout, JSON_INDENT(2)) == -1 ||
	    putchar('\n') == EOF ? -1 : 0;
	json_decref(root);
	return rc;
}

/* Every wanted region of rs; the exit status. */
static int
check_all(const struct spf_args *o, const struct recordset *rs)
{
	struct dns *dns;
	struct err err;
	json_t *out;
	const char *code;
	size_t i, end;
	int rc = 0, r = 0;

	if ((code = missing_region(o, rs)) != NULL)
		return cli_usage("spf", "--region %s: no such region in the "
		    "latest snapshot", code);
	if ((dns = dns_open(o->spf.s.dns, o->spf.s.timeout_ms, &err)) == NULL)
		return cli_fail(&err);
	/* The regions' answers, gathered for -f json only. */
	out = o->json ? json_array() : NULL;
	for (i = 0; i < rs->nrecs && r >= 0; i = end) {
		end = region_run_end(rs, i);
		if (!wanted(o, rs->recs[i].region_code))
			continue;
		if ((r = check_region(o, dns, rs, &rs->recs[i], out, &err)) > 0)
			rc = 1;
	}
	dns_close(dns);
	if (r < 0) {
		json_decref(out);
		return cli_fail(&err);
	}
	if (o->json && print_json(out, rc == 0) == -1)
		rc = EXIT_INTERNAL;
	return cli_flush("spf") != EXIT_OK ? EXIT_INTERNAL : rc;
}

int
cmd_spf(int argc, char **argv)
{
	struct spf_args o;
	const struct cli_take t = { spf_option, &o, NULL, usage, &o.repo };
	struct recordset *rs = NULL;
	struct snapshot *s = NULL;
	struct store *st = NULL;
	struct err err;
	int rc;

	memset(&o, 0, sizeof(o));
	o.repo = CLI_DEFAULT_REPO;
	cli_spf_init(&o.spf);
	if ((rc = cli_parse("spf", argc, argv, &t)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	if (optind != argc)
		return cli_usage("spf", "no arguments expected, not '%s'",
		    argv[optind]);
	err_clear(&err);
	if ((st = store_open(o.repo, 0, &err)) == NULL ||
	    snapshot_head(st, &s, &err) == -1)
		rc = cli_fail(&err);
	else if (s == NULL) {
		err_set(&err, ERR_REPO, "spf: repo %s has no snapshot yet: run "
		    "'mcwatch run' first", o.repo);
		rc = cli_fail(&err);
	} else if (snapshot_records(st, s, &rs, &err) == -1)
		rc = cli_fail(&err);
	else
		rc = check_all(&o, rs);
	recordset_free(rs);
	snapshot_free(s);
	store_close(st);
	return rc;
}
