/* Making records by hand for the unit tests (include after cmocka.h). */
#ifndef MCWATCH_TEST_MKRECORD_H
#define MCWATCH_TEST_MKRECORD_H

#include <stdlib.h>
#include <string.h>

#include "../../records/record.h"
#include "../../records/region.h"

/* A record of kind with its place filled in. */
static inline void
mk_place(struct record *r, enum record_kind kind, const char *region,
    const char *section)
{
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->region = strdup(region);
	r->region_code = region_code(region);
	r->section = strdup(section);
}

static inline void
mk_network(struct recordset *rs, const char *region, const char *cidr,
    const char *netmask)
{
	struct record r;

	mk_place(&r, RECORD_NETWORK, region, "IP Addresses and Network Ranges");
	assert_int_equal(cidr_parse(cidr, &r.cidr), 0);
	r.netmask = netmask ? strdup(netmask) : NULL;
	assert_int_equal(recordset_add(rs, &r), 0);
	assert_null(r.region);
}

static inline void
mk_url(struct recordset *rs, const char *region, const char *app,
    const char *url)
{
	struct record r;

	mk_place(&r, RECORD_URL, region, "Application URLs");
	r.application = strdup(app);
	r.url = strdup(url);
	assert_int_equal(recordset_add(rs, &r), 0);
}

static inline void
mk_port(struct recordset *rs, const char *proto, int port)
{
	struct record r;

	mk_place(&r, RECORD_PORT, "Global Application Resources",
	    "Protocol Connection Ports");
	r.protocol = strdup(proto);
	r.usage = strdup("");
	r.port = port;
	assert_int_equal(recordset_add(rs, &r), 0);
}

#endif
