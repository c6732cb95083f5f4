#include "core/alloc.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <genai/sys/alloc.h>

#include "core/error.h"

static void *(*alloc_malloc)(size_t) = malloc;
static void *(*alloc_realloc)(void *, size_t) = realloc;
static void (*alloc_free)(void *) = free;

static pthread_mutex_t global_lock = PTHREAD_MUTEX_INITIALIZER;
static int global_refs;       /* explicit genai_global_init() calls */
static int global_ready;      /* curl and jansson are initialised */
static bool custom_allocator; /* jansson's hooks are ours only then: they are process-wide */
/* Set by the first allocation: an allocator installed later would free
 * memory it did not allocate. */
static atomic_bool allocated;

/* Failed allocations of this thread: libraries that report an allocation
 * failure as something else (a JSON syntax error, a write error) are told
 * apart by looking at it. */
static _Thread_local unsigned failures;

unsigned genai__alloc_failures(void) { return failures; }

void *genai__malloc(size_t size) {
  if (!atomic_load_explicit(&allocated, memory_order_relaxed)) atomic_store(&allocated, true);
  void *p = alloc_malloc(size ? size : 1);
  if (!p) failures++;
  return p;
}

void *genai__calloc(size_t count, size_t size) {
  if (size && count > (size_t)-1 / size) {
    failures++;
    return NULL;
  }
  void *p = genai__malloc(count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

void *genai__realloc(void *ptr, size_t size) {
  void *p = alloc_realloc(ptr, size ? size : 1);
  if (!p) failures++;
  return p;
}

void genai__free(void *ptr) {
  if (ptr) alloc_free(ptr);
}

char *genai__strndup(const char *s, size_t n) {
  char *p = genai__malloc(n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *genai__strdup(const char *s) { return s ? genai__strndup(s, strlen(s)) : NULL; }

void genai__free_secret(char *secret) {
  if (!secret) return;
  volatile char *v = secret;
  while (*v) *v++ = '\0';
  genai__free(secret);
}

void genai_free(void *ptr) { genai__free(ptr); }

static char *curl_strdup_hook(const char *s) { return genai__strdup(s); }

/* Must run with global_lock held. */
static genai_result global_setup_locked(void) {
  if (global_ready) return GENAI_OK;
  CURLcode cc;
  if (custom_allocator) {
    json_set_alloc_funcs(genai__malloc, genai__free);
    cc = curl_global_init_mem(CURL_GLOBAL_DEFAULT, genai__malloc, genai__free, genai__realloc, curl_strdup_hook,
                              genai__calloc);
  } else {
    cc = curl_global_init(CURL_GLOBAL_DEFAULT);
  }
  if (cc != CURLE_OK) return genai__err(GENAI_ERROR, "libcurl initialisation failed: %s", curl_easy_strerror(cc));
  global_ready = 1;
  return GENAI_OK;
}

genai_result genai__global_ensure(void) {
  pthread_mutex_lock(&global_lock);
  genai_result rc = global_setup_locked();
  pthread_mutex_unlock(&global_lock);
  return rc;
}

genai_result genai_global_init(const genai_global_options *options) {
  if (options && options->struct_size == 0)
    return genai__err(GENAI_EINVAL, "options.struct_size is 0: initialise with GENAI_INIT(genai_global_options)");
  const genai_allocator *a = options ? options->allocator : NULL;
  if (a && (a->struct_size == 0 || !a->malloc_fn || !a->realloc_fn || !a->free_fn))
    return genai__err(GENAI_EINVAL, "options.allocator needs struct_size, malloc_fn, realloc_fn and free_fn");
  pthread_mutex_lock(&global_lock);
  if (a && (global_ready || atomic_load(&allocated))) {
    pthread_mutex_unlock(&global_lock);
    return genai__err(GENAI_EINVAL,
                      "options.allocator: the library has already allocated memory; set the allocator before any "
                      "other genai call");
  }
  if (a) {
    alloc_malloc = a->malloc_fn;
    alloc_realloc = a->realloc_fn;
    alloc_free = a->free_fn;
    custom_allocator = true;
  }
  genai_result rc = global_setup_locked();
  if (rc == GENAI_OK) global_refs++;
  pthread_mutex_unlock(&global_lock);
  return rc;
}

void genai_global_cleanup(void) {
  pthread_mutex_lock(&global_lock);
  if (global_refs > 0 && --global_refs == 0 && global_ready) {
    curl_global_cleanup();
    global_ready = 0;
  }
  pthread_mutex_unlock(&global_lock);
  genai_error_clear();
}
