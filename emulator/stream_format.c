#include "stream_format.h"

#include <stdlib.h>
#include <string.h>

#include "json_util.h"

emu_stream_format emu_stream_format_of(const emu_request *req) {
  char *alt = emu_request_query_param(req, "alt");
  emu_stream_format f = alt && strcmp(alt, "sse") == 0 ? EMU_STREAM_SSE : EMU_STREAM_JSON_ARRAY;
  free(alt);
  return f;
}

int emu_sse_append_event(emu_buf *b, const json_t *doc, const char *eol) {
  char *line = emu_json_wire(doc);
  int rc = line && emu_buf_printf(b, "data: %s%s%s", line, eol, eol) == 0 ? 0 : -1;
  free(line);
  return rc;
}

/* The bytes of event i in `format`. */
static int format_event(const json_t *doc, size_t i, emu_stream_format format, emu_buf *out) {
  if (format == EMU_STREAM_SSE) return emu_sse_append_event(out, doc, "\r\n");
  char *text = emu_json_pretty(doc, NULL);
  int rc = text && emu_buf_printf(out, "%s%s", i ? ",\r\n" : "[", text) == 0 ? 0 : -1;
  free(text);
  return rc;
}

emu_stream *emu_stream_format_events(const json_t *events, emu_stream_format format,
                                     unsigned delay_ms) {
  emu_stream *s = emu_stream_new();
  int ok = s != NULL;
  for (size_t i = 0; ok && i < json_array_size(events); i++) {
    emu_buf event = {0};
    ok = format_event(json_array_get(events, i), i, format, &event) == 0 &&
         emu_stream_add(s, i ? delay_ms : 0, event.data, event.len) == 0;
    emu_buf_dispose(&event);
  }
  if (ok && format == EMU_STREAM_JSON_ARRAY)
    ok = emu_stream_add(s, 0, json_array_size(events) ? "]" : "[]",
                        json_array_size(events) ? 1 : 2) == 0;
  if (!ok) {
    emu_stream_free(s);
    return NULL;
  }
  return s;
}

void emu_stream_format_error(emu_stream_format format, emu_response *out) {
  const char *type = emu_headers_get(&out->headers, "Content-Type");
  if (out->stream || out->status < 400 || !type || strcmp(type, EMU_JSON_CONTENT_TYPE) != 0) return;
  if (format == EMU_STREAM_SSE) {
    if (emu_headers_set(&out->headers, "Content-Type", EMU_SSE_CONTENT_TYPE) != 0)
      emu_response_internal_error(out);
    return;
  }
  emu_buf wrapped = {0};
  if (emu_buf_append_str(&wrapped, "[") != 0 ||
      emu_buf_append(&wrapped, out->body, out->body_len) != 0 ||
      emu_buf_append_str(&wrapped, "]") != 0 ||
      emu_response_set_body(out, out->status, NULL, wrapped.data, wrapped.len) != 0)
    emu_response_internal_error(out);
  emu_buf_dispose(&wrapped);
}
