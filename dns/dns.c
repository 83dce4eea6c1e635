/* TXT queries through c-ares, one at a time, each bounded. */
#include <sys/select.h>

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ares.h>

#include "dns.h"
#include "areslib.h"

#define TRIES	2	/* a lost datagram is asked again, once */

struct dns {
	ares_channel	 ch;
	char		 server[80];	/* as given, for messages; "" */
	long		 timeout_ms;
};

/* One query's outcome, filled by the callback. */
struct answer {
	int		 done;
	int		 status;
	char		**v;
	size_t		 n;
	size_t		 bytes;
	int		 toolong;
	int		 nomem;
};

/*
 * Whether s is "ADDR", "ADDR:PORT" (IPv4) or "[ADDR]:PORT", "ADDR"
 * (IPv6): a literal, so that naming the server needs no lookup.
 */
static int
server_ok(const char *s)
{
	char host[64], v6[16];
	const char *port = NULL, *end;
	size_t n;
	long p;

	if (s[0] == '[') {
		if ((end = strchr(s, ']')) == NULL || (n = end - s - 1) >= 64)
			return 0;
		memcpy(host, s + 1, n);
		host[n] = '\0';
		if (end[1] == ':')
			port = end + 2;
		else if (end[1] != '\0')
			return 0;
		if (inet_pton(AF_INET6, host, v6) != 1)
			return 0;
	} else {
		n = strcspn(s, ":");
		if (n >= 64)
			return 0;
		memcpy(host, s, n);
		host[n] = '\0';
		if (s[n] == ':')
			port = s + n + 1;
		if (inet_pton(AF_INET, host, v6) != 1)
			return 0;
	}
	if (port == NULL)
		return 1;
	p = strtol(port, (char **)&end, 10);
	return end != port && *end == '\0' && p >= 1 && p <= 65535;
}

struct dns *
dns_open(const char *server, long timeout_ms, struct err *err)
{
	struct ares_options o;
	struct dns *d;
	int rc;

	if (server != NULL && !server_ok(server)) {
		err_set(err, ERR_USAGE, "--dns %s: want an address, with a port "
		    "if not 53 (127.0.0.1:5353, [::1]:5353)", server);
		return NULL;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		err_nomem(err, "dns");
		return NULL;
	}
	d->timeout_ms = timeout_ms;
	snprintf(d->server, sizeof(d->server), "%s", server ? server : "");
	memset(&o, 0, sizeof(o));
	o.timeout = (int)(timeout_ms / TRIES > 0 ? timeout_ms / TRIES : 1);
	o.tries = TRIES;
	/* The name as it is: no search domains, no HOSTALIASES file. */
	o.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES;
	/* One server named: its SERVFAIL or REFUSED is the answer, told. */
	if (server != NULL)
		o.flags |= ARES_FLAG_NOCHECKRESP;
	if (areslib_load(err) == -1) {
		free(d);
		return NULL;
	}
	if ((rc = ares_library_init(ARES_LIB_INIT_ALL)) != ARES_SUCCESS) {
		free(d);
		err_set(err, ERR_FETCH, "dns: cannot start the resolver: %s",
		    ares_strerror(rc));
		return NULL;
	}
	if ((rc = ares_init_options(&d->ch, &o, ARES_OPT_TIMEOUTMS |
	    ARES_OPT_TRIES | ARES_OPT_FLAGS)) != ARES_SUCCESS ||
	    (server != NULL && (rc = ares_set_servers_ports_csv(d->ch,
	    server)) != ARES_SUCCESS)) {
		err_set(err, ERR_FETCH, "dns: cannot start the resolver: %s",
		    ares_strerror(rc));
		if (d->ch != NULL)
			ares_destroy(d->ch);
		d->ch = NULL;
		dns_close(d);	/* the library's count too */
		return NULL;
	}
	return d;
}

void
dns_close(struct dns *d)
{
	if (d == NULL)
		return;
	if (d->ch != NULL)
		ares_destroy(d->ch);
	ares_library_cleanup();
	free(d);
}

void
dns_txt_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Append record text t (len bytes) to a new or the last string of a. */
static int
answer_add(struct answer *a, const unsigned char *t, size_t len, int start)
{
	char **nv, *s;
	size_t old;

	if ((a->bytes += len) > DNS_TXT_MAX) {
		a->toolong = 1;
		return -1;
	}
	if (start || a->n == 0) {
		if ((nv = realloc(a->v, (a->n + 1) * sizeof(*nv))) == NULL)
			return -1;
		a->v = nv;
		if ((a->v[a->n] = calloc(1, 1)) == NULL)
			return -1;
		a->n++;
	}
	old = strlen(a->v[a->n - 1]);
	if ((s = realloc(a->v[a->n - 1], old + len + 1)) == NULL)
		return -1;
	memcpy(s + old, t, len);
	s[old + len] = '\0';
	a->v[a->n - 1] = s;
	return 0;
}

/* c-ares' callback: the TXT strings of the answer into arg. */
static void
on_answer(void *arg, int status, int timeouts, unsigned char *abuf,
    int alen)
{
	struct answer *a = arg;
	struct ares_txt_ext *txt = NULL, *t;

	(void)timeouts;
	a->done = 1;
	a->status = status;
	if (status != ARES_SUCCESS)
		return;
	if ((a->status = ares_parse_txt_reply_ext(abuf, alen, &txt)) !=
	    ARES_SUCCESS)
		return;
	for (t = txt; t != NULL; t = t->next) {
		/* A NUL in a string would cut it short: refused. */
		if (memchr(t->txt, '\0', t->length) != NULL) {
			a->status = ARES_EBADRESP;
			break;
		}
		if (answer_add(a, t->txt, t->length, t->record_start) == -1) {
			a->nomem = !a->toolong;
			a->status = ARES_ENOMEM;
			break;
		}
	}
	ares_free_data(txt);
}

/* Drive the channel until the query is answered or its time is up. */
static void
wait_answer(struct dns *d, struct answer *a)
{
	struct timespec t0, t;
	struct timeval tv, *tvp;
	fd_set r, w;
	int nfds;
	long spent;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!a->done) {
		FD_ZERO(&r);
		FD_ZERO(&w);
		if ((nfds = ares_fds(d->ch, &r, &w)) == 0)
			break;
		tvp = ares_timeout(d->ch, NULL, &tv);
		if (select(nfds, &r, &w, NULL, tvp) == -1 && errno != EINTR)
			break;
		ares_process(d->ch, &r, &w);
		clock_gettime(CLOCK_MONOTONIC, &t);
		spent = (t.tv_sec - t0.tv_sec) * 1000 +
		    (t.tv_nsec - t0.tv_nsec) / 1000000;
		/* c-ares keeps its own time; this is the bound it must keep. */
		if (spent > d->timeout_ms + 1000)
			ares_cancel(d->ch);
	}
}

int
dns_name_ok(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n <= 253 && strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") == n && name[0] != '.';
}

/* The cause of a failed query, as an administrator reads it. */
static const char *
cause(const struct dns *d, const struct answer *a, char *buf, size_t len)
{
	switch (a->status) {
	case ARES_ENOTFOUND:
		return "no such name (NXDOMAIN)";
	case ARES_ENODATA:
		return "no TXT record";
	case ARES_ESERVFAIL:
		return "the server failed (SERVFAIL)";
	case ARES_EREFUSED:
		return "the server refused the query (REFUSED)";
	case ARES_ECONNREFUSED:
		return "no server answered (each failed, refused or was "
		    "unreachable)";
	case ARES_ETIMEOUT:
	case ARES_ECANCELLED:
		snprintf(buf, len, "no answer within %ld ms", d->timeout_ms);
		return buf;
	case ARES_ENOMEM:
		if (a->toolong) {
			snprintf(buf, len, "an answer over %d bytes",
			    DNS_TXT_MAX);
			return buf;
		}
		return "out of memory";
	case ARES_EBADRESP:
		return "a malformed answer (or a NUL in a string)";
	default:
		return ares_strerror(a->status);
	}
}

int
dns_txt(struct dns *d, const char *name, char ***out, size_t *n,
    struct err *err)
{
	struct answer a;
	char buf[64];

	*out = NULL;
	*n = 0;
	if (!dns_name_ok(name))
		return err_set(err, ERR_FETCH, "dns: '%s' is no domain name",
		    name);
	memset(&a, 0, sizeof(a));
	ares_query(d->ch, name, ns_c_in, ns_t_txt, on_answer, &a);
	wait_answer(d, &a);
	if (!a.done)
		a.status = ARES_ETIMEOUT;
	if (a.status != ARES_SUCCESS) {
		dns_txt_free(a.v, a.n);
		if (a.nomem)
			return err_nomem(err, "dns");
		return err_set(err, ERR_FETCH, "dns %s%s%s: %s", name,
		    d->server[0] ? " from " : "", d->server,
		    cause(d, &a, buf, sizeof(buf)));
	}
	*out = a.v;
	*n = a.n;
	return 0;
}
