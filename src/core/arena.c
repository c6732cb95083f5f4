#include "core/arena.h"

#include <stdalign.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"

#define OWNED_MAGIC 0x67656e61u /* "gena" */
#define ARENA_FIRST_CHUNK 1024
#define ARENA_MAX_CHUNK (256 * 1024)

struct genai__arena_chunk {
  genai__arena_chunk *next;
  size_t cap;
  size_t used;
  alignas(max_align_t) unsigned char data[];
};

static size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

void *genai__arena_alloc(genai__arena *a, size_t size) {
  size = round_up(size ? size : 1, alignof(max_align_t));
  genai__arena_chunk *c = a->head;
  if (!c || c->cap - c->used < size) {
    size_t cap = a->next_size ? a->next_size : ARENA_FIRST_CHUNK;
    if (cap < size) cap = size;
    c = genai__malloc(sizeof(*c) + cap);
    if (!c) return NULL;
    c->cap = cap;
    c->used = 0;
    c->next = a->head;
    a->head = c;
    if (a->next_size < ARENA_MAX_CHUNK) a->next_size = cap * 2 > ARENA_MAX_CHUNK ? ARENA_MAX_CHUNK : cap * 2;
  }
  void *p = c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

char *genai__arena_strndup(genai__arena *a, const char *s, size_t n) {
  char *p = genai__arena_alloc(a, n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *genai__arena_strdup(genai__arena *a, const char *s) { return genai__arena_strndup(a, s, strlen(s)); }

void genai__arena_release(genai__arena *a) {
  genai__arena_chunk *c = a->head;
  while (c) {
    genai__arena_chunk *next = c->next;
    genai__free(c);
    c = next;
  }
  a->head = NULL;
  a->next_size = 0;
}

static size_t owned_header_size(void) { return round_up(sizeof(genai__owned), alignof(max_align_t)); }

void *genai__owned_new(size_t size) {
  genai__arena arena = {0};
  unsigned char *block = genai__arena_alloc(&arena, owned_header_size() + size);
  if (!block) return NULL;
  genai__owned *h = (genai__owned *)block;
  h->magic = OWNED_MAGIC;
  h->arena = arena;
  atomic_init(&h->text_cache, NULL);
  atomic_init(&h->calls_cache, NULL);
  return block + owned_header_size();
}

genai__owned *genai__owned_of(const void *value) {
  if (!value) return NULL;
  genai__owned *h = (genai__owned *)((unsigned char *)(uintptr_t)value - owned_header_size());
  if (h->magic != OWNED_MAGIC) {
    genai__log(GENAI_LOG_ERROR, "a value passed to a genai _free or response function was not allocated by genai-c");
    return NULL;
  }
  return h;
}

void genai__owned_free(void *value) {
  genai__owned *h = genai__owned_of(value);
  if (!h) return;
  genai__free(atomic_load(&h->text_cache));
  genai__free(atomic_load(&h->calls_cache));
  h->magic = 0;
  genai__arena arena = h->arena; /* the header lives inside the arena it describes */
  genai__arena_release(&arena);
}
