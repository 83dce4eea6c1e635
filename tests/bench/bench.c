/*
 * make bench: the speed and memory figures the issues ask for, measured
 * as ratios in one run so the machine's speed cancels out.
 *
 * Parse: a generated page of 10,000 network rows. "bare" is libxml2's
 * htmlReadMemory of the same bytes, the floor any HTML-reading tool pays;
 * "mcwatch" is 'mcwatch parse --format json' of the page. Both are timed
 * in-process (library calls) and as processes (fork, exec, read, parse,
 * write), best of several runs. Peak memory is the child's maximum RSS
 * less that of 'mcwatch --version', against the page size.
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>

#include "../../parser/parse.h"
#include "../../records/output.h"

#define NROWS	10000
#define RUNS	7

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
	char err[PARSE_ERRMAX];

	if (parse_page(buf, len, NULL, &rs, err) != PARSE_OK ||
	    rs->nrecs < NROWS) {
		fprintf(stderr, "bench: parse failed: %s\n", err);
		exit(1);
	}
	output_json(devnull, rs);
	recordset_free(rs);
}

/* Run argv with stdout to /dev/null; wall seconds, *rss in KiB. */
static double
spawn(char *const argv[], long *rss)
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
	    WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench: %s failed\n", argv[0]);
		exit(1);
	}
	*rss = ru.ru_maxrss;
	return now() - t0;
}

int
main(int argc, char **argv)
{
	char page[] = "/tmp/mcwatch-bench-XXXXXX";
	char *mc, *buf, self[4096];
	size_t len, sz;
	double t, bare = 1e9, ours = 1e9, pbare = 1e9, pours = 1e9;
	long rss, rss_base = 0, rss_parse = 0;
	FILE *devnull;
	int i, fd;

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
	if ((fd = mkstemp(page)) == -1) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	sz = gen_page(page);
	/*
	 * Processes first: a spawned child's peak RSS starts from this
	 * process's, so it must still be small when they run.
	 */
	{
		ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
		char *bargv[] = { self, "--bare", page, NULL };
		char *pargv[] = { mc, "parse", "-q", "--format", "json", page,
		    NULL };
		char *vargv[] = { mc, "--version", NULL };

		if (n < 0)
			return 1;
		self[n] = '\0';
		for (i = 0; i < RUNS; i++) {
			if ((t = spawn(bargv, &rss)) < pbare)
				pbare = t;
			if ((t = spawn(pargv, &rss)) < pours)
				pours = t;
			if (rss > rss_parse)
				rss_parse = rss;
			spawn(vargv, &rss);
			if (rss > rss_base)
				rss_base = rss;
		}
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
	fclose(devnull);
	free(buf);
	unlink(page);
	return 0;
}
