/* Raw HTTP calls for the emulator's own tests: arbitrary method, headers and
 * body, with status, headers and curl's result captured. */
#ifndef EMU_TEST_HTTP_CLIENT_H
#define EMU_TEST_HTTP_CLIENT_H

#include <stddef.h>

#include <curl/curl.h>
#include <jansson.h>

#include "emulator_harness.h"

/* One delivery of body bytes to curl's write callback. */
typedef struct http_arrival {
  double at;     /* seconds since the transfer started */
  size_t offset; /* of its first byte in the body */
  size_t len;
} http_arrival;

typedef struct http_reply {
  CURLcode result; /* CURLE_OK unless the transfer failed */
  long status;     /* 0 when no status line arrived */
  char *body;      /* NUL-terminated, never NULL after http_call */
  size_t body_len;
  char *headers;          /* raw response header block, NUL-terminated */
  double seconds;         /* total time of the transfer */
  http_arrival *arrivals; /* how the body arrived, in order */
  size_t arrival_count;
} http_reply;

/* Performs METHOD base_url+path with the given "Name: value" headers
 * (NULL-terminated list or NULL) and body (NULL = none). Reuses `curl` when
 * given, so keep-alive can be observed; else uses a fresh handle. Gives up
 * after 20 s. */
void http_call(CURL *curl, const emu_harness *h, const char *method, const char *path,
               const char *const *headers, const char *body, http_reply *out);

/* http_call with a fresh handle and a timeout of `timeout_ms` for the whole
 * transfer (CURLE_OPERATION_TIMEDOUT when it expires). */
void http_call_timeout(const emu_harness *h, const char *method, const char *path,
                       const char *const *headers, const char *body, long timeout_ms,
                       http_reply *out);

/* When the body byte at `offset` arrived (seconds since the transfer
 * started), or -1 if it never did. */
double http_reply_arrival(const http_reply *r, size_t offset);

/* The value of response header `name` (case-insensitive) copied into out, or
 * NULL when absent. */
const char *http_reply_header(const http_reply *r, const char *name, char *out, size_t size);

/* The body parsed as JSON (caller json_decref()s), or NULL. */
json_t *http_reply_json(const http_reply *r);

void http_reply_dispose(http_reply *r);

/* Shortcut: POST a JSON body with one auth header ("x-goog-api-key: k" etc.,
 * or NULL) and return the parsed reply body; *status gets the HTTP status. */
json_t *http_post_json(const emu_harness *h, const char *path, const char *auth_header,
                       const char *body, long *status);

/* Path helpers for model "gemini-2.0-flash" style ids. */
#define MLDEV_PATH(model) "/v1beta/models/" model ":generateContent"
#define VERTEX_PATH(model)                                                               \
  "/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/" model \
  ":generateContent"
#define EXPRESS_PATH(model) "/v1beta1/publishers/google/models/" model ":generateContent"

/* Any method on the same resources. */
#define MLDEV_RPC(model, rpc) "/v1beta/models/" model ":" rpc
#define VERTEX_RPC(model, rpc) \
  "/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/" model ":" rpc
#define EXPRESS_RPC(model, rpc) "/v1beta1/publishers/google/models/" model ":" rpc

#define API_KEY_HEADER "x-goog-api-key: test-key"
#define BEARER_HEADER "Authorization: Bearer test-token"

#endif
