/*
 * Named fault points: places where a crash must leave nothing lost (before
 * and after a send, a state save). A test build stops the process at one
 * of them deterministically; the shipped binary passes them by.
 */
#ifndef MCWATCH_FAULT_H
#define MCWATCH_FAULT_H

/*
 * Pass fault point name. A no-op here (a weak definition); the test build
 * (tests/oom/failalloc.c) defines it to kill the process with SIGKILL at
 * the Nth pass of $MCWATCH_FAULT ("NAME" or "NAME:N").
 */
void	fault_point(const char *name);

#endif
