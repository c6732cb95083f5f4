/* Signed JSON Web Tokens (RFC 7519) with RS256 (RFC 7518 §3.3): the
 * assertion of the OAuth 2.0 JWT-bearer grant (RFC 7523) that exchanges a
 * service account's key for an access token. */
#ifndef GENAI_AUTH_JWT_H
#define GENAI_AUTH_JWT_H

#include <genai/errors.h>

/* header.claims.signature, each base64url without padding. The header is
 * {"alg":"RS256","typ":"JWT"} plus "kid" when key_id is given; claims_json
 * is sent as it is. The key is a PEM private key (PKCS#8 or PKCS#1).
 * GENAI_EAUTH when the key cannot be read or used (the message never quotes
 * it); *out is freed with genai__free. */
genai_result genai__jwt_rs256(const char *pem_private_key, const char *key_id, const char *claims_json, char **out);

#endif
