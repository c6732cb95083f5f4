/* Every allocation of the library goes through these, so that a caller's
 * allocator (genai/sys/alloc.h) and allocation-failure tests see them all. */
#ifndef GENAI_CORE_ALLOC_H
#define GENAI_CORE_ALLOC_H

#include <stddef.h>

#include <genai/errors.h>

void *genai__malloc(size_t size);
void *genai__calloc(size_t count, size_t size);
void *genai__realloc(void *ptr, size_t size);
void genai__free(void *ptr);
char *genai__strdup(const char *s);
char *genai__strndup(const char *s, size_t n);
/* How many allocations failed on this thread so far. jansson reports a
 * failed allocation while parsing as a syntax error, libcurl sometimes as
 * another error: a change of this count across such a call means the
 * cause was memory. */
unsigned genai__alloc_failures(void);
/* Overwrites a secret before freeing it, so keys do not linger in freed memory. */
void genai__free_secret(char *secret);

/* Lazily initialises libcurl and the JSON library once per process with the
 * configured allocator; genai_client_new() calls it. */
genai_result genai__global_ensure(void);

#endif
