/*
 * make bench: the speed and memory figures the issues ask for, as ratios
 * that cancel the machine's speed out. Two processes are compared in
 * PAIRS pairs run alternately (A B A B ...), by the median of the pairs'
 * CPU-time ratios with the lowest and highest pair and both sides'
 * medians; the floors are separate minimal programs beside this one
 * (tests/bench/floor_*.c: libxml2's tree parse, its push parser with empty
 * callbacks, an empty process, an empty process linked with all mcwatch's
 * libraries, libgit2 reading each snapshot's dataset), the peers the real
 * tools (grepcidr, git log, urlwatch). Where a target lies below a floor,
 * the floor's own ratio is printed beside it, so that what is mcwatch's
 * and what is its libraries' can be told apart.
 *
 * parse: a generated page of 10,000 network rows against floor_dom,
 *   floor_sax and floor_saxmem (and floor_saxmem against floor_sax); the
 *   bundled 18 KB page against floor_empty and floor_dom (that page), and
 *   floor_dom and floor_linked against floor_empty; in-process against
 *   htmlReadMemory (medians of alternate runs); peak memory is the
 *   child's maximum RSS less that of 'mcwatch --version'.
 * run: 'mcwatch run' on that page once it is the latest snapshot (the
 *   nightly no-change case) against 'mcwatch parse' and against
 *   urlwatch's unchanged cycle of a file:// job (and floor_linked and
 *   floor_gitinit against that); a cosmetic edit.
 * fetch: the unchanged run over loopback HTTP (tests/servers/httpd)
 *   against the run from a file; a 304 run against a download and parse.
 * hostile: 2 MiB of IPv6 ranges that each need ~250 CIDR blocks.
 * lookup: a million log lines through 'mcwatch lookup' and 'grepcidr -f',
 *   after checking both name the same lines.
 * history: 5,000 snapshots over 5,000 days: 'history ADDR' against 'git
 *   log --oneline' and against floor_gitwalk, floor_gitwalk against git
 *   log; diff far against near, show @DATE against log.
 * publish: the site of that history from scratch, and after one more
 *   snapshot with the old site in place.
 *
 * BENCH_ONLY (a list of parse, fetch, lookup, history and publish) runs
 * only those parts, for a developer after one figure; unset, all run.
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
#include "../../snapshots/source.h"
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

/*
 * Run argv (looked up in PATH) once, stdin from in, stdout to out, its
 * exit status at most maxexit (grepcidr exits 1 when nothing matched);
 * its wall seconds, its resource usage in *ru.
 */
static double
child_run(char *const argv[], const char *in, const char *out, int maxexit,
    struct rusage *ru)
{
	posix_spawn_file_actions_t fa;
	double t0;
	pid_t pid;
	int st;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT |
	    O_TRUNC, 0644);
	t0 = now();
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0 ||
	    wait4(pid, &st, 0, ru) == -1 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) > maxexit) {
		fprintf(stderr, "bench: %s %s failed\n", argv[0],
		    argv[1] != NULL ? argv[1] : "");
		exit(1);
	}
	t0 = now() - t0;
	posix_spawn_file_actions_destroy(&fa);
	return t0;
}

/* Run argv, which must exit 0, output discarded; wall seconds, *rss (if
 * not NULL) the child's peak RSS in KiB. */
static double
spawn(char *const argv[], long *rss)
{
	struct rusage ru;
	double t = child_run(argv, "/dev/null", "/dev/null", 0, &ru);

	if (rss != NULL)
		*rss = ru.ru_maxrss;
	return t;
}

/*
 * Run argv once with stdin from in, stdout to out, exit 0 or 1; its wall
 * seconds, and its CPU seconds (user and system) in *cpu.
 */
static double
spawn_once(char *const argv[], const char *in, const char *out,
    double *cpu)
{
	struct rusage ru;
	double t = child_run(argv, in, out, 1, &ru);

	if (cpu != NULL)
		*cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	return t;
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
	struct source_info si = { "zendesk:mimecastsupport.zendesk.com",
	    "https://mimecastsupport.zendesk.com/api/v2/help_center/articles/"
	    "360001234567", 0, "\"w/1\"", NULL, "04b61ab9bd85882a57ae48cd9bf8"
	    "bdbf858c86dadc3f14e7835aca6a80dcfa3d", MCWATCH_VERSION,
	    "360001234567", "2026-11-30T09:00:00Z" };
	struct err err;
	char *msg = NULL;
	size_t mlen;
	FILE *fp;
	char *page, *data, *source;
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
		/* As a nightly run writes it: its own time, each night. */
		si.fetched_at = sn.when = EPOCH + (time_t)n * DAY + 3600;
		if (source_json(&si, rs, &source, &sn.sourcelen) == -1)
			exit(1);
		sn.source = source;
		sn.message = msg;
		sn.author = "bench <bench@example.com>";
		if (snapshot_commit(st, head, &sn, &made, &err) == -1) {
			fprintf(stderr, "bench: %s\n", err.msg);
			exit(1);
		}
		free(data);
		free(source);
		snapshot_free(head);
		head = made;
	}
	snapshot_free(head);
	store_close(st);
	recordset_free(rs);
	free(page);
	free(msg);
}

static double	median_of(double *v, int n);

/* The smallest and the largest of the n in v. */
static void
spread_of(const double *v, int n, double *lo, double *hi)
{
	int i;

	for (*lo = *hi = v[0], i = 1; i < n; i++) {
		if (v[i] < *lo)
			*lo = v[i];
		if (v[i] > *hi)
			*hi = v[i];
	}
}

/*
 * publish: the site of the NSNAPS-snapshot history made from scratch (no
 * memo, no signatures, no old site: a first publish), then after each of
 * PUBRUNS new snapshots (the old site and its spare there, as every
 * night after the first two), with the site in dir: medians and spread,
 * against issue 22's targets. Each scratch run is paired with the file
 * system's floor for the same files: 'cp -r' of the site just made and
 * 'sync -f' (publish's one syncfs).
 * Every timed run starts after sync(2), so that none pays for writing
 * back what the bench wrote before it, and each scratch run makes a new
 * directory, nothing removed between: ext4 passes over inodes freed in
 * the last minute one by one when it makes a file (recently_deleted), so
 * a site made just after 'rm -rf' of another costs several times more.
 */
#define PUBRUNS	5
static void
publish_in(char *mc, char *hist, const char *dir, int *next)
{
	char site[300], copy[300], cmd[700], memo[400], sigs[400];
	char *pub[] = { mc, "publish", "--repo", hist, "--out", site, NULL };
	char *cp[] = { "cp", "-r", site, copy, NULL };
	char *sy[] = { "sync", "-f", copy, NULL };
	double scratch[PUBRUNS], incr[PUBRUNS], floor[PUBRUNS];
	double slo, shi, ilo, ihi, flo, fhi;
	int i;

	snprintf(memo, sizeof(memo), "%s/.git/mcwatch-publish", hist);
	snprintf(sigs, sizeof(sigs), "%s/.git/mcwatch-publish-site", hist);
	for (i = 0; i < PUBRUNS; i++) {
		snprintf(site, sizeof(site), "%s/site-%d", dir, i);
		snprintf(copy, sizeof(copy), "%s/copy-%d", dir, i);
		unlink(memo);
		unlink(sigs);
		sync();
		scratch[i] = spawn(pub, NULL);
		sync();
		floor[i] = spawn(cp, NULL);
		floor[i] += spawn(sy, NULL);
	}
	/*
	 * The last site made is the old site of each run after a snapshot;
	 * one first, untimed, leaves the spare beside it.
	 */
	gen_history(hist, (*next)++, 1);
	spawn(pub, NULL);
	for (i = 0; i < PUBRUNS; i++) {
		gen_history(hist, (*next)++, 1);
		sync();
		incr[i] = spawn(pub, NULL);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'/site-* '%s'/.site-* '%s'/copy-*",
	    dir, dir, dir);
	if (system(cmd) != 0)
		exit(1);
	spread_of(scratch, PUBRUNS, &slo, &shi);
	spread_of(incr, PUBRUNS, &ilo, &ihi);
	spread_of(floor, PUBRUNS, &flo, &fhi);
	printf("publish (site in %s): %d snapshots, medians of %d: from "
	    "scratch %.2f s (%.2f to %.2f; target <= 1.5 s; the file "
	    "system's floor, cp -r of the same site and sync -f, %.2f s, "
	    "%.2f to %.2f); after one new snapshot %.2f s (%.2f to %.2f; "
	    "target <= 0.2 s)\n", dir, NSNAPS, PUBRUNS,
	    median_of(scratch, PUBRUNS), slo, shi, median_of(floor, PUBRUNS),
	    flo, fhi, median_of(incr, PUBRUNS), ilo, ihi);
	fflush(stdout);
}

/*
 * publish, with the site beside the other files of the bench, and on a
 * tmpfs (/dev/shm) when there is one: the file system's cost of making
 * (from scratch) and linking (after a new snapshot) 5,000 files counts.
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

/* One paired comparison's line: both medians, the ratio and its spread. */
static void
pair_line(const char *what, const char *a, const char *b,
    const struct paired *p, const char *target)
{
	printf("%s: %d pairs, medians %s %.1f ms CPU (%.1f wall), %s %.1f ms "
	    "CPU (%.1f wall); ratio %.2f (pairs %.2f to %.2f; %s)\n", what,
	    PAIRS, a, p->ca * 1e3, p->a * 1e3, b, p->cb * 1e3, p->b * 1e3,
	    p->ratio, p->lo, p->hi, target);
	fflush(stdout);
}

/* A and B (no input) in paired runs, told as one line. */
static void
pair(const char *what, char *const a[], const char *an, char *const b[],
    const char *bn, const char *target)
{
	struct paired p;

	paired_runs(a, b, "/dev/null", &p);
	pair_line(what, an, bn, &p, target);
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
 * The unchanged night against the peer: urlwatch's cycle on a file://
 * job whose page did not change (its cache filled by a first cycle)
 * against mcwatch's unchanged run, paired; skipped without urlwatch.
 */
static void
urlwatch_bench(const char *tmp, const char *page, char *const run[],
    char *const linked[], char *const gitinit[])
{
	char urls[128], cfg[128], cache[128];
	char *uargv[] = { "urlwatch", "--urls", urls, "--config", cfg,
	    "--cache", cache, NULL };
	FILE *fp;

	if (system("command -v urlwatch > /dev/null") != 0) {
		printf("run, unchanged page against urlwatch: skipped (no "
		    "urlwatch)\n");
		return;
	}
	snprintf(urls, sizeof(urls), "%s/urls.yaml", tmp);
	snprintf(cfg, sizeof(cfg), "%s/urlwatch.yaml", tmp);
	snprintf(cache, sizeof(cache), "%s/cache.db", tmp);
	if ((fp = fopen(urls, "w")) == NULL)
		exit(1);
	fprintf(fp, "name: mimecast\nurl: file://%s\n", page);
	fclose(fp);
	spawn_once(uargv, "/dev/null", "/dev/null", NULL);
	pair("run, unchanged page against the peer", run, "mcwatch run",
	    uargv, "urlwatch (file:// job, unchanged)", "target: mcwatch "
	    "50 x faster, ratio <= 0.02");
	pair("run, unchanged page against the peer, the libraries' floor",
	    linked, "floor_linked (all mcwatch's libraries linked, main "
	    "returns)", uargv, "urlwatch (file:// job, unchanged)",
	    "no target: the least a program linked with them all can reach");
	pair("run, unchanged page against the peer, libgit2 started", gitinit,
	    "floor_gitinit (libgit2 alone, git_libgit2_init)", uargv,
	    "urlwatch (file:// job, unchanged)", "no target: the least any "
	    "one program that opens a repository with Debian's libgit2 can "
	    "reach");
}

/*
 * Fetch over loopback: a run on the unchanged page by HTTP against the
 * same run by file, and a 304 run against a download and parse, paired.
 */
static void
fetch_bench(const char *mc, const char *self, const char *tmp,
    const char *page, const char *cpage)
{
	char www[128], portf[128], logf[128], httpd[4096], cmd[1024];
	char repo[128], u_plain[128], u_page[128], u_cos[128], port[16];
	char urlrepo[160], u_file[160];
	char *dir, *p;
	char filerepo[128];
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

		char *byfile[] = { (char *)mc, "run", "-q", "--repo", filerepo,
		    "--url", (char *)page, NULL };
		char *byurl[] = { (char *)mc, "run", "-q", "--repo", urlrepo,
		    "--url", u_file, NULL };

		snprintf(filerepo, sizeof(filerepo), "%s/filerepo", tmp);
		snprintf(urlrepo, sizeof(urlrepo), "%s/urlrepo", tmp);
		snprintf(u_file, sizeof(u_file), "file://%s", page);
		spawn(first, NULL);	/* records the ETag */
		spawn(byfile, NULL);
		spawn(byurl, NULL);
		pair("fetch, unchanged page over loopback HTTP", plain,
		    "mcwatch run (http)", byfile, "mcwatch run (file)",
		    "target <= 1.1");
		/* A path needs no libcurl; a file:// URL loads it too. */
		pair("fetch, unchanged page over loopback HTTP, libcurl on both "
		    "sides", plain, "mcwatch run (http)", byurl, "mcwatch run "
		    "(file:// URL, read through libcurl's URL parser)",
		    "no target: the transfer's own cost");
		pair("fetch, a 304 run", cond, "mcwatch run (304)", full,
		    "mcwatch run (download and parse)", "target < 1");
	}
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

/* Whether part name is to run: BENCH_ONLY names it, or is unset. */
static int
part(const char *name)
{
	const char *only = getenv("BENCH_ONLY"), *p;
	size_t n = strlen(name);

	if (only == NULL || *only == '\0')
		return 1;
	for (p = only; (p = strstr(p, name)) != NULL; p += n)
		if ((p == only || p[-1] == ',' || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
	return 0;
}

/* The bench's files, all under dir, and the programs it runs. */
struct bench {
	char	*mc;			/* the mcwatch under test */
	char	 self[4096];		/* this program, beside the floors */
	char	 dir[64];
	char	 page[96], cpage[96], wpage[96], repo[96], hist[96];
	char	 floor_dom[4200], floor_sax[4200], floor_empty[4200];
	char	 floor_linked[4200], floor_gitwalk[4200], floor_gitinit[4200];
	char	 floor_saxmem[4200];
	size_t	 sz;			/* the generated page's size */
};

/*
 * Processes first: a spawned child's peak RSS starts from this
 * process's, so it must still be small when they run. Each figure is
 * mcwatch against a separate floor program (tests/bench/floor_*: libxml2
 * alone, or nothing) or against itself on other input, in paired runs.
 * The peak memories go to *rss_base and *rss_parse.
 */
static void
parse_procs(struct bench *b, long *rss_base, long *rss_parse)
{
	char *dargv[] = { b->floor_dom, b->page, NULL };
	char *sargv[] = { b->floor_sax, b->page, NULL };
	char *smargv[] = { b->floor_saxmem, b->page, NULL };
	char *eargv[] = { b->floor_empty, NULL };
	char *largv[] = { b->floor_linked, NULL };
	char *pargv[] = { b->mc, "parse", "-q", "--format", "json", b->page,
	    NULL };
	char *nargv[] = { b->mc, "parse", "-q", "--format", "json",
	    "samples/mimecast-data-centers.html", NULL };
	char *ndargv[] = { b->floor_dom, "samples/mimecast-data-centers.html",
	    NULL };
	char *vargv[] = { b->mc, "--version", NULL };
	char *wdargv[] = { b->floor_dom, b->wpage, NULL };
	char *wpargv[] = { b->mc, "parse", "-q", "--format", "json",
	    b->wpage, NULL };
	size_t wsz;
	long rss, wrss = 0;
	int i;

	for (i = 0; i < RUNS; i++) {
		spawn(pargv, &rss);
		if (rss > *rss_parse)
			*rss_parse = rss;
		spawn(vargv, &rss);
		if (rss > *rss_base)
			*rss_base = rss;
	}
	printf("page: %d network rows, %zu bytes\n", NROWS, b->sz);
	pair("parse of the 10,000-row page, as processes", pargv,
	    "mcwatch parse --format json", dargv, "floor_dom (libxml2 tree)",
	    "target <= 1.2");
	pair("parse of the 10,000-row page, as processes", pargv,
	    "mcwatch parse --format json", sargv, "floor_sax (libxml2 push "
	    "parser, empty callbacks)", "target <= 2");
	/* The parser mcwatch must use: the push parser drops content. */
	pair("parse of the 10,000-row page, the memory parser's floor",
	    smargv, "floor_saxmem (libxml2 memory parser, empty callbacks)",
	    sargv, "floor_sax", "no target: what reading on past a stray "
	    "</html> costs");
	pair("parse of the 10,000-row page, mcwatch's own part", pargv,
	    "mcwatch parse --format json", smargv, "floor_saxmem",
	    "no target: 1 is the parser mcwatch uses and no more");
	pair("parse of the bundled 18 KB page", nargv, "mcwatch parse "
	    "--format json", eargv, "floor_empty (a process that exits)",
	    "target <= 3");
	/* What of that is the libraries' before main, and what is ours. */
	pair("parse of the bundled 18 KB page, the libraries' floors", ndargv,
	    "floor_dom (libxml2 alone, the same page)", eargv, "floor_empty",
	    "no target: libxml2's own start and parse");
	pair("parse of the bundled 18 KB page, the libraries' floors", largv,
	    "floor_linked (all mcwatch's libraries linked, main returns)",
	    eargv, "floor_empty", "no target: the start of any one program "
	    "linked with them all, as mcwatch was");
	pair("parse of the bundled 18 KB page, mcwatch's own part", nargv,
	    "mcwatch parse --format json", ndargv, "floor_dom (the same page)",
	    "no target: 1 is libxml2's start and parse, and no more");
	wsz = gen_wide(b->wpage);
	spawn(wpargv, &wrss);
	pair("parse of a hostile page", wpargv, "mcwatch parse", wdargv,
	    "floor_dom", "target <= 10");
	printf("parse, hostile page: %zu bytes of IPv6 ranges of ~250 blocks "
	    "each, peak memory %.2f x the page\n", wsz,
	    (double)(wrss - *rss_base) * 1024 / (double)wsz);
	fflush(stdout);
}

/*
 * The nightly run on the generated page once it is the latest snapshot
 * (made before), against parse and against urlwatch; a cosmetic edit.
 */
static void
run_bench(struct bench *b)
{
	char *pargv[] = { b->mc, "parse", "-q", "--format", "json", b->page,
	    NULL };
	char *rargv[] = { b->mc, "run", "-q", "--repo", b->repo, "--url",
	    b->page, NULL };
	char *cargv[] = { b->mc, "run", "-q", "--repo", b->repo, "--url",
	    b->cpage, NULL };
	char *largv[] = { b->floor_linked, NULL };
	char *gargv[] = { b->floor_gitinit, NULL };
	struct paired prun;

	paired_runs(rargv, pargv, "/dev/null", &prun);
	pair_line("run, unchanged page (the nightly no-change case)",
	    "mcwatch run", "mcwatch parse", &prun, "target <= 1.3");
	pair("run, cosmetic edit only (parsed, nothing committed)", cargv,
	    "mcwatch run", pargv, "mcwatch parse", "no target");
	urlwatch_bench(b->dir, b->page, rargv, largv, gargv);
}

/* parse in-process against htmlReadMemory, alternately, medians. */
static void
parse_inproc(struct bench *b, long rss_base, long rss_parse)
{
	double t, bare, ours, tb[RUNS], to[RUNS];
	FILE *devnull;
	size_t len;
	char *buf;
	int i;

	buf = slurp(b->page, &len);
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		exit(1);
	for (i = 0; i < RUNS; i++) {
		t = now();
		bare_parse(buf, len);
		tb[i] = now() - t;
		t = now();
		mcwatch_parse(buf, len, devnull);
		to[i] = now() - t;
	}
	fclose(devnull);
	free(buf);
	bare = median_of(tb, RUNS);
	ours = median_of(to, RUNS);
	printf("parse, in-process, alternately, medians of %d: libxml2 "
	    "htmlReadMemory %.2f ms, mcwatch parse+json %.2f ms, ratio %.2f\n",
	    RUNS, bare * 1e3, ours * 1e3, ours / bare);
	printf("parse, peak memory: %ld KiB over the %ld KiB baseline, "
	    "%.2f x the page (target < 10)\n", rss_parse - rss_base,
	    rss_base, (double)(rss_parse - rss_base) * 1024 / (double)b->sz);
	fflush(stdout);
}

/* The id of the history's first snapshot into first, for 'diff'. */
static void
first_snapshot(const char *hist, char *first, size_t size)
{
	struct store *st;
	struct snapshot *c = NULL, *p = NULL;
	struct err err;

	if ((st = store_open(hist, 0, &err)) == NULL ||
	    snapshot_head(st, &c, &err) == -1)
		exit(1);
	while (snapshot_parent(st, c, &p, &err) == 0 && p != NULL) {
		snapshot_free(c);
		c = p;
	}
	snprintf(first, size, "%s", snapshot_id(c));
	snapshot_free(c);
	store_close(st);
}

/* history, diff and show over the NSNAPS-snapshot history. */
static void
history_bench(struct bench *b)
{
	char first[64], day[32];
	char *dfar[] = { b->mc, "diff", "--repo", b->hist, first, "HEAD",
	    NULL };
	char *dnear[] = { b->mc, "diff", "--repo", b->hist, "HEAD~1", "HEAD",
	    NULL };
	char *sdate[] = { b->mc, "show", "--repo", b->hist, day, NULL };
	char *log[] = { b->mc, "log", "--repo", b->hist, NULL };
	char *hq[] = { b->mc, "history", "--repo", b->hist, "207.211.31.0/25",
	    NULL };
	char *glog[] = { "git", "-C", b->hist, "log", "--oneline", NULL };
	char *gwalk[] = { b->floor_gitwalk, b->hist, SNAP_DATA, NULL };
	time_t mid = EPOCH + (NSNAPS / 2) * DAY;
	struct tm tm;

	first_snapshot(b->hist, first, sizeof(first));
	gmtime_r(&mid, &tm);
	strftime(day, sizeof(day), "@%Y-%m-%d", &tm);
	pair("history: 'mcwatch history 207.211.31.0/25' over 5,000 "
	    "snapshots", hq, "mcwatch history", glog,
	    "git log --oneline (the peer: every commit read)", "target <= 2");
	/* git log reads a commit a snapshot; a history needs its data too. */
	pair("history: the same, against libgit2 alone", hq, "mcwatch history",
	    gwalk, "floor_gitwalk (each commit, tree and new dataset)",
	    "no target: 1 is libgit2's reads and nothing else");
	pair("history: libgit2's floor against the peer", gwalk,
	    "floor_gitwalk", glog, "git log --oneline", "no target: the "
	    "least a history over loose objects can reach");
	pair("history: diff first..last against HEAD~1..HEAD", dfar,
	    "diff first..last", dnear, "diff HEAD~1..HEAD", "target about 1");
	pair("history: show of a day 2,500 snapshots back, against log",
	    sdate, "mcwatch show @DAY", log, "mcwatch log",
	    "target: both interactive, under 1 s");
}

/* b's paths under a new directory, and the floors' beside this program. */
static void
bench_init(struct bench *b, char *mc)
{
	char tmpl[] = "/tmp/mcwatch-bench-XXXXXX", *slash;
	ssize_t n;
	int len;

	memset(b, 0, sizeof(*b));
	b->mc = mc;
	if (mkdtemp(tmpl) == NULL ||
	    (n = readlink("/proc/self/exe", b->self, sizeof(b->self) - 1)) < 0 ||
	    (slash = strrchr(b->self, '/')) == NULL) {
		perror("bench");
		exit(1);
	}
	b->self[n] = '\0';
	len = (int)(slash - b->self);
	snprintf(b->dir, sizeof(b->dir), "%s", tmpl);
	snprintf(b->floor_dom, sizeof(b->floor_dom), "%.*s/floor_dom", len,
	    b->self);
	snprintf(b->floor_sax, sizeof(b->floor_sax), "%.*s/floor_sax", len,
	    b->self);
	snprintf(b->floor_saxmem, sizeof(b->floor_saxmem), "%.*s/floor_saxmem",
	    len, b->self);
	snprintf(b->floor_empty, sizeof(b->floor_empty), "%.*s/floor_empty",
	    len, b->self);
	snprintf(b->floor_linked, sizeof(b->floor_linked),
	    "%.*s/floor_linked", len, b->self);
	snprintf(b->floor_gitinit, sizeof(b->floor_gitinit),
	    "%.*s/floor_gitinit", len, b->self);
	snprintf(b->floor_gitwalk, sizeof(b->floor_gitwalk),
	    "%.*s/floor_gitwalk", len, b->self);
	snprintf(b->page, sizeof(b->page), "%s/page.html", tmpl);
	snprintf(b->repo, sizeof(b->repo), "%s/repo", tmpl);
	snprintf(b->hist, sizeof(b->hist), "%s/history", tmpl);
	snprintf(b->cpage, sizeof(b->cpage), "%s/cosmetic.html", tmpl);
	snprintf(b->wpage, sizeof(b->wpage), "%s/wide.html", tmpl);
}

int
main(int argc, char **argv)
{
	struct bench b;
	struct err err;
	long rss_base = 0, rss_parse = 0;
	char cmd[512];
	double t;

	if (argc != 2) {
		fprintf(stderr, "usage: [BENCH_ONLY=part,...] bench "
		    "path/to/mcwatch\n");
		return 2;
	}
	bench_init(&b, argv[1]);
	b.sz = gen_page(b.page);
	/* The same data, other bytes: a footer, as a CMS edit would add. */
	snprintf(cmd, sizeof(cmd), "sed 's|</body>|<p>Updated</p></body>|' "
	    "'%s' > '%s'", b.page, b.cpage);
	if (system(cmd) != 0)
		return 1;
	if (part("parse"))
		parse_procs(&b, &rss_base, &rss_parse);
	/* The generated page as the latest snapshot of repo. */
	{
		char *first[] = { b.mc, "run", "-q", "--repo", b.repo, "--url",
		    b.page, NULL };

		spawn(first, NULL);
	}
	if (part("parse")) {
		run_bench(&b);
		parse_inproc(&b, rss_base, rss_parse);
	}
	if (part("fetch"))
		fetch_bench(b.mc, b.self, b.dir, b.page, b.cpage);
	if (part("lookup"))
		lookup_bench(b.mc, b.dir, b.repo);
	if (store_init(&err) == -1) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	if (part("history") || part("publish")) {
		t = now();
		gen_history(b.hist, 0, NSNAPS);
		printf("history: %d snapshots written in %.1f s\n", NSNAPS,
		    now() - t);
	}
	if (part("history"))
		history_bench(&b);
	if (part("publish"))
		publish_bench(b.mc, b.dir, b.hist);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", b.dir);
	if (system(cmd) != 0)
		return 1;
	store_shutdown();
	return 0;
}
