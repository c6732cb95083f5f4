#include "http/headers.h"

#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/error.h"

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

genai_result genai__headers_add(genai__headers *h, const char *name, size_t name_len, const char *value,
                                size_t value_len) {
  if (h->count == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 8;
    genai__header *items = genai__realloc(h->items, cap * sizeof(*items));
    if (!items) return oom();
    h->items = items;
    h->cap = cap;
  }
  char *n = genai__strndup(name, name_len);
  char *v = genai__strndup(value, value_len);
  if (!n || !v) {
    genai__free(n);
    genai__free(v);
    return oom();
  }
  h->items[h->count].name = n;
  h->items[h->count].value = v;
  h->count++;
  return GENAI_OK;
}

genai_result genai__headers_set(genai__headers *h, const char *name, const char *value) {
  for (size_t i = 0; i < h->count; i++) {
    if (strcasecmp(h->items[i].name, name)) continue;
    char *v = genai__strdup(value);
    if (!v) return oom();
    genai__free_secret(h->items[i].value);
    h->items[i].value = v;
    return GENAI_OK;
  }
  return genai__headers_add(h, name, strlen(name), value, strlen(value));
}

const char *genai__headers_get(const genai__headers *h, const char *name) {
  for (size_t i = 0; i < h->count; i++)
    if (!strcasecmp(h->items[i].name, name)) return h->items[i].value;
  return NULL;
}

genai_result genai__headers_copy(genai__headers *dst, const genai__headers *src) {
  for (size_t i = 0; i < src->count; i++) {
    genai_result rc = genai__headers_set(dst, src->items[i].name, src->items[i].value);
    if (rc != GENAI_OK) return rc;
  }
  return GENAI_OK;
}

void genai__headers_clear(genai__headers *h) {
  for (size_t i = 0; i < h->count; i++) {
    genai__free(h->items[i].name);
    genai__free_secret(h->items[i].value);
  }
  genai__free(h->items);
  memset(h, 0, sizeof(*h));
}

int genai__header_is_secret(const char *name) {
  static const char *const secret[] = {"x-goog-api-key", "authorization", "proxy-authorization", "cookie",
                                       "set-cookie", "x-goog-upload-url"};
  for (size_t i = 0; i < sizeof(secret) / sizeof(secret[0]); i++)
    if (!strcasecmp(name, secret[i])) return 1;
  return 0;
}
