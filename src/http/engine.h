/* The HTTP engine: libcurl easy handles driven through the multi interface,
 * sharing one connection cache (a curl share handle) across the threads of
 * a client. One "attempt" is one HTTP exchange; retries live in pipeline.c. */
#ifndef GENAI_HTTP_ENGINE_H
#define GENAI_HTTP_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <genai/errors.h>

#include "core/buf.h"
#include "core/redact.h"
#include "http/headers.h"

typedef struct genai__http genai__http;

typedef struct genai__http_settings {
  int64_t timeout_ms;         /* whole attempt; 0: none */
  int64_t connect_timeout_ms; /* > 0 */
  int64_t idle_timeout_ms;    /* no byte either way for this long; <= 0: none */
  size_t max_response_bytes;  /* a larger body fails the call */
} genai__http_settings;

/* What a sink does with the bytes it is offered. PAUSE takes none of them:
 * the transfer stops reading (the service waits) until genai__transfer_resume
 * offers the same bytes again, so a slow consumer bounds the memory. */
typedef enum genai__sink_action { GENAI__SINK_TAKE, GENAI__SINK_PAUSE, GENAI__SINK_ABORT } genai__sink_action;

/* Receives body bytes as they arrive (streaming). */
typedef genai__sink_action (*genai__body_sink)(void *user_data, const char *data, size_t len);

typedef struct genai__request {
  const char *method; /* "GET", "POST", "PATCH", "DELETE" */
  const char *url;
  const genai__headers *headers;
  const char *body;   /* NULL: no body */
  size_t body_len;
  genai__http_settings settings;
  const genai__secrets *secrets; /* kept out of logs and errors */
  /* When set, a 2xx body goes here instead of into the response buffer. */
  genai__body_sink sink;
  void *sink_data;
  /* When set, the body is body_len bytes pulled from here as libcurl sends
   * them (upload chunks: no copy of the file in memory). Returns the count
   * written to buf (at most max), or (size_t)-1 to abort the transfer. */
  size_t (*read)(void *read_data, char *buf, size_t max);
  void *read_data;
  /* Shown in logs and errors instead of url when the URL is a secret (a
   * resumable upload's session URL). */
  const char *shown_url;
} genai__request;

/* The URL as logs and errors may show it. */
static inline const char *genai__request_shown_url(const genai__request *req) {
  return req->shown_url ? req->shown_url : req->url;
}

typedef struct genai__response {
  long status;
  genai__buf body;
  genai__headers headers; /* names as received */
  bool sink_started;      /* body bytes reached the request's sink: never retry */
} genai__response;

genai_result genai__http_new(genai__http **out);

/* Points a libcurl easy handle at the CA bundle of $SSL_CERT_FILE /
 * $SSL_CERT_DIR when they are set (every libcurl request of the library does
 * this); returns the CURLcode. Untyped so that this header stays free of
 * curl.h, whose socket declarations clash with module names. */
int genai__curl_set_ca(void *easy);
void genai__http_free(genai__http *h);

typedef struct genai__driver genai__driver;
/* A driver of the library's own loop for a synchronous call, reused from
 * the client's idle ones; checked in again when the call ends (freed when
 * it still holds work or enough are idle). */
genai_result genai__http_driver_checkout(genai__http *h, genai__driver **out);
void genai__http_driver_checkin(genai__http *h, genai__driver *d);

typedef struct genai__transfer genai__transfer;

/* The end of a transfer: GENAI_OK with resp->status set whatever the HTTP
 * status; a transport failure gives GENAI_ETRANSPORT or GENAI_ETIMEOUT (the
 * thread's error says which), and `retryable` tells whether it happened
 * before the service could have acted on the request (connect phase, no
 * answer). Called from the driver, outside libcurl. */
typedef void (*genai__transfer_done_fn)(void *data, genai_result rc, bool retryable);
/* All response headers of a 2xx-or-other final answer arrived. */
typedef void (*genai__transfer_headers_fn)(void *data);

/* Starts one exchange on driver d. The request (and what it points to) and
 * resp must stay in place until the transfer ends or is freed. */
genai_result genai__transfer_start(genai__http *h, genai__driver *d, const genai__request *req,
                                   genai__response *resp, genai__transfer_done_fn done,
                                   genai__transfer_headers_fn on_headers, void *data, genai__transfer **out);
bool genai__transfer_running(const genai__transfer *t);
bool genai__transfer_headers_done(const genai__transfer *t);
/* The sink paused the transfer. */
bool genai__transfer_paused(const genai__transfer *t);
/* Lifts the sink's pause; the held bytes may reach the sink right away. */
void genai__transfer_resume(genai__transfer *t);
/* Restarts the idle clock: time the caller spent elsewhere is not idle time. */
void genai__transfer_touch(genai__transfer *t);
/* Frees the transfer, aborting it (no done callback) when still running. */
void genai__transfer_free(genai__transfer *t);
/* For the driver: libcurl finished the transfer with `curl_code`. */
void genai__transfer_on_done(void *transfer, int curl_code);

void genai__response_clear(genai__response *resp);

int64_t genai__now_ms(void);

#endif
