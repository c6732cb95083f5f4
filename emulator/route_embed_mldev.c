/* The Gemini Developer API's embedding methods: batchEmbedContents and
 * embedContent, both made of EmbedContentRequest messages. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "content_check.h"
#include "embedding.h"
#include "google_error.h"
#include "json_util.h"
#include "models.h"
#include "request_body.h"
#include "route_embed.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_BATCH 100

static const emu_field batch_fields[] = {{"requests", EMU_ON_MLDEV}};

static const emu_field request_fields[] = {
    {"model", EMU_ON_MLDEV},
    {"content", EMU_ON_MLDEV},
    {"taskType", EMU_ON_MLDEV},
    {"title", EMU_ON_MLDEV},
    {"outputDimensionality", EMU_ON_MLDEV},
};

static const char *const task_types[] = {
    "TASK_TYPE_UNSPECIFIED", "RETRIEVAL_QUERY",
    "RETRIEVAL_DOCUMENT",    "SEMANTIC_SIMILARITY",
    "CLASSIFICATION",        "CLUSTERING",
    "QUESTION_ANSWERING",    "FACT_VERIFICATION",
    "CODE_RETRIEVAL_QUERY",  NULL,
};

/* An EmbedContentRequest at `at` (NULL: the request root). */
static void shape_request(emu_shape *s, const json_t *req, const char *at) {
  if (!json_is_object(req)) {
    emu_shape_not_message(s, at, "EmbedContentRequest", req);
    return;
  }
  emu_shape_fields(s, req, request_fields, COUNT(request_fields), at);
  emu_shape_string(s, req, "model", at);
  emu_shape_string(s, req, "title", at);
  emu_shape_int32(s, req, "outputDimensionality", at);
  emu_shape_enum(s, req, "taskType", at, "TaskType", task_types);
  const json_t *content = emu_json_present(req, "content");
  if (content) {
    char path[EMU_FIELD_PATH_MAX];
    snprintf(path, sizeof path, "%s%scontent", at ? at : "", at ? "." : "");
    emu_shape_content(s, content, path);
  }
}

/* What the semantic checks found beyond "* ..." lines. */
typedef struct verdict {
  emu_buf lines;  /* "* REQUEST.field: problem\n" lines */
  int bad_format; /* a model name that is not "models/..." */
  int oom;
} verdict;

__attribute__((format(printf, 2, 3))) static void line(verdict *v, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (emu_buf_vprintf(&v->lines, fmt, ap) != 0) v->oom = 1;
  va_end(ap);
}

/* Checks one EmbedContentRequest; `where` names it in messages
 * ("BatchEmbedContentsRequest.requests[0]", "EmbedContentRequest"). */
static void check_request(const emu_api_path *p, const json_t *req, const char *where,
                          int model_required, verdict *v) {
  const char *model = json_string_value(emu_json_present(req, "model"));
  char expected[sizeof p->collection + sizeof p->model + 2];
  snprintf(expected, sizeof expected, "%s/%s", p->collection, p->model);
  if (!model || !*model) {
    if (model_required) line(v, "* %s.model: model is not specified\n", where);
  } else if (strncmp(model, "models/", 7) != 0 && strncmp(model, "tunedModels/", 12) != 0) {
    v->bad_format = 1;
  } else if (strcmp(model, expected) != 0) {
    line(v, "* %s.model: the model of each request must be the model of the batch (%s), got %s.\n",
         where, expected, model);
  }
  const json_t *content = emu_json_present(req, "content");
  if (!content)
    line(v, "* %s.content: content is not specified\n", where);
  else if (emu_json_list_size(emu_json_present(content, "parts")) == 0)
    line(v, "* %s.content.parts: content.parts must not be empty.\n", where);
  long long dims = 0;
  emu_json_int(emu_json_present(req, "outputDimensionality"), &dims);
  if (dims < 0 || dims > EMU_EMBED_MAX_DIM)
    line(v,
         "* %s.output_dimensionality: output_dimensionality must be in the range [1, %d], "
         "got %lld.\n",
         where, EMU_EMBED_MAX_DIM, dims);
}

/* Sends the verdict's error, if any; returns 1 when the request is fine. */
static int verdict_ok(verdict *v, emu_response *out) {
  int ok = 0;
  if (v->oom)
    emu_response_internal_error(out);
  else if (v->bad_format)
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", "unexpected model name format");
  else if (v->lines.len)
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", v->lines.data);
  else
    ok = 1;
  emu_buf_dispose(&v->lines);
  return ok;
}

/* {"values": [...]} for one request. */
static json_t *embedding_of(const json_t *req) {
  long long dims = 0;
  emu_json_int(emu_json_present(req, "outputDimensionality"), &dims);
  emu_embed_input in;
  if (emu_embed_input_content(&in, emu_json_present(req, "content")) != 0) return NULL;
  json_t *e = json_pack("{s:o}", "values",
                        emu_embed_values(&in, dims > 0 ? (unsigned)dims : EMU_EMBED_DEFAULT_DIM));
  emu_embed_input_dispose(&in);
  return e;
}

static json_t *batch_reply(const json_t *requests) {
  json_t *list = json_array();
  for (size_t i = 0; list && i < emu_json_list_size(requests); i++) {
    if (json_array_append_new(list, embedding_of(emu_json_list_get(requests, i))) != 0) {
      json_decref(list);
      list = NULL;
    }
  }
  return list ? json_pack("{s:o}", "embeddings", list) : NULL;
}

static int batch_ok(const emu_call *call, const json_t *requests, emu_response *out) {
  verdict v = {{0}, 0, 0};
  size_t n = emu_json_list_size(requests);
  if (n == 0)
    line(&v, "* BatchEmbedContentsRequest.requests: requests is not specified\n");
  else if (n > MAX_BATCH)
    line(&v, "* BatchEmbedContentsRequest.requests: at most %d requests can be in one batch\n",
         MAX_BATCH);
  for (size_t i = 0; i < n && n <= MAX_BATCH; i++) {
    char where[64];
    snprintf(where, sizeof where, "BatchEmbedContentsRequest.requests[%zu]", i);
    check_request(call->path, emu_json_list_get(requests, i), where, 1, &v);
  }
  return verdict_ok(&v, out);
}

void emu_route_batch_embed_contents(const emu_call *call, emu_response *out) {
  json_t *root = emu_request_body_parse(call->req, out);
  if (!root) return;
  emu_shape s;
  emu_shape_init(&s, call->path);
  emu_shape_fields(&s, root, batch_fields, COUNT(batch_fields), NULL);
  const json_t *requests = emu_json_present(root, "requests");
  for (size_t i = 0; i < emu_json_list_size(requests); i++) {
    char at[32];
    snprintf(at, sizeof at, "requests[%zu]", i);
    shape_request(&s, emu_json_list_get(requests, i), at);
  }
  if (emu_shape_finish(&s, out) == 0) {
    if (!emu_model_is_embedding(call->path->model))
      emu_respond_model_not_found(call, out);
    else if (batch_ok(call, requests, out))
      emu_response_take_json(out, 200, batch_reply(requests));
  }
  json_decref(root);
}

void emu_route_embed_content_mldev(const emu_call *call, emu_response *out) {
  json_t *root = emu_request_body_parse(call->req, out);
  if (!root) return;
  emu_shape s;
  emu_shape_init(&s, call->path);
  shape_request(&s, root, NULL);
  if (emu_shape_finish(&s, out) == 0) {
    verdict v = {{0}, 0, 0};
    if (!emu_model_is_embedding(call->path->model)) {
      emu_respond_model_not_found(call, out);
    } else {
      /* The model is in the path; the body may repeat it. */
      check_request(call->path, root, "EmbedContentRequest", 0, &v);
      if (verdict_ok(&v, out))
        emu_response_take_json(out, 200, json_pack("{s:o}", "embedding", embedding_of(root)));
    }
  }
  json_decref(root);
}
