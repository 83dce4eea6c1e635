/*
 * mcwatch status: is the nightly job healthy? For people and for
 * monitoring systems (Nagios plugin exit statuses).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli.h"
#include "../pipeline/health.h"
#include "../records/json.h"
#include "../faults/clock.h"

#define MAX_AGE		48	/* hours without a successful check */
#define FAILING		3	/* failures in a row that are critical */

/* Nagios plugin statuses: only status uses them. */
enum { ST_OK, ST_WARNING, ST_CRITICAL, ST_UNKNOWN };

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: mcwatch status [--repo DIR] [--max-age HOURS] "
	    "[-f text|json]\n"
	    "\nThe last successful check, the last change, the last failure "
	    "and its reason,\nand pending notifications, from the state each "
	    "run records.\n"
	    "\n"
	    "  --repo DIR           the snapshot repository (default: "
	    "mcwatch-data)\n"
	    "  --max-age HOURS      critical past this long without a "
	    "successful check (%d)\n"
	    "  -f, --format FMT     text (default) or json\n"
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status, as a monitoring plugin's: 0 healthy; 1 warning (the "
	    "last run\nfailed or was rejected, or a notification is pending); "
	    "2 critical (no\nsuccessful check within --max-age, or %d failures "
	    "in a row); 3 unknown\n(no repository or no state yet, or a usage "
	    "error).\n", MAX_AGE, FAILING);
}

/* The verdict on h at now; the reason into why. */
static int
verdict(const struct health *h, long max_age, time_t now, char *why,
    size_t len)
{
	if (h->last_success == 0 || now - h->last_success > max_age * 3600) {
		snprintf(why, len, "no successful check within %ld hours",
		    max_age);
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
	if (h->pending > 0) {
		snprintf(why, len, "%d notification%s pending", h->pending,
		    h->pending == 1 ? "" : "s");
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

static int
print_text(const struct health *h, int st, const char *why)
{
	static const char *const names[] = { "OK", "WARNING", "CRITICAL",
	    "UNKNOWN" };
	char a[32], b[32], c[32], d[32];

	printf("MCWATCH %s - %s\n"
	    "last check:    %s (%s)\n"
	    "last success:  %s\n"
	    "last change:   %s%s%s\n"
	    "last failure:  %s%s%s\n"
	    "failures in a row: %d; notifications pending: %d\n",
	    names[st], why, stamp(h->last_check, a), h->last_result,
	    stamp(h->last_success, b), stamp(h->last_change, c),
	    h->last_snapshot[0] ? ", snapshot " : "", h->last_snapshot,
	    stamp(h->last_failure, d), h->failure_result[0] ? ": " : "",
	    h->failure_message, h->failures, h->pending);
	if (h->last_hook[0] != '\0')
		printf("last hook:     %s\n", h->last_hook);
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
	rc = o == NULL || json_dumpf(o, stdout, JSON_INDENT(2)) == -1 ||
	    putchar('\n') == EOF ? -1 : 0;
	json_decref(o);
	return rc;
}

int
cmd_status(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "max-age", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct health h;
	const char *repo = "mcwatch-data";
	char err[STORE_ERRMAX], why[256], *end;
	long max_age = MAX_AGE;
	int ch, rc, json = 0, st;

	while ((ch = cli_getopt("status", argc, argv, "f:h", longopts)) != -1) {
		if ((rc = cli_common("status", ch, usage)) != -1)
			return rc == EXIT_OK ? ST_OK : ST_UNKNOWN;
		if (ch == 'r')
			repo = optarg;
		else if (ch == 'm') {
			max_age = strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg || max_age < 1 ||
			    max_age > 100000)
				return cli_misuse("status", "--max-age: want "
				    "hours, not '%s'", optarg), ST_UNKNOWN;
		} else if (ch == 'f') {
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0)
				return cli_misuse("status", "unknown format "
				    "'%s' (want text|json)", optarg), ST_UNKNOWN;
			json = strcmp(optarg, "json") == 0;
		}
	}
	if (optind != argc)
		return cli_misuse("status", "no arguments expected, not '%s'",
		    argv[optind]), ST_UNKNOWN;
	if ((rc = health_read(repo, &h, err)) != 0) {
		printf("MCWATCH UNKNOWN - %s\n", rc == 1 ? "no run recorded "
		    "yet" : err);
		return ST_UNKNOWN;
	}
	st = verdict(&h, max_age, clock_now(), why, sizeof(why));
	if ((json ? print_json(&h, st, why) : print_text(&h, st, why)) == -1 ||
	    cli_flush("status") != EXIT_OK)
		return ST_UNKNOWN;
	return st;
}
