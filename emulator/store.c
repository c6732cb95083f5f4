#include "store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
  char *name;
  json_t *value;
  unsigned long long seq; /* insertion order; page tokens name the last one seen */
  struct item *next;
} item;

struct emu_store {
  pthread_mutex_t lock;
  item *head, *tail;
  unsigned long long next_seq;
};

emu_store *emu_store_new(void) {
  emu_store *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  if (pthread_mutex_init(&s->lock, NULL) != 0) {
    free(s);
    return NULL;
  }
  s->next_seq = 1;
  return s;
}

static void item_free(item *it) {
  free(it->name);
  json_decref(it->value);
  free(it);
}

static void clear_locked(emu_store *s) {
  for (item *it = s->head, *next; it; it = next) {
    next = it->next;
    item_free(it);
  }
  s->head = s->tail = NULL;
}

void emu_store_free(emu_store *s) {
  if (!s) return;
  clear_locked(s);
  pthread_mutex_destroy(&s->lock);
  free(s);
}

static item *find_locked(emu_store *s, const char *name) {
  for (item *it = s->head; it; it = it->next)
    if (strcmp(it->name, name) == 0) return it;
  return NULL;
}

int emu_store_put(emu_store *s, const char *name, const json_t *value) {
  json_t *copy = json_deep_copy(value);
  if (!copy) return -1;
  pthread_mutex_lock(&s->lock);
  item *it = find_locked(s, name);
  if (it) {
    json_decref(it->value);
    it->value = copy;
    pthread_mutex_unlock(&s->lock);
    return 0;
  }
  it = calloc(1, sizeof *it);
  char *key = strdup(name);
  if (!it || !key) {
    pthread_mutex_unlock(&s->lock);
    free(it);
    free(key);
    json_decref(copy);
    return -1;
  }
  it->name = key;
  it->value = copy;
  it->seq = s->next_seq++;
  if (s->tail)
    s->tail->next = it;
  else
    s->head = it;
  s->tail = it;
  pthread_mutex_unlock(&s->lock);
  return 0;
}

json_t *emu_store_get(emu_store *s, const char *name) {
  pthread_mutex_lock(&s->lock);
  item *it = find_locked(s, name);
  json_t *copy = it ? json_deep_copy(it->value) : NULL;
  pthread_mutex_unlock(&s->lock);
  return copy;
}

int emu_store_remove(emu_store *s, const char *name) {
  pthread_mutex_lock(&s->lock);
  item *prev = NULL, *it = s->head;
  while (it && strcmp(it->name, name) != 0) {
    prev = it;
    it = it->next;
  }
  if (it) {
    if (prev)
      prev->next = it->next;
    else
      s->head = it->next;
    if (s->tail == it) s->tail = prev;
  }
  pthread_mutex_unlock(&s->lock);
  if (!it) return 0;
  item_free(it);
  return 1;
}

static int direct_member(const char *name, const char *prefix) {
  size_t n = strlen(prefix);
  return strncmp(name, prefix, n) == 0 && name[n] && !strchr(name + n, '/');
}

/* Page tokens are "p" followed by the sequence number of the last item of
 * the page before, so that items added or removed meanwhile do not shift
 * later pages. */
json_t *emu_store_list(emu_store *s, const char *prefix, int (*keep)(const json_t *value, void *data), void *data,
                       long page_size, long default_size, const char *page_token, char **next_token,
                       int *bad_token) {
  *next_token = NULL;
  *bad_token = 0;
  unsigned long long after = 0;
  if (page_token && *page_token) {
    char *end = NULL;
    if (page_token[0] != 'p' || !page_token[1]) {
      *bad_token = 1;
      return NULL;
    }
    after = strtoull(page_token + 1, &end, 10);
    if (*end) {
      *bad_token = 1;
      return NULL;
    }
  }
  if (page_size <= 0) page_size = default_size;
  json_t *page = json_array();
  if (!page) return NULL;
  pthread_mutex_lock(&s->lock);
  unsigned long long last = 0;
  int more = 0, ok = 1;
  for (item *it = s->head; it && ok; it = it->next) {
    if (it->seq <= after || !direct_member(it->name, prefix) || (keep && !keep(it->value, data))) continue;
    if ((long)json_array_size(page) == page_size) {
      more = 1;
      break;
    }
    ok = json_array_append_new(page, json_deep_copy(it->value)) == 0;
    last = it->seq;
  }
  pthread_mutex_unlock(&s->lock);
  if (ok && more) {
    char token[32];
    snprintf(token, sizeof token, "p%llu", last);
    ok = (*next_token = strdup(token)) != NULL;
  }
  if (!ok) {
    json_decref(page);
    return NULL;
  }
  return page;
}

void emu_store_clear(emu_store *s) {
  pthread_mutex_lock(&s->lock);
  clear_locked(s);
  pthread_mutex_unlock(&s->lock);
}

void emu_store_new_id(char out[13]) {
  static atomic_ullong counter;
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  /* a counter times an odd constant: distinct below 2^64, and not visibly
   * sequential; the low 12 base-36 digits differ for the counts one
   * process reaches */
  unsigned long long v = (atomic_fetch_add(&counter, 1) + 1) * 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 12; i++) {
    out[i] = alphabet[v % 36];
    v /= 36;
  }
  out[12] = '\0';
}
