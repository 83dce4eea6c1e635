/*
 * make bench: the speed and memory figures the issues ask for, measured
 * as ratios in one run so that the machine's speed cancels out.
 *
 * parse: a generated page of 10,000 network rows. "bare" is libxml2's
 *   htmlReadMemory of the same bytes, the floor any HTML-reading tool
 *   pays; "mcwatch" is 'mcwatch parse --format json'. Timed in-process
 *   (library calls) and as processes, best of several runs. Peak memory
 *   is the child's maximum RSS less that of 'mcwatch --version'.
 * run: 'mcwatch run' on that page once it is the latest snapshot (the
 *   nightly no-change case), and on a copy with only a cosmetic edit (it
 *   must be parsed, and nothing is committed), against 'mcwatch parse'.
 * fetch: the same unchanged run with the page from a loopback HTTP
 *   server (tests/servers/httpd) instead of a file; a run answered 304
 *   against one that downloads and parses a cosmetically edited page.
 * hostile: 2 MiB of IPv6 ranges that each need ~250 CIDR blocks, parsed
 *   against a bare parse of the same page (the bound on covers).
 * lookup: a million log lines through 'mcwatch lookup' and 'grepcidr -f'.
 * history: a repository of 5,000 snapshots over 5,000 days; diff of the
 *   first against the last and of two adjacent ones, show @DATE of a day
 *   in the middle, and log.
 * publish: the site of that history from scratch, and after one more
 *   snapshot with the old site in place.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>

#include "../../parser/parse.h"
#include "../../records/json.h"
#include "../../output/output.h"
#include "../../snapshots/snapshot.h"
#include "../../snapshots/trailers.h"

#define NROWS	10000
#define RUNS	7
#define NSNAPS	5000
#define DAY	86400
#define EPOCH	1262304000	/* 2010-01-01: the history's first day */

extern char **environ;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the generated page to path; its size. */
static size_t
gen_page(const char *path)
{
	FILE *fp;
	long sz;
	int i;

	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
	    "<title>Mimecast Data Centers and URLs</title></head><body>"
	    "<h1>Mimecast Data Centers and URLs</h1>\n"
	    "<h2>United States of America</h2>\n"
	    "<h3>IP Addresses and Network Ranges</h3>\n"
	    "<table class=\"data\"><thead><tr><th>Network</th>"
	    "<th colspan=\"3\">IP Address Range</th><th>Netmask</th></tr>"
	    "</thead><tbody>\n", fp);
	for (i = 0; i < NROWS; i++) {
		int a = 10 + i / 65536, b = (i / 256) % 256, c = i % 256;

		fprintf(fp, "<tr>\n  <td>%d.%d.%d.0/24</td>\n  <td>%d.%d.%d.1"
		    "</td>\n  <td>to</td>\n  <td>%d.%d.%d.254</td>\n  "
		    "<td>255.255.255.0</td>\n</tr>\n", a, b, c, a, b, c, a, b,
		    c);
	}
	fputs("</tbody></table>\n<h3>Application URLs</h3>\n"
	    "<table><tr><th>Application</th><th>URL</th></tr>"
	    "<tr><td>Administration Console</td><td>"
	    "https://login-us.mimecast.com/u/login</td></tr></table>"
	    "</body></html>\n", fp);
	sz = ftell(fp);
	fclose(fp);
	return (size_t)sz;
}

/*
 * The worst page for ranges: 2 MiB of rows whose IPv6 range needs about
 * 250 CIDR blocks each. Its size.
 */
static size_t
gen_wide(const char *path)
{
	FILE *fp;
	long sz = 0;
	int i;

	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs("<h2>Germany</h2><h3>Non-SPF</h3><table><tr><th>Region</th>"
	    "<th>IP Address Range</th></tr>\n", fp);
	for (i = 0; sz < 2 * 1024 * 1024; i++)
		sz = ftell(fp) + fprintf(fp, "<tr><td>R%d</td><td>%x::1 to "
		    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe</td></tr>\n", i,
		    i % 60000 + 1);
	fputs("</table>\n", fp);
	sz = ftell(fp);
	fclose(fp);
	return (size_t)sz;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *b;
	long n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) == -1 || (n = ftell(fp)) < 0)
		exit(1);
	rewind(fp);
	if ((b = malloc((size_t)n + 1)) == NULL ||
	    fread(b, 1, (size_t)n, fp) != (size_t)n)
		exit(1);
	fclose(fp);
	*len = (size_t)n;
	return b;
}

static void
bare_parse(const char *buf, size_t len)
{
	xmlDocPtr doc = htmlReadMemory(buf, (int)len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING);

	xmlFreeDoc(doc);
}

static void
mcwatch_parse(const char *buf, size_t len, FILE *devnull)
{
	struct recordset *rs;
	struct err err;

	if (parse_page(buf, len, NULL, &rs, &err) != 0 ||
	    rs->nrecs < NROWS) {
		fprintf(stderr, "bench: parse failed: %s\n", err.msg);
		exit(1);
	}
	output_json(devnull, rs);
	recordset_free(rs);
}

/* Run argv, stdout to /dev/null, wanting exit status want; wall seconds,
 * *rss (if not NULL) the child's peak RSS in KiB. */
static double
spawn(char *const argv[], int want, long *rss)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	double t0 = now();
	pid_t pid;
	int st;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		perror(argv[0]);
		exit(1);
	}
	posix_spawn_file_actions_destroy(&fa);
	if (wait4(pid, &st, 0, &ru) == -1 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != want) {
		fprintf(stderr, "bench: %s %s failed\n", argv[0], argv[1]);
		exit(1);
	}
	if (rss != NULL)
		*rss = ru.ru_maxrss;
	return now() - t0;
}

/* Best of RUNS. */
static double
best(char *const argv[], int want)
{
	double t, b = 1e9;
	int i;

	for (i = 0; i < RUNS; i++)
		if ((t = spawn(argv, want, NULL)) < b)
			b = t;
	return b;
}

/*
 * Snapshots first .. first + count - 1 of a history of one a day, each
 * changing one port, on top of what dir holds.
 */
static void
gen_history(const char *dir, int first, int count)
{
	struct store *st;
	struct recordset *rs;
	struct snapshot_new sn;
	struct snapshot *head = NULL, *made;
	struct trailers t;
	struct err err;
	char *msg = NULL;
	size_t mlen;
	FILE *fp;
	char *page, *data;
	size_t plen, dlen, i, port = 0;
	int n;

	page = slurp("samples/mimecast-data-centers.html", &plen);
	if (parse_page(page, plen, NULL, &rs, &err) != 0 ||
	    (st = store_open(dir, 1, &err)) == NULL ||
	    snapshot_head(st, &head, &err) == -1) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	/* Writing 5,000 commits: fsync would measure the disk, not us. */
	store_fsync(0);
	for (i = 0; i < rs->nrecs; i++)
		if (rs->recs[i].kind == RECORD_PORT)
			port = i;
	/* One message for all: a port changed in the global region. */
	memset(&t, 0, sizeof(t));
	t.changed = 1;
	t.regions = "global";
	if ((fp = open_memstream(&msg, &mlen)) == NULL ||
	    fputs("Mimecast: +0 -0 ~1 (Global Application Resources)\n\n",
	    fp) == EOF || trailers_write(fp, &t) == -1 || fclose(fp) == EOF)
		exit(1);
	for (n = first; n < first + count; n++) {
		rs->recs[port].port = 1000 + n;
		if (snapshot_dataset(rs, &data, &dlen) == -1)
			exit(1);
		memset(&sn, 0, sizeof(sn));
		sn.dataset = data;
		sn.datalen = dlen;
		sn.rs = rs;
		sn.page = page;
		sn.pagelen = plen;
		sn.source = "{}";
		sn.sourcelen = 2;
		sn.message = msg;
		sn.author = "bench <bench@example.com>";
		sn.when = EPOCH + (time_t)n * DAY + 3600;
		if (snapshot_commit(st, head, &sn, &made, &err) == -1) {
			fprintf(stderr, "bench: %s\n", err.msg);
			exit(1);
		}
		free(data);
		snapshot_free(head);
		head = made;
	}
	snapshot_free(head);
	store_close(st);
	recordset_free(rs);
	free(page);
	free(msg);
}

/*
 * publish: the site of the NSNAPS-snapshot history made from scratch
 * (best of 3), then after each of 3 new snapshots (incremental: the old
 * site is there; best of 3), with the site in dir.
 */
static void
publish_in(char *mc, char *hist, const char *dir, int *next)
{
	char site[300], cmd[400];
	char *pub[] = { mc, "publish", "--repo", hist, "--out", site, NULL };
	double t, scratch = 1e9, incr = 1e9;
	int i;

	snprintf(site, sizeof(site), "%s/site", dir);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", site);
	for (i = 0; i < 3; i++) {
		if (system(cmd) != 0)
			exit(1);
		if ((t = spawn(pub, 0, NULL)) < scratch)
			scratch = t;
	}
	for (i = 0; i < 3; i++) {
		gen_history(hist, (*next)++, 1);
		if ((t = spawn(pub, 0, NULL)) < incr)
			incr = t;
	}
	if (system(cmd) != 0)
		exit(1);
	printf("publish (site in %s): %d snapshots from scratch %.2f s "
	    "(target under 10 s); after one new snapshot %.2f s (target under "
	    "1 s)\n", dir, NSNAPS, scratch, incr);
	fflush(stdout);
}

/*
 * publish, with the site beside the other files of the bench, and on a
 * tmpfs (/dev/shm) when there is one: every new snapshot rewrites each
 * changes/ID.json (they name the latest), so the file system's cost of
 * making a file counts.
 */
static void
publish_bench(char *mc, const char *tmpl, char *hist)
{
	char shm[] = "/dev/shm/mcwatch-bench-XXXXXX";
	int next = NSNAPS;

	publish_in(mc, hist, tmpl, &next);
	if (mkdtemp(shm) != NULL) {
		publish_in(mc, hist, shm, &next);
		rmdir(shm);
	}
}

/*
 * Run argv once with stdin from in, stdout to out; its wall seconds, and
 * its CPU seconds (user and system, from wait4) in *cpu.
 */
static double
spawn_once(char *const argv[], const char *in, const char *out,
    double *cpu)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	double t0;
	pid_t pid;
	int st;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT |
	    O_TRUNC, 0644);
	t0 = now();
	/* grepcidr exits 1 when nothing matched: any normal exit counts. */
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0 ||
	    wait4(pid, &st, 0, &ru) == -1 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) > 1) {
		fprintf(stderr, "bench: %s failed\n", argv[0]);
		exit(1);
	}
	t0 = now() - t0;
	posix_spawn_file_actions_destroy(&fa);
	if (cpu != NULL)
		*cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	return t0;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* What paired runs measured: medians, and the per-pair ratios' spread. */
struct paired {
	double	a, b;		/* median wall seconds */
	double	ca, cb;		/* median CPU seconds */
	double	ratio;		/* median of the pairs' CPU ratios a/b */
	double	lo, hi;		/* the lowest and highest of them */
};

#define PAIRS	9

static double
median_of(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(v[0]), dbl_cmp);
	return v[n / 2];
}

/*
 * Run a and b alternately (A B A B ...), PAIRS times each, stdin from
 * in: drift on the machine hits both sides alike. The ratio is of CPU
 * time (this kind of machine shares its cores: wall time swings by half
 * from run to run); the wall medians are printed beside it.
 */
static void
paired_runs(char *const a[], char *const b[], const char *in,
    struct paired *p)
{
	double ta[PAIRS], tb[PAIRS], ca[PAIRS], cb[PAIRS], r[PAIRS];
	int i;

	for (i = 0; i < PAIRS; i++) {
		ta[i] = spawn_once(a, in, "/dev/null", &ca[i]);
		tb[i] = spawn_once(b, in, "/dev/null", &cb[i]);
		r[i] = cb[i] > 0 ? ca[i] / cb[i] : 0;
	}
	p->a = median_of(ta, PAIRS);
	p->b = median_of(tb, PAIRS);
	p->ca = median_of(ca, PAIRS);
	p->cb = median_of(cb, PAIRS);
	p->ratio = median_of(r, PAIRS);
	p->lo = r[0];
	p->hi = r[PAIRS - 1];
}

/* Lines of file path, and of those the ones that contain s (or not). */
static long
count_lines(const char *path, const char *s, int want)
{
	char line[1024];
	long n = 0;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL)
		n += s == NULL || (strstr(line, s) != NULL) == want;
	fclose(fp);
	return n;
}

/*
 * 'mcwatch lookup' against 'grepcidr -f' of repo's list over addrs, in
 * paired runs, after checking both find the same lines Mimecast's.
 */
static void
lookup_pair(const char *mc, const char *tmp, const char *repo,
    const char *addrs, const char *what)
{
	char list[256], out[256];
	char *largv[] = { (char *)mc, "lookup", "--repo", (char *)repo, NULL };
	char *gargv[] = { "grepcidr", "-f", list, NULL };
	struct paired p;
	long nl, ng;

	snprintf(list, sizeof(list), "%s/cidr/all-v4.txt", repo);
	snprintf(out, sizeof(out), "%s/lookup.out", tmp);
	spawn_once(largv, addrs, out, NULL);
	nl = count_lines(out, "not Mimecast", 0);
	spawn_once(gargv, addrs, out, NULL);
	ng = count_lines(out, NULL, 0);
	if (nl != ng || nl <= 0) {
		printf("lookup, %s: MATCHES DIFFER: mcwatch lookup %ld lines, "
		    "grepcidr -f %ld\n", what, nl, ng);
		exit(1);
	}
	paired_runs(largv, gargv, addrs, &p);
	printf("lookup, 1,000,000 log lines against %s (%ld lines match, as "
	    "grepcidr's): %d pairs, medians mcwatch lookup %.0f ms CPU (%.0f "
	    "wall), grepcidr -f %.0f ms CPU (%.0f wall); ratio %.2f (pairs "
	    "%.2f to %.2f; target <= 0.6)\n", what, nl, PAIRS, p.ca * 1e3,
	    p.a * 1e3, p.cb * 1e3, p.b * 1e3, p.ratio, p.lo, p.hi);
	fflush(stdout);
}

/*
 * lookup: 1,000,000 log lines, each with an address, through 'mcwatch
 * lookup' and through 'grepcidr -f' on the same list: Mimecast's (the
 * bundled sample), and the 10,000 networks of the generated page (where
 * loading 10,000 records weighs most).
 */
static void
lookup_bench(const char *mc, const char *tmp, const char *repo)
{
	char addrs[128], sample[128], cmd[512];
	FILE *fp;
	int i;

	if (system("command -v grepcidr > /dev/null") != 0) {
		printf("lookup: skipped (no grepcidr)\n");
		return;
	}
	snprintf(addrs, sizeof(addrs), "%s/addrs.txt", tmp);
	snprintf(sample, sizeof(sample), "%s/sample", tmp);
	snprintf(cmd, sizeof(cmd), "'%s' run -q --repo '%s' --url "
	    "samples/mimecast-data-centers.html > /dev/null 2>&1", mc, sample);
	if (system(cmd) != 0 || (fp = fopen(addrs, "w")) == NULL)
		exit(1);
	srand(7);
	for (i = 0; i < 1000000; i++)
		fprintf(fp, "Nov 28 03:17:00 mx smtpd[42]: connect from "
		    "unknown[%d.%d.%d.%d]\n", i % 3 ? 10 + rand() % 2 :
		    i % 2 ? 207 : 170, rand() % 256, rand() % 256, rand() % 256);
	fclose(fp);
	lookup_pair(mc, tmp, sample, addrs, "Mimecast's list");
	lookup_pair(mc, tmp, repo, addrs, "10,000 networks");
}

/*
 * Fetch over loopback: a run on the unchanged page by HTTP against the
 * same run by file (prun), and a 304 run against a download and parse.
 */
static void
fetch_bench(const char *mc, const char *self, const char *tmp,
    const char *page, const char *cpage, double prun)
{
	char www[128], portf[128], logf[128], httpd[4096], cmd[1024];
	char repo[128], u_plain[128], u_page[128], u_cos[128], port[16];
	char *dir, *p;
	double thttp, t304, tfull;
	pid_t pid;
	FILE *fp;
	int i;

	snprintf(www, sizeof(www), "%s/www", tmp);
	snprintf(portf, sizeof(portf), "%s/port", tmp);
	snprintf(logf, sizeof(logf), "%s/requests", tmp);
	snprintf(repo, sizeof(repo), "%s/httprepo", tmp);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s' && cp '%s' '%s/page.html' && "
	    "cp '%s' '%s/cosmetic.html'", www, page, www, cpage, www);
	if (system(cmd) != 0)
		exit(1);
	snprintf(httpd, sizeof(httpd), "%s", self);
	if ((dir = strrchr(httpd, '/')) == NULL)
		exit(1);
	snprintf(dir + 1, sizeof(httpd) - (size_t)(dir + 1 - httpd), "httpd");
	{
		char *hargv[] = { httpd, www, portf, logf, NULL };

		if (posix_spawn(&pid, httpd, NULL, NULL, hargv, environ) != 0) {
			perror(httpd);
			exit(1);
		}
	}
	for (i = 0; i < 100 && (fp = fopen(portf, "r")) == NULL; i++)
		usleep(50000);
	if (fp == NULL || fgets(port, sizeof(port), fp) == NULL)
		exit(1);
	fclose(fp);
	if ((p = strchr(port, '\n')) != NULL)
		*p = '\0';
	snprintf(u_plain, sizeof(u_plain), "http://127.0.0.1:%s/plain/page.html",
	    port);
	snprintf(u_page, sizeof(u_page), "http://127.0.0.1:%s/page", port);
	snprintf(u_cos, sizeof(u_cos), "http://127.0.0.1:%s/plain/cosmetic.html",
	    port);
	{
		char *first[] = { (char *)mc, "run", "-q", "--repo", repo,
		    "--url", u_page, NULL };
		char *plain[] = { (char *)mc, "run", "-q", "--repo", repo,
		    "--url", u_plain, NULL };
		char *cond[] = { (char *)mc, "run", "-q", "--repo", repo,
		    "--url", u_page, NULL };
		char *full[] = { (char *)mc, "run", "-q", "--repo", repo,
		    "--url", u_cos, NULL };

		spawn(first, 0, NULL);	/* records the ETag */
		thttp = best(plain, 0);
		t304 = best(cond, 0);
		tfull = best(full, 0);
	}
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	printf("fetch, unchanged page over loopback HTTP: %.2f ms, %.2f x the "
	    "same run from a file (target <= 1.10)\n", thttp * 1e3,
	    thttp / prun);
	printf("fetch, 304 run: %.2f ms, %.2f x a run that downloads and "
	    "parses (target < 1)\n", t304 * 1e3, t304 / tfull);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/mcwatch-bench-XXXXXX", page[64], repo[64], cpage[64];
	char hist[64], first[64], self[4096], day[32], wpage[64], *mc, *buf;
	size_t len, sz, wsz = 0;
	double wbare = 0, wours = 0;
	long wrss = 0;
	double t, bare = 1e9, ours = 1e9, pbare, pours, prun, pcos, d1, dn, sd, lg;
	double hi;
	long rss, rss_base = 0, rss_parse = 0;
	struct tm tm;
	time_t mid;
	FILE *devnull;
	ssize_t n;
	int i;

	if (argc == 3 && strcmp(argv[1], "--bare") == 0) {
		/* The bare parse as a process of its own. */
		buf = slurp(argv[2], &len);
		bare_parse(buf, len);
		free(buf);
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: bench path/to/mcwatch\n");
		return 2;
	}
	mc = argv[1];
	if (mkdtemp(tmpl) == NULL ||
	    (n = readlink("/proc/self/exe", self, sizeof(self) - 1)) < 0) {
		perror("bench");
		return 1;
	}
	self[n] = '\0';
	snprintf(page, sizeof(page), "%s/page.html", tmpl);
	snprintf(repo, sizeof(repo), "%s/repo", tmpl);
	snprintf(hist, sizeof(hist), "%s/history", tmpl);
	snprintf(cpage, sizeof(cpage), "%s/cosmetic.html", tmpl);
	snprintf(wpage, sizeof(wpage), "%s/wide.html", tmpl);
	sz = gen_page(page);
	/* The same data, other bytes: a footer, as a CMS edit would add. */
	{
		char cmd[256];

		snprintf(cmd, sizeof(cmd), "sed 's|</body>|<p>Updated</p></body>|' "
		    "'%s' > '%s'", page, cpage);
		if (system(cmd) != 0)
			return 1;
	}

	/*
	 * Processes first: a spawned child's peak RSS starts from this
	 * process's, so it must still be small when they run.
	 */
	{
		char *bargv[] = { self, "--bare", page, NULL };
		char *pargv[] = { mc, "parse", "-q", "--format", "json", page,
		    NULL };
		char *vargv[] = { mc, "--version", NULL };
		char *rargv[] = { mc, "run", "-q", "--repo", repo, "--url", page,
		    NULL };
		char *cargv[] = { mc, "run", "-q", "--repo", repo, "--url", cpage,
		    NULL };
		char *wbargv[] = { self, "--bare", wpage, NULL };
		char *wpargv[] = { mc, "parse", "-q", "--format", "json", wpage,
		    NULL };

		pbare = best(bargv, 0);
		pours = best(pargv, 0);
		for (i = 0; i < RUNS; i++) {
			spawn(pargv, 0, &rss);
			if (rss > rss_parse)
				rss_parse = rss;
			spawn(vargv, 0, &rss);
			if (rss > rss_base)
				rss_base = rss;
		}
		wsz = gen_wide(wpage);
		wbare = best(wbargv, 0);
		wours = best(wpargv, 0);
		spawn(wpargv, 0, &wrss);
		spawn(rargv, 0, NULL);		/* the first snapshot */
		prun = best(rargv, 0);		/* unchanged from then on */
		pcos = best(cargv, 0);		/* same data, other bytes */
	}

	buf = slurp(page, &len);
	devnull = fopen("/dev/null", "w");
	for (i = 0; i < RUNS; i++) {
		t = now();
		bare_parse(buf, len);
		if ((t = now() - t) < bare)
			bare = t;
		t = now();
		mcwatch_parse(buf, len, devnull);
		if ((t = now() - t) < ours)
			ours = t;
	}
	fclose(devnull);
	free(buf);

	printf("page: %d network rows, %zu bytes\n", NROWS, sz);
	printf("parse, in-process: bare htmlReadMemory %.2f ms, mcwatch "
	    "parse+json %.2f ms, ratio %.2f (target <= 1.50)\n",
	    bare * 1e3, ours * 1e3, ours / bare);
	printf("parse, as processes: bare %.2f ms, mcwatch parse --format "
	    "json %.2f ms, ratio %.2f (target <= 1.50)\n",
	    pbare * 1e3, pours * 1e3, pours / pbare);
	printf("parse, peak memory: %ld KiB over the %ld KiB baseline, "
	    "%.2f x the page (target < 10)\n", rss_parse - rss_base,
	    rss_base, (double)(rss_parse - rss_base) * 1024 / (double)sz);
	printf("parse, hostile page (%zu bytes of IPv6 ranges of ~250 "
	    "blocks each): %.2f ms, %.2f x a bare parse (target <= 10); "
	    "peak memory %.2f x the page\n", wsz, wours * 1e3, wours / wbare,
	    (double)(wrss - rss_base) * 1024 / (double)wsz);
	printf("run, unchanged page: %.2f ms, %.2f x mcwatch parse "
	    "(target <= 1.30)\n", prun * 1e3, prun / pours);
	printf("run, cosmetic edit only (parsed, nothing committed): %.2f ms, "
	    "%.2f x mcwatch parse\n", pcos * 1e3, pcos / pours);
	fflush(stdout);

	fetch_bench(mc, self, tmpl, page, cpage, prun);
	lookup_bench(mc, tmpl, repo);

	store_init();
	t = now();
	gen_history(hist, 0, NSNAPS);
	printf("history: %d snapshots written in %.1f s\n", NSNAPS, now() - t);
	{
		struct store *st;
		struct snapshot *c = NULL, *p = NULL;
		struct err err;

		/* The root snapshot's id, for 'diff FIRST HEAD'. */
		if ((st = store_open(hist, 0, &err)) == NULL ||
		    snapshot_head(st, &c, &err) == -1)
			return 1;
		while (snapshot_parent(st, c, &p, &err) == 0 && p != NULL) {
			snapshot_free(c);
			c = p;
		}
		snprintf(first, sizeof(first), "%s", snapshot_id(c));
		snapshot_free(c);
		store_close(st);
	}
	mid = EPOCH + (NSNAPS / 2) * DAY;
	gmtime_r(&mid, &tm);
	strftime(day, sizeof(day), "@%Y-%m-%d", &tm);
	{
		char *dfar[] = { mc, "diff", "--repo", hist, first, "HEAD",
		    NULL };
		char *dnear[] = { mc, "diff", "--repo", hist, "HEAD~1", "HEAD",
		    NULL };
		char *sdate[] = { mc, "show", "--repo", hist, day, NULL };
		char *log[] = { mc, "log", "--repo", hist, NULL };
		char *hq[] = { mc, "history", "--repo", hist,
		    "207.211.31.0/25", NULL };

		hi = best(hq, 0);
		dn = best(dnear, 0);
		d1 = best(dfar, 0);
		sd = best(sdate, 0);
		lg = best(log, 0);
	}
	printf("history: diff first..last %.2f ms, diff HEAD~1..HEAD %.2f ms, "
	    "ratio %.2f (target about 1)\n", d1 * 1e3, dn * 1e3, d1 / dn);
	printf("history: show %s (%d snapshots back) %.2f ms; log of %d "
	    "snapshots %.2f ms (target: interactive, under 1 s)\n", day,
	    NSNAPS / 2, sd * 1e3, NSNAPS, lg * 1e3);
	printf("history: 'mcwatch history 207.211.31.0/25' over %d snapshots "
	    "%.2f ms (target: under 1 s)\n", NSNAPS, hi * 1e3);

	publish_bench(mc, tmpl, hist);

	{
		char cmd[256];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
		if (system(cmd) != 0)
			return 1;
	}
	store_shutdown();
	return 0;
}
