/*
 * The delivery state machine: its steps alone (notify/plan.c), then whole
 * runs with a notifier of the test's own that records, fails or dies:
 * a new channel, one behind, one fresh, a failed send, a kill between
 * steps, a state naming a snapshot the repository lacks.
 */
#include <sys/wait.h>

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../faults/fault.h"
#include "../../notify/plan.h"
#include "../../pipeline/run.h"
#include "../../snapshots/store.h"

#define A40	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define B40	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static void
test_plan_adopt(void **state)
{
	struct notify_run changed = { .from = A40, .to = B40 };
	struct notify_run first = { .from = "", .to = B40 };
	struct notify_run none = { 0 };
	struct chan_state cs;

	(void)state;
	/* First seen in the run that recorded A..B: it has heard A. */
	memset(&cs, 0, sizeof(cs));
	plan_adopt(&cs, &changed, B40);
	assert_true(cs.known);
	assert_string_equal(cs.delivered, A40);
	/* In the run of the first snapshot: it is owed the baseline. */
	memset(&cs, 0, sizeof(cs));
	plan_adopt(&cs, &first, B40);
	assert_string_equal(cs.delivered, "");
	/* Otherwise from now on. */
	memset(&cs, 0, sizeof(cs));
	plan_adopt(&cs, &none, B40);
	assert_string_equal(cs.delivered, B40);
	/* A change recorded, but not the latest (another run's): now on. */
	memset(&cs, 0, sizeof(cs));
	plan_adopt(&cs, &changed, A40);
	assert_string_equal(cs.delivered, A40);
}

static void
test_plan_next(void **state)
{
	struct notify_run changed = { .from = A40, .to = B40 };
	struct notify_run none = { 0 };
	struct chan_state cs;
	struct plan p;

	(void)state;
	memset(&cs, 0, sizeof(cs));
	cs.known = 1;
	/* Heard the latest: nothing. */
	snprintf(cs.delivered, sizeof(cs.delivered), "%s", B40);
	plan_next(&cs, &changed, B40, &p);
	assert_int_equal(p.step, PLAN_NOTHING);
	/* Heard A, this run made A..B: fresh, from memory. */
	snprintf(cs.delivered, sizeof(cs.delivered), "%s", A40);
	plan_next(&cs, &changed, B40, &p);
	assert_int_equal(p.step, PLAN_CHANGE);
	assert_true(p.fresh);
	assert_false(p.delayed);
	assert_string_equal(p.from, A40);
	/* Behind, nothing recorded now: delayed, from the repository. */
	plan_next(&cs, &none, B40, &p);
	assert_int_equal(p.step, PLAN_CHANGE);
	assert_false(p.fresh);
	assert_true(p.delayed);
	/* Owed the baseline. */
	cs.delivered[0] = '\0';
	plan_next(&cs, &none, B40, &p);
	assert_int_equal(p.step, PLAN_BASELINE);
	assert_true(p.delayed);
	/* No snapshot at all: nothing. */
	plan_next(&cs, &none, "", &p);
	assert_int_equal(p.step, PLAN_NOTHING);
	/* Sent: heard the latest. */
	plan_sent(&cs, B40);
	assert_string_equal(cs.delivered, B40);
}

/* What the test's notifier was sent, and how it behaves. */
static struct {
	int		 fail;		/* fail every send */
	int		 n;
	enum notice_kind kinds[16];
	int		 delayed[16];
	char		 keys[16][NOTICE_KEYMAX];
	char		 targets[16][64];
} sent;
static const char *kill_at;	/* a fault point to die at (a child) */
static int warnings;

void
fault_point(const char *name)
{
	if (kill_at != NULL && strcmp(name, kill_at) == 0)
		raise(SIGKILL);
}

static int
fake_send(const struct notify_config *cfg, const struct channel *c,
    const struct notice *n, struct err *err)
{
	(void)cfg;
	if (sent.fail) {
		err_set(err, ERR_NOTIFY, "fake: down");
		return -1;
	}
	if (sent.n < 16) {
		sent.kinds[sent.n] = n->kind;
		sent.delayed[sent.n] = n->delayed;
		snprintf(sent.keys[sent.n], NOTICE_KEYMAX, "%s", n->key);
		snprintf(sent.targets[sent.n], 64, "%s", c->target);
	}
	sent.n++;
	return 0;
}

static const struct notifier fake = { "fake", fake_send };

static const struct notifier *
fake_find(const char *name)
{
	(void)name;
	return &fake;
}

static void
count_warning(const char *msg)
{
	(void)msg;
	warnings++;
}

static char dir[64], repo[128], page[128];
static struct notify_config cfg;

static void
write_page(const char *cidr)
{
	FILE *fp = fopen(page, "w");

	assert_non_null(fp);
	fprintf(fp, "<h2>Germany</h2><h3>IP Addresses and Network Ranges</h3>"
	    "<table><tr><th>Network</th><th>Netmask</th></tr>"
	    "<tr><td>%s</td><td>255.255.255.0</td></tr>"
	    "<tr><td>198.51.100.0/24</td><td>255.255.255.0</td></tr></table>",
	    cidr);
	fclose(fp);
}

/* One run of the pipeline on the page as it is; its outcome's delivery. */
static struct notify_result
night(struct run_outcome *keep)
{
	struct run_settings s;
	struct run_outcome o;
	struct notify_result r;

	memset(&s, 0, sizeof(s));
	fetch_opts_init(&s.fo);
	s.fo.progress = 0;
	s.url = page;
	s.repo = repo;
	s.author = "test <test@example.com>";
	s.max_removal = 100;
	s.lock_timeout = 5;
	s.notify = &cfg;
	s.warn = count_warning;
	run_pipeline(&s, &o);
	r = o.delivery;
	if (keep != NULL)
		*keep = o;
	else
		run_outcome_free(&o);
	return r;
}

static void
setup_repo(size_t nchannels)
{
	static const char *const targets[] = { "one", "two" };
	size_t i;

	snprintf(dir, sizeof(dir), "/tmp/mcwatch-deliver.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(repo, sizeof(repo), "%s/repo", dir);
	snprintf(page, sizeof(page), "%s/page.html", dir);
	memset(&cfg, 0, sizeof(cfg));
	memset(&sent, 0, sizeof(sent));
	transport_opts_init(&cfg.net);
	cfg.find = fake_find;
	/* The baseline, before any channel. */
	write_page("192.0.2.0/24");
	night(NULL);
	for (i = 0; i < nchannels; i++) {
		cfg.channels[i].kind = "fake";
		cfg.channels[i].target = targets[i];
	}
	cfg.nchannels = nchannels;
}

static void
teardown_repo(void)
{
	char cmd[200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* A new channel in a change run, its send failing: the next run tells it. */
static void
test_new_channel_failed(void **state)
{
	struct notify_result r;

	(void)state;
	setup_repo(1);
	write_page("203.0.113.0/24");
	sent.fail = 1;
	r = night(NULL);
	assert_int_equal(r.pending, 1);
	sent.fail = 0;
	r = night(NULL);		/* the same page: nothing new */
	assert_int_equal(r.pending, 0);
	assert_int_equal(r.late, 1);
	assert_int_equal(sent.n, 1);
	assert_int_equal(sent.kinds[0], NOTICE_CHANGE);
	assert_true(sent.delayed[0]);
	r = night(NULL);
	assert_int_equal(sent.n, 1);	/* never twice */
	teardown_repo();
}

/* A known channel hears this run's change fresh; one behind, delayed. */
static void
test_fresh_and_behind(void **state)
{
	struct notify_result r;

	(void)state;
	setup_repo(1);
	night(NULL);			/* known from now on: nothing sent */
	assert_int_equal(sent.n, 0);
	write_page("203.0.113.0/24");
	r = night(NULL);
	assert_int_equal(r.sent, 1);
	assert_int_equal(r.late, 0);
	assert_false(sent.delayed[0]);
	/* Behind by two changes: one delayed message of both. */
	cfg.nchannels = 0;
	write_page("203.0.114.0/24");
	night(NULL);
	write_page("203.0.115.0/24");
	night(NULL);
	cfg.nchannels = 1;
	r = night(NULL);
	assert_int_equal(r.sent, 1);
	assert_int_equal(r.late, 1);
	assert_int_equal(sent.n, 2);
	assert_true(sent.delayed[1]);
	teardown_repo();
}

/* Killed after the first of two new channels heard: none lost. */
static void
test_killed_between(void **state)
{
	pid_t pid;
	int st;

	(void)state;
	setup_repo(2);
	write_page("203.0.113.0/24");
	if ((pid = fork()) == 0) {
		kill_at = "deliver.sent";
		night(NULL);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	/* The child's sends are not in this process: the next run's are. */
	night(NULL);
	assert_int_equal(sent.n, 2);
	assert_string_equal(sent.targets[0], "one");
	assert_string_equal(sent.targets[1], "two");
	assert_int_equal(sent.kinds[0], NOTICE_CHANGE);
	assert_int_equal(sent.kinds[1], NOTICE_CHANGE);
	teardown_repo();
}

/* A state naming a snapshot outside the history: told, then from now. */
static void
test_stale_state(void **state)
{
	char path[300], *buf = NULL, *p;
	struct notify_result r;
	size_t len = 0;
	FILE *fp;

	(void)state;
	setup_repo(1);
	night(NULL);
	snprintf(path, sizeof(path), "%s/.git/mcwatch-notify.json", repo);
	assert_non_null(fp = fopen(path, "r"));
	assert_true(getdelim(&buf, &len, '\0', fp) > 0);
	fclose(fp);
	assert_non_null(p = strstr(buf, "\"delivered\": \""));
	memset(p + 14, 'c', 40);
	assert_non_null(fp = fopen(path, "w"));
	fputs(buf, fp);
	fclose(fp);
	free(buf);
	warnings = 0;
	r = night(NULL);
	assert_int_equal(r.pending, 0);
	assert_int_equal(warnings, 1);
	assert_int_equal(sent.n, 0);
	warnings = 0;
	night(NULL);
	assert_int_equal(warnings, 0);
	teardown_repo();
}

/* The key of a message: the same at every send, another for another. */
static void
test_keys(void **state)
{
	(void)state;
	setup_repo(1);
	write_page("203.0.113.0/24");
	night(NULL);
	write_page("203.0.114.0/24");
	night(NULL);
	assert_int_equal(sent.n, 2);
	assert_string_not_equal(sent.keys[0], sent.keys[1]);
	assert_non_null(strstr(sent.keys[0], "mcwatch-change-"));
	teardown_repo();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_adopt),
		cmocka_unit_test(test_plan_next),
		cmocka_unit_test(test_new_channel_failed),
		cmocka_unit_test(test_fresh_and_behind),
		cmocka_unit_test(test_killed_between),
		cmocka_unit_test(test_stale_state),
		cmocka_unit_test(test_keys),
	};
	struct err err;
	int rc;

	if (store_init(&err) == -1) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	store_shutdown();
	return rc;
}
