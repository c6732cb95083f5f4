#include "core/buf.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

static genai_result buf_reserve(genai__buf *b, size_t extra) {
  if (b->cap - b->len > extra) return GENAI_OK;
  if (extra > (size_t)-1 / 2 - b->len) return GENAI_ENOMEM;
  size_t cap = b->cap ? b->cap : 64;
  while (cap - b->len <= extra) cap *= 2;
  char *p = genai__realloc(b->data, cap);
  if (!p) return GENAI_ENOMEM;
  b->data = p;
  b->cap = cap;
  return GENAI_OK;
}

genai_result genai__buf_append(genai__buf *b, const void *data, size_t len) {
  if (buf_reserve(b, len) != GENAI_OK) return GENAI_ENOMEM;
  if (len) memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return GENAI_OK;
}

genai_result genai__buf_puts(genai__buf *b, const char *s) { return genai__buf_append(b, s, strlen(s)); }

genai_result genai__buf_vprintf(genai__buf *b, const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0) return GENAI_ERROR;
  if (buf_reserve(b, (size_t)n) != GENAI_OK) return GENAI_ENOMEM;
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return GENAI_OK;
}

genai_result genai__buf_printf(genai__buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  genai_result rc = genai__buf_vprintf(b, fmt, ap);
  va_end(ap);
  return rc;
}

char *genai__buf_take(genai__buf *b) {
  char *p = b->data;
  if (!p) p = genai__strdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

void genai__buf_reset(genai__buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

void genai__buf_free(genai__buf *b) {
  genai__free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
