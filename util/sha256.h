/* SHA-256 as hex, for the page digest and stable region codes. */
#ifndef MCWATCH_SHA256_H
#define MCWATCH_SHA256_H

#include <stddef.h>

#define SHA256_HEXLEN	65	/* 64 hex digits and a NUL */

/*
 * The digest of len bytes at p as lower-case hex into hex (SHA256_HEXLEN
 * bytes), computed by libcrypto; returns hex, or NULL if libcrypto failed
 * (out of memory), with hex then the empty string.
 */
char	*sha256_hex(const void *p, size_t len, char *hex);

#endif
