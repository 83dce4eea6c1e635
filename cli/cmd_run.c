/* mcwatch run: fetch, parse, compare, and commit a snapshot on change. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "../diff/guard.h"
#include "../diff/report.h"
#include "../pipeline/run.h"
#include "../snapshots/author.h"


/* The run's settings, and what only the command line cares about. */
struct run_opts {
	struct run_settings	 s;
	struct cli_notify	 notify;
	struct cli_spf		 spf;
	const char		*author_from;	/* --author, $MCWATCH_AUTHOR */
	const struct report_format *format;
	int			 exit_code;
	int			 quiet;
	int			 status;	/* of the report */
};

static const struct cli_exit exits[] = {
	{ EXIT_OK, "success (changed or not)" },
	{ EXIT_CHANGED, "with --exit-code, a change was recorded" },
	{ EXIT_USAGE, NULL },
	{ EXIT_FETCH, "fetch failed; or, with --spf and the page unchanged, a "
	    "region got no SPF answer (the last one recorded is kept)" },
	{ EXIT_REJECTED, NULL },
	{ EXIT_REPO, NULL },
	{ EXIT_INTERNAL, NULL },
	{ EXIT_RECORDED, "a change was recorded and reported, but a later step "
	    "failed (the work tree update, or writing the report to standard "
	    "output: it went to standard error)" },
	{ EXIT_PENDING, "a change was recorded, but a notification is pending "
	    "(the next run sends it)" },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "run", "Fetch the page, and commit a snapshot to the repository "
	    "when its data changed.\n",
	    exits, NULL);
}

/* Warnings from the pipeline: repairs, and what a killed run left. */
static void
warn_cb(const char *msg)
{
	cli_error("%s", msg);
}

/* The checks of run's options that need more than one option read. */
static int
run_check(const struct run_opts *o)
{
	char name[AUTHOR_MAX], email[AUTHOR_MAX];
	const char *why;

	if (author_parse(o->s.author, name, email, &why) == -1)
		return cli_usage("run", "%s '%s': %s", o->author_from,
		    o->s.author, why);
	if (o->s.url[0] == '\0')
		return cli_usage("run", "--url is empty");
	return EXIT_OK;
}

/*
 * Take option ch with arg, from the command line or a configuration key
 * (from_config); 0, or -1 when it is bad (told).
 */
static int
run_option(void *p, int ch, const char *arg, int from_config)
{
	struct run_opts *o = p;
	char *end;
	int r;

	if ((r = cli_fetch_option("run", ch, arg, &o->s.fo)) != 0 ||
	    (r = cli_notify_option("run", ch, arg, &o->notify,
	    from_config)) != 0 ||
	    (r = cli_spf_option("run", ch, arg, &o->spf)) != 0)
		return r == -1 ? -1 : 0;
	switch (ch) {
	case 'u':
		o->s.url = arg;
		break;
	case 'n':
		o->s.dry_run = 1;
		break;
	case 'a':
		o->s.accept = 1;
		break;
	case 'x':
		o->s.max_removal = strtod(arg, &end);
		if (*end != '\0' || end == arg ||
		    !(o->s.max_removal >= 0 && o->s.max_removal <= 100))
			return cli_misuse("run", "--max-removal: want a "
			    "percentage from 0 to 100, not '%s'", arg), -1;
		break;
	case 'e':
		o->exit_code = 1;
		break;
	case 'f':
		if ((o->format = report_find(arg)) == NULL)
			return cli_misuse("run", "unknown format '%s' "
			    "(want %s)", arg, report_names()), -1;
		break;
	case 'A':
		o->s.author = arg;
		o->author_from = from_config ? "run.author" : "--author";
		break;
	case 'L':
		if (cli_lock_timeout("run", arg, &o->s.lock_timeout) == -1)
			return -1;
		break;
	case 'q':
		o->quiet = 1;
		o->s.fo.progress = 0;
		break;
	}
	return 0;
}

/* The defaults: the configuration file and the command line come next. */
static void
run_defaults(struct run_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->s.url = FETCH_DEFAULT_URL;
	o->s.repo = CLI_DEFAULT_REPO;
	o->s.author = CLI_DEFAULT_AUTHOR;
	o->author_from = "--author";
	if (getenv("MCWATCH_AUTHOR") != NULL) {
		o->s.author = getenv("MCWATCH_AUTHOR");
		o->author_from = "$MCWATCH_AUTHOR";
	}
	o->format = report_find("text");
	o->s.warn = warn_cb;
	cli_fetch_init(&o->s.fo);
	cli_notify_init(&o->notify);
	cli_spf_init(&o->spf);
	o->s.max_removal = GUARD_MAX_REMOVAL;
	o->s.lock_timeout = CLI_LOCK_TIMEOUT;
}

/* Parse run's options into o (its defaults set); EXIT_OK, or the status. */
static int
run_args(int argc, char **argv, struct run_opts *o)
{
	const struct cli_take t = { run_option, o, &o->notify, usage,
	    &o->s.repo };
	int rc;

	if ((rc = cli_parse("run", argc, argv, &t)) != EXIT_OK)
		return rc;
	if (optind != argc)
		return cli_usage("run", "no arguments expected, not '%s' (the "
		    "page is given with --url)", argv[optind]);
	if ((rc = cli_notify_finish("run", &o->notify, &o->s.fo)) != EXIT_OK)
		return rc;
	return run_check(o);
}

/*
 * A change found: report it whatever failed after the commit (the next
 * run would say "no changes"), to stderr if stdout cannot take it. The
 * exit status.
 */
static int
report_change(const struct run_opts *o, const struct run_outcome *out)
{
	struct report_ctx ctx;
	int rc = o->exit_code ? EXIT_CHANGED : EXIT_OK, werr;

	run_report_ctx(out, &ctx);
	errno = 0;
	if (o->format->write(stdout, &ctx) == -1 || fflush(stdout) == EOF) {
		werr = errno;
		if (out->to[0] == '\0') {
			cli_error("run: writing the report failed: %s",
			    werr ? strerror(werr) : "write error");
			return EXIT_INTERNAL;
		}
		cli_error("run: the change was recorded as snapshot %s, but "
		    "writing its report to standard output failed (%s); the "
		    "report follows on standard error", out->to,
		    werr ? strerror(werr) : "write error");
		o->format->write(stderr, &ctx);
		fflush(stderr);
		rc = EXIT_RECORDED;
	}
	if (err_isset(&out->later)) {
		cli_error("%s; the change was recorded as snapshot %s and "
		    "reported", out->later.msg, out->to);
		rc = EXIT_RECORDED;
	}
	return rc;
}

/*
 * No change, but the second source warns: on stderr, a failure to read
 * it even with --quiet (a disagreement is in status and every notice).
 * The exit status: a region without an SPF answer is a failed fetch.
 */
static int
spf_warnings(const struct run_opts *o, const struct run_outcome *out)
{
	const struct spf_report *r = &out->spf.report;
	size_t i, failed = 0;

	if (!out->spf_checked || r->nwarnings == 0)
		return cli_flush("run");
	for (i = 0; i < r->n; i++)
		failed += r->v[i].kind == SPF_FAILED;
	if (!o->quiet || failed > 0) {
		fflush(stdout);
		report_spf(stderr, r, 0);
	}
	if (failed == 0)
		return cli_flush("run");
	cli_error("run: SPF netblocks: %zu region%s without an answer; the "
	    "last answer recorded is kept", failed, failed == 1 ? "" : "s");
	return cli_flush("run") != EXIT_OK ? EXIT_INTERNAL : EXIT_FETCH;
}

/* Print what the run did; its exit status. */
static int
run_print(const struct run_opts *o, const struct run_outcome *out)
{
	if (out->records != NULL && !o->quiet)
		cli_warnings(out->records);
	switch (out->result) {
	case RUN_UNCHANGED:
		if (!o->quiet)
			printf("no changes\n");
		return spf_warnings(o, out);
	case RUN_CHANGED:
		return report_change(o, out);
	case RUN_REJECTED:
		if (out->kept[0] != '\0')
			cli_error("run %s: page rejected: %s; nothing was "
			    "committed, the page is kept in %s", o->s.url,
			    out->error.msg, out->kept);
		else
			cli_error("run %s: page rejected: %s", o->s.url,
			    out->error.msg);
		cli_error("run: if the page is right, record it with --accept");
		return cli_status(ERR_PARSE);
	default:	/* a failure: its kind says which */
		return cli_fail(&out->error);
	}
}

/* The pipeline's report step: print what the run did, keep the status. */
static void
run_report(void *arg, const struct run_outcome *out)
{
	struct run_opts *o = arg;

	o->status = run_print(o, out);
}

/*
 * What delivery and the health record did, after the report: late
 * messages sent are told on stdout; a recorded change whose notice could
 * not be delivered turns status rc into EXIT_PENDING.
 */
static int
run_delivered(const struct run_outcome *out, int rc)
{
	int pending = out->delivery.pending, late = out->delivery.late;

	if (err_isset(&out->notify_error))
		cli_error("%s", out->notify_error.msg);
	if (late > 0)
		printf("sent %d pending notification%s\n", late, late == 1 ?
		    "" : "s");
	if (pending > 0 && (rc == EXIT_OK || rc == EXIT_CHANGED)) {
		cli_error("run: %d notification%s pending: the next run sends "
		    "%s", pending, pending == 1 ? "" : "s", pending == 1 ?
		    "it" : "them");
		rc = EXIT_PENDING;
	}
	if (err_isset(&out->health_error))
		cli_error("warning: %s (the run's state is not recorded)",
		    out->health_error.msg);
	if (cli_flush("run") != EXIT_OK && rc == EXIT_OK)
		rc = EXIT_INTERNAL;
	return rc;
}

int
cmd_run(int argc, char **argv)
{
	struct run_opts o;
	struct run_outcome out;
	int rc;

	run_defaults(&o);
	if ((rc = run_args(argc, argv, &o)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	o.notify.cfg.repo = o.s.repo;
	o.s.spf = o.spf.s;
	o.s.notify = &o.notify.cfg;
	o.s.report = run_report;
	o.s.report_arg = &o;
	run_pipeline(&o.s, &out);
	rc = run_delivered(&out, o.status);
	run_outcome_free(&out);
	return rc;
}
