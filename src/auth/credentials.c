#include "auth/credentials.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/jwt.h"
#include "auth/token.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "http/engine.h"
#include "wire/json_read.h"

#define DEFAULT_TOKEN_URI "https://oauth2.googleapis.com/token"
#define DEFAULT_METADATA_HOST "169.254.169.254"
#define TOKEN_TIMEOUT_MS 30000L
/* Machines without a metadata server must fail fast, as google-auth's probe does. */
#define METADATA_CONNECT_TIMEOUT_MS 1000L
#define JWT_LIFETIME_S 3600
#define MAX_ANSWER_BYTES (1u << 20)

typedef enum kind { SERVICE_ACCOUNT, AUTHORIZED_USER, METADATA } kind;

struct genai__credentials {
  kind kind;
  char *source;
  char *client_email, *private_key, *private_key_id, *token_uri, *project_id, *quota_project_id;
  char *client_id, *client_secret, *refresh_token;
  char *metadata_host;
};

static const char *const NOT_FOUND =
    "Your default credentials were not found. To set up Application Default Credentials, see "
    "https://cloud.google.com/docs/authentication/external/set-up-adc for more information.";

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

void genai__credentials_free(genai__credentials *c) {
  if (!c) return;
  genai__free(c->source);
  genai__free(c->client_email);
  genai__free_secret(c->private_key);
  genai__free(c->private_key_id);
  genai__free(c->token_uri);
  genai__free(c->project_id);
  genai__free(c->quota_project_id);
  genai__free(c->client_id);
  genai__free_secret(c->client_secret);
  genai__free_secret(c->refresh_token);
  genai__free(c->metadata_host);
  genai__free(c);
}

/* ------------------------------------------------------------ parsing */

/* Copies member `name` when it is a non-empty string; *ok goes false when out of memory. */
static char *member(json_t *doc, const char *name, bool *ok) {
  const char *v = json_string_value(json_object_get(doc, name));
  if (!v || !*v) return NULL;
  char *copy = genai__strdup(v);
  if (!copy) *ok = false;
  return copy;
}

static genai_result require(const genai__credentials *c, const char *value, const char *field) {
  if (value) return GENAI_OK;
  return genai__err(GENAI_EAUTH, "%s: the credentials have no %s", c->source, field);
}

static genai_result fill_service_account(genai__credentials *c, json_t *doc) {
  bool ok = true;
  c->client_email = member(doc, "client_email", &ok);
  c->private_key = member(doc, "private_key", &ok);
  c->private_key_id = member(doc, "private_key_id", &ok);
  c->token_uri = member(doc, "token_uri", &ok);
  c->project_id = member(doc, "project_id", &ok);
  c->quota_project_id = member(doc, "quota_project_id", &ok);
  if (!ok) return oom();
  genai_result rc = require(c, c->client_email, "client_email");
  if (rc == GENAI_OK) rc = require(c, c->private_key, "private_key");
  if (rc == GENAI_OK && !c->token_uri && !(c->token_uri = genai__strdup(DEFAULT_TOKEN_URI))) rc = oom();
  return rc;
}

static genai_result fill_authorized_user(genai__credentials *c, json_t *doc) {
  bool ok = true;
  c->client_id = member(doc, "client_id", &ok);
  c->client_secret = member(doc, "client_secret", &ok);
  c->refresh_token = member(doc, "refresh_token", &ok);
  c->token_uri = member(doc, "token_uri", &ok);
  c->quota_project_id = member(doc, "quota_project_id", &ok);
  if (!ok) return oom();
  genai_result rc = require(c, c->refresh_token, "refresh_token");
  if (rc == GENAI_OK) rc = require(c, c->client_id, "client_id");
  if (rc == GENAI_OK) rc = require(c, c->client_secret, "client_secret");
  if (rc == GENAI_OK && !c->token_uri && !(c->token_uri = genai__strdup(DEFAULT_TOKEN_URI))) rc = oom();
  return rc;
}

genai_result genai__credentials_parse(const char *json, const char *source, genai__credentials **out) {
  *out = NULL;
  json_error_t jerr;
  bool no_mem;
  json_t *doc = genai__json_loads(json, 0, &jerr, &no_mem);
  if (no_mem) return oom();
  if (!json_is_object(doc)) {
    json_decref(doc);
    /* jerr.text may quote the text, which holds a private key: never show it */
    return genai__err(GENAI_EAUTH, "%s is not a JSON object of credentials (line %d)", source, jerr.line);
  }
  const char *type = json_string_value(json_object_get(doc, "type"));
  genai__credentials *c = genai__calloc(1, sizeof(*c));
  genai_result rc = c && (c->source = genai__strdup(source)) ? GENAI_OK : oom();
  if (rc == GENAI_OK && type && !strcmp(type, "service_account")) {
    c->kind = SERVICE_ACCOUNT;
    rc = fill_service_account(c, doc);
  } else if (rc == GENAI_OK && type && !strcmp(type, "authorized_user")) {
    c->kind = AUTHORIZED_USER;
    rc = fill_authorized_user(c, doc);
  } else if (rc == GENAI_OK && type &&
             (!strcmp(type, "external_account") || !strcmp(type, "impersonated_service_account") ||
              !strcmp(type, "external_account_authorized_user") || !strcmp(type, "gdch_service_account"))) {
    rc = genai__err(GENAI_EAUTH,
                    "%s: credentials of type %s are not supported yet; use a service account key, gcloud's "
                    "application default credentials (authorized_user), the metadata server, or a token_provider",
                    source, type);
  } else if (rc == GENAI_OK) {
    rc = genai__err(GENAI_EAUTH,
                    "The file %s does not have a valid type. Type is %s, expected one of ('authorized_user', "
                    "'service_account', 'external_account', 'external_account_authorized_user', "
                    "'impersonated_service_account', 'gdch_service_account').",
                    source, type ? type : "None");
  }
  json_decref(doc);
  if (rc != GENAI_OK) {
    genai__credentials_free(c);
    return rc;
  }
  *out = c;
  return GENAI_OK;
}

/* The whole file; NULL with *missing set when it does not exist. */
static char *read_file(const char *path, bool *missing) {
  *missing = false;
  FILE *f = fopen(path, "rb");
  if (!f) {
    *missing = true;
    return NULL;
  }
  genai__buf b = {0};
  char chunk[4096];
  size_t n;
  bool ok = true;
  while (ok && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) ok = genai__buf_append(&b, chunk, n) == GENAI_OK;
  ok = ok && !ferror(f) && genai__buf_append(&b, "", 0) == GENAI_OK;
  fclose(f);
  char *text = ok ? genai__buf_take(&b) : NULL;
  if (!text) {
    if (b.data) memset(b.data, 0, b.len);
    genai__buf_free(&b);
  }
  return text;
}

static genai_result load_file(const char *path, genai__credentials **out) {
  bool missing;
  char *text = read_file(path, &missing);
  if (!text)
    return missing ? genai__err(GENAI_EAUTH, "File %s was not found.", path)
                   : genai__err(GENAI_EAUTH, "File %s could not be read.", path);
  char source[1100];
  snprintf(source, sizeof(source), "%s", path);
  genai_result rc = genai__credentials_parse(text, source, out);
  genai__free_secret(text);
  return rc;
}

genai_result genai__credentials_from_files(genai__credentials **out) {
  *out = NULL;
  const char *env = getenv("GOOGLE_APPLICATION_CREDENTIALS");
  if (env && *env) return load_file(env, out);
  char path[1100];
  const char *config = getenv("CLOUDSDK_CONFIG"), *home = getenv("HOME");
  if (config && *config)
    snprintf(path, sizeof(path), "%s/application_default_credentials.json", config);
  else if (home && *home)
    snprintf(path, sizeof(path), "%s/.config/gcloud/application_default_credentials.json", home);
  else
    return GENAI_OK;
  FILE *f = fopen(path, "rb");
  if (!f) return GENAI_OK;
  fclose(f);
  return load_file(path, out);
}

genai_result genai__credentials_metadata(genai__credentials **out) {
  *out = NULL;
  const char *host = getenv("GCE_METADATA_HOST");
  genai__credentials *c = genai__calloc(1, sizeof(*c));
  if (!c) return oom();
  c->kind = METADATA;
  c->metadata_host = genai__strdup(host && *host ? host : DEFAULT_METADATA_HOST);
  c->source = genai__strdup("the metadata server");
  if (!c->metadata_host || !c->source) {
    genai__credentials_free(c);
    return oom();
  }
  *out = c;
  return GENAI_OK;
}

const char *genai__credentials_quota_project(const genai__credentials *c) { return c ? c->quota_project_id : NULL; }

/* --------------------------------------------------------------- HTTP */

typedef struct answer {
  long status;
  genai__buf body;
  bool too_large;
} answer;

static size_t on_body(char *data, size_t size, size_t nmemb, void *user) {
  answer *a = user;
  size_t n = size * nmemb;
  if (a->body.len + n > MAX_ANSWER_BYTES) {
    a->too_large = true;
    return 0;
  }
  return genai__buf_append(&a->body, data, n) == GENAI_OK ? n : 0;
}

/* One blocking exchange: the token is needed before the API request can
 * start, so there is nothing else for the caller's thread to do. */
static genai_result exchange(const char *url, const char *form, bool metadata, answer *a, const char *what) {
  CURL *e = curl_easy_init();
  struct curl_slist *headers = NULL;
  if (!e) return oom();
  if (metadata) headers = curl_slist_append(headers, "Metadata-Flavor: Google");
  else headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
  if (!headers) {
    curl_easy_cleanup(e);
    return oom();
  }
  char errbuf[CURL_ERROR_SIZE] = "";
  CURLcode cc = curl_easy_setopt(e, CURLOPT_URL, url);
  if (cc == CURLE_OK) cc = curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
  if (cc == CURLE_OK) cc = curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  if (cc == CURLE_OK) cc = curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  if (cc == CURLE_OK) cc = curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
  if (cc == CURLE_OK) cc = curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  if (cc == CURLE_OK) cc = curl_easy_setopt(e, CURLOPT_WRITEDATA, a);
  if (cc == CURLE_OK) cc = curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, TOKEN_TIMEOUT_MS);
  if (cc == CURLE_OK && metadata) cc = curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, METADATA_CONNECT_TIMEOUT_MS);
  if (cc == CURLE_OK && form) cc = curl_easy_setopt(e, CURLOPT_POSTFIELDS, form);
  if (cc == CURLE_OK) cc = (CURLcode)genai__curl_set_ca(e);
  if (cc == CURLE_OK) cc = curl_easy_perform(e);
  if (cc == CURLE_OK) curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &a->status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(e);
  if (cc == CURLE_OUT_OF_MEMORY) return oom();
  if (cc == CURLE_OPERATION_TIMEDOUT) return genai__err(GENAI_ETIMEOUT, "%s: no answer from %s", what, url);
  if (a->too_large) return genai__err(GENAI_EAUTH, "%s: the answer of %s is larger than %u bytes", what, url,
                                      MAX_ANSWER_BYTES);
  if (cc != CURLE_OK)
    return genai__err(GENAI_ETRANSPORT, "%s: %s: %s", what, url, errbuf[0] ? errbuf : curl_easy_strerror(cc));
  return GENAI_OK;
}

/* Frees a buffer that held a secret (a form with a key or a token, an answer
 * with a token), zeroing it first. */
static void wipe(genai__buf *b) {
  if (b->data) memset(b->data, 0, b->len);
  genai__buf_free(b);
}

/* "k=v&k=v" with the values form-encoded. Secrets pass through here: the
 * buffer is wiped by the caller. */
static genai_result form_add(genai__buf *b, const char *key, const char *value) {
  char *escaped = curl_easy_escape(NULL, value, 0);
  if (!escaped) return GENAI_ENOMEM;
  genai_result rc = genai__buf_printf(b, "%s%s=%s", b->len ? "&" : "", key, escaped);
  memset(escaped, 0, strlen(escaped));
  curl_free(escaped);
  return rc;
}

/* {"access_token": ..., "expires_in": N}, or the endpoint's error. */
static genai_result read_token(const answer *a, const char *what, const char *url, char **token, int64_t *expires) {
  json_error_t jerr;
  bool no_mem;
  json_t *doc = genai__json_loadb(a->body.data ? a->body.data : "", a->body.len, 0, &jerr, &no_mem);
  if (no_mem) return oom();
  const char *access = json_string_value(json_object_get(doc, "access_token"));
  if (a->status != 200 || !access || !*access) {
    const char *error = json_string_value(json_object_get(doc, "error"));
    const char *description = json_string_value(json_object_get(doc, "error_description"));
    genai_result rc = genai__err(GENAI_EAUTH, "%s: %s answered HTTP %ld%s%s%s%s", what, url, a->status,
                                 error ? ": " : (a->status == 200 ? " without an access_token" : ""),
                                 error ? error : "", description ? ": " : "", description ? description : "");
    json_decref(doc);
    return rc;
  }
  json_int_t expires_in = json_integer_value(json_object_get(doc, "expires_in"));
  *token = genai__strdup(access);
  *expires = expires_in > 0 ? genai__unix_ms() + (int64_t)expires_in * 1000 : 0;
  json_decref(doc);
  return *token ? GENAI_OK : oom();
}

static genai_result service_account_token(genai__credentials *c, char **token, int64_t *expires) {
  int64_t now = genai__unix_ms() / 1000;
  json_t *claims = json_pack("{s:s, s:s, s:s, s:I, s:I}", "iss", c->client_email, "scope", GENAI__CLOUD_PLATFORM_SCOPE,
                             "aud", c->token_uri, "iat", (json_int_t)now, "exp", (json_int_t)(now + JWT_LIFETIME_S));
  char *claims_json = claims ? json_dumps(claims, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(claims);
  if (!claims_json) return oom();
  char *jwt = NULL;
  genai_result rc = genai__jwt_rs256(c->private_key, c->private_key_id, claims_json, &jwt);
  genai__free(claims_json);
  genai__buf form = {0};
  if (rc == GENAI_OK && (form_add(&form, "grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer") != GENAI_OK ||
                         form_add(&form, "assertion", jwt) != GENAI_OK || genai__buf_append(&form, "", 0) != GENAI_OK))
    rc = oom();
  genai__free_secret(jwt);
  answer a = {0};
  if (rc == GENAI_OK) rc = exchange(c->token_uri, form.data, false, &a, "service account token");
  if (rc == GENAI_OK) rc = read_token(&a, "service account token", c->token_uri, token, expires);
  wipe(&form);
  wipe(&a.body);
  return rc;
}

static genai_result refresh_token_grant(genai__credentials *c, char **token, int64_t *expires) {
  genai__buf form = {0};
  genai_result rc = GENAI_OK;
  if (form_add(&form, "grant_type", "refresh_token") != GENAI_OK || form_add(&form, "client_id", c->client_id) != GENAI_OK ||
      form_add(&form, "client_secret", c->client_secret) != GENAI_OK ||
      form_add(&form, "refresh_token", c->refresh_token) != GENAI_OK || genai__buf_append(&form, "", 0) != GENAI_OK)
    rc = oom();
  answer a = {0};
  if (rc == GENAI_OK) rc = exchange(c->token_uri, form.data, false, &a, "authorized user token");
  if (rc == GENAI_OK) rc = read_token(&a, "authorized user token", c->token_uri, token, expires);
  wipe(&form);
  wipe(&a.body);
  return rc;
}

static genai_result metadata_get(const genai__credentials *c, const char *path, answer *a, char *url, size_t size) {
  snprintf(url, size, "http://%s/computeMetadata/v1/%s", c->metadata_host, path);
  genai_result rc = exchange(url, NULL, true, a, "metadata server");
  if (rc == GENAI_ETRANSPORT || rc == GENAI_ETIMEOUT) {
    genai__buf_free(&a->body);
    return genai__err(GENAI_EAUTH, "%s", NOT_FOUND);
  }
  return rc;
}

static genai_result metadata_token(genai__credentials *c, char **token, int64_t *expires) {
  answer a = {0};
  char url[600];
  genai_result rc = metadata_get(c, "instance/service-accounts/default/token", &a, url, sizeof(url));
  if (rc == GENAI_OK) rc = read_token(&a, "metadata server token", url, token, expires);
  wipe(&a.body);
  return rc;
}

genai_result genai__credentials_token(genai__credentials *c, char **token, int64_t *expires_at_unix_ms) {
  *token = NULL;
  *expires_at_unix_ms = 0;
  switch (c->kind) {
    case SERVICE_ACCOUNT: return service_account_token(c, token, expires_at_unix_ms);
    case AUTHORIZED_USER: return refresh_token_grant(c, token, expires_at_unix_ms);
    default: return metadata_token(c, token, expires_at_unix_ms);
  }
}

genai_result genai__credentials_project(genai__credentials *c, char **out) {
  *out = NULL;
  if (c->kind == SERVICE_ACCOUNT) return c->project_id && !(*out = genai__strdup(c->project_id)) ? oom() : GENAI_OK;
  if (c->kind != METADATA) return GENAI_OK;
  answer a = {0};
  char url[600];
  genai_result rc = metadata_get(c, "project/project-id", &a, url, sizeof(url));
  if (rc == GENAI_OK && a.status == 200 && a.body.len)
    rc = (*out = genai__strndup(a.body.data, a.body.len)) ? GENAI_OK : oom();
  else if (rc == GENAI_OK)
    rc = genai__err(GENAI_EAUTH, "%s", NOT_FOUND);
  genai__buf_free(&a.body);
  return rc;
}

static genai_result provide(void *user_data, genai_token_sink *sink) {
  char *token = NULL;
  int64_t expires = 0;
  genai_result rc = genai__credentials_token(user_data, &token, &expires);
  if (rc == GENAI_OK) rc = genai_token_sink_set(sink, token, expires);
  genai__free_secret(token);
  return rc;
}

genai_token_provider genai__credentials_provider(genai__credentials *c) {
  return (genai_token_provider){.struct_size = sizeof(genai_token_provider), .get_token = provide, .user_data = c};
}
