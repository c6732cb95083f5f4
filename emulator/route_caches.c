#include "route_caches.h"

#include <stdio.h>
#include <string.h>

#include "cache_store.h"
#include "content_check.h"
#include "content_text.h"
#include "google_error.h"
#include "json_util.h"
#include "models.h"
#include "request_body.h"
#include "resource.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define DEFAULT_TTL_MS (3600LL * 1000)

/* The fields of CachedContent (the body of create and update). */
static const emu_field cache_fields[] = {
    {"name", EMU_ON_BOTH},         {"displayName", EMU_ON_BOTH},   {"model", EMU_ON_BOTH},
    {"contents", EMU_ON_BOTH},     {"systemInstruction", EMU_ON_BOTH}, {"tools", EMU_ON_BOTH},
    {"toolConfig", EMU_ON_BOTH},   {"ttl", EMU_ON_BOTH},           {"expireTime", EMU_ON_BOTH},
    {"createTime", EMU_ON_BOTH},   {"updateTime", EMU_ON_BOTH},    {"usageMetadata", EMU_ON_BOTH},
    {"encryptionSpec", EMU_ON_VERTEX},
};

/* Shape checks of a CachedContent body; NULL after writing the 400. */
static json_t *decode_cache(const emu_call *call, emu_response *out) {
  json_t *body = emu_request_body_parse(call->req, out);
  if (!body) return NULL;
  emu_shape s;
  emu_shape_init(&s, call->path);
  emu_shape_fields(&s, body, cache_fields, COUNT(cache_fields), NULL);
  emu_shape_contents(&s, emu_json_present(body, "contents"), "contents");
  const json_t *system = emu_json_present(body, "systemInstruction");
  if (system) emu_shape_content(&s, system, "system_instruction");
  emu_shape_string(&s, body, "ttl", NULL);
  emu_shape_string(&s, body, "expireTime", NULL);
  emu_shape_string(&s, body, "displayName", NULL);
  emu_shape_string(&s, body, "model", NULL);
  if (emu_shape_finish(&s, out) != 0) {
    json_decref(body);
    return NULL;
  }
  return body;
}

static void bad_request(emu_response *out, const char *message) {
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", message);
}

/* The expiry the body asks for: ttl from now, expireTime, or `fallback`
 * (0 keeps none). 0, or -1 after writing the 400. */
static int requested_expiry(const json_t *body, long long now, long long fallback, long long *expire,
                            emu_response *out) {
  const char *ttl = json_string_value(emu_json_present(body, "ttl"));
  const char *at = json_string_value(emu_json_present(body, "expireTime"));
  long long ms = 0;
  *expire = fallback;
  if (ttl && at) {
    bad_request(out, "Only one of ttl and expire_time can be set.");
    return -1;
  }
  if (ttl) {
    if (emu_cache_parse_duration(ttl, &ms) != 0) {
      bad_request(out, "Invalid value at 'cached_content.ttl' (type.googleapis.com/google.protobuf.Duration)");
      return -1;
    }
    *expire = now + ms;
  } else if (at) {
    if (emu_cache_parse_timestamp(at, &ms) != 0) {
      bad_request(out,
                  "Invalid value at 'cached_content.expire_time' (type.googleapis.com/google.protobuf.Timestamp)");
      return -1;
    }
    *expire = ms;
  }
  if (*expire && *expire <= now) {
    bad_request(out, "The expiration time of a CachedContent must be in the future.");
    return -1;
  }
  return 0;
}

static const char *last_segment(const char *name) {
  const char *slash = strrchr(name, '/');
  return slash ? slash + 1 : name;
}

/* The model as the backend stores it, after checking it is a generative
 * model: "models/x" on the Gemini API, the full publisher model name on
 * Vertex AI. 0, or -1 after writing the error. */
static int cache_model(const emu_call *call, const json_t *body, char *model, size_t size, emu_response *out) {
  const char *given = json_string_value(emu_json_present(body, "model"));
  if (!given || !*given) {
    bad_request(out, "* CreateCachedContentRequest.cached_content.model: model is required\n");
    return -1;
  }
  const emu_api_path *p = call->path;
  const char *id = last_segment(given);
  int shaped = p->backend == EMU_BACKEND_MLDEV ? strncmp(given, "models/", 7) == 0
                                               : strstr(given, "models/") != NULL;
  char msg[700];
  if (!shaped || !emu_model_is_generative(id)) {
    if (p->backend == EMU_BACKEND_MLDEV)
      snprintf(msg, sizeof msg,
               "%s is not found for API version %s, or is not supported for createCachedContent. Call "
               "ListModels to see the list of available models and their supported methods.",
               given, p->version);
    else
      snprintf(msg, sizeof msg, "Publisher Model `%s` not found.", given);
    emu_respond_simple_error(out, 404, "NOT_FOUND", msg);
    return -1;
  }
  int n = p->backend == EMU_BACKEND_MLDEV ? snprintf(model, size, "models/%s", id)
          : p->express || !p->project[0]
              ? snprintf(model, size, "publishers/google/models/%s", id)
              : snprintf(model, size, "projects/%s/locations/%s/publishers/google/models/%s", p->project,
                         p->location, id);
  if (n < 0 || (size_t)n >= size) {
    bad_request(out, "model is too long");
    return -1;
  }
  return 0;
}

/* The emulator's token rule over what is cached: contents and system instruction. */
static size_t cached_tokens(const json_t *body) {
  const json_t *system = emu_json_present(body, "systemInstruction");
  return emu_contents_tokens(emu_json_present(body, "contents")) + (system ? emu_content_tokens(system) : 0);
}

static json_t *new_cache(const char *name, const char *model, const json_t *body, long long now, long long expire) {
  char created[32], expires[32];
  emu_timestamp(now, created);
  emu_timestamp(expire, expires);
  const char *display = json_string_value(emu_json_present(body, "displayName"));
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:I}}", "name", name, "model", model, "createTime", created,
                   "updateTime", created, "expireTime", expires, "displayName", display ? display : "",
                   "usageMetadata", "totalTokenCount", (json_int_t)cached_tokens(body));
}

static void store_and_respond(const emu_call *call, const char *name, json_t *cache, emu_response *out) {
  if (!cache || emu_store_put(call->app->store, name, cache) != 0) {
    json_decref(cache);
    emu_response_internal_error(out);
    return;
  }
  emu_response_take_json(out, 200, cache);
}

static void create_from(const emu_call *call, const json_t *body, emu_response *out) {
  char model[600], id[13], local[32], name[512];
  long long now = emu_now_ms(), expire;
  if (cache_model(call, body, model, sizeof model, out) != 0) return;
  if (emu_contents_check(emu_json_present(body, "contents"), "CreateCachedContentRequest.cached_content", out) != 0)
    return;
  if (requested_expiry(body, now, now + DEFAULT_TTL_MS, &expire, out) != 0) return;
  emu_store_new_id(id);
  snprintf(local, sizeof local, "cachedContents/%s", id);
  if (emu_resource_name(call, local, name, sizeof name) != 0) {
    emu_response_internal_error(out);
    return;
  }
  store_and_respond(call, name, new_cache(name, model, body, now, expire), out);
}

void emu_route_caches_create(const emu_call *call, emu_response *out) {
  json_t *body = decode_cache(call, out);
  if (!body) return;
  create_from(call, body, out);
  json_decref(body);
}

void emu_route_caches_list(const emu_call *call, emu_response *out) {
  char prefix[300];
  if (emu_resource_name(call, "cachedContents/", prefix, sizeof prefix) != 0) {
    emu_response_internal_error(out);
    return;
  }
  emu_backend backend = call->path->backend;
  emu_respond_page(call, out, prefix, "cachedContents", emu_cache_live, &backend, 1000);
}

void emu_route_caches_get(const emu_call *call, emu_response *out) {
  json_t *cache = emu_cache_lookup(call, call->path->resource);
  if (!cache)
    emu_respond_cache_not_found(call, out);
  else
    emu_response_take_json(out, 200, cache);
}

/* Only the expiration of a cache can change; any other CachedContent
 * field in the body is refused. */
static int only_expiration(const json_t *body, emu_response *out) {
  const char *key;
  json_t *value;
  json_object_foreach((json_t *)body, key, value) {
    if (json_is_null(value) || emu_field_name_matches(key, "ttl") || emu_field_name_matches(key, "expireTime"))
      continue;
    char msg[200];
    snprintf(msg, sizeof msg, "Only the expiration (ttl or expire_time) of a CachedContent can be updated, not %s.",
             key);
    bad_request(out, msg);
    return -1;
  }
  return 0;
}

static void update_from(const emu_call *call, const json_t *body, emu_response *out) {
  if (only_expiration(body, out) != 0) return;
  json_t *cache = emu_cache_lookup(call, call->path->resource);
  if (!cache) {
    emu_respond_cache_not_found(call, out);
    return;
  }
  long long now = emu_now_ms(), expire;
  if (requested_expiry(body, now, 0, &expire, out) != 0) {
    json_decref(cache);
    return;
  }
  char stamp[32];
  if (expire) {
    emu_timestamp(expire, stamp);
    json_object_set_new(cache, "expireTime", json_string(stamp));
  }
  emu_timestamp(now, stamp);
  json_object_set_new(cache, "updateTime", json_string(stamp));
  store_and_respond(call, call->path->resource, cache, out);
}

void emu_route_caches_update(const emu_call *call, emu_response *out) {
  json_t *body = decode_cache(call, out);
  if (!body) return;
  update_from(call, body, out);
  json_decref(body);
}

void emu_route_caches_delete(const emu_call *call, emu_response *out) {
  json_t *cache = emu_cache_lookup(call, call->path->resource);
  if (!cache) {
    emu_respond_cache_not_found(call, out);
    return;
  }
  json_decref(cache);
  emu_store_remove(call->app->store, call->path->resource);
  emu_response_take_json(out, 200, json_object());
}
