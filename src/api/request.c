#include "api/request.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "api/client_internal.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/redact.h"
#include "core/structsize.h"
#include "http/driver.h"
#include "http/pipeline.h"
#include "wire/codec.h"
#include "wire/json_read.h"

/* join_url_path: the base URL's path without its trailing slash, then "/", then path. */
static genai_result join_url(genai__buf *b, const char *base, const char *path) {
  const char *scheme_end = strstr(base, "://");
  const char *host = scheme_end ? scheme_end + 3 : base;
  const char *base_end = host + strcspn(host, "?#");
  size_t n = (size_t)(base_end - base);
  if (n && base[n - 1] == '/') n--;
  while (*path == '/') path++;
  if (genai__buf_append(b, base, n) != GENAI_OK || genai__buf_printf(b, "/%s", path) != GENAI_OK)
    return genai__err(GENAI_ENOMEM, "out of memory");
  return GENAI_OK;
}

static bool starts_with(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

static genai_result build_url(const genai_client *c, const genai__call *call, const genai_http_options *o, char **out) {
  const char *base = o && o->base_url ? o->base_url : c->base_url;
  const char *version = o && o->api_version ? o->api_version : c->api_version;
  bool collection = o && o->base_url_resource_scope ? o->base_url_resource_scope == GENAI_RESOURCE_SCOPE_COLLECTION
                                                    : c->collection_scope;
  genai__buf path = {0}, url = {0};
  genai_result rc = GENAI_OK;
  bool base_models = c->vertexai && !strcmp(call->method, "GET") && starts_with(call->path, "publishers/");
  if (c->vertexai && !starts_with(call->path, "projects/") && !base_models && (c->project || c->location) &&
      !(c->custom_base_url && collection)) {
    if (genai__buf_printf(&path, "projects/%s/locations/%s/", c->project ? c->project : "None",
                          c->location ? c->location : "None") != GENAI_OK)
      rc = GENAI_ENOMEM;
  }
  if (rc == GENAI_OK && genai__buf_puts(&path, call->path) != GENAI_OK) rc = GENAI_ENOMEM;
  if (rc != GENAI_OK) {
    genai__buf_free(&path);
    return genai__err(GENAI_ENOMEM, "out of memory");
  }
  if (!c->custom_base_url || (c->project && c->location) || c->api_key) {
    if (collection || !version || !*version) {
      rc = join_url(&url, base, path.data);
    } else {
      genai__buf versioned = {0};
      rc = genai__buf_printf(&versioned, "%s/%s", version, path.data) == GENAI_OK
               ? join_url(&url, base, versioned.data)
               : genai__err(GENAI_ENOMEM, "out of memory");
      genai__buf_free(&versioned);
    }
  } else if (collection) {
    rc = join_url(&url, base, path.data);
  } else if (genai__buf_puts(&url, base) != GENAI_OK) {
    rc = genai__err(GENAI_ENOMEM, "out of memory");
  }
  if (rc == GENAI_OK && call->query && *call->query &&
      genai__buf_printf(&url, "%c%s", strchr(url.data, '?') ? '&' : '?', call->query) != GENAI_OK)
    rc = genai__err(GENAI_ENOMEM, "out of memory");
  genai__buf_free(&path);
  if (rc != GENAI_OK) {
    genai__buf_free(&url);
    return rc;
  }
  *out = genai__buf_take(&url);
  return *out ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}

/* append_library_version_headers: the SDK label goes first in user-agent and
 * x-goog-api-client, the language label after it, without duplicates. */
genai_result genai__version_label(genai__headers *h, const char *name) {
  const char *both = GENAI__LIBRARY_LABEL " " GENAI__LANGUAGE_LABEL;
  const char *cur = genai__headers_get(h, name);
  if (!cur) return genai__headers_set(h, name, both);
  genai__buf b = {0};
  genai_result rc = GENAI_OK;
  if (!strstr(cur, GENAI__LIBRARY_LABEL)) rc = genai__buf_printf(&b, "%s %s", both, cur);
  else if (!strstr(cur, GENAI__LANGUAGE_LABEL)) rc = genai__buf_printf(&b, "%s %s", cur, GENAI__LANGUAGE_LABEL);
  else return GENAI_OK;
  if (rc == GENAI_OK) rc = genai__headers_set(h, name, b.data);
  genai__buf_free(&b);
  return rc == GENAI_OK ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}

/* get_usage_header: the feature tag goes on the SDK label, or after the
 * caller's own value, once. */
static genai_result usage_label(genai__headers *h, const char *name, const char *usage) {
  const char *cur = genai__headers_get(h, name);
  char tag[64];
  snprintf(tag, sizeof(tag), "+%s", usage);
  if (cur && strstr(cur, tag)) return GENAI_OK;
  const char *lib = cur ? strstr(cur, GENAI__LIBRARY_LABEL) : NULL;
  genai__buf b = {0};
  genai_result rc;
  if (!cur) rc = genai__buf_printf(&b, "%s%s", GENAI__LIBRARY_LABEL, tag);
  else if (lib)
    rc = genai__buf_printf(&b, "%.*s%s%s%s", (int)(lib - cur), cur, GENAI__LIBRARY_LABEL, tag,
                           lib + strlen(GENAI__LIBRARY_LABEL));
  else rc = genai__buf_printf(&b, "%s %s%s", cur, GENAI__LIBRARY_LABEL, tag);
  if (rc == GENAI_OK) rc = genai__headers_set(h, name, b.data);
  genai__buf_free(&b);
  return rc == GENAI_OK ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}

static genai_result build_headers(genai_client *c, const genai_http_options *o, const genai__http_settings *s,
                                  const char *usage, genai__headers *h) {
  genai_result rc = genai__headers_copy(h, &c->headers);
  for (size_t i = 0; rc == GENAI_OK && o && o->headers && i < o->headers_count; i++) {
    if (!o->headers[i].key || !o->headers[i].value)
      return genai__err(GENAI_EINVAL, "config.http_options.headers[%zu] has a NULL key or value", i);
    rc = genai__headers_set(h, o->headers[i].key, o->headers[i].value);
  }
  if (rc == GENAI_OK && usage) rc = usage_label(h, "user-agent", usage);
  if (rc == GENAI_OK && usage) rc = usage_label(h, "x-goog-api-client", usage);
  if (rc == GENAI_OK) rc = genai__version_label(h, "user-agent");
  if (rc == GENAI_OK) rc = genai__version_label(h, "x-goog-api-client");
  if (rc == GENAI_OK && s->timeout_ms > 0 && !genai__headers_get(h, "X-Server-Timeout")) {
    char secs[32];
    snprintf(secs, sizeof(secs), "%lld", (long long)((s->timeout_ms + 999) / 1000));
    rc = genai__headers_set(h, "X-Server-Timeout", secs);
  }
  return rc;
}

/* Vertex AI with a project: a bearer token from the provider (a fresh one
 * when the cached one was just refused). */
static genai_result set_auth(genai_client *c, bool force_token, genai__headers *h, char **token) {
  if (!(c->vertexai && (c->project || c->location) && !c->api_key)) return GENAI_OK;
  if (!c->tokens)
    return genai__err(GENAI_EAUTH,
                      "Vertex AI with a project and location needs OAuth 2.0 credentials: pass a token_provider "
                      "in genai_client_options (genai/sys/auth.h), or use an API key (express mode)");
  genai__free_secret(*token);
  *token = NULL;
  genai_result rc = genai__token_cache_get(c->tokens, force_token, token);
  if (rc != GENAI_OK) return rc;
  genai__buf b = {0};
  rc = genai__buf_printf(&b, "Bearer %s", *token) == GENAI_OK ? genai__headers_set(h, "Authorization", b.data)
                                                               : genai__err(GENAI_ENOMEM, "out of memory");
  genai__free_secret(b.data);
  return rc;
}

/* "generation_config" and "generationConfig" name the same member. */
static bool same_key(const char *a, const char *b) {
  for (;;) {
    while (*a == '_') a++;
    while (*b == '_') b++;
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return false;
    if (!*a) return true;
    a++, b++;
  }
}

/* The Python SDK's recursive_dict_update: extra_body members are merged into
 * the body, matching keys across snake_case and camelCase. */
static genai_result merge_extra(json_t *target, json_t *patch, int depth) {
  const char *key;
  json_t *value;
  if (depth > 64) return genai__err(GENAI_EINVAL, "http_options.extra_body is nested too deeply");
  json_object_foreach(patch, key, value) {
    const char *aligned = key, *tkey;
    json_t *tv;
    json_object_foreach(target, tkey, tv) {
      if (same_key(tkey, key)) {
        aligned = tkey;
        break;
      }
    }
    json_t *existing = json_object_get(target, aligned);
    genai_result rc = json_is_object(existing) && json_is_object(value)
                          ? merge_extra(existing, value, depth + 1)
                          : (json_object_set(target, aligned, value) ? genai__err(GENAI_ENOMEM, "out of memory")
                                                                     : GENAI_OK);
    if (rc != GENAI_OK) return rc;
  }
  return GENAI_OK;
}

static genai_result build_body(const genai_client *c, const genai__call *call, const genai_http_options *o,
                               char **out, size_t *len) {
  *out = NULL;
  *len = 0;
  if (!call->body) return GENAI_OK;
  const char *extra = o && o->extra_body_json ? o->extra_body_json : c->extra_body_json;
  if (extra) {
    json_error_t jerr;
    bool no_mem;
    json_t *patch = genai__json_loads(extra, 0, &jerr, &no_mem);
    if (no_mem) return genai__err(GENAI_ENOMEM, "out of memory");
    if (!json_is_object(patch)) {
      json_decref(patch);
      return genai__err(GENAI_EINVAL, "http_options.extra_body is not a JSON object");
    }
    genai_result rc = merge_extra(call->body, patch, 0);
    json_decref(patch);
    if (rc != GENAI_OK) return rc;
  }
  *out = genai__json_dump(call->body);
  if (!*out) return genai__err(GENAI_ENOMEM, "out of memory");
  *len = strlen(*out);
  return GENAI_OK;
}

void genai__call_settings(const genai_client *c, const genai_http_options *o, genai__http_settings *s,
                          genai__retry_policy *retry) {
  *s = c->settings;
  *retry = c->retry;
  if (!o) return;
  if (o->timeout_ms) s->timeout_ms = *o->timeout_ms > 0 ? *o->timeout_ms : 0;
  if (o->connect_timeout_ms && *o->connect_timeout_ms > 0) s->connect_timeout_ms = *o->connect_timeout_ms;
  if (o->idle_timeout_ms) s->idle_timeout_ms = *o->idle_timeout_ms;
  if (o->retry_options) genai__retry_policy_init(retry, o->retry_options);
}

static genai_result copy_call_options(const genai__call *call, genai_http_options *ocopy,
                                      genai_http_retry_options *rcopy, const genai_http_options **o) {
  *o = NULL;
  if (!call->http_options) return GENAI_OK;
  genai_result rc =
      genai__struct_copy(call->http_options, sizeof(*ocopy), "config.http_options", "genai_http_options", ocopy);
  if (rc == GENAI_OK && ocopy->retry_options) {
    rc = genai__struct_copy(ocopy->retry_options, sizeof(*rcopy), "config.http_options.retry_options",
                            "genai_http_retry_options", rcopy);
    ocopy->retry_options = rcopy;
  }
  if (rc == GENAI_OK) *o = ocopy;
  return rc;
}

void genai__exchange_clear(genai__exchange *x) {
  genai__attempts_stop(&x->attempts);
  genai__headers_clear(&x->headers);
  genai__free_secret(x->token);
  genai__free(x->url);
  genai__free(x->body);
  genai__error_copy_clear(&x->error);
  memset(x, 0, sizeof(*x));
}

static void exchange_finish(genai__exchange *x, genai_result rc) {
  x->done = true;
  x->result = rc;
  if (rc != GENAI_OK) genai__error_save(&x->error);
  if (x->on_done) x->on_done(x->data, rc);
}

static void exchange_began(void *data) {
  genai__exchange *x = data;
  if (x->on_began) x->on_began(x->data);
}

static void exchange_attempts_done(void *data, genai_result rc) {
  genai__exchange *x = data;
  /* A rejected cached token is refreshed once (the provider may have rotated it). */
  if (rc == GENAI_EAPI && x->resp->status == 401 && x->token && x->auth_try == 0 && !x->resp->sink_started) {
    x->auth_try++;
    genai__attempts_stop(&x->attempts);
    rc = set_auth(x->client, true, &x->headers, &x->token);
    /* the refused token is gone from memory: the secrets are the key and the new token */
    x->secrets = (genai__secrets){0};
    genai__secrets_add(&x->secrets, x->client->api_key);
    genai__secrets_add(&x->secrets, x->token);
    if (rc == GENAI_OK)
      rc = genai__attempts_start(&x->attempts, x->client->http, x->driver, &x->req, &x->retry, x->resp,
                                 exchange_began, exchange_attempts_done, x);
    if (rc == GENAI_OK) return;
  }
  exchange_finish(x, rc);
}

genai_result genai__exchange_start(genai__exchange *x, genai_client *c, genai__driver *d, const genai__call *call,
                                   genai__response *resp, void (*on_began)(void *),
                                   void (*on_done)(void *, genai_result), void *data) {
  memset(x, 0, sizeof(*x));
  x->client = c;
  x->driver = d;
  x->resp = resp;
  x->on_began = on_began;
  x->on_done = on_done;
  x->data = data;
  genai_http_options ocopy;
  genai_http_retry_options rcopy;
  const genai_http_options *o = NULL;
  if (c->api_key && starts_with(c->api_key, "auth_tokens/"))
    return genai__err(GENAI_EINVAL, "Ephemeral tokens can only be used with the live API.");
  genai_result rc = copy_call_options(call, &ocopy, &rcopy, &o);
  if (rc != GENAI_OK) return rc;
  genai__call_settings(c, o, &x->settings, &x->retry);
  rc = build_url(c, call, o, &x->url);
  if (rc == GENAI_OK) rc = build_body(c, call, o, &x->body, &x->body_len);
  if (rc == GENAI_OK) rc = build_headers(c, o, &x->settings, call->usage, &x->headers);
  if (rc == GENAI_OK) rc = set_auth(c, false, &x->headers, &x->token);
  genai__secrets_add(&x->secrets, c->api_key);
  genai__secrets_add(&x->secrets, x->token);
  x->req = (genai__request){.method = call->method, .url = x->url, .headers = &x->headers, .body = x->body,
                            .body_len = x->body_len, .settings = x->settings, .secrets = &x->secrets,
                            .sink = call->sink, .sink_data = call->sink_data};
  if (rc == GENAI_OK)
    rc = genai__attempts_start(&x->attempts, c->http, d, &x->req, &x->retry, resp, exchange_began,
                               exchange_attempts_done, x);
  if (rc != GENAI_OK) genai__exchange_clear(x);
  return rc;
}

genai__transfer *genai__exchange_transfer(genai__exchange *x) { return genai__attempts_transfer(&x->attempts); }
