/* source.json: where and when a snapshot's page came from. */
#ifndef MCWATCH_SOURCE_H
#define MCWATCH_SOURCE_H

#include <stddef.h>
#include <time.h>

#include "../records/record.h"

struct source_info {
	const char	*url;		/* as asked for */
	const char	*final_url;	/* after redirects */
	time_t		 fetched_at;
	const char	*etag;		/* HTTP validators, or NULL */
	const char	*last_modified;
	const char	*sha256;	/* of the page bytes */
	const char	*version;	/* mcwatch's */
};

/*
 * The source.json bytes (malloc'd) for si and the page's warnings:
 * {"url", "final_url", "fetched_at" (ISO 8601 UTC), "etag",
 * "last_modified", "page_sha256", "mcwatch_version", "warnings"}.
 * 0, or -1 on memory.
 */
int	source_json(const struct source_info *, const struct recordset *,
	    char **, size_t *);

/* The mcwatch version a source.json records, into out; 0, or -1. */
int	source_version(const char *, size_t, char *, size_t);

/* The ETag and Last-Modified a source.json records (malloc'd, or NULL). */
void	source_validators(const char *, size_t, char **, char **);

#endif
