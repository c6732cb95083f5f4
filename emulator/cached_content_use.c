#include "cached_content_use.h"

#include <stdio.h>
#include <string.h>

#include "cache_store.h"
#include "google_error.h"
#include "json_util.h"

static const char *last_segment(const char *name) {
  const char *slash = strrchr(name, '/');
  return slash ? slash + 1 : name;
}

/* The services refuse per-request instructions and tools with a cache; the
 * two backends word it differently. */
static int conflicts(const emu_call *call, const json_t *request, emu_response *out) {
  if (!emu_json_present(request, "systemInstruction") && !emu_json_present(request, "tools") &&
      !emu_json_present(request, "toolConfig"))
    return 0;
  emu_respond_simple_error(
      out, 400, "INVALID_ARGUMENT",
      call->path->backend == EMU_BACKEND_MLDEV
          ? "CachedContent can not be used with GenerateContent request setting system_instruction, tools or "
            "tool_config.\n\nProposed fix: move those values to CachedContent from GenerateContent request."
          : "Tool config, tools and system instruction should not be set in the request when using cached "
            "content.");
  return -1;
}

static int model_mismatch(const emu_call *call, const json_t *cache, emu_response *out) {
  const char *model = json_string_value(json_object_get(cache, "model"));
  if (model && strcmp(last_segment(model), call->path->model) == 0) return 0;
  char msg[1200];
  snprintf(msg, sizeof msg,
           "Model used by GenerateContent request (models/%s) and CachedContent (%s) has to be the same.",
           call->path->model, model ? model : "");
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", msg);
  return -1;
}

int emu_cached_content_resolve(const emu_call *call, const json_t *request, size_t *tokens, emu_response *out) {
  *tokens = 0;
  const char *name = json_string_value(emu_json_present(request, "cachedContent"));
  if (!name || !*name) return 0;
  char store_name[600];
  json_t *cache = emu_cache_store_name(call, name, store_name, sizeof store_name) == 0
                      ? emu_cache_lookup(call, store_name)
                      : NULL;
  if (!cache) {
    emu_respond_cache_not_found(call, out);
    return -1;
  }
  int rc = conflicts(call, request, out);
  if (rc == 0) rc = model_mismatch(call, cache, out);
  json_int_t n = json_integer_value(json_object_get(json_object_get(cache, "usageMetadata"), "totalTokenCount"));
  json_decref(cache);
  if (rc == 0) *tokens = (size_t)(n > 0 ? n : 0);
  return rc;
}

static int add_to(json_t *obj, const char *key, size_t tokens) {
  json_t *v = json_object_get(obj, key);
  return json_object_set_new(obj, key, json_integer(json_integer_value(v) + (json_int_t)tokens));
}

static int add_one(json_t *response, size_t tokens) {
  json_t *usage = json_object_get(response, "usageMetadata");
  if (!usage || !json_object_get(usage, "promptTokenCount")) return 0;
  json_t *details = json_array_get(json_object_get(usage, "promptTokensDetails"), 0);
  if (add_to(usage, "promptTokenCount", tokens) != 0 || add_to(usage, "totalTokenCount", tokens) != 0 ||
      json_object_set_new(usage, "cachedContentTokenCount", json_integer((json_int_t)tokens)) != 0 ||
      (details && add_to(details, "tokenCount", tokens) != 0))
    return -1;
  return json_object_set_new(usage, "cacheTokensDetails",
                             json_pack("[{s:s, s:I}]", "modality", "TEXT", "tokenCount", (json_int_t)tokens));
}

int emu_cached_content_add_usage(json_t *doc, size_t tokens) {
  if (!tokens || !doc) return 0;
  if (!json_is_array(doc)) return add_one(doc, tokens);
  size_t i;
  json_t *event;
  json_array_foreach(doc, i, event) if (add_one(event, tokens) != 0) return -1;
  return 0;
}
