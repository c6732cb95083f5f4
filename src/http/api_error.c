#include "http/api_error.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/error.h"
#include "wire/codec.h"
#include "wire/json_read.h"

#define BODY_EXCERPT_MAX 2048

const char *genai__http_reason(long status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 499: return "Client Closed Request";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
  }
  return "";
}

/* Longer hints than this are clamped: the retry policy caps its own delay, and a
   server's number must never overflow the millisecond arithmetic. */
#define MAX_HINT_SECONDS 1000000000.0

/* "26s", "0.5s", "1.000340s" → ms; -1 when not a duration. */
static int64_t duration_ms(const char *text) {
  if (!text) return -1;
  char *end = NULL;
  double s = strtod(text, &end);
  if (end == text || strcmp(end, "s") != 0 || !(s >= 0)) return -1;
  if (s > MAX_HINT_SECONDS) s = MAX_HINT_SECONDS;
  return (int64_t)(s * 1000.0 + 0.5);
}

static int64_t retry_info_in(json_t *error) {
  json_t *details = json_object_get(error, "details");
  size_t i;
  json_t *d;
  json_array_foreach(details, i, d) {
    const char *type = json_string_value(json_object_get(d, "@type"));
    if (type && strstr(type, "google.rpc.RetryInfo"))
      return duration_ms(json_string_value(json_object_get(d, "retryDelay")));
  }
  return -1;
}

/* The error object of a body: {"error": {...}} or [{"error": {...}}]. */
static json_t *error_object(json_t *root) {
  if (json_is_array(root) && json_array_size(root) == 1) root = json_array_get(root, 0);
  json_t *e = json_object_get(root, "error");
  return json_is_object(e) ? e : NULL;
}

int64_t genai__api_error_retry_info_ms(const char *body, size_t len) {
  json_t *root = json_loadb(body, len, 0, NULL);
  json_t *e = error_object(root);
  int64_t ms = e ? retry_info_in(e) : -1;
  json_decref(root);
  return ms;
}

int64_t genai__retry_after_header_ms(const char *value) {
  if (!value) return -1;
  char *end = NULL;
  long secs = strtol(value, &end, 10);
  if (end != value && *end == '\0' && secs >= 0)
    return (int64_t)(secs > (long)MAX_HINT_SECONDS ? (long)MAX_HINT_SECONDS : secs) * 1000;
  time_t when = curl_getdate(value, NULL);
  if (when < 0) return -1;
  time_t now = time(NULL);
  if (when <= now) return 0;
  double secs_left = difftime(when, now);
  return (int64_t)(secs_left > MAX_HINT_SECONDS ? MAX_HINT_SECONDS : secs_left) * 1000;
}

static genai_result raise_from_object(long http_status, json_t *e, const char *body, size_t len,
                                      int64_t retry_after_ms, const genai__secrets *secrets) {
  const char *message = json_string_value(json_object_get(e, "message"));
  const char *status = json_string_value(json_object_get(e, "status"));
  json_t *code = json_object_get(e, "code");
  if (!http_status && json_is_integer(code)) http_status = (long)json_integer_value(code);
  char *details = NULL;
  json_t *d = json_object_get(e, "details");
  if (d) details = genai__json_dump(d);
  char *safe_msg = message ? genai__redact(message, strlen(message), secrets, 8192) : NULL;
  char *safe_details = details ? genai__redact(details, strlen(details), secrets, (size_t)-1) : NULL;
  int64_t info = retry_info_in(e);
  char fallback[96];
  const char *reason = genai__http_reason(http_status);
  snprintf(fallback, sizeof(fallback), "HTTP %ld%s%s", http_status, *reason ? " " : "", reason);
  genai__api_error err = {.code = GENAI_EAPI,
                          .http_status = (int)http_status,
                          .status = status,
                          .message = safe_msg ? safe_msg : fallback,
                          .details_json = safe_details,
                          .body = NULL,
                          .retry_after_ms = retry_after_ms >= 0 ? retry_after_ms : info};
  (void)body;
  (void)len;
  genai__err_full(&err);
  genai__free(safe_msg);
  genai__free(safe_details);
  genai__free(details);
  return GENAI_EAPI;
}

genai_result genai__api_error_raise(long http_status, const char *body, size_t len, const genai__headers *headers,
                                    int64_t retry_after_ms, const genai__secrets *secrets) {
  json_error_t jerr;
  bool no_mem = false;
  json_t *root = len ? genai__json_loadb(body, len, 0, &jerr, &no_mem) : NULL;
  if (no_mem) return genai__err(GENAI_ENOMEM, "out of memory reading an HTTP %ld answer", http_status);
  json_t *e = error_object(root);
  if (e) {
    genai_result rc = raise_from_object(http_status, e, body, len, retry_after_ms, secrets);
    json_decref(root);
    return rc;
  }
  json_decref(root);
  const char *ctype = headers ? genai__headers_get(headers, "content-type") : NULL;
  char *excerpt = len ? genai__redact(body, len, secrets, BODY_EXCERPT_MAX) : NULL;
  char message[256];
  const char *reason = genai__http_reason(http_status);
  snprintf(message, sizeof(message), "HTTP %ld%s%s: the service answered with %s%s%s (%zu bytes)", http_status,
           *reason ? " " : "", reason, len ? "a body that is not a JSON error" : "an empty body",
           ctype ? " of type " : "", ctype ? ctype : "", len);
  genai__api_error err = {.code = GENAI_EAPI,
                          .http_status = (int)http_status,
                          .status = genai__http_reason(http_status),
                          .message = message,
                          .body = excerpt,
                          .retry_after_ms = retry_after_ms};
  genai__err_full(&err);
  genai__free(excerpt);
  return GENAI_EAPI;
}

genai_result genai__api_error_raise_json(const char *json, size_t len, const genai__secrets *secrets) {
  json_error_t jerr;
  bool no_mem;
  json_t *root = genai__json_loadb(json, len, 0, &jerr, &no_mem);
  if (no_mem) return genai__err(GENAI_ENOMEM, "out of memory reading a streamed error");
  json_t *e = error_object(root);
  genai_result rc = e ? raise_from_object(0, e, json, len, -1, secrets)
                      : genai__err(GENAI_EDECODE, "an error object of an unknown shape arrived");
  json_decref(root);
  return rc;
}
