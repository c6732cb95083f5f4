#include "wire/path.h"

#include <string.h>

#include "core/error.h"

#define KEY_MAX 128

typedef enum seg_kind { SEG_KEY, SEG_EACH, SEG_FIRST } seg_kind;

/* Reads the first segment of `path` into key; returns the rest (NULL at the end). */
static const char *next_segment(const char *path, char key[KEY_MAX], seg_kind *kind) {
  size_t n = strcspn(path, ".");
  if (n >= KEY_MAX) n = KEY_MAX - 1;
  memcpy(key, path, n);
  key[n] = '\0';
  *kind = SEG_KEY;
  if (n > 2 && !strcmp(key + n - 2, "[]")) {
    key[n - 2] = '\0';
    *kind = SEG_EACH;
  } else if (n > 3 && !strcmp(key + n - 3, "[0]")) {
    key[n - 3] = '\0';
    *kind = SEG_FIRST;
  }
  return path[strcspn(path, ".")] ? path + strcspn(path, ".") + 1 : NULL;
}

int genai__path_is_key(const char *path) { return path && !strpbrk(path, ".[^") && strcmp(path, "_self"); }

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

static genai_result set_final(json_t *obj, const char *key, json_t *value) {
  json_t *existing = json_object_get(obj, key);
  if (json_is_object(existing) && json_is_object(value)) {
    int fail = json_object_update(existing, value);
    json_decref(value);
    return fail ? oom() : GENAI_OK;
  }
  return json_object_set_new(obj, key, value) ? oom() : GENAI_OK;
}

static genai_result set_each(json_t *obj, const char *key, const char *rest, json_t *value) {
  json_t *arr = json_object_get(obj, key);
  if (!json_is_array(arr)) {
    if (!json_is_array(value)) {
      json_decref(value);
      return genai__err(GENAI_ERROR, "cannot spread a single value over the missing array %s", key);
    }
    arr = json_array();
    for (size_t i = 0; arr && i < json_array_size(value); i++)
      if (json_array_append_new(arr, json_object()) != 0) {
        json_decref(arr);
        arr = NULL;
      }
    if (!arr || json_object_set_new(obj, key, arr) != 0) {
      json_decref(value);
      return oom();
    }
  }
  genai_result rc = GENAI_OK;
  size_t i;
  json_t *elem;
  json_array_foreach(arr, i, elem) {
    if (rc != GENAI_OK) break;
    json_t *item = json_is_array(value) ? json_incref(json_array_get(value, i)) : json_deep_copy(value);
    if (!item) {
      if (json_is_array(value)) break; /* fewer values than elements */
      rc = oom();
      break;
    }
    rc = rest ? genai__json_set_path(elem, rest, item) : (json_decref(item), GENAI_ERROR);
  }
  json_decref(value);
  return rc;
}

genai_result genai__json_set_path(json_t *obj, const char *path, json_t *value) {
  char key[KEY_MAX];
  seg_kind kind;
  const char *rest = next_segment(path, key, &kind);
  if (!json_is_object(obj)) {
    json_decref(value);
    return genai__err(GENAI_ERROR, "cannot set %s inside a value that is not an object", path);
  }
  if (kind == SEG_EACH) return set_each(obj, key, rest, value);
  if (!rest) return set_final(obj, key, value);
  json_t *child = json_object_get(obj, key);
  if (kind == SEG_FIRST) {
    if (!json_is_array(child) || json_array_size(child) == 0) {
      child = json_array();
      if (!child || json_array_append_new(child, json_object()) != 0 || json_object_set_new(obj, key, child) != 0) {
        json_decref(value);
        return oom();
      }
    }
    return genai__json_set_path(json_array_get(child, 0), rest, value);
  }
  if (!json_is_object(child)) {
    child = json_object();
    if (!child || json_object_set_new(obj, key, child) != 0) {
      json_decref(value);
      return oom();
    }
  }
  return genai__json_set_path(child, rest, value);
}

json_t *genai__json_get_path(json_t *obj, const char *path) {
  if (!strcmp(path, "_self")) return json_incref(obj);
  char key[KEY_MAX];
  seg_kind kind;
  const char *rest = next_segment(path, key, &kind);
  json_t *child = json_is_object(obj) ? json_object_get(obj, key) : NULL;
  if (!child || json_is_null(child)) return NULL;
  if (kind == SEG_EACH) {
    if (!json_is_array(child)) return NULL;
    json_t *out = json_array();
    size_t i;
    json_t *elem;
    json_array_foreach(child, i, elem) {
      json_t *v = rest ? genai__json_get_path(elem, rest) : json_incref(elem);
      if (json_array_append_new(out, v ? v : json_null()) != 0) {
        json_decref(out);
        return NULL;
      }
    }
    return out;
  }
  if (kind == SEG_FIRST) {
    if (!json_is_array(child) || json_array_size(child) == 0) return NULL;
    child = json_array_get(child, 0);
  }
  return rest ? genai__json_get_path(child, rest) : json_incref(child);
}
