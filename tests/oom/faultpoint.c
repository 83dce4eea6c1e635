/*
 * The test build's fault points, linked into mcwatch-oom over the weak
 * no-op of faults/fault.c:
 *
 *   MCWATCH_FAULT=NAME[:N]  SIGKILL at the Nth pass of point NAME (1st)
 *   MCWATCH_FAULT_LOG=FILE  append the name of every point passed
 *
 * A kill here is a crash at a named moment, not a random one: a test can
 * run a command through every point and check what it left.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../faults/clock.h"
#include "../../faults/fault.h"

void
fault_point(const char *name)
{
	static long passes;
	const char *want = getenv("MCWATCH_FAULT"), *log, *colon;
	size_t n;
	long nth = 1;
	FILE *fp;

	if ((log = getenv("MCWATCH_FAULT_LOG")) != NULL &&
	    (fp = fopen(log, "a")) != NULL) {
		fprintf(fp, "%s\n", name);
		fclose(fp);
	}
	if (want == NULL)
		return;
	colon = strchr(want, ':');
	n = colon != NULL ? (size_t)(colon - want) : strlen(want);
	if (colon != NULL)
		nth = strtol(colon + 1, NULL, 10);
	if (strlen(name) != n || strncmp(name, want, n) != 0 || ++passes < nth)
		return;
	raise(SIGKILL);
}

/*
 *   MCWATCH_NOW=SECONDS     the clock reads this (seconds since the epoch)
 */
time_t
clock_now(void)
{
	const char *now = getenv("MCWATCH_NOW");

	return now != NULL && now[0] != '\0' ? (time_t)strtoll(now, NULL, 10) :
	    time(NULL);
}
