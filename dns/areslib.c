/*
 * c-ares, loaded at its first use (util/lazylib.h): the one table of the
 * functions mcwatch calls, from which their names, their indices and the
 * wrappers, defined under c-ares' names and so checked against ares.h,
 * are all generated. A function missing here fails the link.
 */
#include <sys/select.h>

#include <ares.h>

#include "areslib.h"
#include "../util/lazylib.h"

#ifndef ARESLIB_SONAME
#error "ARESLIB_SONAME: the Makefile passes it (scripts/soname libcares)"
#endif

/* F(return type, name, (parameters), (arguments)); V for void ones. */
#define ARESLIB_FUNCS(F, V, N) \
	V(ares_cancel, (ares_channel channel), (channel)) \
	V(ares_destroy, (ares_channel channel), (channel)) \
	F(int, ares_fds, \
	    (ares_channel channel, fd_set *read_fds, fd_set *write_fds), \
	    (channel, read_fds, write_fds)) \
	V(ares_free_data, (void *dataptr), (dataptr)) \
	F(int, ares_init_options, \
	    (ares_channel *channelptr, struct ares_options *options, \
	    int optmask), (channelptr, options, optmask)) \
	V(ares_library_cleanup, (void), ()) \
	F(int, ares_library_init, (int flags), (flags)) \
	F(int, ares_parse_txt_reply_ext, \
	    (const unsigned char* abuf, int alen, \
	    struct ares_txt_ext** txt_out), (abuf, alen, txt_out)) \
	V(ares_process, \
	    (ares_channel channel, fd_set *read_fds, fd_set *write_fds), \
	    (channel, read_fds, write_fds)) \
	V(ares_query, \
	    (ares_channel channel, const char *name, int dnsclass, \
	    int type, ares_callback callback, void *arg), \
	    (channel, name, dnsclass, type, callback, arg)) \
	F(int, ares_set_servers_ports_csv, \
	    (ares_channel channel, const char* servers), (channel, servers)) \
	F(const char *, ares_strerror, (int code), (code)) \
	F(struct timeval *, ares_timeout, \
	    (ares_channel channel, struct timeval *maxtv, \
	    struct timeval *tv), (channel, maxtv, tv))

LAZYLIB_DEFINE(ARESLIB_FUNCS, ARESLIB_SONAME)

int
areslib_load(struct err *err)
{
	return lazylib_load(&lib, ERR_FETCH, err);
}
