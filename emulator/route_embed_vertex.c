/* Vertex AI's embedding methods: :predict for text embedding models (the
 * body is free-form google.protobuf.Value, checked by the model, not the
 * transcoder) and :embedContent for Gemini embedding models. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content_check.h"
#include "content_text.h"
#include "embedding.h"
#include "google_error.h"
#include "json_util.h"
#include "models.h"
#include "request_body.h"
#include "route_embed.h"
#include "route_imagen.h"
#include "tokens.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_INSTANCES 250

static const emu_field predict_fields[] = {
    {"instances", EMU_ON_VERTEX}, {"parameters", EMU_ON_VERTEX}, {"labels", EMU_ON_VERTEX}};

static const emu_field embed_fields[] = {
    {"content", EMU_ON_VERTEX},      {"embedContentConfig", EMU_ON_VERTEX},
    {"autoTruncate", EMU_ON_VERTEX}, {"outputDimensionality", EMU_ON_VERTEX},
    {"taskType", EMU_ON_VERTEX},     {"title", EMU_ON_VERTEX},
};

static const emu_field config_fields[] = {
    {"taskType", EMU_ON_VERTEX},
    {"title", EMU_ON_VERTEX},
    {"outputDimensionality", EMU_ON_VERTEX},
    {"autoTruncate", EMU_ON_VERTEX},
    {"documentOcr", EMU_ON_VERTEX},
    {"audioTrackExtraction", EMU_ON_VERTEX},
};

static const char *const task_types[] = {
    "UNSPECIFIED",          "RETRIEVAL_QUERY",
    "RETRIEVAL_DOCUMENT",   "SEMANTIC_SIMILARITY",
    "CLASSIFICATION",       "CLUSTERING",
    "QUESTION_ANSWERING",   "FACT_VERIFICATION",
    "CODE_RETRIEVAL_QUERY", NULL,
};

typedef struct problems {
  emu_buf lines;
  int oom;
} problems;

__attribute__((format(printf, 2, 3))) static void add(problems *p, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (emu_buf_vprintf(&p->lines, fmt, ap) != 0) p->oom = 1;
  va_end(ap);
}

/* Sends the collected problems, if any; returns 1 when there were none. */
static int problems_ok(problems *p, emu_response *out) {
  int ok = 0;
  if (p->oom)
    emu_response_internal_error(out);
  else if (p->lines.len)
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", p->lines.data);
  else
    ok = 1;
  emu_buf_dispose(&p->lines);
  return ok;
}

/* ---- :predict ---------------------------------------------------------- */

/* Settings of a predict call, from "parameters". */
typedef struct predict_params {
  unsigned dims;
  int auto_truncate;
} predict_params;

static void check_parameters(const json_t *params, predict_params *pp, problems *p) {
  pp->dims = EMU_EMBED_DEFAULT_DIM;
  pp->auto_truncate = 1;
  if (!params) return;
  if (!json_is_object(params)) {
    add(p, "* PredictRequest.parameters: parameters must be an object\n");
    return;
  }
  const json_t *dims = emu_json_present(params, "outputDimensionality");
  long long n = 0;
  if (dims && (emu_json_int(dims, &n) != 0 || n < 0 || n > EMU_EMBED_MAX_DIM)) {
    char *shown = emu_json_compact(dims);
    add(p,
        "* PredictRequest.parameters.outputDimensionality: must be an integer in the range "
        "[1, %d], got %s.\n",
        EMU_EMBED_MAX_DIM, shown ? shown : "?");
    free(shown);
  } else if (n > 0) {
    pp->dims = (unsigned)n;
  }
  const json_t *truncate = emu_json_present(params, "autoTruncate");
  if (truncate && !json_is_boolean(truncate))
    add(p, "* PredictRequest.parameters.autoTruncate: must be a boolean\n");
  else if (truncate)
    pp->auto_truncate = json_is_true(truncate);
}

static void check_instance(const json_t *inst, size_t i, problems *p) {
  if (!json_is_string(emu_json_field(inst, "content")))
    add(p, "* PredictRequest.instances[%zu].content: content must be a string\n", i);
  static const char *const strings[] = {"task_type", "title", "mimeType"};
  for (size_t k = 0; k < COUNT(strings); k++) {
    const json_t *v = json_object_get(inst, strings[k]);
    if (v && !json_is_null(v) && !json_is_string(v))
      add(p, "* PredictRequest.instances[%zu].%s: %s must be a string\n", i, strings[k],
          strings[k]);
  }
}

static int predict_ok(const json_t *root, predict_params *pp, emu_response *out) {
  problems p = {{0}, 0};
  const json_t *instances = emu_json_present(root, "instances");
  size_t n = emu_json_list_size(instances);
  if (n == 0)
    add(&p, "* PredictRequest.instances: instances is not specified\n");
  else if (n > MAX_INSTANCES)
    add(&p, "* PredictRequest.instances: at most %d instances can be in one request, got %zu\n",
        MAX_INSTANCES, n);
  for (size_t i = 0; i < n && n <= MAX_INSTANCES; i++)
    check_instance(emu_json_list_get(instances, i), i, &p);
  check_parameters(emu_json_present(root, "parameters"), pp, &p);
  if (!problems_ok(&p, out)) return 0;
  if (pp->auto_truncate) return 1;
  for (size_t i = 0; i < n; i++) {
    const json_t *text = emu_json_field(emu_json_list_get(instances, i), "content");
    size_t tokens = emu_token_count(json_string_value(text), json_string_length(text));
    if (tokens > EMU_EMBED_MAX_TOKENS) {
      emu_respond_input_too_long(out, tokens);
      return 0;
    }
  }
  return 1;
}

static json_t *prediction(const json_t *inst, const predict_params *pp, size_t *chars) {
  const json_t *text = emu_json_field(inst, "content");
  emu_embed_input in;
  if (emu_embed_input_text(&in, json_string_value(text), json_string_length(text)) != 0)
    return NULL;
  *chars += emu_billable_chars(in.text.data ? in.text.data : "", in.text.len);
  json_t *p =
      json_pack("{s:{s:{s:b, s:I}, s:o}}", "embeddings", "statistics", "truncated", in.truncated,
                "token_count", (json_int_t)in.tokens, "values", emu_embed_values(&in, pp->dims));
  emu_embed_input_dispose(&in);
  return p;
}

static json_t *predict_reply(const json_t *root, const predict_params *pp) {
  const json_t *instances = emu_json_present(root, "instances");
  json_t *list = json_array();
  size_t chars = 0;
  for (size_t i = 0; list && i < emu_json_list_size(instances); i++) {
    if (json_array_append_new(list, prediction(emu_json_list_get(instances, i), pp, &chars)) != 0) {
      json_decref(list);
      list = NULL;
    }
  }
  return list ? json_pack("{s:o, s:{s:I}}", "predictions", list, "metadata",
                          "billableCharacterCount", (json_int_t)chars)
              : NULL;
}

void emu_route_predict(const emu_call *call, emu_response *out) {
  if (emu_model_is_imagen(call->path->model)) {
    emu_route_imagen_predict(call, out);
    return;
  }
  json_t *root = emu_request_body_parse(call->req, out);
  if (!root) return;
  emu_shape s;
  emu_shape_init(&s, call->path);
  emu_shape_fields(&s, root, predict_fields, COUNT(predict_fields), NULL);
  if (emu_shape_finish(&s, out) == 0) {
    predict_params pp;
    if (emu_model_is_generative(call->path->model))
      emu_respond_gemini_on_predict(out);
    else if (!emu_model_is_embedding(call->path->model))
      emu_respond_model_not_found(call, out);
    else if (predict_ok(root, &pp, out))
      emu_response_take_json(out, 200, predict_reply(root, &pp));
  }
  json_decref(root);
}

/* ---- :embedContent ----------------------------------------------------- */

static void shape_embed(emu_shape *s, const json_t *root) {
  emu_shape_fields(s, root, embed_fields, COUNT(embed_fields), NULL);
  const json_t *content = emu_json_present(root, "content");
  if (content) emu_shape_content(s, content, "content");
  emu_shape_int32(s, root, "outputDimensionality", NULL);
  emu_shape_bool(s, root, "autoTruncate", NULL);
  emu_shape_string(s, root, "title", NULL);
  emu_shape_enum(s, root, "taskType", NULL, "EmbedContentRequest.EmbeddingTaskType", task_types);
  const json_t *config = emu_json_present(root, "embedContentConfig");
  if (!config) return;
  const char *at = "embed_content_config";
  if (!json_is_object(config)) {
    emu_shape_not_message(s, at, "EmbedContentRequest.EmbedContentConfig", config);
    return;
  }
  emu_shape_fields(s, config, config_fields, COUNT(config_fields), at);
  emu_shape_int32(s, config, "outputDimensionality", at);
  emu_shape_bool(s, config, "autoTruncate", at);
  emu_shape_bool(s, config, "documentOcr", at);
  emu_shape_bool(s, config, "audioTrackExtraction", at);
  emu_shape_string(s, config, "title", at);
  emu_shape_enum(s, config, "taskType", at, "EmbedContentRequest.EmbeddingTaskType", task_types);
}

/* A setting from embedContentConfig, else from its deprecated top-level
 * twin. */
static const json_t *setting(const json_t *root, const char *camel, int *in_config) {
  const json_t *v = emu_json_present(emu_json_present(root, "embedContentConfig"), camel);
  *in_config = v != NULL;
  return v ? v : emu_json_present(root, camel);
}

static int embed_ok(const json_t *root, unsigned *dims, int *auto_truncate, emu_response *out) {
  problems p = {{0}, 0};
  const json_t *content = emu_json_present(root, "content");
  if (!content)
    add(&p, "* EmbedContentRequest.content: content is not specified\n");
  else if (emu_json_list_size(emu_json_present(content, "parts")) == 0)
    add(&p, "* EmbedContentRequest.content.parts: content.parts must not be empty.\n");
  int in_config;
  long long n = 0;
  emu_json_int(setting(root, "outputDimensionality", &in_config), &n);
  if (n < 0 || n > EMU_EMBED_MAX_DIM)
    add(&p,
        "* EmbedContentRequest.%soutput_dimensionality: output_dimensionality must be in the "
        "range [1, %d], got %lld.\n",
        in_config ? "embed_content_config." : "", EMU_EMBED_MAX_DIM, n);
  *dims = n > 0 ? (unsigned)n : EMU_EMBED_DEFAULT_DIM;
  const json_t *truncate = setting(root, "autoTruncate", &in_config);
  *auto_truncate = !truncate || json_is_true(truncate);
  return problems_ok(&p, out);
}

static void embed_reply(const json_t *root, unsigned dims, int auto_truncate, emu_response *out) {
  emu_embed_input in;
  if (emu_embed_input_content(&in, emu_json_present(root, "content")) != 0) {
    emu_response_internal_error(out);
    return;
  }
  if (in.truncated && !auto_truncate) {
    emu_respond_input_too_long(out, in.original);
  } else {
    /* Zero counts are left out, as proto3 JSON does. */
    json_t *usage = in.tokens ? json_pack("{s:I, s:I}", "promptTokenCount", (json_int_t)in.tokens,
                                          "totalTokenCount", (json_int_t)in.tokens)
                              : json_object();
    json_t *doc = json_pack("{s:{s:o}, s:o}", "embedding", "values", emu_embed_values(&in, dims),
                            "usageMetadata", usage);
    if (doc && in.truncated && json_object_set_new(doc, "truncated", json_true()) != 0) {
      json_decref(doc);
      doc = NULL;
    }
    emu_response_take_json(out, 200, doc);
  }
  emu_embed_input_dispose(&in);
}

void emu_route_embed_content_vertex(const emu_call *call, emu_response *out) {
  json_t *root = emu_request_body_parse(call->req, out);
  if (!root) return;
  emu_shape s;
  emu_shape_init(&s, call->path);
  shape_embed(&s, root);
  if (emu_shape_finish(&s, out) == 0) {
    unsigned dims;
    int auto_truncate;
    if (!emu_model_is_embedding(call->path->model))
      emu_respond_model_not_found(call, out);
    else if (embed_ok(root, &dims, &auto_truncate, out))
      embed_reply(root, dims, auto_truncate, out);
  }
  json_decref(root);
}
