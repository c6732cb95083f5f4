/* Sending one API call for a module: the BaseApiClient request path of the
 * Python SDK (URL building, headers, auth, per-call http_options). */
#ifndef GENAI_API_REQUEST_H
#define GENAI_API_REQUEST_H

#include <jansson.h>

#include <genai/client.h>

#include "core/redact.h"
#include "http/engine.h"
#include "http/headers.h"

typedef struct genai__call {
  const char *method; /* "GET", "POST", "PATCH", "DELETE" */
  const char *path;   /* e.g. "models/gemini-2.5-flash:generateContent" */
  const char *query;  /* without '?', or NULL */
  json_t *body;       /* NULL for none; the http_options' extra_body is merged in */
  const genai_http_options *http_options; /* the call's override, or NULL */
  const char *usage;  /* a feature tag for the SDK label ("chat": google-genai-sdk/V+chat), or NULL */
  genai__body_sink sink;
  void *sink_data;
} genai__call;

/* GENAI_OK with a 2xx answer in resp; otherwise the error is recorded. */
genai_result genai__client_send(genai_client *c, const genai__call *call, genai__response *resp);

/* One call in flight: what its HTTP request points to lives here, so the
 * struct must stay in place while `live` runs. */
typedef struct genai__exchange {
  char *url;
  char *body;
  size_t body_len;
  genai__headers headers;
  char *token;
  genai__secrets secrets;
  genai__request req;
  genai__transfer *live; /* a stream still running, or NULL */
} genai__exchange;

/* Opens a call with a sink (a stream): GENAI_OK once a 2xx answer began
 * (x->live runs it on; NULL when it already completed), after the same
 * auth, retries and error handling as genai__client_send. On failure x is
 * cleared. */
genai_result genai__client_open(genai_client *c, const genai__call *call, genai__response *resp, genai__exchange *x);
void genai__exchange_clear(genai__exchange *x);

/* The Python SDK's version labels, for user-agent and x-goog-api-client. */
#define GENAI__LIBRARY_LABEL "google-genai-sdk/" GENAI_VERSION_STRING
/* The language slot names the C compiler and its version, the nearest C
 * analogue of the Python SDK's interpreter version (gl-python/3.12.4). */
#define GENAI__STR2(x) #x
#define GENAI__STR(x) GENAI__STR2(x)
#if defined(__clang__)
#define GENAI__LANGUAGE_LABEL \
  "gl-c/clang-" GENAI__STR(__clang_major__) "." GENAI__STR(__clang_minor__) "." GENAI__STR(__clang_patchlevel__)
#elif defined(__GNUC__)
#define GENAI__LANGUAGE_LABEL \
  "gl-c/gcc-" GENAI__STR(__GNUC__) "." GENAI__STR(__GNUC_MINOR__) "." GENAI__STR(__GNUC_PATCHLEVEL__)
#else
#define GENAI__LANGUAGE_LABEL "gl-c/c11"
#endif

#endif
