/*
 * mcwatch status: is the nightly job healthy? For people and for
 * monitoring systems: Nagios plugin exit statuses and performance data,
 * JSON, and node_exporter's textfile format.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli.h"
#include "../util/names.h"
#include "../pipeline/health.h"
#include "../records/json.h"
#include "../records/region.h"
#include "../faults/clock.h"
#include "../snapshots/snapshot.h"

#define FAILING		3	/* failures in a row that are critical */
#define STR_(x)		#x
#define STR(x)		STR_(x)

/* Nagios plugin statuses: only status uses them. */
enum { ST_OK, ST_WARNING, ST_CRITICAL, ST_UNKNOWN };

/* The formats status writes. */
enum status_format { FMT_TEXT, FMT_JSON, FMT_PROMETHEUS };

static const struct {
	const char		*name;
	enum status_format	 fmt;
} formats[] = {
	{ "text", FMT_TEXT }, { "json", FMT_JSON },
	{ "prometheus", FMT_PROMETHEUS },
};

/* The format names, "|"-separated, as the table has them. */
static const char *
status_names(void)
{
	static char names[40];

	return names[0] ? names : NAMES_JOIN(names, formats);
}

/* Its own exit statuses: a monitoring plugin's. */
static const struct cli_exit exits[] = {
	{ ST_OK, "healthy" },
	{ ST_WARNING, "warning (the last run failed or was rejected, a "
	    "notification is pending, or no successful check within "
	    "--warn-age)" },
	{ ST_CRITICAL, "critical (none within --max-age, "
	    STR(FAILING) " failures in a row, or a state that does not "
	    "parse)" },
	{ ST_UNKNOWN, "unknown (no repository or no state yet, or a usage "
	    "error)" },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "status", "The last successful check, the last change, the last "
	    "failure and its reason,\nand pending notifications, from the "
	    "state each run records.\n",
	    exits, status_names);
}

/* The ages the verdict goes by, in hours. */
struct ages {
	long	warn;
	long	max;
};

/* The verdict on h at now; the reason into why. */
static int
verdict(const struct health *h, const struct ages *a, time_t now, char *why,
    size_t len)
{
	if (h->unreadable) {
		snprintf(why, len, "the run state %s does not parse",
		    HEALTH_FILE);
		return ST_CRITICAL;
	}
	if (h->last_success == 0 || now - h->last_success > a->max * 3600) {
		snprintf(why, len, "no successful check within %ld hours",
		    a->max);
		return ST_CRITICAL;
	}
	if (h->failures >= FAILING) {
		snprintf(why, len, "%d failures in a row", h->failures);
		return ST_CRITICAL;
	}
	if (h->failures > 0) {
		snprintf(why, len, "the last run failed: %s", h->failure_result);
		return ST_WARNING;
	}
	if (now - h->last_success > a->warn * 3600) {
		snprintf(why, len, "no successful check within %ld hours",
		    a->warn);
		return ST_WARNING;
	}
	if (h->pending > 0) {
		snprintf(why, len, "%d notification%s pending", h->pending,
		    h->pending == 1 ? "" : "s");
		return ST_WARNING;
	}
	if (h->spf_warning[0] != '\0') {
		snprintf(why, len, "%.250s", h->spf_warning);
		return ST_WARNING;
	}
	snprintf(why, len, "healthy");
	return ST_OK;
}

static const char *
stamp(time_t t, char *buf)
{
	struct tm tm;

	if (t == 0)
		return "never";
	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M UTC", &tm);
	return buf;
}

/* The Nagios status line, with performance data after '|'. */
static void
print_line(const struct health *h, int st, const char *why,
    const struct ages *a, time_t now)
{
	static const char *const names[] = { "OK", "WARNING", "CRITICAL",
	    "UNKNOWN" };
	long age = h->last_success ? (long)(now - h->last_success) : -1;

	printf("MCWATCH %s - %s | ", names[st], why);
	if (age >= 0)
		printf("age=%lds;%ld;%ld;0 ", age, a->warn * 3600,
		    a->max * 3600);
	printf("failures=%d;;%d;0 pending=%d;1;;0\n", h->failures, FAILING,
	    h->pending);
}

static int
print_text(const struct health *h, int st, const char *why,
    const struct ages *ag, time_t now)
{
	char a[32], b[32], c[32], d[32];

	print_line(h, st, why, ag, now);
	printf("last check:    %s%s%s%s\n"
	    "last success:  %s\n"
	    "last change:   %s%s%s\n"
	    "last failure:  %s%s%s\n"
	    "failures in a row: %d; notifications pending: %d\n",
	    stamp(h->last_check, a), h->last_result[0] ? " (" : "",
	    h->last_result, h->last_result[0] ? ")" : "",
	    stamp(h->last_success, b), stamp(h->last_change, c),
	    h->last_snapshot[0] ? ", snapshot " : "", h->last_snapshot,
	    stamp(h->last_failure, d), h->failure_result[0] ? ": " : "",
	    h->failure_message, h->failures, h->pending);
	if (h->last_hook[0] != '\0')
		printf("last hook:     %s\n", h->last_hook);
	if (h->spf_warning[0] != '\0')
		printf("SPF warning:   %s\n", h->spf_warning);
	return 0;
}

static int
print_json(const struct health *h, int st, const char *why)
{
	static const char *const names[] = { "ok", "warning", "critical",
	    "unknown" };
	json_t *o;
	int rc;

	o = json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:s, s:o, s:s, s:s, "
	    "s:i, s:i}", "status", names[st], "reason", why, "last_check",
	    json_time(h->last_check), "last_result", h->last_result, "last_success",
	    json_time(h->last_success), "last_change", json_time(h->last_change),
	    "last_snapshot", h->last_snapshot, "last_failure",
	    json_time(h->last_failure), "failure_result", h->failure_result,
	    "failure_message", h->failure_message, "failures", h->failures,
	    "pending", h->pending);
	if (o != NULL && h->last_hook[0] != '\0')
		json_object_set_new(o, "last_hook", json_string(h->last_hook));
	if (o != NULL && h->spf_warning[0] != '\0')
		json_object_set_new(o, "spf_warning",
		    json_string(h->spf_warning));
	rc = o == NULL || json_dumpf(o, stdout, JSON_INDENT(2)) == -1 ||
	    putchar('\n') == EOF ? -1 : 0;
	json_decref(o);
	return rc;
}

/* One gauge: its help, type and value. */
static void
gauge(const char *name, const char *help, double v)
{
	printf("# HELP %s %s\n# TYPE %s gauge\n%s %.0f\n", name, help, name,
	    name, v);
}

/* The latest snapshot's records per region code, as gauges. */
static int
print_regions(const char *repo)
{
	struct recordset *rs = NULL;
	struct snapshot *s = NULL;
	struct store *st;
	struct err err;
	size_t i, end;

	if ((st = store_open(repo, 0, &err)) == NULL ||
	    snapshot_head(st, &s, &err) == -1 ||
	    (s != NULL && snapshot_records(st, s, &rs, &err) == -1)) {
		cli_error("%s", err.msg);	/* status exits as a plugin */
		snapshot_free(s);
		store_close(st);
		return -1;
	}
	printf("# HELP mcwatch_records Records of the latest snapshot, per "
	    "region.\n# TYPE mcwatch_records gauge\n");
	/* Region codes are [a-z0-9-]: a label value needs no escaping. */
	for (i = 0; rs != NULL && i < rs->nrecs; i = end) {
		end = region_run_end(rs, i);
		printf("mcwatch_records{region=\"%s\"} %zu\n",
		    rs->recs[i].region_code, end - i);
	}
	recordset_free(rs);
	snapshot_free(s);
	store_close(st);
	return 0;
}

/* node_exporter's textfile format: what a timer writes for Prometheus. */
static int
print_prometheus(const struct health *h, int st, const char *repo)
{
	gauge("mcwatch_status", "The verdict: 0 ok, 1 warning, 2 critical, "
	    "3 unknown.", st);
	gauge("mcwatch_last_check_timestamp_seconds", "When mcwatch last "
	    "ran.", (double)h->last_check);
	gauge("mcwatch_last_success_timestamp_seconds", "When mcwatch last "
	    "read the page.", (double)h->last_success);
	gauge("mcwatch_last_change_timestamp_seconds", "When mcwatch last "
	    "recorded a change.", (double)h->last_change);
	gauge("mcwatch_consecutive_failures", "Runs in a row that failed.",
	    h->failures);
	gauge("mcwatch_pending_notifications", "Notifications not delivered.",
	    h->pending);
	return print_regions(repo);
}

/* Hours of --warn-age or --max-age into *out; 0, or -1 told. */
static int
hours(const char *opt, const char *arg, long *out)
{
	char *end;

	*out = strtol(arg, &end, 10);
	if (*end != '\0' || end == arg || *out < 1 || *out > 100000) {
		cli_misuse("status", "%s: want hours from 1 to 100000, not '%s'",
		    opt, arg);
		return -1;
	}
	return 0;
}

/* status's options. */
struct status_args {
	const char		*repo;
	struct ages		 a;
	int			 warn_set;
	enum status_format	 fmt;
};

/* Take option ch of status with arg; 0, or -1 told. */
static int
status_option(void *p, int ch, const char *arg, int from_config)
{
	struct status_args *s = p;
	size_t i;

	(void)from_config;
	s->warn_set |= ch == 'w';
	if ((ch == 'm' && hours("--max-age", arg, &s->a.max) == -1) ||
	    (ch == 'w' && hours("--warn-age", arg, &s->a.warn) == -1))
		return -1;
	else if (ch == 'f') {
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]) &&
		    strcmp(arg, formats[i].name) != 0; i++)
			;
		if (i == sizeof(formats) / sizeof(formats[0]))
			return cli_misuse("status", "unknown format '%s' (want "
			    "%s)", arg, status_names()), -1;
		s->fmt = formats[i].fmt;
	}
	return 0;
}

/* The options; EXIT_OK, CLI_DONE, or the plugin status to exit with. */
static int
status_args(int argc, char **argv, struct status_args *s)
{
	const struct cli_take t = { status_option, s, NULL, usage, &s->repo };
	int rc;

	if ((rc = cli_parse("status", argc, argv, &t)) != EXIT_OK)
		return rc == CLI_DONE ? CLI_DONE : ST_UNKNOWN;
	if (optind != argc)
		return cli_misuse("status", "no arguments expected, not '%s'",
		    argv[optind]), ST_UNKNOWN;
	/* A --max-age under the default warning age: warn from it too. */
	if (s->a.warn > s->a.max && !s->warn_set)
		s->a.warn = s->a.max;
	if (s->a.warn > s->a.max)
		return cli_misuse("status", "--warn-age %ld is past --max-age "
		    "%ld", s->a.warn, s->a.max), ST_UNKNOWN;
	return EXIT_OK;
}

int
cmd_status(int argc, char **argv)
{
	struct status_args s = { CLI_DEFAULT_REPO, { CLI_WARN_AGE,
	    CLI_MAX_AGE }, 0, FMT_TEXT };
	struct health h;
	struct err err;
	char why[256];
	time_t now = clock_now();
	int rc, st;

	if ((rc = status_args(argc, argv, &s)) != EXIT_OK)
		return rc == CLI_DONE ? ST_OK : rc;
	if ((rc = health_read(s.repo, &h, &err)) != 0) {
		printf("MCWATCH UNKNOWN - %s\n", rc == 1 ? "no run recorded "
		    "yet" : err.msg);
		return ST_UNKNOWN;
	}
	st = verdict(&h, &s.a, now, why, sizeof(why));
	if (s.fmt == FMT_JSON)
		rc = print_json(&h, st, why);
	else if (s.fmt == FMT_PROMETHEUS)
		rc = print_prometheus(&h, st, s.repo);
	else
		rc = print_text(&h, st, why, &s.a, now);
	if (rc == -1 || cli_flush("status") != EXIT_OK)
		return ST_UNKNOWN;
	return st;
}
