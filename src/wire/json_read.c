#include "wire/json_read.h"

#include <string.h>

#include "core/alloc.h"

json_t *genai__json_loadb(const char *text, size_t len, size_t flags, json_error_t *err, bool *oom) {
  unsigned failures = genai__alloc_failures();
  json_t *v = json_loadb(text, len, flags, err);
  *oom = !v && genai__alloc_failures() != failures;
  return v;
}

json_t *genai__json_loads(const char *text, size_t flags, json_error_t *err, bool *oom) {
  return genai__json_loadb(text, strlen(text), flags, err, oom);
}
