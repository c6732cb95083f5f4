#include "oauth.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "headers.h"
#include "resource.h"
#include "store.h"

#define MAX_KEYS 16
#define MAX_REFRESH 16
#define DEFAULT_LIFETIME_S 3600
#define MAX_JWT_LIFETIME_S 3600
#define CLOCK_SKEW_S 300
#define SCOPE "https://www.googleapis.com/auth/cloud-platform"
#define METADATA_PREFIX "/computeMetadata/v1/"

typedef struct key {
  char *kid; /* NULL: matches an assertion without "kid" too */
  EVP_PKEY *pkey;
} key;

typedef struct refresh {
  char *client_id, *client_secret, *refresh_token;
} refresh;

typedef struct issued {
  char *token;
  long long expires_ms;
  struct issued *next;
} issued;

struct emu_oauth {
  pthread_mutex_t lock;
  key keys[MAX_KEYS];
  size_t nkeys;
  refresh refreshes[MAX_REFRESH];
  size_t nrefresh;
  issued *tokens;
  long lifetime_s;
  char project[128];
  long fail_token_requests; /* the next N token requests answer 503 */
  long clock_skew_s;        /* the emulator's clock runs this far ahead of the machine's */
};

static void clear_locked(emu_oauth *o) {
  for (size_t i = 0; i < o->nkeys; i++) {
    free(o->keys[i].kid);
    EVP_PKEY_free(o->keys[i].pkey);
  }
  for (size_t i = 0; i < o->nrefresh; i++) {
    free(o->refreshes[i].client_id);
    free(o->refreshes[i].client_secret);
    free(o->refreshes[i].refresh_token);
  }
  for (issued *t = o->tokens, *next; t; t = next) {
    next = t->next;
    free(t->token);
    free(t);
  }
  o->nkeys = o->nrefresh = 0;
  o->tokens = NULL;
  o->lifetime_s = DEFAULT_LIFETIME_S;
  snprintf(o->project, sizeof o->project, "emulator-project");
  o->fail_token_requests = 0;
  o->clock_skew_s = 0;
}

emu_oauth *emu_oauth_new(void) {
  emu_oauth *o = calloc(1, sizeof *o);
  if (!o) return NULL;
  if (pthread_mutex_init(&o->lock, NULL) != 0) {
    free(o);
    return NULL;
  }
  clear_locked(o);
  return o;
}

void emu_oauth_free(emu_oauth *o) {
  if (!o) return;
  clear_locked(o);
  pthread_mutex_destroy(&o->lock);
  free(o);
}

void emu_oauth_clear(emu_oauth *o) {
  pthread_mutex_lock(&o->lock);
  clear_locked(o);
  pthread_mutex_unlock(&o->lock);
}

/* ------------------------------------------------------- configuration */

static EVP_PKEY *public_key(const char *pem) {
  BIO *bio = BIO_new_mem_buf(pem, -1);
  EVP_PKEY *k = bio ? PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL) : NULL;
  BIO_free(bio);
  return k;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static const char *add_keys(emu_oauth *o, const json_t *list) {
  size_t i;
  const json_t *k;
  json_array_foreach(list, i, k) {
    const char *pem = json_string_value(json_object_get(k, "public_key_pem"));
    const char *kid = json_string_value(json_object_get(k, "kid"));
    if (!pem) return "public_keys[]: public_key_pem (a PEM public key) is required";
    if (o->nkeys == MAX_KEYS) return "public_keys: at most 16 keys";
    EVP_PKEY *pkey = public_key(pem);
    if (!pkey) return "public_keys[]: public_key_pem is not a PEM public key";
    o->keys[o->nkeys].pkey = pkey;
    o->keys[o->nkeys].kid = dup_or_null(kid);
    o->nkeys++;
  }
  return NULL;
}

static const char *add_refresh_tokens(emu_oauth *o, const json_t *list) {
  size_t i;
  const json_t *r;
  json_array_foreach(list, i, r) {
    const char *id = json_string_value(json_object_get(r, "client_id"));
    const char *secret = json_string_value(json_object_get(r, "client_secret"));
    const char *token = json_string_value(json_object_get(r, "refresh_token"));
    if (!id || !secret || !token) return "refresh_tokens[]: client_id, client_secret and refresh_token are required";
    if (o->nrefresh == MAX_REFRESH) return "refresh_tokens: at most 16";
    o->refreshes[o->nrefresh++] = (refresh){strdup(id), strdup(secret), strdup(token)};
  }
  return NULL;
}

const char *emu_oauth_configure(emu_oauth *o, const json_t *doc) {
  if (!json_is_object(doc)) return "the body must be a JSON object";
  pthread_mutex_lock(&o->lock);
  const char *problem = NULL;
  const json_t *v;
  if ((v = json_object_get(doc, "public_keys")) && !(problem = json_is_array(v) ? NULL : "public_keys must be a list"))
    problem = add_keys(o, v);
  if (!problem && (v = json_object_get(doc, "refresh_tokens")))
    problem = json_is_array(v) ? add_refresh_tokens(o, v) : "refresh_tokens must be a list";
  if (!problem && (v = json_object_get(doc, "token_lifetime_s"))) {
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 86400)
      problem = "token_lifetime_s must be an integer from 1 to 86400";
    else
      o->lifetime_s = (long)json_integer_value(v);
  }
  if (!problem && (v = json_object_get(doc, "project"))) {
    if (!json_is_string(v) || json_string_length(v) >= sizeof o->project)
      problem = "project must be a short string";
    else
      snprintf(o->project, sizeof o->project, "%s", json_string_value(v));
  }
  if (!problem && (v = json_object_get(doc, "clock_skew_s"))) {
    if (!json_is_integer(v) || json_integer_value(v) < -86400 || json_integer_value(v) > 86400)
      problem = "clock_skew_s must be an integer from -86400 to 86400";
    else
      o->clock_skew_s = (long)json_integer_value(v);
  }
  if (!problem && (v = json_object_get(doc, "fail_token_requests"))) {
    if (!json_is_integer(v) || json_integer_value(v) < 0)
      problem = "fail_token_requests must be a non-negative integer";
    else
      o->fail_token_requests = (long)json_integer_value(v);
  }
  pthread_mutex_unlock(&o->lock);
  return problem;
}

/* ------------------------------------------------------------ tokens */

static json_t *issue_token(emu_oauth *o) {
  char id[13], token[64];
  emu_store_new_id(id);
  snprintf(token, sizeof token, "ya29.emu-%s", id);
  issued *t = calloc(1, sizeof *t);
  char *copy = strdup(token);
  if (!t || !copy) {
    free(t);
    free(copy);
    return NULL;
  }
  pthread_mutex_lock(&o->lock);
  long lifetime = o->lifetime_s;
  t->token = copy;
  t->expires_ms = emu_now_ms() + lifetime * 1000;
  t->next = o->tokens;
  o->tokens = t;
  pthread_mutex_unlock(&o->lock);
  /* Google answers 3599 for an hour: the second it took to answer */
  return json_pack("{s:s, s:I, s:s}", "access_token", token, "expires_in",
                   (json_int_t)(lifetime > 1 ? lifetime - 1 : lifetime), "token_type", "Bearer");
}

int emu_oauth_token_valid(emu_oauth *o, const char *token) {
  long long now = emu_now_ms();
  int ok = 0;
  pthread_mutex_lock(&o->lock);
  for (issued *t = o->tokens; t && !ok; t = t->next) ok = strcmp(t->token, token) == 0 && t->expires_ms > now;
  pthread_mutex_unlock(&o->lock);
  return ok;
}

static void respond_oauth_error(emu_response *out, int status, const char *error, const char *description) {
  emu_response_take_json(out, status, json_pack("{s:s, s:s}", "error", error, "error_description", description));
}

/* --------------------------------------------------- the JWT assertion */

/* base64url (no padding) to bytes; NULL when malformed. Caller frees. */
static unsigned char *b64url_decode(const char *s, size_t n, size_t *out_len) {
  size_t padded = (n + 3) / 4 * 4;
  char *std = malloc(padded + 1);
  unsigned char *out = malloc(padded / 4 * 3 + 1);
  if (!std || !out || n % 4 == 1) {
    free(std);
    free(out);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) std[i] = s[i] == '-' ? '+' : s[i] == '_' ? '/' : s[i];
  for (size_t i = n; i < padded; i++) std[i] = '=';
  std[padded] = '\0';
  int len = EVP_DecodeBlock(out, (const unsigned char *)std, (int)padded);
  free(std);
  if (len < 0) {
    free(out);
    return NULL;
  }
  *out_len = (size_t)len - (padded - n); /* EVP_DecodeBlock counts the padding as zero bytes */
  out[*out_len] = '\0';
  return out;
}

static json_t *b64url_json(const char *s, size_t n) {
  size_t len;
  unsigned char *bytes = b64url_decode(s, n, &len);
  json_t *doc = bytes ? json_loadb((const char *)bytes, len, 0, NULL) : NULL;
  free(bytes);
  return doc;
}

static int signature_ok(EVP_PKEY *pkey, const char *signed_part, size_t signed_len, const unsigned char *sig,
                        size_t sig_len) {
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  int ok = md && EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, pkey) == 1 &&
           EVP_DigestVerify(md, sig, sig_len, (const unsigned char *)signed_part, signed_len) == 1;
  EVP_MD_CTX_free(md);
  return ok;
}

/* Whether a registered key (the one named by kid, or any) signed it. */
static int verified(emu_oauth *o, const char *kid, const char *signed_part, size_t signed_len,
                    const unsigned char *sig, size_t sig_len) {
  int ok = 0;
  pthread_mutex_lock(&o->lock);
  for (size_t i = 0; i < o->nkeys && !ok; i++)
    if (!kid || !o->keys[i].kid || strcmp(kid, o->keys[i].kid) == 0)
      ok = signature_ok(o->keys[i].pkey, signed_part, signed_len, sig, sig_len);
  pthread_mutex_unlock(&o->lock);
  return ok;
}

/* The reason the claims are refused, or NULL. `now` is the emulator's clock. */
static const char *claims_problem(const json_t *claims, const char *audience, long long now) {
  const char *iss = json_string_value(json_object_get(claims, "iss"));
  const char *aud = json_string_value(json_object_get(claims, "aud"));
  const char *scope = json_string_value(json_object_get(claims, "scope"));
  json_int_t iat = json_integer_value(json_object_get(claims, "iat"));
  json_int_t exp = json_integer_value(json_object_get(claims, "exp"));
  if (!iss || !*iss) return "Invalid JWT: No issuer.";
  if (!aud || strcmp(aud, audience) != 0) return "Invalid JWT audience.";
  if (!scope || !strstr(scope, SCOPE)) return "Invalid OAuth scope or ID token audience provided.";
  if (!iat || !exp || exp <= iat || exp - iat > MAX_JWT_LIFETIME_S || iat > now + CLOCK_SKEW_S || exp < now - CLOCK_SKEW_S)
    return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your "
           "iat and exp values in the JWT claim.";
  return NULL;
}

static long skew_of(emu_oauth *o) {
  pthread_mutex_lock(&o->lock);
  long skew = o->clock_skew_s;
  pthread_mutex_unlock(&o->lock);
  return skew;
}

static void jwt_bearer_grant(emu_oauth *o, const char *assertion, const char *audience, emu_response *out) {
  const char *dot1 = assertion ? strchr(assertion, '.') : NULL;
  const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
  if (!dot2 || strchr(dot2 + 1, '.')) {
    respond_oauth_error(out, 400, "invalid_grant", "Invalid JWT: malformed assertion.");
    return;
  }
  json_t *header = b64url_json(assertion, (size_t)(dot1 - assertion));
  json_t *claims = b64url_json(dot1 + 1, (size_t)(dot2 - dot1 - 1));
  size_t sig_len = 0;
  unsigned char *sig = b64url_decode(dot2 + 1, strlen(dot2 + 1), &sig_len);
  const char *alg = json_string_value(json_object_get(header, "alg"));
  const char *problem = NULL;
  if (!header || !claims || !sig || !alg || strcmp(alg, "RS256") != 0)
    problem = "Invalid JWT: malformed assertion.";
  else if (!verified(o, json_string_value(json_object_get(header, "kid")), assertion, (size_t)(dot2 - assertion), sig,
                     sig_len))
    problem = "Invalid JWT Signature.";
  else
    problem = claims_problem(claims, audience, emu_now_ms() / 1000 + skew_of(o));
  json_decref(header);
  json_decref(claims);
  free(sig);
  if (problem) {
    respond_oauth_error(out, 400, "invalid_grant", problem);
    return;
  }
  json_t *answer = issue_token(o);
  if (answer)
    emu_response_take_json(out, 200, answer);
  else
    emu_response_internal_error(out);
}

static void refresh_grant(emu_oauth *o, const emu_request *req, emu_response *out, char *const form[4]) {
  (void)req;
  const char *id = form[1], *secret = form[2], *token = form[3];
  int client_known = 0, granted = 0;
  pthread_mutex_lock(&o->lock);
  for (size_t i = 0; i < o->nrefresh; i++) {
    refresh *r = &o->refreshes[i];
    if (!id || !secret || strcmp(r->client_id, id) != 0 || strcmp(r->client_secret, secret) != 0) continue;
    client_known = 1;
    if (token && strcmp(r->refresh_token, token) == 0) granted = 1;
  }
  pthread_mutex_unlock(&o->lock);
  if (!client_known) {
    respond_oauth_error(out, 401, "invalid_client", "Unauthorized");
    return;
  }
  if (!granted) {
    respond_oauth_error(out, 400, "invalid_grant", "Bad Request");
    return;
  }
  json_t *answer = issue_token(o);
  if (answer)
    emu_response_take_json(out, 200, answer);
  else
    emu_response_internal_error(out);
}

/* The value of `name` in an application/x-www-form-urlencoded body. Caller frees. */
static char *form_value(const emu_request *req, const char *name) {
  const char *body = req->body.data ? req->body.data : "";
  size_t n = strlen(name), len = req->body.len;
  for (size_t i = 0; i < len;) {
    size_t end = i;
    while (end < len && body[end] != '&') end++;
    if (end - i > n && memcmp(body + i, name, n) == 0 && body[i + n] == '=')
      return emu_percent_decode(body + i + n + 1, end - i - n - 1, 1);
    i = end + 1;
  }
  return NULL;
}

static int take_failure(emu_oauth *o) {
  pthread_mutex_lock(&o->lock);
  int fail = o->fail_token_requests > 0;
  if (fail) o->fail_token_requests--;
  pthread_mutex_unlock(&o->lock);
  return fail;
}

static void token_endpoint(emu_oauth *o, const emu_request *req, emu_response *out) {
  if (strcmp(req->method, "POST") != 0) {
    respond_oauth_error(out, 405, "invalid_request", "Use POST.");
    return;
  }
  if (take_failure(o)) {
    respond_oauth_error(out, 503, "temporarily_unavailable", "The token endpoint is failing (scripted).");
    return;
  }
  char *form[4] = {form_value(req, "grant_type"), form_value(req, "client_id"), form_value(req, "client_secret"),
                   form_value(req, "refresh_token")};
  const char *host = emu_request_header(req, "host");
  char audience[300];
  snprintf(audience, sizeof audience, "%s://%s/token", emu_request_scheme(req), host ? host : "");
  if (form[0] && strcmp(form[0], "urn:ietf:params:oauth:grant-type:jwt-bearer") == 0) {
    char *assertion = form_value(req, "assertion");
    jwt_bearer_grant(o, assertion, audience, out);
    free(assertion);
  } else if (form[0] && strcmp(form[0], "refresh_token") == 0) {
    refresh_grant(o, req, out, form);
  } else {
    char description[200];
    snprintf(description, sizeof description, "Invalid grant_type: %.100s", form[0] ? form[0] : "");
    respond_oauth_error(out, 400, "unsupported_grant_type", description);
  }
  for (int i = 0; i < 4; i++) free(form[i]);
}

static void metadata(emu_oauth *o, const emu_request *req, emu_response *out) {
  const char *flavor = emu_request_header(req, "metadata-flavor");
  if (!flavor || strcmp(flavor, "Google") != 0) {
    static const char msg[] = "Missing required header \"Metadata-Flavor\": \"Google\"\n";
    emu_response_set_body(out, 403, "text/plain", msg, sizeof msg - 1);
    return;
  }
  const char *what = req->decoded_path + strlen(METADATA_PREFIX);
  if (strcmp(what, "instance") == 0 || strcmp(what, "instance/") == 0) {
    /* the probe of client libraries that look for a metadata server */
    static const char msg[] = "attributes/\nhostname\nid\nservice-accounts/\nzone\n";
    emu_response_set_body(out, 200, "application/text", msg, sizeof msg - 1);
  } else if (strcmp(what, "instance/service-accounts/default/token") == 0) {
    json_t *answer = issue_token(o);
    if (answer)
      emu_response_take_json(out, 200, answer);
    else
      emu_response_internal_error(out);
  } else if (strcmp(what, "project/project-id") == 0) {
    char project[128];
    pthread_mutex_lock(&o->lock);
    snprintf(project, sizeof project, "%s", o->project);
    pthread_mutex_unlock(&o->lock);
    emu_response_set_body(out, 200, "application/text", project, strlen(project));
  } else {
    static const char msg[] = "Not Found\n";
    emu_response_set_body(out, 404, "text/plain", msg, sizeof msg - 1);
  }
}

/* The metadata server names itself on every answer; client libraries check. */
static void metadata_answer(emu_oauth *o, const emu_request *req, emu_response *out) {
  metadata(o, req, out);
  if (emu_headers_set(&out->headers, "Metadata-Flavor", "Google") != 0) emu_response_internal_error(out);
}

int emu_oauth_owns(const char *path) {
  return strcmp(path, "/token") == 0 || strncmp(path, METADATA_PREFIX, strlen(METADATA_PREFIX)) == 0;
}

void emu_oauth_handle(emu_oauth *o, const emu_request *req, emu_response *out) {
  if (strcmp(req->decoded_path, "/token") == 0)
    token_endpoint(o, req, out);
  else
    metadata_answer(o, req, out);
}
