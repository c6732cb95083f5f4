#include "route_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "google_error.h"
#include "json_util.h"
#include "request.h"
#include "request_body.h"
#include "resource.h"
#include "response.h"
#include "uploads.h"

#define EXPIRY_MS (48LL * 3600 * 1000)
#define CHUNK_GRANULARITY "8388608"

/* ------------------------------------------------------------ helpers */

/* The service's answer for a file that does not exist (or is not yours). */
static void file_not_found(emu_response *out, const char *name) {
  const char *id = strncmp(name, "files/", 6) == 0 ? name + 6 : name;
  char msg[200];
  snprintf(msg, sizeof msg, "You do not have permission to access the File %.80s or it may not exist.", id);
  emu_respond_simple_error(out, 403, "PERMISSION_DENIED", msg);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (timegm is not POSIX). */
static long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long long)doe - 719468;
}

/* The emulator's own timestamps (emu_timestamp) back to ms since the epoch. */
static long long parse_timestamp_ms(const char *t) {
  int y, mo, d, h, mi, s, us = 0;
  if (!t || sscanf(t, "%d-%d-%dT%d:%d:%d.%6dZ", &y, &mo, &d, &h, &mi, &s, &us) < 6) return 0;
  long long days = days_from_civil(y, (unsigned)mo, (unsigned)d);
  return ((days * 24 + h) * 60 + mi) * 60000LL + s * 1000LL + us / 1000;
}

/* PROCESSING turns ACTIVE file_processing_ms after the file was created.
 * Returns 1 when the file changed. */
static int refresh_state(const emu_app *app, json_t *file) {
  const char *state = json_string_value(json_object_get(file, "state"));
  if (!state || strcmp(state, "PROCESSING") != 0) return 0;
  long long created = parse_timestamp_ms(json_string_value(json_object_get(file, "createTime")));
  if (emu_now_ms() < created + (long long)app->config->file_processing_ms) return 0;
  json_object_set_new(file, "state", json_string("ACTIVE"));
  return 1;
}

/* The file from the store, with its state brought up to date; NULL when missing. */
static json_t *load_file(const emu_app *app, const char *name) {
  json_t *file = emu_store_get(app->store, name);
  if (file && refresh_state(app, file)) emu_store_put(app->store, name, file);
  return file;
}

int emu_files_exists(const emu_app *app, const char *name) {
  json_t *file = emu_store_get(app->store, name);
  json_decref(file);
  return file != NULL;
}

/* "http://host" (https over TLS) of the request, for the URLs the emulator
 * hands out. */
static void origin(const emu_request *req, char *out, size_t size) {
  const char *host = emu_request_header(req, "host");
  snprintf(out, size, "%s://%s", emu_request_scheme(req), host && *host ? host : "localhost");
}

static int header_has(const emu_request *req, const char *name, const char *token) {
  const char *v = emu_request_header(req, name);
  while (v && *v) {
    while (*v == ' ' || *v == ',') v++;
    size_t n = strcspn(v, ",");
    size_t m = n;
    while (m && v[m - 1] == ' ') m--;
    if (m == strlen(token) && strncasecmp(v, token, m) == 0) return 1;
    v += n;
  }
  return 0;
}

static int parse_ull(const char *s, unsigned long long *out) {
  char *end = NULL;
  if (!s || !*s || *s == '-') return -1;
  *out = strtoull(s, &end, 10);
  return *end ? -1 : 0;
}

static void set_status_headers(emu_response *out, const char *status, const emu_upload_view *v) {
  char n[32];
  snprintf(n, sizeof n, "%llu", v->received);
  emu_headers_set(&out->headers, "x-goog-upload-status", status);
  emu_headers_set(&out->headers, "x-goog-upload-size-received", n);
}

static void respond_upload_error(emu_response *out, int code, const char *status, const char *message,
                                 const emu_upload_view *v) {
  emu_respond_simple_error(out, code, status, message);
  set_status_headers(out, v->state == EMU_UPLOAD_FINAL ? "final" : "active", v);
}

/* {"file": {...}} with x-goog-upload-status: final. */
static void respond_final(emu_response *out, const emu_upload_view *v) {
  json_t *doc = json_pack("{s:O}", "file", v->file);
  emu_response_take_json(out, 200, doc);
  set_status_headers(out, "final", v);
}

/* -------------------------------------------------------------- start */

static int valid_file_id(const char *id) {
  size_t n = strlen(id);
  if (n == 0 || n > 40) return 0;
  for (const char *c = id; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-')) return 0;
  return id[0] != '-' && id[n - 1] != '-';
}

/* The File to create once the bytes are in. 0, or an error answered. */
static json_t *draft_file(const emu_call *call, const json_t *given, unsigned long long size, const char *mime,
                          emu_response *out) {
  char id[48], origin_url[300], name[64], uri[400], now[32], expires[32], size_text[32];
  const char *wanted = json_string_value(emu_json_field(given, "name"));
  if (wanted) {
    const char *local = strncmp(wanted, "files/", 6) == 0 ? wanted + 6 : wanted;
    if (strlen(local) >= sizeof id || !valid_file_id(local)) {
      emu_respond_simple_error(out, 400, "INVALID_ARGUMENT",
                               "Invalid file name: it must be files/ followed by up to 40 lower-case letters, "
                               "digits or dashes.");
      return NULL;
    }
    snprintf(id, sizeof id, "%s", local);
  } else {
    emu_store_new_id(id);
  }
  snprintf(name, sizeof name, "files/%s", id);
  if (emu_files_exists(call->app, name)) {
    emu_respond_simple_error(out, 409, "ALREADY_EXISTS", "A file with this name already exists.");
    return NULL;
  }
  origin(call->req, origin_url, sizeof origin_url);
  snprintf(uri, sizeof uri, "%s/%s/%s", origin_url, call->path->version[0] ? call->path->version : "v1beta", name);
  long long created = emu_now_ms();
  emu_timestamp(created, now);
  emu_timestamp(created + EXPIRY_MS, expires);
  snprintf(size_text, sizeof size_text, "%llu", size);
  json_t *file = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", name, "mimeType", mime,
                           "sizeBytes", size_text, "createTime", now, "updateTime", now, "expirationTime", expires,
                           "uri", uri, "state", call->app->config->file_processing_ms ? "PROCESSING" : "ACTIVE",
                           "source", "UPLOADED");
  const char *display = json_string_value(emu_json_field(given, "displayName"));
  if (file && display) json_object_set_new(file, "displayName", json_string(display));
  if (!file) emu_response_internal_error(out);
  return file;
}

static void start(const emu_call *call, emu_response *out) {
  const emu_request *req = call->req;
  const char *protocol = emu_request_header(req, "x-goog-upload-protocol");
  if (!protocol || strcasecmp(protocol, "resumable") != 0) {
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT",
                             "The emulator supports the resumable upload protocol only "
                             "(X-Goog-Upload-Protocol: resumable).");
    return;
  }
  if (!header_has(req, "x-goog-upload-command", "start")) {
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", "Missing X-Goog-Upload-Command: start.");
    return;
  }
  json_t *body = req->body.len ? emu_request_body_parse(req, out) : json_object();
  if (!body) return;
  const json_t *given = emu_json_field(body, "file");
  unsigned long long size = 0;
  const char *size_header = emu_request_header(req, "x-goog-upload-header-content-length");
  const json_t *size_field = emu_json_field(given, "sizeBytes");
  long long size_json = 0;
  int have_size = size_header ? parse_ull(size_header, &size) == 0
                              : (emu_json_int(size_field, &size_json) == 0 && size_json >= 0);
  if (!size_header && have_size) size = (unsigned long long)size_json;
  const char *mime = emu_request_header(req, "x-goog-upload-header-content-type");
  if (!mime) mime = json_string_value(emu_json_field(given, "mimeType"));
  if (!have_size || !mime || !*mime) {
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT",
                             !have_size ? "Missing or invalid X-Goog-Upload-Header-Content-Length."
                                        : "Missing X-Goog-Upload-Header-Content-Type.");
    json_decref(body);
    return;
  }
  json_t *file = draft_file(call, given, size, mime, out);
  json_decref(body);
  if (!file) return;
  char id[13], origin_url[300], url[400];
  int rc = emu_uploads_start(call->app->uploads, size, file, id);
  json_decref(file);
  if (rc != 0) {
    emu_response_internal_error(out);
    return;
  }
  origin(req, origin_url, sizeof origin_url);
  snprintf(url, sizeof url, "%s/upload/%s/files?upload_id=%s&upload_protocol=resumable", origin_url,
           call->path->version, id);
  emu_response_set_body(out, 200, EMU_TEXT_CONTENT_TYPE, "", 0);
  emu_headers_set(&out->headers, "x-goog-upload-url", url);
  emu_headers_set(&out->headers, "x-goog-upload-control-url", url);
  emu_headers_set(&out->headers, "x-goog-upload-status", "active");
  emu_headers_set(&out->headers, "x-goog-upload-chunk-granularity", CHUNK_GRANULARITY);
}

/* "files/{id}" when uri is ".../v{version}/files/{id}", else 0. */
static int uri_file_name(const char *uri, char *name, size_t size) {
  const char *scheme = uri ? strstr(uri, "://") : NULL;
  const char *path = scheme ? strchr(scheme + 3, '/') : NULL;
  if (!path || path[1] != 'v') return 0;
  const char *files = strchr(path + 1, '/');
  if (!files || strncmp(files, "/files/", 7) != 0 || !valid_file_id(files + 7)) return 0;
  snprintf(name, size, "%s", files + 1);
  return 1;
}

static int check_file_uri(const emu_call *call, const char *uri, emu_response *out) {
  char name[80];
  if (!uri_file_name(uri, name, sizeof name)) return 0;
  json_t *file = load_file(call->app, name);
  const char *state = json_string_value(json_object_get(file, "state"));
  int rc = 0;
  if (!file) {
    file_not_found(out, name);
    rc = -1;
  } else if (!state || strcmp(state, "ACTIVE") != 0) {
    char msg[160];
    snprintf(msg, sizeof msg, "The File %s is not in an ACTIVE state and usage is not allowed.", name + 6);
    emu_respond_simple_error(out, 400, "FAILED_PRECONDITION", msg);
    rc = -1;
  }
  json_decref(file);
  return rc;
}

int emu_files_check_uris(const emu_call *call, const json_t *contents, emu_response *out) {
  if (call->path->backend != EMU_BACKEND_MLDEV) return 0;
  for (size_t i = 0; i < emu_json_list_size(contents); i++) {
    const json_t *parts = emu_json_field(emu_json_list_get(contents, i), "parts");
    for (size_t j = 0; j < emu_json_list_size(parts); j++) {
      const json_t *data = emu_json_field(emu_json_list_get(parts, j), "fileData");
      if (check_file_uri(call, json_string_value(emu_json_field(data, "fileUri")), out) != 0) return -1;
    }
  }
  return 0;
}

/* ----------------------------------------------------- session commands */

static void query(emu_response *out, const emu_upload_view *v) {
  if (v->state == EMU_UPLOAD_FINAL) {
    respond_final(out, v);
    return;
  }
  emu_response_set_body(out, 200, EMU_TEXT_CONTENT_TYPE, "", 0);
  set_status_headers(out, "active", v);
}

static void finalize(const emu_call *call, const char *id, emu_response *out) {
  emu_upload_view v;
  int rc = emu_uploads_finalize(call->app->uploads, id, &v);
  if (rc < 0) {
    emu_response_internal_error(out);
  } else if (rc > 0) {
    char msg[160];
    snprintf(msg, sizeof msg, "Failed to finalize the upload: %llu of %llu bytes were received.", v.received,
             v.size);
    respond_upload_error(out, 400, "INVALID_ARGUMENT", msg, &v);
  } else {
    const char *name = json_string_value(json_object_get(v.file, "name"));
    if (emu_store_put(call->app->store, name, v.file) != 0)
      emu_response_internal_error(out);
    else
      respond_final(out, &v);
  }
  json_decref(v.file);
}

/* "upload" (and "upload, finalize"): the bytes must start where the
 * received ones end. */
static void upload(const emu_call *call, const char *id, const emu_upload_view *now, emu_response *out) {
  const emu_request *req = call->req;
  unsigned long long offset;
  if (parse_ull(emu_request_header(req, "x-goog-upload-offset"), &offset) != 0) {
    respond_upload_error(out, 400, "INVALID_ARGUMENT", "Missing or invalid X-Goog-Upload-Offset.", now);
    return;
  }
  if (now->state == EMU_UPLOAD_FINAL) {
    respond_upload_error(out, 400, "FAILED_PRECONDITION", "The upload has already been finalized.", now);
    return;
  }
  emu_upload_view v;
  int rc = emu_uploads_append(call->app->uploads, id, offset, req->body.data, req->body.len, &v);
  if (rc < 0) {
    emu_response_internal_error(out);
  } else if (rc > 0) {
    char msg[200];
    snprintf(msg, sizeof msg,
             offset != v.received ? "Invalid upload offset %llu: the service has received %llu bytes."
                                  : "Too many bytes: offset %llu plus the chunk exceeds the announced size.",
             offset, v.received);
    respond_upload_error(out, 400, "INVALID_ARGUMENT", msg, &v);
  } else if (header_has(req, "x-goog-upload-command", "finalize")) {
    json_decref(v.file);
    finalize(call, id, out);
    return;
  } else {
    emu_response_set_body(out, 200, EMU_TEXT_CONTENT_TYPE, "", 0);
    set_status_headers(out, "active", &v);
  }
  json_decref(v.file);
}

static void session_command(const emu_call *call, const char *id, emu_response *out) {
  emu_upload_view now = emu_uploads_get(call->app->uploads, id);
  if (now.state == EMU_UPLOAD_NONE) {
    emu_respond_simple_error(out, 404, "NOT_FOUND", "No such upload session.");
    return;
  }
  if (!now.file) {
    emu_response_internal_error(out);
    return;
  }
  const emu_request *req = call->req;
  if (header_has(req, "x-goog-upload-command", "query"))
    query(out, &now);
  else if (header_has(req, "x-goog-upload-command", "upload"))
    upload(call, id, &now, out);
  else if (header_has(req, "x-goog-upload-command", "finalize"))
    finalize(call, id, out);
  else
    respond_upload_error(out, 400, "INVALID_ARGUMENT",
                         "X-Goog-Upload-Command must be query, upload, finalize or \"upload, finalize\".", &now);
  json_decref(now.file);
}

void emu_route_files_upload(const emu_call *call, emu_response *out) {
  if (!call->path->upload) {
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT",
                             "Files are created by uploading them to /upload/v1beta/files.");
    return;
  }
  char *id = emu_request_query_param(call->req, "upload_id");
  if (id)
    session_command(call, id, out);
  else
    start(call, out);
  free(id);
}

/* --------------------------------------------------- get, list, delete */

void emu_route_files_get(const emu_call *call, emu_response *out) {
  json_t *file = load_file(call->app, call->path->resource);
  if (!file) {
    file_not_found(out, call->path->resource);
    return;
  }
  emu_response_take_json(out, 200, file);
}

void emu_route_files_delete(const emu_call *call, emu_response *out) {
  if (!emu_store_remove(call->app->store, call->path->resource)) {
    file_not_found(out, call->path->resource);
    return;
  }
  emu_response_take_json(out, 200, json_object());
}

/* Brings every file's state up to date before a page is cut. */
static void refresh_all(const emu_app *app) {
  char *next = NULL;
  int bad = 0;
  json_t *all = emu_store_list(app->store, "files/", NULL, NULL, 1L << 30, 1L << 30, NULL, &next, &bad);
  free(next);
  size_t i;
  json_t *file;
  json_array_foreach(all, i, file) {
    if (refresh_state(app, file))
      emu_store_put(app->store, json_string_value(json_object_get(file, "name")), file);
  }
  json_decref(all);
}

void emu_route_files_list(const emu_call *call, emu_response *out) {
  refresh_all(call->app);
  emu_respond_page(call, out, "files/", "files", NULL, NULL, 10);
}
