#include "api/contents.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"

static genai_result contents_err(const genai__path *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static genai_result contents_err(const genai__path *path, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  return path->len ? genai__err(GENAI_EINVAL, "%s: %s", path->text, msg) : genai__err(GENAI_EINVAL, "%s", msg);
}

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

/* A growable list of pointers in an arena (the old storage is left behind). */
typedef struct ptr_list {
  const void **items;
  size_t count, cap;
} ptr_list;

static genai_result list_push(genai__arena *a, ptr_list *l, const void *item) {
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 4;
    const void **items = genai__arena_alloc(a, cap * sizeof(*items));
    if (!items) return oom();
    if (l->count) memcpy(items, l->items, l->count * sizeof(*items));
    l->items = items;
    l->cap = cap;
  }
  l->items[l->count++] = item;
  return GENAI_OK;
}

static genai_result check_size(const genai__path *path, const genai_contents *c) {
  if (!c) return contents_err(path, "contents are required.");
  if (c->struct_size == 0)
    return contents_err(path, "struct_size is 0; initialise the genai_contents with GENAI_INIT(genai_contents)");
  if (c->struct_size < sizeof(genai_contents))
    return contents_err(path, "struct_size %zu is too small for genai_contents", c->struct_size);
  return GENAI_OK;
}

static genai_result text_part(genai__arena *a, const genai__path *path, const char *text, const genai_part **out) {
  if (!text) return contents_err(path, "text is NULL");
  genai_part *p = genai__arena_alloc(a, sizeof(*p));
  if (!p) return oom();
  p->struct_size = sizeof(*p);
  p->text = text;
  *out = p;
  return GENAI_OK;
}

/* t_part: a text or a part item, as a part. */
static genai_result item_part(genai__arena *a, genai__path *path, const genai_contents *c, const genai_part **out) {
  if (c->kind == GENAI_CONTENTS_KIND_TEXT) return text_part(a, path, c->text, out);
  if (!c->part) return contents_err(path, "part is NULL");
  *out = c->part;
  return GENAI_OK;
}

static bool is_user_part(const genai_part *p) {
  /* A part from an older caller may be shorter than function_call's offset. */
  return p->struct_size <= offsetof(genai_part, function_call) || p->function_call == NULL;
}

static genai_result make_content(genai__arena *a, const char *role, const genai_part *const *parts, size_t n,
                                 const genai_content **out) {
  genai_content *c = genai__arena_alloc(a, sizeof(*c));
  if (!c) return oom();
  c->struct_size = sizeof(*c);
  c->role = role;
  c->parts = parts;
  c->parts_count = n;
  *out = c;
  return GENAI_OK;
}

/* A nested list: its items must be parts (or texts); always a user content. */
static genai_result parts_content(genai__arena *a, genai__path *path, const genai_contents *list,
                                  const genai_content **out) {
  if (list->items_count && !list->items) return contents_err(path, "items is NULL");
  const genai_part **parts = genai__arena_alloc(a, (list->items_count ? list->items_count : 1) * sizeof(*parts));
  if (!parts) return oom();
  for (size_t i = 0; i < list->items_count; i++) {
    size_t mark = genai__path_push_index(path, i);
    const genai_contents *item = list->items[i];
    genai_result rc = check_size(path, item);
    if (rc == GENAI_OK && item->kind != GENAI_CONTENTS_KIND_TEXT && item->kind != GENAI_CONTENTS_KIND_PART)
      rc = contents_err(path, "a list inside a list may only hold texts and parts");
    if (rc == GENAI_OK) rc = item_part(a, path, item, &parts[i]);
    genai__path_pop(path, mark);
    if (rc != GENAI_OK) return rc;
  }
  return make_content(a, "user", parts, list->items_count, out);
}

genai_result genai__t_content(genai__arena *a, genai__path *path, const genai_contents *in, const genai_content **out) {
  genai_result rc = check_size(path, in);
  if (rc != GENAI_OK) return rc;
  const genai_part *part = NULL;
  switch (in->kind) {
    case GENAI_CONTENTS_KIND_CONTENT:
      if (!in->content) return contents_err(path, "content is NULL");
      *out = in->content;
      return GENAI_OK;
    case GENAI_CONTENTS_KIND_TEXT:
    case GENAI_CONTENTS_KIND_PART: {
      if ((rc = item_part(a, path, in, &part)) != GENAI_OK) return rc;
      const genai_part **parts = genai__arena_alloc(a, sizeof(*parts));
      if (!parts) return oom();
      parts[0] = part;
      return make_content(a, is_user_part(part) ? "user" : "model", parts, 1, out);
    }
    case GENAI_CONTENTS_KIND_LIST: return parts_content(a, path, in, out);
    case GENAI_CONTENTS_KIND_NONE: break;
  }
  return contents_err(path, "kind %d is not a genai_contents_kind", (int)in->kind);
}

/* Flushes the run of grouped parts as one content. */
static genai_result flush_run(genai__arena *a, ptr_list *run, bool user, ptr_list *result) {
  if (!run->count) return GENAI_OK;
  const genai_content *c = NULL;
  genai_result rc = make_content(a, user ? "user" : "model", (const genai_part *const *)run->items, run->count, &c);
  if (rc == GENAI_OK) rc = list_push(a, result, c);
  *run = (ptr_list){0};
  return rc;
}

genai_result genai__t_contents(genai__arena *a, genai__path *path, const genai_contents *in,
                               const genai_content *const **out, size_t *count) {
  genai_result rc = check_size(path, in);
  if (rc != GENAI_OK) return rc;
  if (in->kind != GENAI_CONTENTS_KIND_LIST) {
    const genai_content *one = NULL;
    if ((rc = genai__t_content(a, path, in, &one)) != GENAI_OK) return rc;
    const genai_content **list = genai__arena_alloc(a, sizeof(*list));
    if (!list) return oom();
    list[0] = one;
    *out = list;
    *count = 1;
    return GENAI_OK;
  }
  if (!in->items_count) return contents_err(path, "contents are required.");
  if (!in->items) return contents_err(path, "items is NULL");
  ptr_list result = {0}, run = {0};
  bool run_user = true; /* all([]) is true in Python: an empty run counts as user parts */
  for (size_t i = 0; i < in->items_count && rc == GENAI_OK; i++) {
    size_t mark = genai__path_push_index(path, i);
    const genai_contents *item = in->items[i];
    const genai_content *c = NULL;
    const genai_part *part = NULL;
    rc = check_size(path, item);
    if (rc != GENAI_OK) {
      /* reported below */
    } else if (item->kind == GENAI_CONTENTS_KIND_CONTENT || item->kind == GENAI_CONTENTS_KIND_LIST) {
      rc = flush_run(a, &run, run_user, &result);
      run_user = true;
      if (rc == GENAI_OK) rc = genai__t_content(a, path, item, &c);
      if (rc == GENAI_OK) rc = list_push(a, &result, c);
    } else if (item->kind == GENAI_CONTENTS_KIND_TEXT || item->kind == GENAI_CONTENTS_KIND_PART) {
      rc = item_part(a, path, item, &part);
      if (rc == GENAI_OK && is_user_part(part) != run_user) {
        rc = flush_run(a, &run, run_user, &result);
        run_user = is_user_part(part);
      }
      if (rc == GENAI_OK) rc = list_push(a, &run, part);
    } else {
      rc = contents_err(path, "kind %d is not a genai_contents_kind", (int)item->kind);
    }
    genai__path_pop(path, mark);
  }
  if (rc == GENAI_OK) rc = flush_run(a, &run, run_user, &result);
  if (rc != GENAI_OK) return rc;
  *out = (const genai_content *const *)result.items;
  *count = result.count;
  return GENAI_OK;
}
