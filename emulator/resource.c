#include "resource.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "google_error.h"
#include "request.h"
#include "response.h"

int emu_resource_name(const emu_call *call, const char *local, char *out, size_t size) {
  const emu_api_path *p = call->path;
  int n = p->backend == EMU_BACKEND_VERTEX && !p->express && p->project[0]
              ? snprintf(out, size, "projects/%s/locations/%s/%s", p->project, p->location, local)
              : snprintf(out, size, "%s", local);
  return n < 0 || (size_t)n >= size ? -1 : 0;
}

long emu_query_long(const emu_request *req, const char *name, long fallback) {
  char *v = emu_request_query_param(req, name);
  if (!v) return fallback;
  char *end = NULL;
  long n = strtol(v, &end, 10);
  int ok = *v && !*end;
  free(v);
  return ok ? n : -1;
}

static void respond_page(emu_response *out, json_t *page, const char *key, const char *next) {
  json_t *doc = json_object();
  if (!doc || (json_array_size(page) && json_object_set(doc, key, page) != 0) ||
      (next && json_object_set_new(doc, "nextPageToken", json_string(next)) != 0)) {
    json_decref(doc);
    emu_response_internal_error(out);
    return;
  }
  emu_response_take_json(out, 200, doc);
}

static int bad_page_size(const emu_call *call, emu_response *out, long *size) {
  *size = emu_query_long(call->req, "pageSize", 0);
  if (*size >= 0) return 0;
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", "Invalid value for pageSize: it must be a number.");
  return 1;
}

void emu_respond_page(const emu_call *call, emu_response *out, const char *prefix, const char *key,
                      int (*keep)(const json_t *value, void *data), void *data, long default_size) {
  long size;
  if (bad_page_size(call, out, &size)) return;
  char *token = emu_request_query_param(call->req, "pageToken");
  char *next = NULL;
  int bad = 0;
  json_t *page = emu_store_list(call->app->store, prefix, keep, data, size, default_size, token, &next, &bad);
  free(token);
  if (bad)
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", "Invalid page token.");
  else if (!page)
    emu_response_internal_error(out);
  else
    respond_page(out, page, key, next);
  json_decref(page);
  free(next);
}

void emu_respond_array_page(const emu_call *call, emu_response *out, json_t *items, const char *key,
                            long default_size) {
  long size;
  if (bad_page_size(call, out, &size)) return;
  if (size <= 0) size = default_size;
  char *token = emu_request_query_param(call->req, "pageToken");
  size_t first = 0;
  int bad = 0;
  if (token && *token) {
    char *end = NULL;
    first = (size_t)strtoul(token + 1, &end, 10);
    bad = token[0] != 'c' || !token[1] || *end || first > json_array_size(items);
  }
  free(token);
  if (bad) {
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", "Invalid page token.");
    return;
  }
  json_t *page = json_array();
  size_t end = first + (size_t)size < json_array_size(items) ? first + (size_t)size : json_array_size(items);
  for (size_t i = first; page && i < end; i++)
    if (json_array_append(page, json_array_get(items, i)) != 0) {
      json_decref(page);
      page = NULL;
    }
  if (!page) {
    emu_response_internal_error(out);
    return;
  }
  char next[32];
  snprintf(next, sizeof next, "c%zu", end);
  respond_page(out, page, key, end < json_array_size(items) ? next : NULL);
  json_decref(page);
}

void emu_respond_resource_not_found(emu_response *out, const char *name) {
  (void)name;
  emu_respond_simple_error(out, 404, "NOT_FOUND", "Requested entity was not found.");
}

long long emu_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void emu_timestamp(long long ms, char out[32]) {
  if (ms == 0) ms = emu_now_ms();
  time_t secs = (time_t)(ms / 1000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out + n, 32 - n, ".%06dZ", (int)(ms % 1000) * 1000);
}
