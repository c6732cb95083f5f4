/* Sending one API call for a module: the BaseApiClient request path of the
 * Python SDK (URL building, headers, auth, per-call http_options). */
#ifndef GENAI_API_REQUEST_H
#define GENAI_API_REQUEST_H

#include <jansson.h>

#include <genai/client.h>

#include "core/error.h"
#include "core/redact.h"
#include "http/engine.h"
#include "http/headers.h"
#include "http/pipeline.h"

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

/* One call in flight: the request, its headers and secrets, and the
 * attempts; it must stay in place until it ends or is cleared. */
typedef struct genai__exchange {
  genai_client *client;
  genai__driver *driver;
  char *url;
  char *body;
  size_t body_len;
  genai__headers headers;
  char *token;
  genai__secrets secrets;
  genai__http_settings settings;
  genai__retry_policy retry;
  genai__request req;
  genai__response *resp;
  genai__attempts attempts;
  int auth_try;
  bool done;
  genai_result result;
  genai__error_copy error; /* the error the call ended with */
  void (*on_began)(void *data);
  void (*on_done)(void *data, genai_result rc);
  void *data;
} genai__exchange;

/* Starts a call on driver d: URL, body, headers and auth as the Python SDK's
 * BaseApiClient, then the attempts (retries, one refresh of a refused
 * token). on_began (nullable): a streamed call's 2xx answer began; on_done
 * (nullable): the call ended, GENAI_OK with a 2xx answer in resp, else the
 * error (also kept in x->error). An error here means nothing started. */
genai_result genai__exchange_start(genai__exchange *x, genai_client *c, genai__driver *d, const genai__call *call,
                                   genai__response *resp, void (*on_began)(void *),
                                   void (*on_done)(void *, genai_result), void *data);
/* The client's timeouts and retry policy with a call's http_options
 * (already struct-copied, or NULL) applied. */
void genai__call_settings(const genai_client *c, const genai_http_options *o, genai__http_settings *s,
                          genai__retry_policy *retry);

/* The running transfer of a streamed call (pause, resume, idle clock). */
genai__transfer *genai__exchange_transfer(genai__exchange *x);
/* Stops the call if it runs (no callback) and frees what it holds. */
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

/* Puts the SDK and language labels into header `name` (user-agent,
 * x-goog-api-client) as every request carries them; the Live API's upgrade
 * request too. */
genai_result genai__version_label(genai__headers *h, const char *name);

#endif
