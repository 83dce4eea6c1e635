/*
 * TXT records from DNS, with c-ares (which stays inside dns/): the system
 * resolver's servers, or one named server (tests, split horizons), each
 * query bounded in time and in the size of its answer.
 */
#ifndef MCWATCH_DNS_H
#define MCWATCH_DNS_H

#include <stddef.h>

#include "../errors/err.h"

/* The most bytes of one name's TXT records, all strings joined. */
#define DNS_TXT_MAX	16384

struct dns;

/*
 * A resolver asking server ("HOST", "HOST:PORT", "[V6]:PORT"; NULL: the
 * system's servers), each query given timeout_ms in all. NULL with err
 * (ERR_USAGE for a bad server, ERR_FETCH when c-ares cannot start).
 */
struct dns	*dns_open(const char *server, long timeout_ms, struct err *err);
/* Free d; NULL is fine. */
void		 dns_close(struct dns *d);
/*
 * The TXT records of name into *out (malloc'd, *n of them; each record's
 * strings joined, as RFC 7208 3.3 reads them; free with dns_txt_free).
 * 0, or -1 with err of kind ERR_FETCH naming the name and the cause
 * (NXDOMAIN, no TXT record, SERVFAIL, refused, no answer in time, an
 * answer over DNS_TXT_MAX bytes), or ERR_NOMEM.
 */
int		 dns_txt(struct dns *d, const char *name, char ***out,
		    size_t *n, struct err *err);
/* Whether name may be asked: 1 to 253 bytes of a domain name's. */
int		 dns_name_ok(const char *name);
/* Free what dns_txt returned. */
void		 dns_txt_free(char **v, size_t n);

#endif
