#include "wire/clone.h"

#include <string.h>

#include <genai/common.h>

#include "core/error.h"
#include "core/structsize.h"
#include "wire/types_gen.h"

typedef struct map_entry {
  const char *key;
  const void *value;
} map_entry;

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

static void *at(const void *base, size_t offset) { return (char *)(uintptr_t)base + offset; }

static genai_result dup_string(genai__arena *a, const char *s, const char **out) {
  *out = NULL;
  if (!s) return GENAI_OK;
  return (*out = genai__arena_strdup(a, s)) ? GENAI_OK : oom();
}

static genai_result dup_bytes(genai__arena *a, genai_bytes in, genai_bytes *out) {
  *out = (genai_bytes){0};
  if (!in.data) return GENAI_OK;
  uint8_t *data = genai__arena_alloc(a, in.size ? in.size : 1);
  if (!data) return oom();
  memcpy(data, in.data, in.size);
  *out = (genai_bytes){data, in.size};
  return GENAI_OK;
}

static size_t scalar_size(const genai__field *f) {
  switch ((genai__kind)f->kind) {
    case GENAI__K_BOOL: return sizeof(bool);
    case GENAI__K_INT32: return sizeof(int32_t);
    case GENAI__K_INT64: return sizeof(int64_t);
    case GENAI__K_DOUBLE: return sizeof(double);
    default: return 0;
  }
}

static genai_result clone_contents(genai__arena *a, const genai_contents *in, const genai_contents **out, int depth);

static genai_result clone_contents(genai__arena *a, const genai_contents *in, const genai_contents **out, int depth) {
  *out = NULL;
  if (!in) return GENAI_OK;
  if (depth > 32) return genai__err(GENAI_EINVAL, "contents are nested too deeply");
  genai_contents src;
  genai_result rc = genai__struct_copy(in, sizeof(src), "contents", "genai_contents", &src);
  if (rc != GENAI_OK) return rc;
  genai_contents *c = genai__arena_alloc(a, sizeof(*c));
  if (!c) return oom();
  *c = src;
  c->struct_size = sizeof(*c);
  rc = dup_string(a, src.text, &c->text);
  if (rc == GENAI_OK && src.part) rc = genai__clone(a, &genai__type_part, src.part, (void **)&c->part);
  if (rc == GENAI_OK && src.content) rc = genai__clone(a, &genai__type_content, src.content, (void **)&c->content);
  if (rc == GENAI_OK && src.items) {
    const genai_contents **items = genai__arena_alloc(a, (src.items_count ? src.items_count : 1) * sizeof(*items));
    if (!items) return oom();
    for (size_t i = 0; rc == GENAI_OK && i < src.items_count; i++)
      rc = clone_contents(a, src.items[i], &items[i], depth + 1);
    c->items = items;
  }
  *out = c;
  return rc;
}

static genai_result clone_one(genai__arena *a, const genai__field *f, const void *src, void *dst) {
  switch ((genai__kind)f->kind) {
    case GENAI__K_STRING:
    case GENAI__K_TIMESTAMP:
    case GENAI__K_DURATION:
    case GENAI__K_JSON: return dup_string(a, *(const char *const *)src, dst);
    case GENAI__K_BYTES: return dup_bytes(a, *(const genai_bytes *)src, dst);
    case GENAI__K_MESSAGE: {
      const void *m = *(const void *const *)src;
      *(void **)dst = NULL;
      return m ? genai__clone(a, f->type, m, dst) : GENAI_OK;
    }
    case GENAI__K_CONTENT:
    case GENAI__K_CONTENTS: return clone_contents(a, *(const genai_contents *const *)src, dst, 0);
    case GENAI__K_CALLABLE: /* the caller's function, borrowed like a Python function reference */
      *(const void **)dst = *(const void *const *)src;
      return GENAI_OK;
    default: return GENAI_OK;
  }
}

static genai_result clone_single(genai__arena *a, const genai__field *f, const void *from, void *to) {
  const void *src = at(from, f->offset);
  void *dst = at(to, f->offset);
  size_t size = scalar_size(f);
  if (size) {
    const void *p = *(const void *const *)src;
    *(void **)dst = NULL;
    if (!p) return GENAI_OK;
    void *cell = genai__arena_alloc(a, size);
    if (!cell) return oom();
    memcpy(cell, p, size);
    *(void **)dst = cell;
    return GENAI_OK;
  }
  if (f->kind == GENAI__K_ENUM) {
    *(int *)dst = *(const int *)src;
    return dup_string(a, *(const char *const *)at(from, f->str_offset), at(to, f->str_offset));
  }
  return clone_one(a, f, src, dst);
}

static genai_result clone_list(genai__arena *a, const genai__field *f, const void *from, void *to) {
  const void *items = *(const void *const *)at(from, f->offset);
  size_t n = *(const size_t *)at(from, f->count_offset);
  *(void **)at(to, f->offset) = NULL;
  if (!items) return GENAI_OK;
  size_t esize = scalar_size(f);
  if (f->kind == GENAI__K_BYTES) esize = sizeof(genai_bytes);
  if (f->kind == GENAI__K_ENUM) esize = sizeof(int);
  size_t cell = esize ? esize : sizeof(void *);
  char *copy = genai__arena_alloc(a, (n ? n : 1) * cell);
  if (!copy) return oom();
  genai_result rc = GENAI_OK;
  if (esize && f->kind != GENAI__K_BYTES) {
    memcpy(copy, items, n * esize);
  } else {
    for (size_t i = 0; rc == GENAI_OK && i < n; i++)
      rc = clone_one(a, f, (const char *)items + i * cell, copy + i * cell);
  }
  if (rc == GENAI_OK && f->kind == GENAI__K_ENUM) {
    const char *const *strs = *(const char *const *const *)at(from, f->str_offset);
    const char **sc = NULL;
    if (strs) {
      if (!(sc = genai__arena_alloc(a, (n ? n : 1) * sizeof(*sc)))) return oom();
      for (size_t i = 0; rc == GENAI_OK && i < n; i++) rc = dup_string(a, strs[i], &sc[i]);
    }
    *(const char ***)at(to, f->str_offset) = sc;
  }
  *(void **)at(to, f->offset) = copy;
  *(size_t *)at(to, f->count_offset) = n;
  return rc;
}

static genai_result clone_map(genai__arena *a, const genai__field *f, const void *from, void *to) {
  const map_entry *entries = *(const map_entry *const *)at(from, f->offset);
  size_t n = *(const size_t *)at(from, f->count_offset);
  *(void **)at(to, f->offset) = NULL;
  if (!entries) return GENAI_OK;
  map_entry *copy = genai__arena_alloc(a, (n ? n : 1) * sizeof(*copy));
  if (!copy) return oom();
  genai_result rc = GENAI_OK;
  for (size_t i = 0; rc == GENAI_OK && i < n; i++) {
    rc = dup_string(a, entries[i].key, &copy[i].key);
    if (rc == GENAI_OK && f->kind == GENAI__K_MESSAGE)
      rc = entries[i].value ? genai__clone(a, f->type, entries[i].value, (void **)&copy[i].value) : GENAI_OK;
    else if (rc == GENAI_OK)
      rc = dup_string(a, entries[i].value, (const char **)&copy[i].value);
  }
  *(void **)at(to, f->offset) = copy;
  *(size_t *)at(to, f->count_offset) = n;
  return rc;
}

genai_result genai__clone(genai__arena *a, const genai__type *t, const void *value, void **out) {
  *out = NULL;
  void *copy = genai__arena_alloc(a, t->size);
  if (!copy) return oom();
  genai_result rc = genai__struct_copy(value, t->size, t->c_name, t->c_name, copy);
  if (rc != GENAI_OK) return rc;
  const void *src = copy; /* the zero-extended snapshot; its pointers still point at the caller's data */
  void *dst = genai__arena_alloc(a, t->size);
  if (!dst) return oom();
  *(size_t *)dst = t->size;
  rc = dup_string(a, *(const char *const *)at(src, t->unknown_offset), at(dst, t->unknown_offset));
  for (size_t i = 0; rc == GENAI_OK && i < t->nfields; i++) {
    const genai__field *f = &t->fields[i];
    if (f->shape == GENAI__S_LIST) rc = clone_list(a, f, src, dst);
    else if (f->shape == GENAI__S_MAP) rc = clone_map(a, f, src, dst);
    else rc = clone_single(a, f, src, dst);
  }
  *out = dst;
  return rc;
}

genai_result genai__clone_owned(const genai__type *t, const void *value, void **out) {
  *out = NULL;
  void *holder = genai__owned_new(t->size);
  if (!holder) return oom();
  genai__owned *h = genai__owned_of(holder);
  void *copy = NULL;
  genai_result rc = genai__clone(&h->arena, t, value, &copy);
  if (rc != GENAI_OK) {
    genai__owned_free(holder);
    return rc;
  }
  memcpy(holder, copy, t->size); /* the owned value is the arena's first block */
  *out = holder;
  return GENAI_OK;
}
