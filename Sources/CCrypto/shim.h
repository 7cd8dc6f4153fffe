#ifndef BULLETIND_CCRYPTO_SHIM_H
#define BULLETIND_CCRYPTO_SHIM_H

/* OpenSSL's libcrypto (Debian libssl-dev): SHA-256 for content addresses, HMAC-SHA256 for signed
 * webhooks. The system library the field trusts, and nothing to build. */
#include <openssl/evp.h>
#include <openssl/hmac.h>

#endif
