/*
 * Running out of memory, told the same way everywhere: every layer ends
 * its message with NOMEM_TEXT, so that whoever chooses the exit status
 * can tell it from a fetch, parse or repository failure.
 */
#ifndef MCWATCH_NOMEM_H
#define MCWATCH_NOMEM_H

#define NOMEM_TEXT	"out of memory"

/* Whether msg says memory ran out (ends with NOMEM_TEXT, any case). */
int	nomem_said(const char *);

#endif
