#include "api_path.h"

#include <string.h>

#define MAX_SEGMENTS 16

typedef struct segment {
  const char *start;
  size_t len;
} segment;

/* Splits "/a/b/c" into segments; fails on "//", a trailing "/" or too many. */
static int split(const char *path, segment *seg, int *count) {
  if (path[0] != '/') return -1;
  int n = 0;
  const char *p = path + 1;
  for (;;) {
    const char *slash = strchr(p, '/');
    size_t len = slash ? (size_t)(slash - p) : strlen(p);
    if (len == 0 || n == MAX_SEGMENTS) return -1;
    seg[n].start = p;
    seg[n].len = len;
    n++;
    if (!slash) break;
    p = slash + 1;
  }
  *count = n;
  return 0;
}

static int seg_is(const segment *s, const char *word) {
  return s->len == strlen(word) && memcmp(s->start, word, s->len) == 0;
}

static int seg_copy(const segment *s, char *out, size_t size) {
  if (s->len == 0 || s->len >= size) return -1;
  memcpy(out, s->start, s->len);
  out[s->len] = '\0';
  return 0;
}

static int version_of(const segment *s, const char *const *allowed, char *out, size_t size) {
  for (; *allowed; allowed++)
    if (seg_is(s, *allowed)) return seg_copy(s, out, size);
  return -1;
}

/* Splits the last segment "model:rpc" at its last ':'. */
static int model_and_rpc(const segment *s, emu_api_path *out) {
  const char *colon = NULL;
  for (size_t k = s->len; k > 0 && !colon; k--)
    if (s->start[k - 1] == ':') colon = s->start + k - 1;
  segment model = {s->start, colon ? (size_t)(colon - s->start) : s->len};
  if (seg_copy(&model, out->model, sizeof out->model) != 0) return -1;
  if (!colon) {
    out->rpc[0] = '\0';
    return 0;
  }
  segment rpc = {colon + 1, s->len - model.len - 1};
  return seg_copy(&rpc, out->rpc, sizeof out->rpc);
}

static int parse_mldev(const segment *seg, int n, emu_api_path *out) {
  static const char *const versions[] = {"v1", "v1beta", "v1alpha", NULL};
  if (n != 3 || version_of(&seg[0], versions, out->version, sizeof out->version) != 0) return -1;
  if (!seg_is(&seg[1], "models") && !seg_is(&seg[1], "tunedModels")) return -1;
  if (seg_copy(&seg[1], out->collection, sizeof out->collection) != 0 ||
      model_and_rpc(&seg[2], out) != 0)
    return -1;
  out->backend = EMU_BACKEND_MLDEV;
  return 0;
}

static int parse_vertex(const segment *seg, int n, emu_api_path *out) {
  static const char *const versions[] = {"v1", "v1beta1", "v1beta", NULL};
  if (n < 1 || version_of(&seg[0], versions, out->version, sizeof out->version) != 0) return -1;
  int i = 1;
  if (n == 9 && seg_is(&seg[1], "projects") && seg_is(&seg[3], "locations")) {
    if (seg_copy(&seg[2], out->project, sizeof out->project) != 0 ||
        seg_copy(&seg[4], out->location, sizeof out->location) != 0)
      return -1;
    i = 5;
  } else if (n == 5) {
    out->express = 1;
  } else {
    return -1;
  }
  if (!seg_is(&seg[i], "publishers") || !seg_is(&seg[i + 2], "models")) return -1;
  if (seg_copy(&seg[i + 1], out->publisher, sizeof out->publisher) != 0 ||
      seg_copy(&seg[i + 2], out->collection, sizeof out->collection) != 0 ||
      model_and_rpc(&seg[i + 3], out) != 0)
    return -1;
  out->backend = EMU_BACKEND_VERTEX;
  return 0;
}

/* Any other API path: a resource name and an optional rpc. */
static int parse_resource(const segment *seg, int n, emu_api_path *out) {
  static const char *const versions[] = {"v1", "v1beta", "v1alpha", "v1beta1", NULL};
  if (n < 2 || version_of(&seg[0], versions, out->version, sizeof out->version) != 0) return -1;
  if (n >= 6 && seg_is(&seg[1], "projects") && seg_is(&seg[3], "locations")) {
    if (seg_copy(&seg[2], out->project, sizeof out->project) != 0 ||
        seg_copy(&seg[4], out->location, sizeof out->location) != 0)
      return -1;
    out->backend = EMU_BACKEND_VERTEX;
  } else {
    out->backend = strcmp(out->version, "v1beta1") == 0 ? EMU_BACKEND_VERTEX : EMU_BACKEND_MLDEV;
    out->express = out->backend == EMU_BACKEND_VERTEX;
  }
  return 0;
}

/* resource[], local and rpc from the segments after the version. */
static int fill_resource(const segment *seg, int n, emu_api_path *out) {
  size_t len = 0;
  const segment *last = &seg[n - 1];
  const char *colon = memchr(last->start, ':', last->len);
  for (int i = 1; i < n; i++) {
    size_t k = i == n - 1 && colon ? (size_t)(colon - last->start) : seg[i].len;
    if (k == 0 || len + k + 2 > sizeof out->resource) return -1;
    if (i > 1) out->resource[len++] = '/';
    memcpy(out->resource + len, seg[i].start, k);
    len += k;
  }
  out->resource[len] = '\0';
  if (colon && !out->rpc[0]) {
    segment rpc = {colon + 1, last->len - (size_t)(colon - last->start) - 1};
    if (seg_copy(&rpc, out->rpc, sizeof out->rpc) != 0) return -1;
  }
  out->local_at = 0;
  if (out->backend == EMU_BACKEND_VERTEX && !out->express && strncmp(out->resource, "projects/", 9) == 0) {
    const char *p = out->resource;
    for (int slashes = 0; *p && slashes < 4; p++) slashes += *p == '/';
    out->local_at = (unsigned)(p - out->resource);
  }
  return 0;
}

int emu_api_path_parse(const char *path, emu_api_path *out) {
  segment seg[MAX_SEGMENTS];
  int n;
  memset(out, 0, sizeof *out);
  int upload = strncmp(path, "/upload/", 8) == 0;
  if (split(upload ? path + 7 : path, seg, &n) != 0) return -1;
  int ok = !upload && parse_mldev(seg, n, out) == 0;
  if (!ok && !upload) {
    memset(out, 0, sizeof *out);
    ok = parse_vertex(seg, n, out) == 0;
  }
  if (ok) {
    out->is_model_method = 1;
  } else {
    memset(out, 0, sizeof *out);
    ok = parse_resource(seg, n, out) == 0;
  }
  out->upload = upload;
  if (!ok || fill_resource(seg, n, out) != 0) {
    memset(out, 0, sizeof *out);
    return -1;
  }
  return 0;
}

const char *emu_backend_name(emu_backend b) {
  switch (b) {
    case EMU_BACKEND_MLDEV:
      return "mldev";
    case EMU_BACKEND_VERTEX:
      return "vertex";
    default:
      return NULL;
  }
}
