/*
 * Exports: the records of a snapshot in the formats firewalls and mail
 * servers load (ipset, nftables, Postfix, the Microsoft 365 connection
 * filter) and as plain or merged prefix lists. Formats are rows of a
 * table; every output is sorted and stable, so two exports diff cleanly.
 */
#ifndef MCWATCH_EXPORT_H
#define MCWATCH_EXPORT_H

#include <stdio.h>

#include "../errors/err.h"
#include "../records/record.h"

#define EXPORT_M365_MAX		1273	/* entries the IP Allow list takes */

struct export_opts {
	unsigned	 lists;		/* a mask of record_list()s */
	int		 family;	/* 4, 6, or 0 for both */
	const char	*name;		/* a set's name, or NULL for the default */
	const char	*nft_family;	/* nft: the table's family, or NULL */
	const char	*nft_table;	/* nft: the table, or NULL (mimecast) */
	int		 powershell;	/* m365: a ready PowerShell line */
	/* m365 --powershell: the snapshot to compute Remove against */
	const struct recordset *since;	/* selected as rs; NULL: add all */
};

struct export_format {
	const char	*name;
	/*
	 * Write rs (already selected); 0, or -1 with err: ERR_USAGE when
	 * the selection is too large for the format (m365's limit).
	 */
	int		(*write)(FILE *, const struct recordset *,
			    const struct export_opts *, struct err *err);
	int		 families;	/* the families it takes: 4|6 bits */
};

/* The format called name, or NULL. */
const struct export_format	*export_find(const char *name);
/* The format names, "|"-separated. */
const char			*export_names(void);

#endif
