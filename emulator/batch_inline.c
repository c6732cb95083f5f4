#include "batch_inline.h"

#include <stdlib.h>
#include <string.h>

#include "embedding.h"
#include "generate_reply.h"
#include "generate_request.h"
#include "models.h"
#include "request.h"
#include "response.h"

/* google.rpc.Code of an HTTP error status. */
static int rpc_code(int http_status) {
  switch (http_status) {
    case 400:
      return 3;
    case 404:
      return 5;
    default:
      return 13;
  }
}

/* {code, message} from the error answer a call would have had. */
static json_t *job_error(const emu_response *r) {
  json_t *body = r->body ? json_loadb(r->body, r->body_len, 0, NULL) : NULL;
  const char *message = json_string_value(json_object_get(json_object_get(body, "error"), "message"));
  json_t *err = json_pack("{s:i, s:s}", "code", rpc_code(r->status), "message", message ? message : "error");
  json_decref(body);
  return err;
}

/* What generateContent answers for one request: {"response": ...} or {"error": ...}. */
static json_t *answer_one(const emu_call *call, const json_t *request) {
  json_t *copy = json_deep_copy(request);
  if (!copy) return NULL;
  json_object_del(copy, "model"); /* the batch's own model answers */
  char *text = json_dumps(copy, JSON_COMPACT);
  json_decref(copy);
  emu_request *req = text ? emu_request_new("/") : NULL;
  int ok = req && emu_buf_append_str(&req->body, text) == 0;
  free(text);
  if (!ok) {
    emu_request_free(req);
    return NULL;
  }
  emu_call one = {call->app, req, call->path};
  emu_response out;
  emu_response_init(&out);
  emu_gen_request gr;
  json_t *answer = NULL;
  if (emu_gen_request_decode(&one, &gr, &out) == 0) {
    if (emu_gen_request_check(&one, &gr, &out) == 0) answer = json_pack("{s:o*}", "response", emu_gen_reply(&one, &gr));
    emu_gen_request_dispose(&gr);
  }
  if (!answer) answer = json_pack("{s:o*}", "error", job_error(&out));
  emu_response_dispose(&out);
  emu_request_free(req);
  return answer;
}

static json_t *embed_one(const json_t *request) {
  emu_embed_input in;
  if (emu_embed_input_content(&in, json_object_get(request, "content")) != 0) return NULL;
  json_int_t dims = json_integer_value(json_object_get(request, "outputDimensionality"));
  if (dims <= 0 || dims > EMU_EMBED_MAX_DIM) dims = EMU_EMBED_DEFAULT_DIM;
  json_t *answer =
      json_pack("{s:{s:{s:o*}}}", "response", "embedding", "values", emu_embed_values(&in, (unsigned)dims));
  emu_embed_input_dispose(&in);
  return answer;
}

static json_t *answer_all(const emu_call *call, const json_t *requests, int embed) {
  json_t *list = json_array();
  size_t i;
  json_t *item;
  json_array_foreach(requests, i, item) {
    if (!list) break;
    const json_t *request = json_object_get(item, "request");
    json_t *answer = embed ? embed_one(request) : answer_one(call, request);
    json_t *metadata = json_object_get(item, "metadata");
    if (answer && metadata) json_object_set(answer, "metadata", metadata);
    if (!answer || json_array_append_new(list, answer) != 0) {
      json_decref(list);
      list = NULL;
    }
  }
  return list ? json_pack("{s:o}", "inlinedResponses", list) : NULL;
}

json_t *emu_batch_inline_generate(const emu_call *call, const json_t *requests) {
  return answer_all(call, requests, 0);
}

json_t *emu_batch_inline_embed(const emu_call *call, const json_t *requests) { return answer_all(call, requests, 1); }
