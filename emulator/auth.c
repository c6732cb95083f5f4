#include "auth.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "google_error.h"
#include "note.h"

#define MSG_UNREGISTERED                                                               \
  "Method doesn't allow unregistered callers (callers without established identity). " \
  "Please use API Key or other form of API consumer identity to call this API."
#define MSG_KEY_INVALID "API key not valid. Please pass a valid API key."
#define MSG_CREDENTIALS_MISSING                                                     \
  "Request is missing required authentication credential. Expected OAuth 2 access " \
  "token, login cookie or other valid authentication credential. See "              \
  "https://developers.google.com/identity/sign-in/web/devconsole-project."
#define MSG_CREDENTIALS_INVALID                                                     \
  "Request had invalid authentication credentials. Expected OAuth 2 access token, " \
  "login cookie or other valid authentication credential. See "                     \
  "https://developers.google.com/identity/sign-in/web/devconsole-project."
#define MSG_KEY_NOT_SUPPORTED                                                      \
  "API keys are not supported by this API. Expected OAuth2 access token or other " \
  "authentication credentials that assert a principal. See "                       \
  "https://cloud.google.com/docs/authentication"

static int listed(const char *const *list, size_t count, const char *value) {
  if (count == 0) return 1; /* no list configured: any non-empty credential is accepted */
  for (size_t i = 0; i < count; i++)
    if (strcmp(list[i], value) == 0) return 1;
  return 0;
}

/* The API key from the header, else from ?key= (which the services accept
 * too, though SDKs must not use it: keys in URLs end up in logs). Caller frees. */
static char *api_key_of(const emu_request *req) {
  const char *header = emu_request_header(req, "x-goog-api-key");
  if (header && *header) {
    size_t n = strlen(header);
    char *copy = malloc(n + 1);
    if (copy) memcpy(copy, header, n + 1);
    return copy;
  }
  char *query = emu_request_query_param(req, "key");
  if (query && *query)
    emu_warn("API key passed as ?key= query parameter on %s (send x-goog-api-key instead)",
             req->path);
  return query;
}

/* The key is deliberately never echoed (the service's own DebugInfo does,
 * which is how keys leak into logs). */
static void respond_key_invalid(emu_response *out, const char *service) {
  json_t *err = emu_error_new(400, "INVALID_ARGUMENT", MSG_KEY_INVALID);
  err = emu_error_with_detail(err, emu_detail_error_info("API_KEY_INVALID", "googleapis.com",
                                                         json_pack("{s:s}", "service", service)));
  err = emu_error_with_detail(err, emu_detail_localized_message(MSG_KEY_INVALID));
  emu_respond_error(out, err);
}

static int check_mldev(const emu_call *call, emu_response *out) {
  const emu_config *cfg = call->app->config;
  char *key = api_key_of(call->req);
  int ok = 0;
  if (!key || !*key)
    emu_respond_simple_error(out, 403, "PERMISSION_DENIED", MSG_UNREGISTERED);
  else if (!listed(cfg->api_keys, cfg->api_key_count, key))
    respond_key_invalid(out, "generativelanguage.googleapis.com");
  else
    ok = 1;
  free(key);
  return ok;
}

static void respond_unauthenticated(const emu_call *call, emu_response *out, const char *message,
                                    const char *reason) {
  /* ErrorInfo.metadata.method names the RPC, e.g.
   * google.cloud.aiplatform.v1beta1.PredictionService.GenerateContent;
   * computeTokens belongs to the LlmUtilityService. */
  const char *service =
      strcmp(call->path->rpc, "computeTokens") == 0 ? "LlmUtilityService" : "PredictionService";
  char method[160];
  snprintf(method, sizeof method, "google.cloud.aiplatform.%s.%s.%c%s", call->path->version,
           service, toupper((unsigned char)call->path->rpc[0]),
           call->path->rpc[0] ? call->path->rpc + 1 : "");
  json_t *err = emu_error_new(401, "UNAUTHENTICATED", message);
  err = emu_error_with_detail(
      err, emu_detail_error_info(
               reason, "googleapis.com",
               json_pack("{s:s, s:s}", "method", method, "service", "aiplatform.googleapis.com")));
  emu_respond_error(out, err);
}

/* Returns the token of "Bearer TOKEN" (scheme case-insensitive), or NULL. */
static const char *bearer_token(const char *authorization) {
  if (strncasecmp(authorization, "Bearer ", 7) != 0) return NULL;
  const char *token = authorization + 7;
  while (*token == ' ') token++;
  return *token ? token : NULL;
}

static int check_vertex(const emu_call *call, emu_response *out) {
  const emu_config *cfg = call->app->config;
  const char *authorization = emu_request_header(call->req, "authorization");
  if (authorization) {
    const char *token = bearer_token(authorization);
    /* tokens the emulator issued are always good; --require-oauth accepts only those */
    if (token && emu_oauth_token_valid(call->app->oauth, token)) return 1;
    if (token && !cfg->require_oauth && listed(cfg->bearer_tokens, cfg->bearer_token_count, token)) return 1;
    respond_unauthenticated(call, out, MSG_CREDENTIALS_INVALID, "ACCESS_TOKEN_TYPE_UNSUPPORTED");
    return 0;
  }
  char *key = api_key_of(call->req);
  int ok = 0;
  if (!key || !*key)
    respond_unauthenticated(call, out, MSG_CREDENTIALS_MISSING, "CREDENTIALS_MISSING");
  else if (!call->path->express)
    respond_unauthenticated(call, out, MSG_KEY_NOT_SUPPORTED, "CREDENTIALS_MISSING");
  else if (!listed(cfg->api_keys, cfg->api_key_count, key))
    respond_key_invalid(out, "aiplatform.googleapis.com");
  else
    ok = 1;
  free(key);
  return ok;
}

/* A resumable upload's session URL carries its own authority (the id the
 * start request handed out): clients send its commands without a key. */
static int is_upload_session(const emu_call *call) {
  if (!call->path->upload) return 0;
  char *id = emu_request_query_param(call->req, "upload_id");
  free(id);
  return id != NULL;
}

int emu_auth_check(const emu_call *call, emu_response *out) {
  if (is_upload_session(call)) return 1;
  switch (call->path->backend) {
    case EMU_BACKEND_MLDEV:
      return check_mldev(call, out);
    case EMU_BACKEND_VERTEX:
      return check_vertex(call, out);
    default:
      emu_respond_html_not_found(out, call->req->path);
      return 0;
  }
}
