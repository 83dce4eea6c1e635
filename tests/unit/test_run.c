/*
 * The run pipeline as a library call, without the binary, one scenario a
 * test: a dry run, a first run, an unchanged one, a change, a rejected
 * page, a failed fetch, no repository.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../pipeline/run.h"
#include "../../snapshots/store.h"

static char dir[64], repo[128], page[128];

static void
write_page(const char *html)
{
	FILE *fp = fopen(page, "w");

	assert_non_null(fp);
	fputs(html, fp);
	fclose(fp);
}

#define PAGE_A	"<h2>Germany</h2><h3>IP Addresses and Network Ranges</h3>" \
	"<table><tr><th>Network</th><th>Netmask</th></tr>" \
	"<tr><td>192.0.2.0/24</td><td>255.255.255.0</td></tr>" \
	"<tr><td>198.51.100.0/24</td><td>255.255.255.0</td></tr></table>" \
	"<h3>Application URLs</h3><table><tr><th>Application</th>" \
	"<th>URL</th></tr><tr><td>API</td><td>https://de.example/</td></tr>" \
	"</table>"

static void
settings(struct run_settings *s)
{
	memset(s, 0, sizeof(*s));
	fetch_opts_init(&s->fo);
	s->fo.progress = 0;
	s->url = page;
	s->repo = repo;
	s->author = "test <test@example.com>";
	s->max_removal = 50;
	s->lock_timeout = 5;
}

#define PAGE_B	"<h2>Germany</h2><h3>IP Addresses and Network Ranges</h3>" \
	"<table><tr><th>Network</th><th>Netmask</th></tr>" \
	"<tr><td>192.0.2.0/24</td><td>255.255.255.0</td></tr></table>" \
	"<h3>Application URLs</h3><table><tr><th>Application</th>" \
	"<th>URL</th></tr><tr><td>API</td><td>https://de2.example/</td>" \
	"</tr></table>"

/* A scratch directory with the page PAGE_A in it, and no repository. */
static int
scratch(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/mcwatch-run.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(repo, sizeof(repo), "%s/repo", dir);
	snprintf(page, sizeof(page), "%s/page.html", dir);
	write_page(PAGE_A);
	return 0;
}

static int
scratch_remove(void **state)
{
	char cmd[200];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Run once on the page as it is, expecting result; o kept for checks. */
static void
run_once(struct run_settings *s, struct run_outcome *o, enum run_result want)
{
	run_pipeline(s, o);
	assert_int_equal(o->result, want);
}

/* A dry run on no repository finds the change and creates nothing. */
static void
test_dry_run(void **state)
{
	struct run_settings s;
	struct run_outcome o;

	(void)state;
	settings(&s);
	s.dry_run = 1;
	run_once(&s, &o, RUN_CHANGED);
	assert_string_equal(o.to, "");
	assert_int_equal(access(repo, F_OK), -1);
	run_outcome_free(&o);
}

/* The first run: a baseline, every record added. */
static void
test_first_run(void **state)
{
	struct run_settings s;
	struct run_outcome o;
	struct report_ctx ctx;

	(void)state;
	settings(&s);
	run_once(&s, &o, RUN_CHANGED);
	assert_int_equal(o.diff.nadded, 3);
	assert_string_equal(o.from, "");
	assert_int_equal(strlen(o.to), 40);
	assert_false(err_isset(&o.later));
	assert_string_equal(o.source, page);
	run_report_ctx(&o, &ctx);
	assert_null(ctx.from);
	assert_true(ctx.baseline);
	assert_ptr_equal(ctx.to, o.to);
	run_outcome_free(&o);
}

/* The same page again: unchanged. */
static void
test_unchanged(void **state)
{
	struct run_settings s;
	struct run_outcome o;

	(void)state;
	settings(&s);
	run_once(&s, &o, RUN_CHANGED);
	run_outcome_free(&o);
	run_once(&s, &o, RUN_UNCHANGED);
	run_outcome_free(&o);
}

/* A network removed, a URL changed: both in the diff, from the last. */
static void
test_change(void **state)
{
	struct run_settings s;
	struct run_outcome o;
	struct report_ctx ctx;

	(void)state;
	settings(&s);
	run_once(&s, &o, RUN_CHANGED);
	run_outcome_free(&o);
	write_page(PAGE_B);
	run_once(&s, &o, RUN_CHANGED);
	assert_int_equal(o.diff.nremoved, 1);
	assert_int_equal(o.diff.nchanged, 1);
	assert_int_equal(strlen(o.from), 40);
	assert_string_not_equal(o.from, o.to);
	run_report_ctx(&o, &ctx);
	assert_false(ctx.baseline);
	run_outcome_free(&o);
}

/* A login page: rejected, kept, nothing committed. */
static void
test_rejected(void **state)
{
	struct run_settings s;
	struct run_outcome o;

	(void)state;
	settings(&s);
	run_once(&s, &o, RUN_CHANGED);
	run_outcome_free(&o);
	write_page("<form><input name=user></form>");
	run_once(&s, &o, RUN_REJECTED);
	assert_non_null(strstr(o.error.msg, "no data found"));
	assert_non_null(strstr(o.kept, "mcwatch-rejected/"));
	run_outcome_free(&o);
}

/* A page that is not there: the fetch fails, no repository is made. */
static void
test_fetch_failed(void **state)
{
	struct run_settings s;
	struct run_outcome o;

	(void)state;
	settings(&s);
	s.url = "/nonexistent/mcwatch-page.html";
	run_once(&s, &o, RUN_FETCH_FAILED);
	assert_non_null(strstr(o.error.msg, "No such file"));
	assert_int_equal(access(repo, F_OK), -1);
	run_outcome_free(&o);
}

/* Not a repository: a repository error. */
static void
test_not_a_repository(void **state)
{
	struct run_settings s;
	struct run_outcome o;

	(void)state;
	settings(&s);
	s.repo = dir;
	run_once(&s, &o, RUN_REPO_FAILED);
	run_outcome_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dry_run, scratch,
		    scratch_remove),
		cmocka_unit_test_setup_teardown(test_first_run, scratch,
		    scratch_remove),
		cmocka_unit_test_setup_teardown(test_unchanged, scratch,
		    scratch_remove),
		cmocka_unit_test_setup_teardown(test_change, scratch,
		    scratch_remove),
		cmocka_unit_test_setup_teardown(test_rejected, scratch,
		    scratch_remove),
		cmocka_unit_test_setup_teardown(test_fetch_failed, scratch,
		    scratch_remove),
		cmocka_unit_test_setup_teardown(test_not_a_repository, scratch,
		    scratch_remove),
	};
	struct err err;
	int rc;

	if (store_init(&err) == -1) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	rc = cmocka_run_group_tests_name("run", tests, NULL, NULL);
	store_shutdown();
	return rc;
}
