#include "reply_json.h"

#include <stdio.h>
#include <time.h>

#include "response_id.h"

/* {"parts": parts, "role": "model"} in the backend's key order; no parts
 * (NULL) gives a content with only the role. Consumes `parts`. */
static json_t *content_json(emu_backend backend, json_t *parts) {
  json_t *content = json_object();
  int ok = content != NULL;
  if (ok && backend == EMU_BACKEND_VERTEX)
    ok = json_object_set_new(content, "role", json_string("model")) == 0;
  if (ok && parts) {
    ok = json_object_set_new(content, "parts", parts) == 0;
    parts = NULL;
  }
  if (ok && backend != EMU_BACKEND_VERTEX)
    ok = json_object_set_new(content, "role", json_string("model")) == 0;
  json_decref(parts);
  if (!ok) {
    json_decref(content);
    return NULL;
  }
  return content;
}

/* Consumes `content`. */
static json_t *candidate_json(emu_backend backend, json_t *content, const char *finish_reason,
                              int index) {
  json_t *cand = json_pack("{s:o}", "content", content);
  int ok = cand != NULL;
  if (ok && finish_reason)
    ok = json_object_set_new(cand, "finishReason", json_string(finish_reason)) == 0;
  if (ok && (backend == EMU_BACKEND_MLDEV || index > 0))
    ok = json_object_set_new(cand, "index", json_integer(index)) == 0;
  if (!ok) {
    json_decref(cand);
    return NULL;
  }
  return cand;
}

json_t *emu_reply_candidate(emu_backend backend, const char *text, size_t len,
                            const char *finish_reason, int index) {
  json_t *parts = len ? json_pack("[{s:s%}]", "text", text, len) : NULL;
  if (len && !parts) return NULL;
  return candidate_json(backend, content_json(backend, parts), finish_reason, index);
}

json_t *emu_reply_candidate_parts(emu_backend backend, json_t *parts, const char *finish_reason,
                                  int index) {
  return candidate_json(backend, content_json(backend, json_incref(parts)), finish_reason, index);
}

/* Adds "name": n, omitted when 0 as proto3 JSON does. */
static int set_count(json_t *obj, const char *name, size_t n) {
  return n ? json_object_set_new(obj, name, json_integer((json_int_t)n)) : 0;
}

static int set_details(json_t *obj, const char *name, size_t n) {
  if (!n) return 0;
  return json_object_set_new(
      obj, name, json_pack("[{s:s, s:I}]", "modality", "TEXT", "tokenCount", (json_int_t)n));
}

static int set_traffic_type(json_t *usage, emu_backend backend) {
  return backend != EMU_BACKEND_VERTEX
             ? 0
             : json_object_set_new(usage, "trafficType", json_string("ON_DEMAND"));
}

json_t *emu_reply_usage(emu_backend backend, size_t prompt, size_t generated) {
  json_t *usage = json_object();
  int ok = usage && set_count(usage, "promptTokenCount", prompt) == 0 &&
           set_count(usage, "candidatesTokenCount", generated) == 0 &&
           set_count(usage, "totalTokenCount", prompt + generated) == 0 &&
           set_traffic_type(usage, backend) == 0 &&
           set_details(usage, "promptTokensDetails", prompt) == 0 &&
           set_details(usage, "candidatesTokensDetails", generated) == 0;
  if (!ok) {
    json_decref(usage);
    return NULL;
  }
  return usage;
}

json_t *emu_reply_partial_usage(emu_backend backend, size_t prompt) {
  json_t *usage = json_object();
  int ok = usage != NULL;
  if (ok && backend == EMU_BACKEND_VERTEX)
    ok = set_traffic_type(usage, backend) == 0;
  else if (ok)
    ok = set_count(usage, "promptTokenCount", prompt) == 0 &&
         set_count(usage, "totalTokenCount", prompt) == 0 &&
         set_details(usage, "promptTokensDetails", prompt) == 0;
  if (!ok) {
    json_decref(usage);
    return NULL;
  }
  return usage;
}

void emu_reply_create_time(char out[EMU_CREATE_TIME_LEN]) {
  struct timespec now;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &now);
  gmtime_r(&now.tv_sec, &tm);
  size_t n = strftime(out, EMU_CREATE_TIME_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out + n, EMU_CREATE_TIME_LEN - n, ".%06ldZ", now.tv_nsec / 1000);
}

int emu_reply_add_trailer(const emu_call *call, json_t *reply, const char *create_time) {
  const emu_buf *body = &call->req->body;
  char id[EMU_RESPONSE_ID_LEN + 1];
  emu_response_id(body->data ? body->data : "", body->len, id);
  if (json_object_set_new(reply, "modelVersion", json_string(call->path->model)) != 0) return -1;
  if (call->path->backend == EMU_BACKEND_VERTEX &&
      json_object_set_new(reply, "createTime", json_string(create_time)) != 0)
    return -1;
  return json_object_set_new(reply, "responseId", json_string(id));
}
