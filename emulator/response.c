#include "response.h"

#include <stdlib.h>
#include <string.h>

#include "json_util.h"

void emu_response_init(emu_response *r) {
  memset(r, 0, sizeof *r);
  r->status = 200;
}

void emu_response_dispose(emu_response *r) {
  emu_headers_dispose(&r->headers);
  free(r->live_close_reason);
  r->live_close_reason = NULL;
  free(r->live_go_away);
  r->live_go_away = NULL;
  json_decref(r->live_messages);
  r->live_messages = NULL;
  free(r->body);
  r->body = NULL;
  r->body_len = 0;
  emu_stream_free(r->stream);
  r->stream = NULL;
}

int emu_response_set_body(emu_response *r, int status, const char *content_type, const char *body,
                          size_t len) {
  char *copy = malloc(len + 1);
  if (!copy) return -1;
  if (len) memcpy(copy, body, len);
  copy[len] = '\0';
  if (content_type && emu_headers_set(&r->headers, "Content-Type", content_type) != 0) {
    free(copy);
    return -1;
  }
  free(r->body);
  r->body = copy;
  r->body_len = len;
  emu_stream_free(r->stream); /* a body replaces any stream */
  r->stream = NULL;
  r->status = status;
  return 0;
}

int emu_response_set_stream(emu_response *r, int status, const char *content_type,
                            emu_stream *stream) {
  if (content_type && emu_headers_set(&r->headers, "Content-Type", content_type) != 0) {
    emu_stream_free(stream);
    return -1;
  }
  free(r->body);
  r->body = NULL;
  r->body_len = 0;
  emu_stream_free(r->stream);
  r->stream = stream;
  r->status = status;
  return 0;
}

void emu_response_internal_error(emu_response *r) {
  static const char msg[] =
      "{\n  \"error\": {\n    \"code\": 500,\n"
      "    \"message\": \"genai-emulator ran out of memory.\",\n"
      "    \"status\": \"INTERNAL\"\n  }\n}\n";
  emu_headers_dispose(&r->headers);
  free(r->body);
  r->body = NULL;
  r->body_len = 0;
  emu_stream_free(r->stream);
  r->stream = NULL;
  r->status = 500;
  /* If even this fails the server sends a bodiless 500. */
  (void)emu_response_set_body(r, 500, EMU_JSON_CONTENT_TYPE, msg, sizeof msg - 1);
  r->status = 500;
}

void emu_response_set_json(emu_response *r, int status, const json_t *doc) {
  size_t len = 0;
  char *text = doc ? emu_json_pretty(doc, &len) : NULL;
  if (!text || emu_response_set_body(r, status, EMU_JSON_CONTENT_TYPE, text, len) != 0)
    emu_response_internal_error(r);
  free(text);
}

void emu_response_take_json(emu_response *r, int status, json_t *doc) {
  emu_response_set_json(r, status, doc);
  json_decref(doc);
}
