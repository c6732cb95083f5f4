#include "google_error.h"

#include <string.h>

#include "buf.h"

json_t *emu_error_new(int code, const char *status, const char *message) {
  return json_pack("{s:{s:i, s:s, s:s}}", "error", "code", code, "message", message, "status",
                   status);
}

json_t *emu_error_with_detail(json_t *err, json_t *detail) {
  json_t *body = json_object_get(err, "error");
  if (!body || !detail) {
    json_decref(err);
    json_decref(detail);
    return NULL;
  }
  json_t *details = json_object_get(body, "details");
  if (!details) {
    details = json_array();
    if (json_object_set_new(body, "details", details) != 0) {
      json_decref(err);
      json_decref(detail);
      return NULL;
    }
  }
  if (json_array_append_new(details, detail) != 0) {
    json_decref(err);
    return NULL;
  }
  return err;
}

json_t *emu_detail_error_info(const char *reason, const char *domain, json_t *metadata) {
  if (metadata)
    return json_pack("{s:s, s:s, s:s, s:o}", "@type", "type.googleapis.com/google.rpc.ErrorInfo",
                     "reason", reason, "domain", domain, "metadata", metadata);
  return json_pack("{s:s, s:s, s:s}", "@type", "type.googleapis.com/google.rpc.ErrorInfo", "reason",
                   reason, "domain", domain);
}

json_t *emu_detail_localized_message(const char *message) {
  return json_pack("{s:s, s:s, s:s}", "@type", "type.googleapis.com/google.rpc.LocalizedMessage",
                   "locale", "en-US", "message", message);
}

json_t *emu_detail_debug_info(const char *detail) {
  return json_pack("{s:s, s:s}", "@type", "type.googleapis.com/google.rpc.DebugInfo", "detail",
                   detail);
}

json_t *emu_detail_bad_request(json_t *field_violations) {
  return json_pack("{s:s, s:o}", "@type", "type.googleapis.com/google.rpc.BadRequest",
                   "fieldViolations", field_violations);
}

void emu_respond_error(emu_response *r, json_t *err) {
  json_int_t code = json_integer_value(json_object_get(json_object_get(err, "error"), "code"));
  emu_response_take_json(r, code >= 400 && code <= 599 ? (int)code : 500, err);
}

void emu_respond_simple_error(emu_response *r, int code, const char *status, const char *message) {
  emu_respond_error(r, emu_error_new(code, status, message));
}

static int append_html_escaped(emu_buf *b, const char *s) {
  for (; *s; s++) {
    int rc;
    switch (*s) {
      case '<':
        rc = emu_buf_append_str(b, "&lt;");
        break;
      case '>':
        rc = emu_buf_append_str(b, "&gt;");
        break;
      case '&':
        rc = emu_buf_append_str(b, "&amp;");
        break;
      case '"':
        rc = emu_buf_append_str(b, "&quot;");
        break;
      case '\'':
        rc = emu_buf_append_str(b, "&#39;");
        break;
      default:
        rc = emu_buf_append(b, s, 1);
        break;
    }
    if (rc != 0) return -1;
  }
  return 0;
}

void emu_respond_html_not_found(emu_response *r, const char *path) {
  emu_buf page = {0};
  int rc = emu_buf_append_str(&page,
                              "<!DOCTYPE html>\n"
                              "<html lang=en>\n"
                              "  <meta charset=utf-8>\n"
                              "  <title>Error 404 (Not Found)!!1</title>\n"
                              "  <p><b>404.</b> <ins>That\xE2\x80\x99s an error.</ins>\n"
                              "  <p>The requested URL <code>");
  if (rc == 0) rc = append_html_escaped(&page, path);
  if (rc == 0)
    rc = emu_buf_append_str(&page,
                            "</code> was not found on this server.  "
                            "<ins>That\xE2\x80\x99s all we know.</ins>\n");
  if (rc != 0 || emu_response_set_body(r, 404, EMU_HTML_CONTENT_TYPE, page.data, page.len) != 0)
    emu_response_internal_error(r);
  emu_buf_dispose(&page);
}
