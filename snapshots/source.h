/* source.json: where and when a snapshot's page came from. */
#ifndef MCWATCH_SOURCE_H
#define MCWATCH_SOURCE_H

#include <stddef.h>
#include <time.h>

#include "../errors/err.h"
#include "../records/record.h"
#include "../util/sha256.h"

struct source_info {
	const char	*url;		/* as asked for */
	const char	*final_url;	/* after redirects */
	time_t		 fetched_at;
	const char	*etag;		/* HTTP validators, or NULL */
	const char	*last_modified;
	const char	*sha256;	/* of the page bytes */
	const char	*version;	/* mcwatch's */
	const char	*article_id;	/* a help-centre article's, or NULL */
	const char	*edited_at;	/* when it was last edited, or NULL */
};

/*
 * The source.json bytes (malloc'd) for si and the page's warnings:
 * {"url", "final_url", "fetched_at" (ISO 8601 UTC), "etag",
 * "last_modified", "page_sha256", "mcwatch_version", "warnings", and for a
 * help-centre article "article_id" and "edited_at"}.
 * 0, or -1 on memory.
 */
int	source_json(const struct source_info *si, const struct recordset *rs,
	    char **buf, size_t *len);

/* What a recorded source.json says about the fetch that made it. */
struct source_prev {
	char	*url;		/* as asked for; each NULL when absent */
	char	*final_url;	/* after redirects */
	char	*version;	/* the mcwatch that made it */
	char	*etag;
	char	*last_modified;
	char	*article_id;
	char	*edited_at;	/* only when it reads as a time */
	char	 sha256[SHA256_HEXLEN]; /* page_sha256: hex, or "" */
	struct recordset *warned; /* the page's warnings, or NULL */
};

/* Warnings of a source.json read back, at most. */
#define SOURCE_MAXWARNINGS	1000

/*
 * Read a source.json's bytes into *sp (members malloc'd, freed with
 * source_prev_clear). 0, or -1 with err (ERR_PARSE, jansson's reason)
 * when it does not parse or is not an object.
 */
int	source_parse(const char *buf, size_t len, struct source_prev *sp,
	    struct err *err);
/* Free what source_parse set; accepts a cleared or zeroed one. */
void	source_prev_clear(struct source_prev *sp);

#endif
