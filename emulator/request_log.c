#include "request_log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "buf.h"
#include "json_util.h"

struct emu_request_log {
  pthread_mutex_t lock;
  json_t *entries; /* array of entry objects */
  json_int_t next_seq;
};

emu_request_log *emu_request_log_new(void) {
  emu_request_log *log = calloc(1, sizeof *log);
  if (!log) return NULL;
  log->entries = json_array();
  if (!log->entries || pthread_mutex_init(&log->lock, NULL) != 0) {
    json_decref(log->entries);
    free(log);
    return NULL;
  }
  log->next_seq = 1;
  return log;
}

void emu_request_log_free(emu_request_log *log) {
  if (!log) return;
  pthread_mutex_destroy(&log->lock);
  json_decref(log->entries);
  free(log);
}

/* Repeated header names are folded into one comma-separated value, as
 * RFC 9110 §5.3 allows, so the log stays a simple name -> value object. */
static json_t *headers_json(const emu_headers *h) {
  json_t *obj = json_object();
  if (!obj) return NULL;
  for (size_t i = 0; i < h->count; i++) {
    const char *name = h->items[i].name;
    const char *value = h->items[i].value;
    json_t *prev = json_object_get(obj, name);
    json_t *v;
    if (prev) {
      emu_buf joined = {0};
      if (emu_buf_printf(&joined, "%s, %s", json_string_value(prev), value) != 0) {
        json_decref(obj);
        return NULL;
      }
      v = json_stringn_nocheck(joined.data, joined.len);
      emu_buf_dispose(&joined);
    } else {
      /* Header bytes need not be UTF-8; jansson would reject them. */
      v = emu_utf8_valid(value, strlen(value)) ? json_string(value) : json_string("\xEF\xBF\xBD");
    }
    if (json_object_set_new(obj, name, v) != 0) {
      json_decref(obj);
      return NULL;
    }
  }
  return obj;
}

/* The body as text with each invalid UTF-8 byte replaced by U+FFFD. */
static json_t *lossy_string(const char *s, size_t len) {
  emu_buf out = {0};
  size_t i = 0;
  while (i < len) {
    size_t n = 1;
    while (n <= 4 && i + n <= len && !emu_utf8_valid(s + i, n)) n++;
    int rc = (n <= 4 && i + n <= len) ? emu_buf_append(&out, s + i, n)
                                      : emu_buf_append_str(&out, "\xEF\xBF\xBD");
    if (rc != 0) {
      emu_buf_dispose(&out);
      return NULL;
    }
    i += (n <= 4 && i + n <= len) ? n : 1;
  }
  json_t *v = json_stringn(out.data ? out.data : "", out.len);
  emu_buf_dispose(&out);
  return v;
}

/* Adds "body" (parsed JSON, else text) and, for bodies that are not UTF-8,
 * "body_base64" with the exact bytes. */
static int add_body(json_t *entry, const emu_request *req) {
  const char *data = req->body.data ? req->body.data : "";
  size_t len = req->body.len;
  /* Upload chunks (files of any size) are logged by length: the emulator
   * never keeps uploaded bytes. */
  const char *upload = emu_request_header(req, "x-goog-upload-command");
  if (upload && strstr(upload, "upload")) return json_object_set_new(entry, "body_bytes", json_integer((json_int_t)len));
  json_t *parsed = len ? json_loadb(data, len, JSON_DECODE_ANY, NULL) : NULL;
  if (parsed) return json_object_set_new(entry, "body", parsed);
  if (emu_utf8_valid(data, len)) return json_object_set_new(entry, "body", json_stringn(data, len));
  if (json_object_set_new(entry, "body", lossy_string(data, len)) != 0) return -1;
  char *b64 = emu_base64_encode(data, len);
  int rc = b64 ? json_object_set_new(entry, "body_base64", json_string(b64)) : -1;
  free(b64);
  return rc;
}

static json_t *entry_new(const emu_request *req, const char *backend) {
  json_t *entry = json_pack("{s:I, s:I, s:s, s:s?, s:s?}", "seq", (json_int_t)0, "connection",
                            (json_int_t)req->connection, "method", req->method ? req->method : "",
                            "path", NULL, "query", NULL);
  if (!entry) return NULL;
  /* Paths and queries are raw request-line bytes; keep them only if UTF-8. */
  int ok = json_object_set_new(entry, "path", lossy_string(req->path, strlen(req->path))) == 0 &&
           json_object_set_new(entry, "query", lossy_string(req->query, strlen(req->query))) == 0 &&
           json_object_set_new(entry, "headers", headers_json(&req->headers)) == 0 &&
           add_body(entry, req) == 0 &&
           json_object_set_new(entry, "backend", backend ? json_string(backend) : json_null()) == 0;
  if (!ok) {
    json_decref(entry);
    return NULL;
  }
  return entry;
}

int emu_request_log_append(emu_request_log *log, const emu_request *req, const char *backend) {
  json_t *entry = entry_new(req, backend);
  if (!entry) return -1;
  /* The entry's last reference is dropped under the lock too: a reset on
   * another connection may free the array's reference at any time, and
   * jansson's reference counts are not synchronised for us. */
  pthread_mutex_lock(&log->lock);
  int rc = json_object_set_new(entry, "seq", json_integer(log->next_seq));
  if (rc == 0) rc = json_array_append(log->entries, entry);
  if (rc == 0) log->next_seq++;
  json_decref(entry);
  pthread_mutex_unlock(&log->lock);
  return rc;
}

json_t *emu_request_log_snapshot(emu_request_log *log) {
  pthread_mutex_lock(&log->lock);
  json_t *copy = json_deep_copy(log->entries);
  pthread_mutex_unlock(&log->lock);
  return copy;
}

void emu_request_log_clear(emu_request_log *log) {
  pthread_mutex_lock(&log->lock);
  json_array_clear(log->entries);
  log->next_seq = 1;
  pthread_mutex_unlock(&log->lock);
}
