#include "auth/jwt.h"

#include <jansson.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/error.h"

/* Appends base64url without padding, as JWS wants. */
static genai_result append_b64url(genai__buf *b, const void *data, size_t n) {
  size_t len = genai__base64_encoded_len(n);
  char *text = genai__malloc(len + 1);
  if (!text) return GENAI_ENOMEM;
  genai__base64_encode(data, n, true, text);
  size_t used = strlen(text);
  while (used && text[used - 1] == '=') used--;
  genai_result rc = genai__buf_append(b, text, used);
  genai__free(text);
  return rc;
}

static EVP_PKEY *read_key(const char *pem) {
  BIO *bio = BIO_new_mem_buf(pem, -1);
  if (!bio) return NULL;
  EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
  BIO_free(bio);
  return key;
}

/* The RS256 signature of `input`, base64url-appended to b. */
static genai_result append_signature(genai__buf *b, EVP_PKEY *key, const char *input, size_t n) {
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  size_t sig_len = 0;
  unsigned char *sig = NULL;
  genai_result rc = GENAI_EAUTH;
  if (md && EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key) == 1 &&
      EVP_DigestSign(md, NULL, &sig_len, (const unsigned char *)input, n) == 1 &&
      (sig = genai__malloc(sig_len)) != NULL &&
      EVP_DigestSign(md, sig, &sig_len, (const unsigned char *)input, n) == 1)
    rc = append_b64url(b, sig, sig_len);
  genai__free(sig);
  EVP_MD_CTX_free(md);
  return rc;
}

genai_result genai__jwt_rs256(const char *pem_private_key, const char *key_id, const char *claims_json, char **out) {
  *out = NULL;
  EVP_PKEY *key = pem_private_key ? read_key(pem_private_key) : NULL;
  if (!key) return genai__err(GENAI_EAUTH, "the service account's private_key is not a PEM private key");
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    return genai__err(GENAI_EAUTH, "the service account's private_key is not an RSA key (RS256 needs one)");
  }
  genai__buf b = {0};
  json_t *h = json_pack("{s:s, s:s}", "alg", "RS256", "typ", "JWT");
  if (h && key_id && *key_id && json_object_set_new(h, "kid", json_string(key_id)) != 0) {
    json_decref(h);
    h = NULL;
  }
  char *header = h ? json_dumps(h, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(h);
  genai_result rc = header ? append_b64url(&b, header, strlen(header)) : GENAI_ENOMEM;
  if (rc == GENAI_OK) rc = genai__buf_puts(&b, ".");
  if (rc == GENAI_OK) rc = append_b64url(&b, claims_json, strlen(claims_json));
  size_t signed_len = b.len;
  if (rc == GENAI_OK) rc = genai__buf_puts(&b, ".");
  if (rc == GENAI_OK) rc = append_signature(&b, key, b.data, signed_len);
  EVP_PKEY_free(key);
  genai__free(header); /* jansson allocates as genai__malloc does (src/core/alloc.c) */
  if (rc != GENAI_OK) {
    genai__buf_free(&b);
    return rc == GENAI_ENOMEM ? genai__err(GENAI_ENOMEM, "out of memory")
                              : genai__err(GENAI_EAUTH, "signing the service account's JWT failed");
  }
  *out = genai__buf_take(&b);
  return *out ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}
