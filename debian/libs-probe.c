/*
 * Never installed or run. mcwatch opens libgit2, libcurl, c-ares and
 * libcrypto at
 * their first use (util/lazylib.h), so its binary names none of them;
 * this program, linked with them and using one function of each, is
 * what dpkg-shlibdeps reads to put their packages in Depends.
 */
#include <sys/select.h>

#include <stdio.h>

#include <ares.h>
#include <curl/curl.h>
#include <git2.h>
#include <openssl/crypto.h>

int
main(void)
{
	int major, minor, rev;

	git_libgit2_version(&major, &minor, &rev);
	printf("libgit2 %d.%d.%d, %s, c-ares %s, %s\n", major, minor, rev,
	    curl_version(), ares_version(NULL), OpenSSL_version(OPENSSL_VERSION));
	return 0;
}
