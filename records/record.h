/*
 * The record: one fact from the page. This is the contract between the
 * stages and with users; see mcwatch-records(5) before changing it.
 */
#ifndef MCWATCH_RECORD_H
#define MCWATCH_RECORD_H

#include <stddef.h>

#include "../addr/addr.h"

enum record_kind {
	RECORD_NETWORK,
	RECORD_RANGE,
	RECORD_URL,
	RECORD_PORT,
	RECORD_NKINDS
};

/*
 * Live, or being retired: struck through on the page, or marked so by a
 * Status column or a note ("Decommissioned 25 Sep 2023") before the row
 * goes. A retiring record stays in the snapshot but out of the allow
 * lists (mcwatch-records(5), STATUS).
 */
enum record_status {
	RECORD_LIVE,
	RECORD_RETIRING
};

/* "live" or "retiring". */
const char	*record_status_name(enum record_status s);

struct record {
	enum record_kind  kind;
	char		 *region;	/* heading as on the page */
	char		 *region_code;	/* "us", ..., or a slug */
	char		 *section;	/* heading under the region, or "" */

	/* network */
	struct cidr	  cidr;
	char		 *first;	/* as the page states; NULL if absent */
	char		 *last;
	char		 *netmask;
	char		 *location;

	/* range (first and last above are set too) */
	char		 *label;
	int		  position;	/* 1-based, within its row */
	struct cidr	 *cidrs;	/* minimal cover of first..last */
	size_t		  ncidrs;

	/* url */
	char		 *application;
	char		 *url;

	/* port */
	char		 *protocol;
	int		  port;
	char		 *usage;

	/* every kind: whether the page is retiring it, and what it says */
	enum record_status status;
	char		 *note;		/* why (the page's words), or NULL */
};

/* A problem found in the page, attached to where it was found. */
struct warning {
	char	*region;
	char	*section;
	char	*message;
};

/* A record set and the warnings found while making it. */
struct recordset {
	struct record	*recs;
	size_t		 nrecs;
	size_t		 caprecs;
	struct warning	*warns;
	size_t		 nwarns;
	size_t		 capwarns;
};

/* "network", "range", ... for a kind. */
const char	*record_kind_name(enum record_kind k);
/* The kind names, "|"-separated. */
const char	*record_kind_names(void);
/* The kind named s; 0, or -1 if none is. */
int		 record_kind_parse(const char *s, enum record_kind *k);

void	 record_clear(struct record *r);
/* strcmp with NULL (an absent field) before any string. */
int	 record_strcmp(const char *a, const char *b);
/* Total order over every field; <0, 0, >0. */
int	 record_cmp(const struct record *a, const struct record *b);
/* Order by identity alone (the identity of mcwatch-records(5)); <0, 0, >0. */
int	 record_identity_cmp(const struct record *a, const struct record *b);
/* Whether two records are the same fact. */
int	 record_same_identity(const struct record *a, const struct record *b);

struct recordset	*recordset_new(void);
/* Room for n records in all, made at once; 0, or -1 on memory. */
int			 recordset_reserve(struct recordset *rs, size_t n);
void			 recordset_free(struct recordset *rs);
/* Take ownership of *r (cleared on return); 0, or -1 on memory. */
int	 recordset_add(struct recordset *rs, struct record *r);
/* Add a warning; message built printf-style; 0, or -1 on memory. */
int	 recordset_warn(struct recordset *rs, const char *region,
	    const char *section, const char *fmt,
	    ...) __attribute__((format(printf, 4, 5)));
/*
 * Sort records and warnings into canonical order and drop exact
 * duplicates (warning about duplicated records); 0, or -1 on memory.
 */
int	 recordset_sort(struct recordset *rs);

#endif
