/* One API method call, driven by its descriptor (spec/methods.spec): the
 * parameters are encoded for the client's backend, the request's _url
 * members fill the path template, its _query members become the query
 * string, and the answer is decoded into the response type. Module files
 * (models.c, caches.c, ...) fill a parameters struct and call this. */
#ifndef GENAI_API_METHOD_H
#define GENAI_API_METHOD_H

#include <jansson.h>
#include <stdbool.h>

#include <genai/client.h>

#include "wire/codec.h"

/* What a method call sends, before any HTTP. */
typedef struct genai__built_request {
  const char *verb;
  char *path;   /* relative to the API version, with the query string */
  json_t *body; /* NULL when the request has no body */
} genai__built_request;

/* Builds the request of method m for a backend. GENAI_EINVAL (with the
 * Python SDK's message) when the backend lacks the method or a field, or
 * when the path misses a value. */
genai_result genai__method_build(const genai__method *m, genai__backend backend, const char *project,
                                 const char *location, const void *params, genai__built_request *out);
void genai__built_request_clear(genai__built_request *r);

/* How one call is sent, beyond its parameters. */
typedef struct genai__call_options {
  const genai_http_options *http_options; /* the call's override of the client's, or NULL */
  bool raw_only;     /* keep the answer undecoded (should_return_http_response) */
  const char *usage; /* a feature tag for the SDK label ("chat"), or NULL */
} genai__call_options;

#endif
