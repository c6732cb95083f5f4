#include "headers.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *dup_string(const char *s, int lowercase) {
  size_t n = strlen(s);
  char *out = malloc(n + 1);
  if (!out) return NULL;
  for (size_t i = 0; i < n; i++) out[i] = lowercase ? (char)tolower((unsigned char)s[i]) : s[i];
  out[n] = '\0';
  return out;
}

int emu_headers_add(emu_headers *h, const char *name, const char *value, int lowercase) {
  if (h->count == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 8;
    emu_header *items = realloc(h->items, cap * sizeof *items);
    if (!items) return -1;
    h->items = items;
    h->cap = cap;
  }
  char *n = dup_string(name, lowercase);
  char *v = dup_string(value, 0);
  if (!n || !v) {
    free(n);
    free(v);
    return -1;
  }
  h->items[h->count].name = n;
  h->items[h->count].value = v;
  h->count++;
  return 0;
}

int emu_headers_set(emu_headers *h, const char *name, const char *value) {
  for (size_t i = 0; i < h->count; i++) {
    if (strcasecmp(h->items[i].name, name) != 0) continue;
    char *v = dup_string(value, 0);
    if (!v) return -1;
    free(h->items[i].value);
    h->items[i].value = v;
    return 0;
  }
  return emu_headers_add(h, name, value, 0);
}

const char *emu_headers_get(const emu_headers *h, const char *name) {
  for (size_t i = 0; i < h->count; i++)
    if (strcasecmp(h->items[i].name, name) == 0) return h->items[i].value;
  return NULL;
}

void emu_headers_dispose(emu_headers *h) {
  for (size_t i = 0; i < h->count; i++) {
    free(h->items[i].name);
    free(h->items[i].value);
  }
  free(h->items);
  h->items = NULL;
  h->count = h->cap = 0;
}
