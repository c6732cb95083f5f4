#include "live_store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

typedef struct saved {
  char handle[48];
  json_t *history;
} saved;

struct emu_live_store {
  pthread_mutex_t lock;
  saved items[EMU_LIVE_STORE_MAX]; /* a ring: the oldest is overwritten */
  size_t next;
  unsigned long long counter; /* makes every handle unique */
};

emu_live_store *emu_live_store_new(void) {
  emu_live_store *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  if (pthread_mutex_init(&s->lock, NULL) != 0) {
    free(s);
    return NULL;
  }
  return s;
}

void emu_live_store_clear(emu_live_store *s) {
  pthread_mutex_lock(&s->lock);
  for (size_t i = 0; i < EMU_LIVE_STORE_MAX; i++) {
    json_decref(s->items[i].history);
    s->items[i].history = NULL;
    s->items[i].handle[0] = '\0';
  }
  s->next = 0;
  pthread_mutex_unlock(&s->lock);
}

void emu_live_store_free(emu_live_store *s) {
  if (!s) return;
  emu_live_store_clear(s);
  pthread_mutex_destroy(&s->lock);
  free(s);
}

char *emu_live_store_save(emu_live_store *s, const json_t *history) {
  json_t *copy = json_deep_copy(history);
  char *handle = malloc(sizeof s->items[0].handle);
  if (!copy || !handle) {
    json_decref(copy);
    free(handle);
    return NULL;
  }
  pthread_mutex_lock(&s->lock);
  char seed[32];
  snprintf(seed, sizeof seed, "%llu", ++s->counter);
  uint64_t h = emu_fnv1a64(seed, strlen(seed), EMU_FNV64_BASIS);
  snprintf(handle, sizeof s->items[0].handle, "live-resume-%016llx-%llu", (unsigned long long)h, s->counter);
  saved *slot = &s->items[s->next];
  s->next = (s->next + 1) % EMU_LIVE_STORE_MAX;
  json_decref(slot->history);
  slot->history = copy;
  memcpy(slot->handle, handle, sizeof slot->handle);
  pthread_mutex_unlock(&s->lock);
  return handle;
}

json_t *emu_live_store_load(emu_live_store *s, const char *handle) {
  json_t *found = NULL;
  pthread_mutex_lock(&s->lock);
  for (size_t i = 0; i < EMU_LIVE_STORE_MAX && !found; i++)
    if (s->items[i].history && strcmp(s->items[i].handle, handle) == 0) found = json_deep_copy(s->items[i].history);
  pthread_mutex_unlock(&s->lock);
  return found;
}
