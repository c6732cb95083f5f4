#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(emu_buf *b, size_t extra) {
  if (extra > (size_t)-1 - b->len - 1) return -1;
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap = cap > (size_t)-1 / 2 ? need : cap * 2;
  char *p = realloc(b->data, cap);
  if (!p) return -1;
  b->data = p;
  b->cap = cap;
  return 0;
}

int emu_buf_append(emu_buf *b, const char *data, size_t len) {
  if (reserve(b, len) != 0) return -1;
  if (len) memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return 0;
}

int emu_buf_append_str(emu_buf *b, const char *s) { return emu_buf_append(b, s, strlen(s)); }

int emu_buf_vprintf(emu_buf *b, const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0 || reserve(b, (size_t)n) != 0) return -1;
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return 0;
}

int emu_buf_printf(emu_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = emu_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return rc;
}

char *emu_buf_take(emu_buf *b) {
  if (!b->data && reserve(b, 0) != 0) return NULL;
  if (b->len == 0) b->data[0] = '\0';
  char *out = b->data;
  b->data = NULL;
  b->len = b->cap = 0;
  return out;
}

void emu_buf_dispose(emu_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
