/* Telling a table's kind from the words of its header row. */
#ifndef MCWATCH_CLASSIFY_H
#define MCWATCH_CLASSIFY_H

#include <stddef.h>

#define HEADER_MAXFIELDS	32

enum col_role {
	COL_NONE,
	COL_NETWORK,		/* "Network": a.b.c.d/n */
	COL_CIDR,		/* "CIDR": /n beside an address */
	COL_NETMASK,
	COL_RANGE,		/* "IP Address Range [N]": first to last */
	COL_IP,			/* "IP Address": one host */
	COL_LOCATION,
	COL_LABEL,		/* "Region" of a range table */
	COL_APPLICATION,
	COL_URL,
	COL_PROTOCOL,
	COL_PORT,
	COL_USAGE,
	COL_STATUS		/* "Status": live, or a retirement's words */
};

enum table_kind {
	TABLE_UNKNOWN,
	TABLE_NETWORK,		/* Network / IP Address Range / Netmask */
	TABLE_HOST,		/* Location / IP Address / CIDR / Netmask */
	TABLE_RANGE,		/* Region / IP Address Range 1 / ... */
	TABLE_URL,		/* Application / URL */
	TABLE_PORT		/* Protocol / Default Port / Usage */
};

/*
 * A header row read as the fields its data rows hold, in order: spans
 * repeat a word across columns and some pages pad the header with empty
 * cells, so fields are the distinct words, not the columns.
 */
struct header {
	enum table_kind	 kind;
	enum col_role	 roles[HEADER_MAXFIELDS];
	size_t		 nroles;
};

/* The role a header cell's words name, or COL_NONE. */
enum col_role	 classify_word(const char *cell);
/* Read a header row (n cells); its kind, TABLE_UNKNOWN if none fits. */
enum table_kind	 classify_header(const char *const *cells, size_t n,
	    struct header *h);
/*
 * The kind of table a section heading announces ("Application URLs",
 * "... Non-SPF ...", "Protocol Connection Ports"), with the fields such a
 * table holds in the usual order, for a table with no header row;
 * TABLE_UNKNOWN if the heading names none.
 */
enum table_kind	 classify_heading(const char *heading, struct header *h);
/* Whether a first cell marks a call-out box ("Note:", "Important"). */
int		 classify_note(const char *cell);
/*
 * What a cell says of its row's status: STATUS_RETIRING for words that
 * announce a retirement ("Decommissioned 25 Sep 2023", "to be removed",
 * "deprecated"), STATUS_LIVE for a Status column's "Active" or "Live",
 * STATUS_NONE for anything else (a value).
 */
enum cell_status { STATUS_NONE, STATUS_LIVE, STATUS_RETIRING };
enum cell_status classify_status(const char *cell);
/* Name of a table kind, for messages. */
const char	*classify_kind_name(enum table_kind k);

#endif
