/* A bump allocator: a decoded response and everything it points to live in
 * one arena, released at once. An "owned value" is a public struct allocated
 * at the start of its own arena, behind a hidden header, so that
 * genai_<type>_free(value) can find and release the arena. */
#ifndef GENAI_CORE_ARENA_H
#define GENAI_CORE_ARENA_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

typedef struct genai__arena_chunk genai__arena_chunk;

typedef struct genai__arena {
  genai__arena_chunk *head;
  size_t next_size;
} genai__arena;

/* Zeroed memory aligned for any type; NULL when out of memory. */
void *genai__arena_alloc(genai__arena *a, size_t size);
char *genai__arena_strndup(genai__arena *a, const char *s, size_t n);
char *genai__arena_strdup(genai__arena *a, const char *s);
void genai__arena_release(genai__arena *a);

typedef struct genai__owned {
  uint32_t magic;
  genai__arena arena;
  const char *raw;            /* the bytes the value was decoded from, or NULL */
  size_t raw_len;
  _Atomic(char *) text_cache; /* genai_response_text(), computed on first use */
  _Atomic(void *) calls_cache; /* genai_response_function_calls(), computed on first use */
} genai__owned;

/* Allocates an owned value of `size` zeroed bytes; returns the value. */
void *genai__owned_new(size_t size);
/* The header of an owned value, or NULL (with an error logged) if `value`
 * was not allocated by genai__owned_new. */
genai__owned *genai__owned_of(const void *value);
void genai__owned_free(void *value);

#endif
