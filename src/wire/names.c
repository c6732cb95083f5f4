#include "wire/names.h"

#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"

static bool starts_with(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

static genai_result finish(genai__buf *b, genai_result rc, char **out) {
  if (rc != GENAI_OK) {
    genai__buf_free(b);
    return genai__err(GENAI_ENOMEM, "out of memory");
  }
  *out = genai__buf_take(b);
  return *out ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}

genai_result genai__t_model(bool vertex, const char *model, char **out) {
  *out = NULL;
  if (!model || !*model) return genai__err(GENAI_EINVAL, "model is required.");
  if (strstr(model, "..") || strchr(model, '?') || strchr(model, '&'))
    return genai__err(GENAI_EINVAL, "invalid model parameter.");
  genai__buf b = {0};
  genai_result rc;
  if (vertex) {
    const char *slash = strchr(model, '/');
    if (starts_with(model, "projects/") || starts_with(model, "models/") || starts_with(model, "publishers/"))
      rc = genai__buf_puts(&b, model);
    else if (slash)
      rc = genai__buf_printf(&b, "publishers/%.*s/models/%s", (int)(slash - model), model, slash + 1);
    else
      rc = genai__buf_printf(&b, "publishers/google/models/%s", model);
  } else if (starts_with(model, "models/") || starts_with(model, "tunedModels/")) {
    rc = genai__buf_puts(&b, model);
  } else {
    rc = genai__buf_printf(&b, "models/%s", model);
  }
  return finish(&b, rc, out);
}

static int count_char(const char *s, char c) {
  int n = 0;
  for (; *s; s++) n += *s == c;
  return n;
}

genai_result genai__resource_name(bool vertex, const char *project, const char *location, const char *name,
                                  const char *collection, int depth, char **out) {
  *out = NULL;
  if (!name) return genai__err(GENAI_EINVAL, "name is required.");
  size_t clen = strlen(collection);
  bool has_collection = !strncmp(name, collection, clen) && name[clen] == '/';
  /* "collection/name" has count('/') + 1 segments; prepend only when that fits the depth. */
  bool prepend = !has_collection && count_char(name, '/') + 2 == depth;
  genai__buf b = {0};
  genai_result rc;
  if (vertex) {
    if (starts_with(name, "projects/")) rc = genai__buf_puts(&b, name);
    else if (starts_with(name, "locations/")) rc = genai__buf_printf(&b, "projects/%s/%s", project ? project : "", name);
    else if (has_collection)
      rc = genai__buf_printf(&b, "projects/%s/locations/%s/%s", project ? project : "", location ? location : "", name);
    else if (prepend)
      rc = genai__buf_printf(&b, "projects/%s/locations/%s/%s/%s", project ? project : "", location ? location : "",
                             collection, name);
    else rc = genai__buf_puts(&b, name);
  } else if (prepend) {
    rc = genai__buf_printf(&b, "%s/%s", collection, name);
  } else {
    rc = genai__buf_puts(&b, name);
  }
  return finish(&b, rc, out);
}
