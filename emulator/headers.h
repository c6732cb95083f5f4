/* An ordered list of HTTP header (name, value) pairs; lookups ignore case. */
#ifndef EMU_HEADERS_H
#define EMU_HEADERS_H

#include <stddef.h>

typedef struct emu_header {
  char *name;
  char *value;
} emu_header;

typedef struct emu_headers {
  emu_header *items;
  size_t count;
  size_t cap;
} emu_headers;

/* Appends a copy of the pair; a lowercase copy of the name when `lowercase`.
 * Returns 0 or -1 (out of memory). */
int emu_headers_add(emu_headers *h, const char *name, const char *value, int lowercase);

/* Replaces the value of the first header with this name, or appends one. */
int emu_headers_set(emu_headers *h, const char *name, const char *value);

/* The value of the first header with this name (any case), or NULL. Borrowed. */
const char *emu_headers_get(const emu_headers *h, const char *name);

void emu_headers_dispose(emu_headers *h);

#endif
