#include "control.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "google_error.h"

#define PREFIX "/_emulator"

typedef void (*control_fn)(const emu_app *app, const emu_request *req, emu_response *out);

typedef struct endpoint {
  const char *path;
  const char *method;
  control_fn handler;
} endpoint;

static void respond_ok(emu_response *out) { emu_response_take_json(out, 200, json_object()); }

static void health(const emu_app *app, const emu_request *req, emu_response *out) {
  (void)app;
  (void)req;
  emu_response_take_json(out, 200, json_pack("{s:s}", "status", "ok"));
}

static void requests_get(const emu_app *app, const emu_request *req, emu_response *out) {
  (void)req;
  emu_response_take_json(out, 200, emu_request_log_snapshot(app->log));
}

static void requests_delete(const emu_app *app, const emu_request *req, emu_response *out) {
  (void)req;
  emu_request_log_clear(app->log);
  respond_ok(out);
}

static void script_get(const emu_app *app, const emu_request *req, emu_response *out) {
  (void)req;
  emu_response_take_json(out, 200, emu_script_snapshot(app->script));
}

static void script_delete(const emu_app *app, const emu_request *req, emu_response *out) {
  (void)req;
  emu_script_clear(app->script);
  respond_ok(out);
}

static void bad_script(emu_response *out, const char *message) {
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", message);
}

static void script_post(const emu_app *app, const emu_request *req, emu_response *out) {
  json_error_t jerr;
  json_t *doc = json_loadb(req->body.data ? req->body.data : "", req->body.len, 0, &jerr);
  if (!doc) {
    char msg[256 + sizeof jerr.text];
    snprintf(msg, sizeof msg, "script is not valid JSON: %s (line %d, column %d)", jerr.text,
             jerr.line, jerr.column);
    bad_script(out, msg);
    return;
  }
  char *problem = NULL;
  int rc = emu_script_append(app->script, doc, &problem);
  json_decref(doc);
  if (rc == -1)
    bad_script(out, problem ? problem : "invalid script");
  else if (rc != 0)
    emu_response_internal_error(out);
  else
    emu_response_take_json(out, 200,
                           json_pack("{s:I}", "queued", (json_int_t)emu_script_size(app->script)));
  free(problem);
}

static void reset(const emu_app *app, const emu_request *req, emu_response *out) {
  (void)req;
  emu_request_log_clear(app->log);
  emu_script_clear(app->script);
  emu_store_clear(app->store);
  emu_uploads_clear(app->uploads);
  emu_oauth_clear(app->oauth);
  emu_live_store_clear(app->live);
  respond_ok(out);
}

/* Keys, refresh tokens and settings of the token endpoint (emulator/oauth.h). */
static void oauth_post(const emu_app *app, const emu_request *req, emu_response *out) {
  json_t *doc = json_loadb(req->body.data ? req->body.data : "", req->body.len, 0, NULL);
  const char *problem = doc ? emu_oauth_configure(app->oauth, doc) : "the body is not valid JSON";
  json_decref(doc);
  if (problem)
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", problem);
  else
    respond_ok(out);
}

static const endpoint endpoints[] = {
    {PREFIX "/health", "GET", health},
    {PREFIX "/requests", "GET", requests_get},
    {PREFIX "/requests", "DELETE", requests_delete},
    {PREFIX "/script", "GET", script_get},
    {PREFIX "/script", "POST", script_post},
    {PREFIX "/script", "DELETE", script_delete},
    {PREFIX "/reset", "POST", reset},
    {PREFIX "/oauth", "POST", oauth_post},
};

#define ENDPOINT_COUNT (sizeof endpoints / sizeof endpoints[0])

int emu_control_owns(const char *path) {
  size_t n = strlen(PREFIX);
  return strncmp(path, PREFIX, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* 405 with an Allow header listing the methods the path does support. */
static void method_not_allowed(const emu_request *req, emu_response *out) {
  emu_buf allow = {0}, msg = {0};
  int rc = 0;
  for (size_t i = 0; i < ENDPOINT_COUNT && rc == 0; i++)
    if (strcmp(endpoints[i].path, req->decoded_path) == 0)
      rc = emu_buf_printf(&allow, "%s%s", allow.len ? ", " : "", endpoints[i].method);
  if (rc == 0)
    rc = emu_buf_printf(&msg, "Method %s is not allowed on %s (allowed: %s).", req->method,
                        req->decoded_path, allow.data);
  if (rc == 0) {
    emu_respond_simple_error(out, 405, "METHOD_NOT_ALLOWED", msg.data);
    if (emu_headers_set(&out->headers, "Allow", allow.data) != 0) emu_response_internal_error(out);
  } else {
    emu_response_internal_error(out);
  }
  emu_buf_dispose(&allow);
  emu_buf_dispose(&msg);
}

void emu_control_handle(const emu_app *app, const emu_request *req, emu_response *out) {
  int path_known = 0;
  for (size_t i = 0; i < ENDPOINT_COUNT; i++) {
    if (strcmp(endpoints[i].path, req->decoded_path) != 0) continue;
    path_known = 1;
    if (strcmp(endpoints[i].method, req->method) == 0) {
      endpoints[i].handler(app, req, out);
      return;
    }
  }
  if (path_known) {
    method_not_allowed(req, out);
    return;
  }
  emu_buf msg = {0};
  if (emu_buf_printf(&msg,
                     "Unknown emulator control endpoint %s. Known: /_emulator/health, "
                     "/_emulator/requests, /_emulator/script, /_emulator/reset, /_emulator/oauth.",
                     req->decoded_path) == 0)
    emu_respond_simple_error(out, 404, "NOT_FOUND", msg.data);
  else
    emu_response_internal_error(out);
  emu_buf_dispose(&msg);
}
