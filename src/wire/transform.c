#include "wire/transform.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <regex.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/structsize.h"
#include "wire/types_gen.h"
#include "wire/names.h"
#include "wire/schema.h"

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

/* "<path>: <what> <value>." with the Python SDK's wording for <what>. */
static genai_result field_err(const genai__path *p, const char *what, const char *value, const char *end) {
  if (p->len) return genai__err(GENAI_EINVAL, "%s: %s %s%s", p->text, what, value, end);
  return genai__err(GENAI_EINVAL, "%s %s%s", what, value, end);
}

/* Replaces the string *value with `text` (owned, freed here). */
static genai_result replace_string(json_t **value, char *text) {
  json_t *s = json_string(text);
  genai__free(text);
  if (!s) return oom();
  json_decref(*value);
  *value = s;
  return GENAI_OK;
}

/* t_tools: the function declarations of every tool move into one trailing
 * tool; tools left empty by the move are dropped, other kinds stay. */
static genai_result merge_function_declarations(json_t **value) {
  json_t *tools = *value, *out = json_array(), *merged = json_array();
  size_t i;
  json_t *tool;
  if (!out || !merged) goto fail;
  json_array_foreach(tools, i, tool) {
    json_t *decls = json_object_get(tool, "functionDeclarations");
    if (!json_is_array(decls) || json_array_size(decls) == 0) {
      if (json_array_append(out, tool) != 0) goto fail;
      continue;
    }
    if (json_array_extend(merged, decls) != 0) goto fail;
    json_t *rest = json_copy(tool);
    if (!rest) goto fail;
    json_object_del(rest, "functionDeclarations");
    if (json_object_size(rest) ? json_array_append_new(out, rest) != 0 : (json_decref(rest), 0)) goto fail;
  }
  if (json_array_size(merged) && json_array_append_new(out, json_pack("{s:O}", "functionDeclarations", merged)) != 0)
    goto fail;
  json_decref(merged);
  json_decref(tools);
  *value = out;
  return GENAI_OK;
fail:
  json_decref(out);
  json_decref(merged);
  return oom();
}

static bool matches(const char *pattern, const char *text) {
  regex_t re;
  if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0) return false;
  bool ok = regexec(&re, text, 0, NULL, 0) == 0;
  regfree(&re);
  return ok;
}

/* t_batch_job_name: the id of a batch job from its full name. */
static genai_result batch_job_name(genai__encode_ctx *ctx, json_t **value) {
  const char *name = json_string_value(*value);
  bool vertex = ctx->backend == GENAI__BACKEND_VERTEX;
  bool ok = vertex ? matches("^projects/[^/]+/locations/[^/]+/batchPredictionJobs/[^/]+$", name) ||
                         matches("^[0-9]+$", name)
                   : matches("^batches/[^/]+$", name); /* re.match anchors at the start */
  if (!ok) return field_err(&ctx->path, "Invalid batch job name:", name, ".");
  const char *slash = strrchr(name, '/');
  return replace_string(value, genai__strdup(slash ? slash + 1 : name));
}

/* t_file_name: "files/abc", a download URI or "abc" become "abc". */
static genai_result file_name(genai__encode_ctx *ctx, json_t **value) {
  const char *name = json_string_value(*value);
  if (!strncmp(name, "https://", 8)) {
    const char *files = strstr(name, "files/");
    const char *id = files ? files + 6 : NULL;
    size_t n = 0;
    while (id && (islower((unsigned char)id[n]) || isdigit((unsigned char)id[n]))) n++;
    if (!n) return field_err(&ctx->path, "Could not extract file name from URI:", name, "");
    return replace_string(value, genai__strndup(id, n));
  }
  if (!strncmp(name, "files/", 6)) return replace_string(value, genai__strdup(name + 6));
  return GENAI_OK;
}

/* t_caches_model: a model name as Vertex AI caches want it (full resource). */
static genai_result caches_model(genai__encode_ctx *ctx, json_t **value) {
  char *model = NULL;
  bool vertex = ctx->backend == GENAI__BACKEND_VERTEX;
  genai_result rc = genai__t_model(vertex, json_string_value(*value), &model);
  if (rc != GENAI_OK) return rc;
  bool has_project = ctx->project && *ctx->project; /* not in express mode */
  if (vertex && has_project && (!strncmp(model, "publishers/", 11) || !strncmp(model, "models/", 7))) {
    const char *p = ctx->project ? ctx->project : "", *l = ctx->location ? ctx->location : "";
    size_t n = strlen(model) + strlen(p) + strlen(l) + 64;
    char *full = genai__malloc(n);
    if (!full) {
      genai__free(model);
      return oom();
    }
    snprintf(full, n, "projects/%s/locations/%s/%s%s", p, l, model[0] == 'm' ? "publishers/google/" : "", model);
    genai__free(model);
    model = full;
  }
  return replace_string(value, model);
}

genai_result genai__xform_encode(genai__encode_ctx *ctx, const genai__field *f, json_t **value) {
  bool vertex = ctx->backend == GENAI__BACKEND_VERTEX;
  char *text = NULL;
  genai_result rc;
  switch ((genai__xform)f->xf) {
    case GENAI__XF_MODEL:
      if (!json_is_string(*value)) return GENAI_OK;
      rc = genai__t_model(vertex, json_string_value(*value), &text);
      return rc == GENAI_OK ? replace_string(value, text) : rc;
    case GENAI__XF_CACHED_CONTENT_NAME:
      if (!json_is_string(*value)) return GENAI_OK;
      /* Express mode (no project) names caches without a project, unlike
       * Python, which would send "projects/None/...". */
      rc = genai__resource_name(vertex && ctx->project && *ctx->project, ctx->project, ctx->location,
                                json_string_value(*value), "cachedContents", 2, &text);
      return rc == GENAI_OK ? replace_string(value, text) : rc;
    case GENAI__XF_MODELS_URL: {
      /* query_base: base models or tuned models. */
      bool base = json_is_true(*value);
      const char *url = vertex ? (base ? "publishers/google/models" : "models") : (base ? "models" : "tunedModels");
      json_t *s = json_string(url);
      if (!s) return oom();
      json_decref(*value);
      *value = s;
      return GENAI_OK;
    }
    case GENAI__XF_CACHES_MODEL: return json_is_string(*value) ? caches_model(ctx, value) : GENAI_OK;
    case GENAI__XF_FILE_NAME: return json_is_string(*value) ? file_name(ctx, value) : GENAI_OK;
    case GENAI__XF_BATCH_JOB_NAME: return json_is_string(*value) ? batch_job_name(ctx, value) : GENAI_OK;
    case GENAI__XF_TOOLS: return json_is_array(*value) ? merge_function_declarations(value) : GENAI_OK;
    case GENAI__XF_SCHEMA: return genai__schema_process(*value, !vertex, &ctx->path);
    default: return GENAI_OK;
  }
}

typedef struct state_map {
  const char *from, *to;
} state_map;

static const state_map job_states[] = {
    {"BATCH_STATE_UNSPECIFIED", "JOB_STATE_UNSPECIFIED"}, {"BATCH_STATE_PENDING", "JOB_STATE_PENDING"},
    {"BATCH_STATE_RUNNING", "JOB_STATE_RUNNING"},         {"BATCH_STATE_SUCCEEDED", "JOB_STATE_SUCCEEDED"},
    {"BATCH_STATE_FAILED", "JOB_STATE_FAILED"},           {"BATCH_STATE_CANCELLED", "JOB_STATE_CANCELLED"},
    {"BATCH_STATE_EXPIRED", "JOB_STATE_EXPIRED"},
};

static const state_map tuning_states[] = {
    {"STATE_UNSPECIFIED", "JOB_STATE_UNSPECIFIED"}, {"CREATING", "JOB_STATE_RUNNING"},
    {"ACTIVE", "JOB_STATE_SUCCEEDED"},              {"FAILED", "JOB_STATE_FAILED"},
};

static genai_result rename_state(json_t **value, const state_map *t, size_t n) {
  const char *s = json_string_value(*value);
  for (size_t i = 0; s && i < n; i++) {
    if (strcmp(s, t[i].from)) continue;
    json_t *to = json_string(t[i].to);
    if (!to) return oom();
    json_decref(*value);
    *value = to;
    break;
  }
  return GENAI_OK;
}

/* t_extract_models: a model list answer names its list by the kind of model. */
static genai_result extract_models(json_t **value) {
  static const char *const keys[] = {"models", "tunedModels", "publisherModels"};
  json_t *list = NULL;
  for (size_t i = 0; i < 3 && !list; i++) list = json_object_get(*value, keys[i]);
  json_t *out = list ? json_incref(list) : json_array();
  if (!out) return oom();
  json_decref(*value);
  *value = out;
  return GENAI_OK;
}

/* t_recv_batch_job_destination: inline answers that hold embeddings are
 * inlinedEmbedContentResponses. */
static genai_result recv_batch_dest(json_t **value) {
  json_t *inlined = json_object_get(json_object_get(*value, "inlinedResponses"), "inlinedResponses");
  size_t i;
  json_t *r;
  json_array_foreach(inlined, i, r) {
    json_t *inner = json_object_get(r, "response");
    if (!json_object_size(inner)) continue;
    if (json_object_get(inner, "embedding")) {
      json_t *copy = json_copy(*value);
      if (!copy) return oom();
      json_object_set(copy, "inlinedEmbedContentResponses", json_object_get(copy, "inlinedResponses"));
      json_object_del(copy, "inlinedResponses");
      json_decref(*value);
      *value = copy;
    }
    break;
  }
  return GENAI_OK;
}

genai_result genai__xform_decode(genai__backend backend, const genai__field *f, json_t **value) {
  switch ((genai__xform)f->xf) {
    case GENAI__XF_JOB_STATE: return rename_state(value, job_states, sizeof(job_states) / sizeof(job_states[0]));
    case GENAI__XF_TUNING_JOB_STATUS:
      (void)backend;
      return rename_state(value, tuning_states, sizeof(tuning_states) / sizeof(tuning_states[0]));
    case GENAI__XF_EXTRACT_MODELS: return json_is_object(*value) ? extract_models(value) : GENAI_OK;
    case GENAI__XF_RECV_BATCH_JOB_DESTINATION: return json_is_object(*value) ? recv_batch_dest(value) : GENAI_OK;
    default: return GENAI_OK;
  }
}

/* :embedContent answers {embedding, usageMetadata, truncated}; the SDK's
 * EmbedContentResponse wants embeddings[0] with statistics, which the
 * Vertex AI decoding reads from predictions[].embeddings. */
static genai_result embed_content_response(json_t **root) {
  json_t *embedding = json_object_get(*root, "embedding");
  if (!json_is_object(embedding)) return GENAI_OK;
  json_t *usage = json_object_get(*root, "usageMetadata");
  json_t *truncated = json_object_get(*root, "truncated");
  json_t *stats = json_object(), *emb = json_copy(embedding), *out = json_object(), *pred = json_array();
  if (!stats || !emb || !out || !pred) goto fail;
  json_t *count = json_object_get(usage, "promptTokenCount");
  json_t *details = json_object_get(usage, "promptTokensDetails");
  if (count && json_object_set(stats, "token_count", count)) goto fail;
  if (details && json_object_set(stats, "tokensDetails", details)) goto fail;
  if (json_is_true(truncated) && json_object_set(stats, "truncated", truncated)) goto fail;
  if (json_object_set_new(emb, "statistics", stats)) {
    stats = NULL;
    goto fail;
  }
  stats = NULL;
  if (json_array_append_new(pred, json_pack("{s:o}", "embeddings", emb))) {
    emb = NULL;
    goto fail;
  }
  emb = NULL;
  if (json_object_set_new(out, "predictions", pred)) {
    pred = NULL;
    goto fail;
  }
  json_t *metadata = json_object_get(*root, "metadata");
  if (metadata && json_object_set(out, "metadata", metadata)) {
    pred = NULL;
    goto fail;
  }
  json_decref(*root);
  *root = out;
  return GENAI_OK;
fail:
  json_decref(stats);
  json_decref(emb);
  json_decref(pred);
  json_decref(out);
  return oom();
}

/* models.py generate_images: the prediction describing the prompt itself
 * (contentType "Positive Prompt") is not an image; it becomes the
 * response's positivePromptSafetyAttributes (the last one wins, as in Python). */
static genai_result images_response(json_t **root) {
  json_t *predictions = json_object_get(*root, "predictions");
  if (!json_is_array(predictions)) return GENAI_OK;
  for (size_t i = json_array_size(predictions); i-- > 0;) {
    json_t *p = json_array_get(predictions, i);
    const char *type = json_string_value(json_object_get(p, "contentType"));
    if (!type || strcmp(type, "Positive Prompt")) continue;
    if (!json_object_get(*root, "positivePromptSafetyAttributes") &&
        json_object_set(*root, "positivePromptSafetyAttributes", p))
      return genai__err(GENAI_ENOMEM, "out of memory");
    if (json_array_remove(predictions, i)) return genai__err(GENAI_ENOMEM, "out of memory");
  }
  return GENAI_OK;
}

genai_result genai__xform_response(int xf, json_t **root) {
  switch ((genai__xform)xf) {
    case GENAI__XF_EMBED_CONTENT_RESPONSE: return embed_content_response(root);
    case GENAI__XF_IMAGES_RESPONSE: return images_response(root);
    default: return GENAI_OK;
  }
}

static genai_result source_err(const genai__path *p, const char *msg) {
  return p->len ? genai__err(GENAI_EINVAL, "%s: %s", p->text, msg) : genai__err(GENAI_EINVAL, "%s", msg);
}

static const char mldev_sources_msg[] =
    "Exactly one of `inlined_requests`, `file_name`, `inlined_embed_content_requests`, or "
    "`embed_content_file_name` must be set, other sources are not supported in Gemini API.";

/* t_batch_job_source: exactly one source the backend reads. */
static genai_result batch_job_source(genai__encode_ctx *ctx, const genai_batch_job_source *src) {
  int vertex_sources = (src->gcs_uri != NULL) + (src->bigquery_uri != NULL) + (src->vertex_dataset_name != NULL);
  int mldev_sources = (src->inlined_requests != NULL) + (src->file_name != NULL);
  if (ctx->backend == GENAI__BACKEND_VERTEX && (mldev_sources || vertex_sources != 1))
    return source_err(&ctx->path, "Exactly one of `gcs_uri` or `bigquery_uri`, or `vertex_dataset_name` must be "
                                  "set, other sources are not supported in Gemini Enterprise Agent Platform.");
  if (ctx->backend == GENAI__BACKEND_MLDEV && (vertex_sources || mldev_sources != 1))
    return source_err(&ctx->path, mldev_sources_msg);
  return GENAI_OK;
}

genai_result genai__xform_validate(genai__encode_ctx *ctx, const genai__field *f, const void *slot) {
  const void *value = f->kind == GENAI__K_MESSAGE && f->shape == GENAI__S_ONE ? *(const void *const *)slot : NULL;
  if (!value) return GENAI_OK;
  switch ((genai__xform)f->xf) {
    case GENAI__XF_BATCH_JOB_SOURCE: {
      genai_batch_job_source src;
      genai_result rc = genai__struct_copy(value, sizeof(src), ctx->path.text, "genai_batch_job_source", &src);
      return rc == GENAI_OK ? batch_job_source(ctx, &src) : rc;
    }
    case GENAI__XF_EMBEDDING_BATCH_JOB_SOURCE: {
      genai_embeddings_batch_job_source src;
      genai_result rc =
          genai__struct_copy(value, sizeof(src), ctx->path.text, "genai_embeddings_batch_job_source", &src);
      if (rc != GENAI_OK) return rc;
      if ((src.inlined_requests != NULL) + (src.file_name != NULL) != 1) return source_err(&ctx->path, mldev_sources_msg);
      return GENAI_OK;
    }
    default: return GENAI_OK;
  }
}

/* movev(requests[].* -> requests[].request.*): every member of each request
 * but "request" itself moves into its "request" object. */
static genai_result move_into_request(json_t *obj) {
  size_t i;
  json_t *elem;
  json_array_foreach(json_object_get(obj, "requests"), i, elem) {
    if (!json_is_object(elem)) continue;
    json_t *request = json_object_get(elem, "request");
    if (!json_is_object(request)) {
      request = json_object();
      if (!request || json_object_set_new(elem, "request", request)) return oom();
    }
    const char *key;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(elem, tmp, key, v) {
      if (!strcmp(key, "request")) continue;
      if (json_object_set(request, key, v) != 0) return oom();
      json_object_del(elem, key);
    }
  }
  return GENAI_OK;
}

genai_result genai__xform_object(genai__encode_ctx *ctx, int xf, json_t *obj) {
  (void)ctx;
  switch ((genai__xform)xf) {
    case GENAI__XF_MOVE_INTO_REQUEST: return move_into_request(obj);
    default: return GENAI_OK;
  }
}
