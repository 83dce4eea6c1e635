/*
 * mcwatch history: when each record matching a query appeared, changed and
 * was removed, from the line diffs of the datasets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "cli.h"
#include "../diff/diff.h"
#include "../diff/report.h"
#include "../records/json.h"
#include "../records/lists.h"
#include "../output/output.h"
#include "../snapshots/changes.h"
#include "../snapshots/snapshot.h"

static const struct cli_exit exits[] = {
	{ EXIT_OK, "printed (nothing matching is no error)" },
	{ EXIT_USAGE, NULL },
	{ EXIT_REPO, "repository error" },
	{ EXIT_INTERNAL, NULL },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "history", "When each record matching QUERY first appeared, when it "
	    "changed (before ->\nafter) and when it was removed, oldest first. "
	    "QUERY is a prefix (a.b.c.d/n:\nthe networks and ranges it "
	    "overlaps), an address (the ones holding it) or an\napplication "
	    "name (its URL records, any case).\n",
	    exits, cli_text_json_names);
}

/* history's options. */
struct history_args {
	const char	*repo;
	int		 json;
};

/* Take option ch of history with arg; 0, or -1 told. */
static int
history_option(void *p, int ch, const char *arg, int from_config)
{
	struct history_args *o = p;

	(void)from_config;
	if (ch == 'f' && cli_text_json("history", arg, &o->json) == -1)
		return -1;
	return 0;
}

/* What matches, and the records of the snapshot being read. */
struct query {
	const char		*text;
	int			 is_net;	/* a prefix or an address */
	struct cidr		 net;
	int			 json;
	char			 id[41];
	time_t			 time;
	struct recordset	*removed, *added;
	json_t			*out;		/* the json form's array */
	size_t			 printed;
};

/* Whether r matches q. */
static int
matches(const struct query *q, const struct record *r)
{
	struct addr lo, hi, qlo, qhi;
	size_t i;

	if (!q->is_net)
		return r->kind == RECORD_URL &&
		    strcasecmp(r->application, q->text) == 0;
	cidr_first(&q->net, &qlo);
	cidr_last(&q->net, &qhi);
	if (r->kind == RECORD_NETWORK) {
		cidr_first(&r->cidr, &lo);
		cidr_last(&r->cidr, &hi);
		return lo.family == qlo.family && addr_cmp(&lo, &qhi) <= 0 &&
		    addr_cmp(&qlo, &hi) <= 0;
	}
	for (i = 0; r->kind == RECORD_RANGE && i < r->ncidrs; i++) {
		cidr_first(&r->cidrs[i], &lo);
		cidr_last(&r->cidrs[i], &hi);
		if (lo.family == qlo.family && addr_cmp(&lo, &qhi) <= 0 &&
		    addr_cmp(&qlo, &hi) <= 0)
			return 1;
	}
	return 0;
}

/* Print one change of the snapshot q read; -1 on a write error. */
static int
print_change(struct query *q, const struct change *c)
{
	char entry[DETAIL_MAX], what[2048], when[32];
	const struct record *r = change_record(c);
	struct tm tm;
	json_t *o;

	report_change_what(c, entry, sizeof(entry), what, sizeof(what));
	q->printed++;
	if (q->json) {
		o = json_pack("{s:s, s:o, s:s}", "snapshot", q->id, "date",
		    json_time(q->time), "change", c->before == NULL ? "added" :
		    c->after == NULL ? "removed" : "changed");
		if (o == NULL || json_array_append_new(q->out, o) == -1 ||
		    (c->before != NULL && json_object_set_new(o, "before",
		    record_to_json(c->before)) == -1) ||
		    (c->after != NULL && json_object_set_new(o, "after",
		    record_to_json(c->after)) == -1))
			return -1;
		return 0;
	}
	gmtime_r(&q->time, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	return printf("%s  %.7s  %s %s %s %s  %s\n", when, q->id,
	    c->before == NULL ? "+" : c->after == NULL ? "-" : "~",
	    r->region_code, record_list_label(record_list(r)), entry, what) <
	    0 ? -1 : 0;
}

/* The matching records one snapshot removed and added, as changes. */
static int
flush(struct query *q)
{
	struct diff d;
	size_t i;
	int rc = 0;

	if (q->removed->nrecs + q->added->nrecs == 0)
		return 0;
	if (recordset_sort(q->removed) == -1 || recordset_sort(q->added) ==
	    -1 || diff_records(q->removed, q->added, &d) == -1)
		return -1;
	/*
	 * By identity: a record in both is one that changed, in removed
	 * only one removed, in added only one added.
	 */
	for (i = 0; i < d.nchanges && rc == 0; i++)
		rc = print_change(q, &d.changes[i]);
	diff_free(&d);
	recordset_free(q->removed);
	recordset_free(q->added);
	q->removed = recordset_new();
	q->added = recordset_new();
	return rc == 0 && q->removed != NULL && q->added != NULL ? 0 : -1;
}

/* changes_walk's callback: one line a snapshot added or removed. */
static int
on_change(const struct line_change *c, void *arg)
{
	struct query *q = arg;
	struct record r;
	json_t *o;
	int rc = 0;

	if (c->line == NULL && c->broken)
		cli_error("history: warning: snapshot %.12s: its %s is missing "
		    "or not one mcwatch writes; left out (the next one is "
		    "compared with the one before it)", c->id, SNAP_DATA);
	if (c->line == NULL)
		return 0;	/* a snapshot begins: its lines follow */
	if (strcmp(q->id, c->id) != 0) {
		if (flush(q) == -1)
			return -1;
		snprintf(q->id, sizeof(q->id), "%s", c->id);
		q->time = c->time;
	}
	/* Only lines of the kinds the query looks at are read. */
	if (q->is_net ? memmem(c->line, c->len, "\"kind\":\"url\"", 12) ||
	    memmem(c->line, c->len, "\"kind\":\"port\"", 13) :
	    !memmem(c->line, c->len, "\"kind\":\"url\"", 12))
		return 0;
	if ((o = json_loadb(c->line, c->len, JSON_DISABLE_EOF_CHECK, NULL)) ==
	    NULL)
		return 0;
	memset(&r, 0, sizeof(r));
	if (record_from_json(o, &r) == 0 && matches(q, &r))
		rc = recordset_add(c->added ? q->added : q->removed, &r);
	record_clear(&r);
	json_decref(o);
	return rc;
}

int
cmd_history(int argc, char **argv)
{
	struct history_args o = { CLI_DEFAULT_REPO, 0 };
	const struct cli_take t = { history_option, &o, NULL, usage,
	    &o.repo };
	struct query q;
	struct store *st = NULL;
	struct addr a;
	struct err err;
	int rc;

	memset(&q, 0, sizeof(q));
	if ((rc = cli_parse("history", argc, argv, &t)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	q.json = o.json;
	if (argc - optind != 1)
		return cli_usage("history", "want one QUERY (a prefix, an "
		    "address or an application), not %d", argc - optind);
	q.text = argv[optind];
	if (cidr_parse(q.text, &q.net) == 0) {
		cidr_canonicalize(&q.net);
		q.is_net = 1;
	} else if (addr_parse(q.text, &a) == 0) {
		q.net.addr = a;
		q.net.len = addr_bits(&a);
		q.is_net = 1;
	} else if (q.text[0] == '\0')
		return cli_usage("history", "an empty QUERY");
	err_nomem(&err, "history");
	if ((q.removed = recordset_new()) == NULL ||
	    (q.added = recordset_new()) == NULL ||
	    (q.json && (q.out = json_array()) == NULL))
		goto fail;
	if ((st = store_open(o.repo, 0, &err)) == NULL ||
	    changes_walk(st, on_change, &q, &err) == -1)
		goto fail;
	if (flush(&q) == -1) {
		err_nomem(&err, "history");
		goto fail;
	}
	if (q.json && (json_dumpf(q.out, stdout, JSON_INDENT(2)) == -1 ||
	    putchar('\n') == EOF)) {
		err_set(&err, ERR_IO, "history: writing to standard output "
		    "failed");
		goto fail;
	}
	if (!q.json && q.printed == 0)
		printf("no record matching '%s' in the history\n", q.text);
	rc = cli_flush("history");
	goto cleanup;
 fail:
	rc = cli_fail(&err);
 cleanup:
	json_decref(q.out);
	recordset_free(q.removed);
	recordset_free(q.added);
	store_close(st);
	return rc;
}
