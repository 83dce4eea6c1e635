/*
 * SHA-256 (FIPS 180-4), for the page digest in snapshot metadata: none of
 * mcwatch's libraries exposes one (libgit2 hashes with SHA-1 only).
 */
#ifndef MCWATCH_SHA256_H
#define MCWATCH_SHA256_H

#include <stddef.h>

#define SHA256_HEXLEN	65	/* 64 hex digits and a NUL */

/* The digest of len bytes at p as lower-case hex into hex; returns hex. */
char	*sha256_hex(const void *, size_t, char *);

#endif
