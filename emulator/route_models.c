#include "route_models.h"

#include <stdio.h>
#include <string.h>

#include "google_error.h"
#include "json_util.h"
#include "models.h"
#include "request.h"
#include "request_body.h"
#include "resource.h"
#include "response.h"
#include "route_tunings.h"

typedef struct catalogue_entry {
  const char *id, *display_name, *version;
  long input_limit, output_limit;
  const char *methods; /* comma-separated supportedGenerationMethods */
  int thinking;
} catalogue_entry;

static const catalogue_entry catalogue[] = {
    {"gemini-2.0-flash", "Gemini 2.0 Flash", "2.0", 1048576, 8192,
     "generateContent,countTokens,createCachedContent,batchGenerateContent", 0},
    {"gemini-2.0-flash-001", "Gemini 2.0 Flash 001", "2.0", 1048576, 8192,
     "generateContent,countTokens,createCachedContent,batchGenerateContent", 0},
    {"gemini-2.5-flash", "Gemini 2.5 Flash", "001", 1048576, 65536,
     "generateContent,countTokens,createCachedContent,batchGenerateContent", 1},
    {"gemini-2.5-pro", "Gemini 2.5 Pro", "2.5", 1048576, 65536,
     "generateContent,countTokens,createCachedContent,batchGenerateContent", 1},
    {"gemini-3-pro-preview", "Gemini 3 Pro Preview", "3-pro-preview-11-2025", 1048576, 65536,
     "generateContent,countTokens,createCachedContent,batchGenerateContent", 1},
    {"text-embedding-004", "Text Embedding 004", "004", 2048, 1, "embedContent", 0},
    {"gemini-embedding-001", "Gemini Embedding 001", "001", 2048, 1, "embedContent,countTextTokens", 0},
    {"imagen-3.0-generate-002", "Imagen 3.0", "002", 480, 8192, "predict", 0},
    {"veo-2.0-generate-001", "Veo 2", "2.0", 480, 8192, "predictLongRunning", 0},
};

/* A base model as the backend describes it. */
static json_t *base_model(emu_backend backend, const catalogue_entry *e) {
  char name[320];
  if (backend == EMU_BACKEND_VERTEX) {
    snprintf(name, sizeof name, "publishers/google/models/%s", e->id);
    return json_pack("{s:s, s:s, s:s, s:s}", "name", name, "versionId", e->version, "openSourceCategory",
                     "PROPRIETARY", "launchStage", "GA");
  }
  snprintf(name, sizeof name, "models/%s", e->id);
  json_t *methods = json_array();
  for (const char *m = e->methods; methods && *m;) {
    size_t n = strcspn(m, ",");
    json_array_append_new(methods, json_stringn(m, n));
    m += n + (m[n] == ',');
  }
  json_t *model = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:o}", "name", name, "version", e->version,
                            "displayName", e->display_name, "description", e->display_name, "inputTokenLimit",
                            (json_int_t)e->input_limit, "outputTokenLimit", (json_int_t)e->output_limit,
                            "supportedGenerationMethods", methods);
  if (model && emu_model_is_generative(e->id)) {
    json_object_set_new(model, "temperature", json_real(1.0));
    json_object_set_new(model, "topP", json_real(0.95));
    json_object_set_new(model, "topK", json_integer(64));
    json_object_set_new(model, "maxTemperature", json_real(2.0));
  }
  if (model && e->thinking) json_object_set_new(model, "thinking", json_true());
  return model;
}

/* The last segment of the resource: the model id. */
static const char *last_segment(const char *name) {
  const char *slash = strrchr(name, '/');
  return slash ? slash + 1 : name;
}

static int is_tuned(const emu_call *call) {
  const char *local = emu_api_path_local(call->path);
  if (call->path->backend == EMU_BACKEND_MLDEV) return strncmp(local, "tunedModels", 11) == 0;
  return strncmp(local, "models", 6) == 0;
}

/* Tuned models carry the tune-type label on Vertex AI, which the SDK's
 * filter asks for; the emulator has no other models there. */
static void list_tuned(const emu_call *call, emu_response *out) {
  char prefix[300];
  const char *local = call->path->backend == EMU_BACKEND_MLDEV ? "tunedModels/" : "models/";
  if (emu_resource_name(call, local, prefix, sizeof prefix) != 0) {
    emu_respond_resource_not_found(out, local);
    return;
  }
  emu_tunings_settle_all(call); /* tuning jobs that ended since made or changed models */
  emu_respond_page(call, out, prefix, call->path->backend == EMU_BACKEND_MLDEV ? "tunedModels" : "models", NULL,
                   NULL, 50);
}

void emu_route_models_list(const emu_call *call, emu_response *out) {
  if (is_tuned(call)) {
    list_tuned(call, out);
    return;
  }
  json_t *items = json_array();
  for (size_t i = 0; items && i < sizeof catalogue / sizeof catalogue[0]; i++)
    if (json_array_append_new(items, base_model(call->path->backend, &catalogue[i])) != 0) {
      json_decref(items);
      items = NULL;
    }
  if (!items) {
    emu_response_internal_error(out);
    return;
  }
  emu_respond_array_page(call, out, items, call->path->backend == EMU_BACKEND_MLDEV ? "models" : "publisherModels",
                         50);
  json_decref(items);
}

static void base_not_found(const emu_call *call, emu_response *out) {
  char msg[600];
  const emu_api_path *p = call->path;
  if (p->backend == EMU_BACKEND_MLDEV)
    snprintf(msg, sizeof msg, "models/%s is not found for API version %s.", last_segment(p->resource), p->version);
  else
    snprintf(msg, sizeof msg, "Publisher Model `%s` not found.", p->resource);
  emu_respond_simple_error(out, 404, "NOT_FOUND", msg);
}

static void get_base(const emu_call *call, emu_response *out) {
  const char *id = last_segment(call->path->resource);
  const catalogue_entry *e = NULL;
  for (size_t i = 0; i < sizeof catalogue / sizeof catalogue[0] && !e; i++)
    if (strcmp(catalogue[i].id, id) == 0) e = &catalogue[i];
  catalogue_entry any = {id, id, "001", 1048576, 8192, "generateContent,countTokens", 0};
  if (!e && emu_model_known(id)) e = &any;
  if (!e) {
    base_not_found(call, out);
    return;
  }
  json_t *model = base_model(call->path->backend, e);
  if (!model)
    emu_response_internal_error(out);
  else
    emu_response_take_json(out, 200, model);
}

void emu_route_models_get(const emu_call *call, emu_response *out) {
  if (!is_tuned(call)) {
    get_base(call, out);
    return;
  }
  emu_tunings_settle_all(call);
  json_t *model = emu_store_get(call->app->store, call->path->resource);
  if (!model) {
    emu_respond_resource_not_found(out, call->path->resource);
    return;
  }
  emu_response_take_json(out, 200, model);
}

void emu_route_models_update(const emu_call *call, emu_response *out) {
  json_t *body = emu_request_body_parse(call->req, out);
  if (!body) return;
  json_t *model = is_tuned(call) ? emu_store_get(call->app->store, call->path->resource) : NULL;
  if (!model) {
    json_decref(body);
    emu_respond_resource_not_found(out, call->path->resource);
    return;
  }
  static const char *const fields[] = {"displayName", "description", "defaultCheckpointId"};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    json_t *v = emu_json_field(body, fields[i]);
    if (json_is_string(v)) json_object_set(model, fields[i], v);
  }
  char now[32];
  emu_timestamp(0, now);
  json_object_set_new(model, "updateTime", json_string(now));
  json_decref(body);
  if (emu_store_put(call->app->store, call->path->resource, model) != 0) {
    json_decref(model);
    emu_response_internal_error(out);
    return;
  }
  emu_response_take_json(out, 200, model);
}

/* The Gemini API answers {}; Vertex AI a finished delete operation. */
void emu_route_models_delete(const emu_call *call, emu_response *out) {
  if (!is_tuned(call) || !emu_store_remove(call->app->store, call->path->resource)) {
    emu_respond_resource_not_found(out, call->path->resource);
    return;
  }
  if (call->path->backend == EMU_BACKEND_MLDEV) {
    emu_response_take_json(out, 200, json_object());
    return;
  }
  char id[13], name[700];
  emu_store_new_id(id);
  snprintf(name, sizeof name, "%s/operations/%s", call->path->resource, id);
  emu_response_take_json(out, 200,
                         json_pack("{s:s, s:{s:s}, s:b, s:{s:s}}", "name", name, "metadata", "@type",
                                   "type.googleapis.com/google.cloud.aiplatform.v1beta1.DeleteOperationMetadata",
                                   "done", 1, "response", "@type", "type.googleapis.com/google.protobuf.Empty"));
}
