/* The client's resolved configuration, shared by every module of src/api. */
#ifndef GENAI_API_CLIENT_INTERNAL_H
#define GENAI_API_CLIENT_INTERNAL_H

#include <stdbool.h>

#include <genai/client.h>

#include "auth/token.h"
#include "auth/credentials.h"
#include "http/engine.h"
#include "http/headers.h"
#include "http/retry.h"
#include "wire/codec.h"

struct genai_client {
  bool vertexai;
  char *api_key;        /* secret; NULL when not used */
  char *project;
  char *location;
  char *base_url;
  char *api_version;    /* NULL: no version segment */
  bool custom_base_url; /* the caller (or the environment) chose the base URL */
  bool collection_scope; /* base_url_resource_scope = COLLECTION */
  genai__headers headers;       /* sent on every request (secrets included) */
  genai__http_settings settings;
  genai__retry_policy retry;    /* attempts == 1 when retries are off */
  char *extra_body_json;
  genai__http *http;
  genai__token_cache *tokens;
  genai__credentials *credentials; /* Application Default Credentials behind `tokens`, or NULL */
};

static inline genai__backend genai__client_backend(const genai_client *c) {
  return c->vertexai ? GENAI__BACKEND_VERTEX : GENAI__BACKEND_MLDEV;
}

#endif
