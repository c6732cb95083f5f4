/**
 * @file sys/alloc.h
 * Extension point: the memory allocator.
 *
 * Call genai_global_init() once, before any other genai function and before
 * other threads use the library, to route every allocation of genai-c through
 * your functions; libcurl's and jansson's allocation hooks are pointed at them
 * too. Those hooks are process-wide: an application that sets its own
 * jansson or libcurl allocator should give genai-c the same one. Without an
 * allocator the C library's is used and no hook is touched. An allocation
 * failure is reported as GENAI_ENOMEM.
 */
#ifndef GENAI_SYS_ALLOC_H
#define GENAI_SYS_ALLOC_H

#include <stddef.h>

#include <genai/common.h>
#include <genai/errors.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct genai_allocator {
  size_t struct_size;
  void *(*malloc_fn)(size_t size);
  void *(*realloc_fn)(void *ptr, size_t size);
  void (*free_fn)(void *ptr);
} genai_allocator;

typedef struct genai_global_options {
  size_t struct_size;
  const genai_allocator *allocator; /**< NULL: the C library's malloc, realloc and free */
} genai_global_options;

/**
 * Initialises the library. Optional: genai_client_new() initialises it with
 * defaults. Calls are counted; each needs a genai_global_cleanup().
 * @return GENAI_OK; GENAI_EINVAL when an allocator is given after the library
 *         has allocated anything, or misses a function.
 */
GENAI_API GENAI_NODISCARD genai_result genai_global_init(const genai_global_options *options);
/** Releases what genai_global_init() set up once the count drops to zero. */
GENAI_API void genai_global_cleanup(void);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_SYS_ALLOC_H */
