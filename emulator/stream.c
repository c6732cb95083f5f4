#include "stream.h"

#include <stdlib.h>
#include <string.h>

emu_stream *emu_stream_new(void) { return calloc(1, sizeof(emu_stream)); }

void emu_stream_free(emu_stream *s) {
  if (!s) return;
  for (size_t i = 0; i < s->count; i++) free(s->chunks[i].data);
  free(s->chunks);
  free(s);
}

int emu_stream_add(emu_stream *s, unsigned delay_ms, const char *data, size_t len) {
  if (s->count == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 8;
    emu_stream_chunk *grown = realloc(s->chunks, cap * sizeof *grown);
    if (!grown) return -1;
    s->chunks = grown;
    s->cap = cap;
  }
  char *copy = malloc(len + 1);
  if (!copy) return -1;
  if (len) memcpy(copy, data, len);
  copy[len] = '\0';
  s->chunks[s->count].data = copy;
  s->chunks[s->count].len = len;
  s->chunks[s->count].delay_ms = delay_ms;
  s->count++;
  return 0;
}

size_t emu_stream_size(const emu_stream *s) {
  size_t n = 0;
  for (size_t i = 0; i < s->count; i++) n += s->chunks[i].len;
  return n;
}
