#include "count_alloc.h"

#include <stdatomic.h>
#include <stdlib.h>

#include <genai/genai.h>
#include <genai/sys/alloc.h>

/* A size header in front of every block. */
typedef union header {
  size_t size;
  max_align_t align;
} header;

static atomic_size_t live_bytes, peak_bytes;

static void note_alloc(size_t n) {
  size_t now = atomic_fetch_add(&live_bytes, n) + n;
  size_t peak = atomic_load(&peak_bytes);
  while (now > peak && !atomic_compare_exchange_weak(&peak_bytes, &peak, now)) {
  }
}

static void *count_malloc(size_t n) {
  header *h = malloc(sizeof(header) + n);
  if (!h) return NULL;
  h->size = n;
  note_alloc(n);
  return h + 1;
}

static void count_free(void *p) {
  if (!p) return;
  header *h = (header *)p - 1;
  atomic_fetch_sub(&live_bytes, h->size);
  free(h);
}

static void *count_realloc(void *p, size_t n) {
  if (!p) return count_malloc(n);
  header *h = (header *)p - 1;
  size_t old = h->size;
  header *g = realloc(h, sizeof(header) + n);
  if (!g) return NULL;
  g->size = n;
  atomic_fetch_sub(&live_bytes, old);
  note_alloc(n);
  return g + 1;
}

int count_alloc_install(void) {
  static const genai_allocator counting = {GENAI_INIT(genai_allocator), count_malloc, count_realloc, count_free};
  genai_global_options g = {GENAI_INIT(genai_global_options), .allocator = &counting};
  return genai_global_init(&g) == GENAI_OK ? 0 : -1;
}

size_t count_alloc_live(void) { return atomic_load(&live_bytes); }
size_t count_alloc_peak(void) { return atomic_load(&peak_bytes); }
void count_alloc_reset_peak(void) { atomic_store(&peak_bytes, atomic_load(&live_bytes)); }
