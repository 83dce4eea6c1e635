/*
 * The run pipeline as a library call, without the binary: a first run, an
 * unchanged one, a change, a rejected page, a failed fetch, a dry run.
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

static void
test_pipeline(void **state)
{
	struct run_settings s;
	struct run_outcome o;
	struct report_ctx ctx;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/mcwatch-run.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(repo, sizeof(repo), "%s/repo", dir);
	snprintf(page, sizeof(page), "%s/page.html", dir);
	settings(&s);
	write_page(PAGE_A);

	/* A dry run on no repository finds the change and creates nothing. */
	s.dry_run = 1;
	run_pipeline(&s, &o);
	assert_int_equal(o.result, RUN_CHANGED);
	assert_string_equal(o.to, "");
	assert_int_equal(access(repo, F_OK), -1);
	run_outcome_free(&o);
	s.dry_run = 0;

	/* The first run: a baseline, every record added. */
	run_pipeline(&s, &o);
	assert_int_equal(o.result, RUN_CHANGED);
	assert_int_equal(o.diff.nadded, 3);
	assert_string_equal(o.from, "");
	assert_int_equal(strlen(o.to), 40);
	assert_string_equal(o.later, "");
	assert_string_equal(o.source, page);
	run_report_ctx(&o, &ctx);
	assert_null(ctx.from);
	assert_ptr_equal(ctx.to, o.to);
	run_outcome_free(&o);

	/* The same page: unchanged. */
	run_pipeline(&s, &o);
	assert_int_equal(o.result, RUN_UNCHANGED);
	run_outcome_free(&o);

	/* A network removed, a URL changed: both in the diff, from the last. */
	write_page("<h2>Germany</h2><h3>IP Addresses and Network Ranges</h3>"
	    "<table><tr><th>Network</th><th>Netmask</th></tr>"
	    "<tr><td>192.0.2.0/24</td><td>255.255.255.0</td></tr></table>"
	    "<h3>Application URLs</h3><table><tr><th>Application</th>"
	    "<th>URL</th></tr><tr><td>API</td><td>https://de2.example/</td>"
	    "</tr></table>");
	run_pipeline(&s, &o);
	assert_int_equal(o.result, RUN_CHANGED);
	assert_int_equal(o.diff.nremoved, 1);
	assert_int_equal(o.diff.nchanged, 1);
	assert_int_equal(strlen(o.from), 40);
	assert_string_not_equal(o.from, o.to);
	run_outcome_free(&o);

	/* A login page: rejected, kept, nothing committed. */
	write_page("<form><input name=user></form>");
	run_pipeline(&s, &o);
	assert_int_equal(o.result, RUN_REJECTED);
	assert_non_null(strstr(o.error, "no data found"));
	assert_non_null(strstr(o.kept, "mcwatch-rejected/"));
	run_outcome_free(&o);

	/* A page that is not there: the fetch fails. */
	s.url = "/nonexistent/mcwatch-page.html";
	run_pipeline(&s, &o);
	assert_int_equal(o.result, RUN_FETCH_FAILED);
	assert_non_null(strstr(o.error, "No such file"));
	run_outcome_free(&o);

	/* Not a repository: a repository error. */
	s.url = page;
	s.repo = dir;
	write_page(PAGE_A);
	run_pipeline(&s, &o);
	assert_int_equal(o.result, RUN_REPO_FAILED);
	run_outcome_free(&o);

	snprintf(page, sizeof(page), "rm -rf '%s'", dir);
	assert_int_equal(system(page), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipeline),
	};
	int rc;

	store_init();
	rc = cmocka_run_group_tests_name("run", tests, NULL, NULL);
	store_shutdown();
	return rc;
}
