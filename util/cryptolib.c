/*
 * libcrypto, loaded at its first use (util/lazylib.h): the one table of
 * the functions mcwatch calls (a digest and an HMAC), from which their
 * names, their indices and the wrappers, defined under libcrypto's names
 * and so checked against its headers, are all generated.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "cryptolib.h"
#include "lazylib.h"

#ifndef CRYPTOLIB_SONAME
#error "CRYPTOLIB_SONAME: the Makefile passes it (scripts/soname libcrypto)"
#endif

/* F(return type, name, (parameters), (arguments)); V for void ones. */
#define CRYPTOLIB_FUNCS(F, V, N) \
	F(int, EVP_Digest, \
	    (const void *data, size_t count, unsigned char *md, \
	    unsigned int *size, const EVP_MD *type, ENGINE *impl), \
	    (data, count, md, size, type, impl)) \
	F(const EVP_MD *, EVP_sha256, (void), ()) \
	F(unsigned char *, HMAC, \
	    (const EVP_MD *evp_md, const void *key, int key_len, \
	    const unsigned char *data, size_t data_len, unsigned char *md, \
	    unsigned int *md_len), \
	    (evp_md, key, key_len, data, data_len, md, md_len))

LAZYLIB_DEFINE(CRYPTOLIB_FUNCS, CRYPTOLIB_SONAME)

int
cryptolib_load(struct err *err)
{
	return lazylib_load(&lib, ERR_IO, err);
}
