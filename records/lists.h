/*
 * The lists a record belongs to: what a firewall or a mail relay takes.
 * A gateway network (mail flows through it), a non-SPF range, a website
 * host, an application URL, a port. See mcwatch-records(5), LISTS.
 */
#ifndef MCWATCH_LISTS_H
#define MCWATCH_LISTS_H

#include <stdio.h>

#include "record.h"

enum record_list {
	LIST_GATEWAY,		/* network records, but website hosts */
	LIST_NONSPF,		/* range records */
	LIST_WEBSITE,		/* network records under a "website" heading */
	LIST_URLS,
	LIST_PORTS,
	LIST_N
};

/* The lists of addresses: the ones a CIDR list file is made of. */
#define LIST_ADDRESSES	((1u << LIST_GATEWAY) | (1u << LIST_NONSPF) | \
			    (1u << LIST_WEBSITE))

/*
 * A bit beside the lists in a mask: keep retiring records, which every
 * allow list leaves out otherwise (mcwatch-records(5), STATUS).
 */
#define LISTS_RETIRING	(1u << 31)

/* The list r belongs to. */
enum record_list	 record_list(const struct record *r);
/*
 * Whether r is in one of the lists of mask: its list's bit set, and live
 * unless mask keeps retiring records (LISTS_RETIRING).
 */
int			 record_in_lists(const struct record *r, unsigned mask);
/* "gateway", "non-spf", "website", "urls", "ports". */
const char		*record_list_name(enum record_list l);
/* "gateway network", "non-SPF range", ...: what one record of it is. */
const char		*record_list_label(enum record_list l);
/* The list named s; 0, or -1 if none is. */
int			 record_list_parse(const char *s, enum record_list *l);

/*
 * Write the CIDR blocks of records [from, to) of rs that are in one of the
 * lists of mask and of address family 4 or 6: networks and the CIDR
 * covers of ranges, sorted numerically, one a line, without duplicates or
 * blocks inside a listed block. Never both families in one list: a tool
 * that reads one (iprange, aggregate) misreads the other. 0, or -1 on
 * memory or a write error.
 */
int	cidrlist_write(FILE *fp, const struct recordset *rs, size_t from,
	    size_t to, unsigned mask, int family);

#endif
