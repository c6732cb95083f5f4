#include "request_body.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "google_error.h"

/* The transcoder's syntax error: a message, then the text around the error
 * and a caret under the offending position. */
static void respond_syntax_error(const emu_request *req, const json_error_t *jerr,
                                 emu_response *out) {
  size_t pos = jerr->position > 0 ? (size_t)jerr->position : 0;
  if (pos > req->body.len) pos = req->body.len;
  size_t from = pos > 30 ? pos - 30 : 0;
  size_t to = pos + 10 < req->body.len ? pos + 10 : req->body.len;
  emu_buf msg = {0};
  int rc = emu_buf_append_str(&msg, "Invalid JSON payload received. Unexpected token.\n");
  /* Non-printable bytes become '?' so the excerpt is valid UTF-8 and the
   * caret stays aligned (one column per byte). */
  for (size_t i = from; rc == 0 && i < to; i++) {
    unsigned char ch = (unsigned char)req->body.data[i];
    char shown = (ch >= 0x20 && ch < 0x7F) ? (char)ch : '?';
    rc = emu_buf_append(&msg, &shown, 1);
  }
  if (rc == 0) rc = emu_buf_printf(&msg, "\n%*s^", (int)(pos - from), "");
  json_t *err = NULL;
  if (rc == 0) {
    json_t *violations = json_pack("[{s:s}]", "description", msg.data);
    err = emu_error_with_detail(emu_error_new(400, "INVALID_ARGUMENT", msg.data),
                                emu_detail_bad_request(violations));
  }
  emu_respond_error(out, err);
  emu_buf_dispose(&msg);
}

static int blank(const emu_buf *body) {
  for (size_t i = 0; i < body->len; i++)
    if (!strchr(" \t\r\n", body->data[i])) return 0;
  return 1;
}

json_t *emu_request_body_parse(const emu_request *req, emu_response *out) {
  if (req->body_too_large) {
    char msg[96];
    snprintf(msg, sizeof msg, "Request payload size exceeds the limit: %zu bytes.",
             (size_t)EMU_MAX_BODY);
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", msg);
    return NULL;
  }
  if (blank(&req->body)) {
    json_t *empty = json_object();
    if (!empty) emu_response_internal_error(out);
    return empty;
  }
  json_error_t jerr;
  json_t *root = json_loadb(req->body.data, req->body.len, JSON_DECODE_ANY, &jerr);
  if (!root) {
    respond_syntax_error(req, &jerr, out);
    return NULL;
  }
  if (!json_is_object(root)) {
    json_decref(root);
    static const char msg[] =
        "Invalid JSON payload received. Unknown name \"\": Root element must be a message.";
    emu_respond_error(out, emu_error_with_detail(
                               emu_error_new(400, "INVALID_ARGUMENT", msg),
                               emu_detail_bad_request(json_pack("[{s:s}]", "description", msg))));
    return NULL;
  }
  return root;
}
