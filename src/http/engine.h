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
} genai__request;

typedef struct genai__response {
  long status;
  genai__buf body;
  genai__headers headers; /* names as received */
  bool sink_started;      /* body bytes reached the request's sink: never retry */
} genai__response;

genai_result genai__http_new(genai__http **out);
void genai__http_free(genai__http *h);

/* Performs one exchange. Returns GENAI_OK with resp->status set whatever the
 * HTTP status; a transport failure gives GENAI_ETRANSPORT or GENAI_ETIMEOUT
 * with a message, and *retryable tells whether it happened before the
 * service could have acted on the request (connect phase, no answer). */
genai_result genai__http_attempt(genai__http *h, const genai__request *req, genai__response *resp, bool *retryable);

/* One exchange driven step by step (streaming): start it, run it until it
 * completes or `until` asks to stop (polled after every bit of progress),
 * and free it (which aborts it when still running). */
typedef struct genai__transfer genai__transfer;
genai_result genai__transfer_start(genai__http *h, const genai__request *req, genai__response *resp,
                                   genai__transfer **out);
/* GENAI_OK with *done = false when stopped early; otherwise *done = true and
 * the exchange's result, as genai__http_attempt's. */
genai_result genai__transfer_run(genai__transfer *t, bool (*until)(void *), void *until_data, bool *done,
                                 bool *retryable);
/* All response headers have arrived (resp->status is final). */
bool genai__transfer_headers_done(const genai__transfer *t);
/* The sink paused the transfer. */
bool genai__transfer_paused(const genai__transfer *t);
/* Lifts the sink's pause; the held bytes may reach the sink right away. */
void genai__transfer_resume(genai__transfer *t);
void genai__transfer_free(genai__transfer *t);

void genai__response_clear(genai__response *resp);

int64_t genai__now_ms(void);

#endif
