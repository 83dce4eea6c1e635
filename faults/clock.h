/*
 * The time mcwatch records and judges by (health, status, commits, mail
 * dates): the system's, except in the test build, which may set it, so
 * that tests move the clock instead of sleeping.
 */
#ifndef MCWATCH_CLOCK_H
#define MCWATCH_CLOCK_H

#include <time.h>

/* Now, in seconds since the epoch (a weak definition: time(NULL)). */
time_t	clock_now(void);

#endif
