#include "wire/codec.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <genai/functions.h>
#include <genai/helpers.h>
#include <genai/types.h>

#include "api/contents.h"
#include "core/alloc.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/structsize.h"
#include "core/utf8.h"
#include "wire/json_read.h"
#include "wire/json_write.h"
#include "wire/names.h"
#include "wire/path.h"
#include "wire/schema.h"
#include "wire/transform.h"
#include "wire/types_gen.h"

/* The codec stores C enums through `int`; the generated enums hold -1, so
 * their compatible type is int on the ABIs we support. */
_Static_assert(sizeof(genai_finish_reason) == sizeof(int), "enums must be int-sized");

/* A map entry: genai_string_entry and every genai_<type>_entry share it. */
typedef struct map_entry {
  const char *key;
  const void *value;
} map_entry;

static void *at(const void *base, size_t offset) { return (char *)(uintptr_t)base + offset; }

size_t genai__path_push(genai__path *p, const char *fmt, ...) {
  size_t mark = p->len;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(p->text + p->len, sizeof(p->text) - p->len, fmt, ap);
  va_end(ap);
  if (n > 0) p->len += (size_t)n < sizeof(p->text) - p->len ? (size_t)n : sizeof(p->text) - p->len - 1;
  return mark;
}

/* The two common steps without printf: they run for every field decoded. */
static size_t path_append(genai__path *p, const char *s, size_t n) {
  size_t mark = p->len, room = sizeof(p->text) - 1 - p->len;
  if (n > room) n = room;
  memcpy(p->text + p->len, s, n);
  p->len += n;
  p->text[p->len] = '\0';
  return mark;
}

size_t genai__path_push_name(genai__path *p, const char *name) {
  size_t mark = p->len;
  if (p->len) path_append(p, ".", 1);
  path_append(p, name, strlen(name));
  return mark;
}

size_t genai__path_push_index(genai__path *p, size_t i) {
  char digits[24];
  size_t n = sizeof(digits);
  digits[--n] = ']';
  do {
    digits[--n] = (char)('0' + i % 10);
    i /= 10;
  } while (i);
  digits[--n] = '[';
  return path_append(p, digits + n, sizeof(digits) - n);
}

void genai__path_pop(genai__path *p, size_t mark) {
  p->len = mark;
  p->text[mark] = '\0';
}

char *genai__json_dump(const json_t *v) {
  genai__buf b = {0};
  if (genai__json_write(&b, v) != GENAI_OK) {
    genai__buf_free(&b);
    return NULL;
  }
  return genai__buf_take(&b);
}

static genai_result path_err(const genai__path *p, genai_result code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static genai_result path_err(const genai__path *p, genai_result code, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  if (p->len) return genai__err(code, "%s: %s", p->text, msg);
  return genai__err(code, "%s", msg);
}

/* ------------------------------------------------------------------ enums */

const char *genai__enum_to_string(const genai__enum *e, int value) {
  for (size_t i = 0; i < e->count; i++)
    if (e->values[i].value == value) return e->values[i].wire;
  return NULL;
}

int genai__enum_from_string(const genai__enum *e, const char *text) {
  if (!text) return -1;
  for (size_t i = 0; i < e->count; i++)
    if (!strcasecmp(e->values[i].wire, text)) return e->values[i].value;
  return -1;
}

/* ------------------------------------------------------- struct versions */

/* Returns the caller's struct, or a zero-extended copy of it when it was
 * compiled against a different version of the struct (core/structsize.h). */
static genai_result sized(genai__encode_ctx *ctx, const genai__type *t, const void *value, const void **out) {
  if (*(const size_t *)value == t->size) {
    *out = value;
    return GENAI_OK;
  }
  void *copy = ctx->tmp ? genai__arena_alloc(ctx->tmp, t->size) : NULL;
  if (!copy) return genai__err(GENAI_ENOMEM, "out of memory");
  *out = copy;
  return genai__struct_copy(value, t->size, ctx->path.len ? ctx->path.text : t->c_name, t->c_name, copy);
}

/* ---------------------------------------------------------------- encode */

bool genai__field_is_set(const genai__field *f, const void *v) {
  const void *slot = at(v, f->offset);
  if (f->shape != GENAI__S_ONE) return *(const void *const *)slot != NULL;
  switch (f->kind) {
    case GENAI__K_BYTES: return ((const genai_bytes *)slot)->data != NULL;
    case GENAI__K_ENUM: return *(const int *)slot != 0 || *(const char *const *)at(v, f->str_offset) != NULL;
    default: return *(const void *const *)slot != NULL;
  }
}

static genai_result json_oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

static genai_result encode_string(genai__encode_ctx *ctx, const char *s, json_t **out) {
  if (!genai__utf8_valid(s, strlen(s))) return path_err(&ctx->path, GENAI_EINVAL, "is not valid UTF-8");
  *out = json_string(s);
  return *out ? GENAI_OK : json_oom();
}

/* JSON kept as text (function arguments, schemas, unknown members) may hold
 * "\u0000": answers are parsed with JSON_ALLOW_NUL, so what was read must
 * read back. */
static genai_result encode_json_text(genai__encode_ctx *ctx, const char *text, json_t **out) {
  json_error_t jerr;
  bool no_mem;
  *out = genai__json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr, &no_mem);
  if (no_mem) return json_oom();
  if (!*out)
    return path_err(&ctx->path, GENAI_EINVAL, "is not valid JSON: %s (line %d, column %d)", jerr.text, jerr.line,
                    jerr.column);
  return GENAI_OK;
}

static genai_result encode_bytes(const genai_bytes *b, bool std_alphabet, json_t **out) {
  size_t n = genai__base64_encoded_len(b->size);
  char *text = genai__malloc(n + 1);
  if (!text) return json_oom();
  genai__base64_encode(b->data, b->size, !std_alphabet, text);
  *out = json_stringn(text, n);
  genai__free(text);
  return *out ? GENAI_OK : json_oom();
}

static genai_result encode_double(double d, json_t **out) {
  if (isnan(d)) *out = json_string("NaN");
  else if (isinf(d)) *out = json_string(d > 0 ? "Infinity" : "-Infinity");
  else *out = json_real(d);
  return *out ? GENAI_OK : json_oom();
}

static genai_result encode_int64(int64_t v, json_t **out) {
  char text[32];
  snprintf(text, sizeof(text), "%lld", (long long)v);
  *out = json_string(text);
  return *out ? GENAI_OK : json_oom();
}

/* A value one backend does not accept (the Python SDK's _enum_validate). */
static genai_result check_enum_backend(genai__encode_ctx *ctx, const genai__field *f, const char *wire) {
  int flag = ctx->backend == GENAI__BACKEND_MLDEV ? GENAI__F_REJECT_MLDEV
             : ctx->backend == GENAI__BACKEND_VERTEX ? GENAI__F_REJECT_VERTEX
                                                     : 0;
  for (size_t i = 0; flag && wire && i < f->enumd->count; i++) {
    if (strcmp(f->enumd->values[i].wire, wire) || !(f->enumd->values[i].flags & flag)) continue;
    return path_err(&ctx->path, GENAI_EINVAL, "%s enum value is only supported in %s mode, not in %s mode.", wire,
                    flag == GENAI__F_REJECT_MLDEV ? "Gemini Enterprise Agent Platform" : "Gemini Developer API",
                    flag == GENAI__F_REJECT_MLDEV ? "Gemini Developer API" : "Gemini Enterprise Agent Platform");
  }
  return GENAI_OK;
}

static genai_result encode_enum(genai__encode_ctx *ctx, const genai__field *f, int value, const char *str,
                                json_t **out) {
  genai_result rc = check_enum_backend(ctx, f, str ? str : genai__enum_to_string(f->enumd, value));
  if (rc != GENAI_OK) return rc;
  if (str) return encode_string(ctx, str, out);
  const char *wire = genai__enum_to_string(f->enumd, value);
  if (!wire)
    return path_err(&ctx->path, GENAI_EINVAL, "%d is not a value of %s; set the _str member to send other values",
                    value, f->enumd->name);
  *out = json_string(wire);
  return *out ? GENAI_OK : json_oom();
}

genai_result genai__encode_contents_list(genai__encode_ctx *ctx, const genai_contents *c, json_t **out) {
  const genai_content *const *list = NULL;
  size_t n = 0;
  genai_result rc = genai__t_contents(ctx->tmp, &ctx->path, c, &list, &n);
  if (rc != GENAI_OK) return rc;
  json_t *arr = json_array();
  if (!arr) return json_oom();
  for (size_t i = 0; i < n; i++) {
    json_t *item = NULL;
    size_t mark = genai__path_push_index(&ctx->path, i);
    rc = genai__encode_new(ctx, &genai__type_content, list[i], &item);
    genai__path_pop(&ctx->path, mark);
    if (rc != GENAI_OK || json_array_append_new(arr, item) != 0) {
      json_decref(arr);
      return rc != GENAI_OK ? rc : json_oom();
    }
  }
  *out = arr;
  return GENAI_OK;
}

/* t_contents_for_embed: every item of a list is a content of its own (no
 * grouping), since each is embedded separately. */
static genai_result encode_contents_each(genai__encode_ctx *ctx, const genai_contents *c, json_t **out) {
  size_t n = c && c->struct_size >= sizeof(genai_contents) && c->kind == GENAI_CONTENTS_KIND_LIST ? c->items_count : 1;
  if (c && c->kind == GENAI_CONTENTS_KIND_LIST && n == 0)
    return path_err(&ctx->path, GENAI_EINVAL, "contents are required.");
  json_t *arr = json_array();
  if (!arr) return json_oom();
  genai_result rc = GENAI_OK;
  for (size_t i = 0; rc == GENAI_OK && i < n; i++) {
    const genai_contents *item = n == 1 && !(c && c->kind == GENAI_CONTENTS_KIND_LIST) ? c : c->items[i];
    const genai_content *content = NULL;
    json_t *json = NULL;
    size_t mark = genai__path_push_index(&ctx->path, i);
    rc = genai__t_content(ctx->tmp, &ctx->path, item, &content);
    if (rc == GENAI_OK) rc = genai__encode_new(ctx, &genai__type_content, content, &json);
    if (rc == GENAI_OK && json_array_append_new(arr, json) != 0) rc = json_oom();
    genai__path_pop(&ctx->path, mark);
  }
  if (rc != GENAI_OK) {
    json_decref(arr);
    return rc;
  }
  *out = arr;
  return GENAI_OK;
}

static genai_result encode_contents_value(genai__encode_ctx *ctx, const genai__field *f, const genai_contents *c,
                                          json_t **out) {
  if (f->kind == GENAI__K_CONTENTS && f->xf == GENAI__XF_CONTENTS_FOR_EMBED) return encode_contents_each(ctx, c, out);
  if (f->kind == GENAI__K_CONTENTS) return genai__encode_contents_list(ctx, c, out);
  const genai_content *content = NULL;
  genai_result rc = genai__t_content(ctx->tmp, &ctx->path, c, &content);
  if (rc != GENAI_OK) return rc;
  return genai__encode_new(ctx, &genai__type_content, content, out);
}

/* A nested message: its own object, with its "^" fields written into the
 * object that holds it (the Python converters' parent_object). */
static genai_result encode_message(genai__encode_ctx *ctx, const genai__type *t, const void *value, json_t **out) {
  json_t *obj = json_object();
  if (!obj) return json_oom();
  genai_result rc = genai__encode(ctx, t, value, obj, ctx->enclosing);
  if (rc != GENAI_OK) {
    json_decref(obj);
    return rc;
  }
  *out = obj;
  return GENAI_OK;
}

/* Encodes the single value at `slot` (for lists: one element). */
static genai_result encode_one(genai__encode_ctx *ctx, const genai__field *f, const void *slot, const char *str,
                               json_t **out) {
  switch ((genai__kind)f->kind) {
    case GENAI__K_STRING: return encode_string(ctx, *(const char *const *)slot, out);
    case GENAI__K_TIMESTAMP:
      /* The SDK form writes back whatever was decoded; only a request is checked. */
      if (ctx->backend != GENAI__BACKEND_NONE && genai_timestamp_parse(*(const char *const *)slot, NULL, NULL) != GENAI_OK)
        return path_err(&ctx->path, GENAI_EINVAL, "\"%.60s\" is not an RFC 3339 timestamp such as "
                        "\"2025-01-31T12:00:00Z\"", *(const char *const *)slot);
      return encode_string(ctx, *(const char *const *)slot, out);
    case GENAI__K_DURATION:
      if (ctx->backend != GENAI__BACKEND_NONE && genai_duration_parse(*(const char *const *)slot, NULL, NULL) != GENAI_OK)
        return path_err(&ctx->path, GENAI_EINVAL, "\"%.60s\" is not a duration such as \"3600s\"",
                        *(const char *const *)slot);
      return encode_string(ctx, *(const char *const *)slot, out);
    case GENAI__K_JSON: return encode_json_text(ctx, *(const char *const *)slot, out);
    case GENAI__K_BOOL: *out = json_boolean(**(const bool *const *)slot); break;
    case GENAI__K_INT32: *out = json_integer(**(const int32_t *const *)slot); break;
    case GENAI__K_INT64: return encode_int64(**(const int64_t *const *)slot, out);
    case GENAI__K_DOUBLE: return encode_double(**(const double *const *)slot, out);
    case GENAI__K_BYTES: return encode_bytes(slot, f->flags & GENAI__F_B64STD, out);
    case GENAI__K_ENUM: return encode_enum(ctx, f, *(const int *)slot, str, out);
    case GENAI__K_MESSAGE: return encode_message(ctx, f->type, *(const void *const *)slot, out);
    case GENAI__K_CONTENT:
    case GENAI__K_CONTENTS: return encode_contents_value(ctx, f, *(const genai_contents *const *)slot, out);
    case GENAI__K_CALLABLE: return genai__err(GENAI_ERROR, "%s: a function is encoded with its tool", f->name);
  }
  return *out ? GENAI_OK : json_oom();
}

/* Size of one element of a list stored contiguously (scalars), or 0 for
 * lists of pointers (strings, JSON texts, records). */
static size_t inline_elem_size(const genai__field *f) {
  switch ((genai__kind)f->kind) {
    case GENAI__K_BOOL: return sizeof(bool);
    case GENAI__K_INT32: return sizeof(int32_t);
    case GENAI__K_INT64: return sizeof(int64_t);
    case GENAI__K_DOUBLE: return sizeof(double);
    case GENAI__K_BYTES: return sizeof(genai_bytes);
    case GENAI__K_ENUM: return sizeof(int);
    default: return 0;
  }
}

static genai_result encode_list(genai__encode_ctx *ctx, const genai__field *f, const void *v, json_t **out) {
  const void *base = *(const void *const *)at(v, f->offset);
  size_t n = *(const size_t *)at(v, f->count_offset);
  const char *const *strs = f->kind == GENAI__K_ENUM ? *(const char *const *const *)at(v, f->str_offset) : NULL;
  size_t esize = inline_elem_size(f);
  json_t *arr = json_array();
  if (!arr) return json_oom();
  for (size_t i = 0; i < n; i++) {
    size_t mark = genai__path_push_index(&ctx->path, i);
    json_t *item = NULL;
    genai_result rc;
    if (esize == 0) {
      const void *elem = ((const void *const *)base)[i];
      if (!elem) rc = path_err(&ctx->path, GENAI_EINVAL, "is NULL");
      else if (f->kind == GENAI__K_MESSAGE) rc = encode_message(ctx, f->type, elem, &item);
      else rc = encode_one(ctx, f, &elem, NULL, &item);
    } else if (f->kind == GENAI__K_BOOL || f->kind == GENAI__K_INT32 || f->kind == GENAI__K_INT64 ||
               f->kind == GENAI__K_DOUBLE) {
      const void *elem = (const char *)base + i * esize; /* scalars are read through a pointer */
      rc = encode_one(ctx, f, &elem, NULL, &item);
    } else {
      rc = encode_one(ctx, f, (const char *)base + i * esize, strs ? strs[i] : NULL, &item);
    }
    genai__path_pop(&ctx->path, mark);
    if (rc != GENAI_OK || json_array_append_new(arr, item) != 0) {
      json_decref(arr);
      return rc != GENAI_OK ? rc : json_oom();
    }
  }
  *out = arr;
  return GENAI_OK;
}

static genai_result encode_map(genai__encode_ctx *ctx, const genai__field *f, const void *v, json_t **out) {
  const map_entry *entries = *(const map_entry *const *)at(v, f->offset);
  size_t n = *(const size_t *)at(v, f->count_offset);
  json_t *obj = json_object();
  if (!obj) return json_oom();
  for (size_t i = 0; i < n; i++) {
    genai_result rc = GENAI_OK;
    json_t *item = NULL;
    const char *key = entries[i].key;
    size_t mark = genai__path_push_index(&ctx->path, i);
    if (!key || !entries[i].value) rc = path_err(&ctx->path, GENAI_EINVAL, "key and value must not be NULL");
    else if (!genai__utf8_valid(key, strlen(key))) rc = path_err(&ctx->path, GENAI_EINVAL, "key is not valid UTF-8");
    else if (f->kind == GENAI__K_MESSAGE) rc = encode_message(ctx, f->type, entries[i].value, &item);
    else rc = encode_string(ctx, entries[i].value, &item);
    genai__path_pop(&ctx->path, mark);
    if (rc != GENAI_OK || json_object_set_new(obj, key, item) != 0) {
      json_decref(obj);
      return rc != GENAI_OK ? rc : json_oom();
    }
  }
  *out = obj;
  return GENAI_OK;
}

static genai_result reject_field(genai__encode_ctx *ctx, const genai__field *f) {
  if (ctx->backend == GENAI__BACKEND_MLDEV)
    return path_err(&ctx->path, GENAI_EINVAL,
                    "%s parameter is only supported in Gemini Enterprise Agent Platform mode, not in Gemini "
                    "Developer API mode.",
                    f->name);
  return path_err(&ctx->path, GENAI_EINVAL,
                  "%s parameter is only supported in Gemini Developer API mode, not in Gemini Enterprise Agent "
                  "Platform mode.",
                  f->name);
}

/* The alternative of "A:path1|B:path2" for variant v, copied into buf; NULL
 * when none matches (the field is not sent for that variant). */
static const char *pick_variant(const char *paths, const char *v, char *buf, size_t size) {
  size_t vlen = v ? strlen(v) : 0;
  for (const char *p = paths; *p;) {
    size_t n = strcspn(p, "|");
    const char *colon = memchr(p, ':', n);
    if (colon && v && (size_t)(colon - p) == vlen && !strncmp(p, v, vlen)) {
      size_t len = n - vlen - 1;
      if (len >= size) len = size - 1;
      memcpy(buf, colon + 1, len);
      buf[len] = '\0';
      return buf;
    }
    p += n + (p[n] == '|');
  }
  return NULL;
}

/* The object at `path` of obj, created when missing: where a nested message's
 * request-level fields go when the spec names a parent. */
static genai_result child_object(json_t *obj, const char *path, json_t **out) {
  json_t *child = genai__json_get_path(obj, path);
  if (json_is_object(child)) {
    json_decref(child); /* still referenced by obj */
    *out = child;
    return GENAI_OK;
  }
  json_decref(child);
  genai_result rc = genai__json_set_path(obj, path, json_object());
  if (rc != GENAI_OK) return rc;
  child = genai__json_get_path(obj, path);
  json_decref(child);
  *out = child;
  return child ? GENAI_OK : json_oom();
}

/* A tool's C function goes on the wire as the FunctionDeclaration it
 * describes, added to the tool's functionDeclarations (t_tool). */
static genai_result encode_callable(genai__encode_ctx *ctx, const genai__field *f, const genai_function *fn,
                                    json_t *obj) {
  size_t mark = genai__path_push_name(&ctx->path, f->name);
  genai_function copy;
  genai_result rc = genai__struct_copy(fn, sizeof(copy), ctx->path.text, "genai_function", &copy);
  if (rc == GENAI_OK && (!copy.name || !*copy.name)) rc = path_err(&ctx->path, GENAI_EINVAL, "name is required.");
  if (rc == GENAI_OK && !copy.call) rc = path_err(&ctx->path, GENAI_EINVAL, "call is NULL");
  json_t *decl = NULL;
  if (rc == GENAI_OK) {
    genai_function_declaration d = {GENAI_INIT(genai_function_declaration), .name = copy.name,
                                    .description = copy.description,
                                    .parameters_json_schema_json = copy.parameters_json_schema,
                                    .response_json_schema_json = copy.response_json_schema};
    rc = genai__encode_new(ctx, &genai__type_function_declaration, &d, &decl);
  }
  json_t *list = json_object_get(obj, "functionDeclarations");
  if (rc == GENAI_OK && !list && (!(list = json_array()) || json_object_set_new(obj, "functionDeclarations", list)))
    rc = json_oom();
  if (rc == GENAI_OK && json_array_append_new(list, decl) != 0) rc = json_oom();
  else if (rc != GENAI_OK) json_decref(decl);
  genai__path_pop(&ctx->path, mark);
  return rc;
}

static genai_result encode_field(genai__encode_ctx *ctx, const genai__field *f, const void *v, json_t *obj,
                                 json_t *parent) {
  if (!genai__field_is_set(f, v)) {
    if (!(f->flags & GENAI__F_REQUIRED)) return GENAI_OK;
    return genai__err(GENAI_EINVAL, f->kind == GENAI__K_CONTENTS ? "%s are required." : "%s is required.", f->name);
  }
  bool wire = ctx->backend != GENAI__BACKEND_NONE;
  if (f->kind == GENAI__K_CALLABLE)
    return wire ? encode_callable(ctx, f, *(const genai_function *const *)at(v, f->offset), obj) : GENAI_OK;
  if (wire && (f->flags & GENAI__F_SDK)) return GENAI_OK;
  const char *path = wire ? f->enc[GENAI__BK(ctx->backend)] : NULL;
  char chosen[256];
  if (!path) path = f->json;
  if (wire && strchr(path, ':') && !(path = pick_variant(path, ctx->variant, chosen, sizeof(chosen)))) return GENAI_OK;
  if (!*path) return GENAI_OK; /* not sent to this backend */
  size_t mark = genai__path_push_name(&ctx->path, f->name);
  genai_result rc = GENAI_OK;
  if ((ctx->backend == GENAI__BACKEND_MLDEV && (f->flags & GENAI__F_REJECT_MLDEV)) ||
      (ctx->backend == GENAI__BACKEND_VERTEX && (f->flags & GENAI__F_REJECT_VERTEX))) {
    rc = reject_field(ctx, f);
  } else if (wire && (rc = genai__xform_validate(ctx, f, at(v, f->offset))) != GENAI_OK) {
    /* the value as a whole is not acceptable for this backend */
  } else if (wire && !strcmp(path, ".") && f->kind == GENAI__K_MESSAGE && f->shape == GENAI__S_ONE) {
    /* A config whose fields all belong to the request itself. */
    rc = genai__encode(ctx, f->type, *(const void *const *)at(v, f->offset), obj, obj);
  } else {
    json_t *value = NULL;
    json_t *saved = ctx->enclosing;
    if (wire && f->parent && (rc = child_object(obj, f->parent, &ctx->enclosing)) != GENAI_OK) {
      genai__path_pop(&ctx->path, mark);
      return rc;
    }
    if (f->shape == GENAI__S_LIST) rc = encode_list(ctx, f, v, &value);
    else if (f->shape == GENAI__S_MAP) rc = encode_map(ctx, f, v, &value);
    else
      rc = encode_one(ctx, f, at(v, f->offset), f->kind == GENAI__K_ENUM ? *(const char *const *)at(v, f->str_offset) : NULL,
                      &value);
    ctx->enclosing = saved;
    if (rc == GENAI_OK && wire) rc = genai__xform_encode(ctx, f, &value);
    if (rc == GENAI_OK && wire && !strcmp(path, "_self")) {
      /* the value's members join this object (the Python SDK's setv(..., ['_self'], ...)) */
      if (json_is_object(value) && json_object_update(obj, value) != 0) rc = json_oom();
      json_decref(value);
      value = NULL;
      path = "";
    }
    /* Each comma-separated path gets the value. */
    while (rc == GENAI_OK && *path) {
      char one[256];
      size_t n = strcspn(path, ",");
      snprintf(one, sizeof(one), "%.*s", (int)(n < sizeof(one) ? n : sizeof(one) - 1), path);
      path += n + (path[n] == ',');
      json_t *target = obj;
      const char *p = one;
      if (*p == '^') {
        p++;
        if (parent) target = parent;
      }
      rc = genai__json_set_path(target, p, *path ? json_incref(value) : value);
      if (*path == '\0') value = NULL; /* the last path took it */
    }
    json_decref(value);
  }
  genai__path_pop(&ctx->path, mark);
  return rc;
}

/* Writes back the members a decoded value had that this version does not
 * know, unless a known field already produced the same key. */
static genai_result encode_unknown(genai__encode_ctx *ctx, const char *unknown, json_t *obj) {
  json_t *extra = NULL;
  genai_result rc = encode_json_text(ctx, unknown, &extra);
  if (rc != GENAI_OK) return rc;
  if (!json_is_object(extra)) {
    json_decref(extra);
    return path_err(&ctx->path, GENAI_EINVAL, "unknown_json must be a JSON object");
  }
  const char *key;
  json_t *value;
  json_object_foreach(extra, key, value) {
    if (!json_object_get(obj, key) && json_object_set(obj, key, value) != 0) {
      json_decref(extra);
      return json_oom();
    }
  }
  json_decref(extra);
  return GENAI_OK;
}

genai_result genai__encode(genai__encode_ctx *ctx, const genai__type *t, const void *value, json_t *obj,
                           json_t *parent) {
  const void *v = NULL;
  genai_result rc = sized(ctx, t, value, &v);
  json_t *saved = ctx->enclosing;
  ctx->enclosing = obj;
  for (size_t i = 0; rc == GENAI_OK && i < t->nfields; i++) rc = encode_field(ctx, &t->fields[i], v, obj, parent);
  ctx->enclosing = saved;
  if (rc == GENAI_OK && t->xf && ctx->backend != GENAI__BACKEND_NONE) rc = genai__xform_object(ctx, t->xf, obj);
  const char *unknown = *(const char *const *)at(v, t->unknown_offset);
  if (rc == GENAI_OK && unknown) rc = encode_unknown(ctx, unknown, obj);
  return rc;
}

genai_result genai__encode_new(genai__encode_ctx *ctx, const genai__type *t, const void *value, json_t **out) {
  json_t *obj = json_object();
  if (!obj) return json_oom();
  genai_result rc = genai__encode(ctx, t, value, obj, NULL);
  if (rc != GENAI_OK) {
    json_decref(obj);
    return rc;
  }
  *out = obj;
  return GENAI_OK;
}

/* ---------------------------------------------------------------- decode */

/* Bad network data is a decode error; bad caller JSON an invalid argument. */
static genai_result bad_code(const genai__decode_ctx *ctx) { return ctx->bad_input ? ctx->bad_input : GENAI_EDECODE; }

static const char *json_type_name(const json_t *v) {
  switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
  }
  return "a value";
}

static genai_result wrong_type(genai__decode_ctx *ctx, const char *want, const json_t *got) {
  return path_err(&ctx->path, bad_code(ctx), "expected %s, got %s", want, json_type_name(got));
}

static void *arena_new(genai__decode_ctx *ctx, size_t size) { return genai__arena_alloc(ctx->arena, size); }

/* Whether responses of `b` carry the field somewhere else than a plain key
 * (decoded in a second pass, see decode_by_paths). */
static bool decoded_by_path(const genai__field *f, genai__backend b) {
  return b != GENAI__BACKEND_NONE && f->dec[GENAI__BK(b)] && !genai__path_is_key(f->dec[GENAI__BK(b)]);
}

/* The field a member named `key` fills: its JSON name, its Python name, or
 * (answers of a backend only) that backend's wire name. The SDK form takes no
 * wire names: an answer keeps another backend's member in unknown_json, and
 * to_json writes it back, so an alias here would let it overwrite the field
 * on a round trip. */
static const genai__field *find_field_from(const genai__type *t, const char *key, genai__backend b, size_t first) {
  for (size_t i = first; i < t->nfields; i++) {
    const genai__field *f = &t->fields[i];
    if (decoded_by_path(f, b)) continue;
    if (!strcmp(key, f->json) || !strcmp(key, f->name)) return f;
    const char *dec = b != GENAI__BACKEND_NONE ? f->dec[GENAI__BK(b)] : NULL;
    if (dec && genai__path_is_key(dec) && !strcmp(key, dec)) return f;
  }
  return NULL;
}

static const genai__field *find_field_for(const genai__type *t, const char *key, genai__backend b) {
  return find_field_from(t, key, b, 0);
}

static const genai__field *find_field(const genai__type *t, const char *key) {
  return find_field_for(t, key, GENAI__BACKEND_NONE);
}

static bool parse_integer_text(const char *s, long long *out) {
  if (!*s) return false;
  errno = 0;
  char *end = NULL;
  long long v = strtoll(s, &end, 10);
  if (errno || *end) return false;
  *out = v;
  return true;
}

static genai_result decode_integer(genai__decode_ctx *ctx, const json_t *v, long long lo, long long hi,
                                   long long *out) {
  long long n;
  if (json_is_integer(v)) {
    n = json_integer_value(v);
  } else if (json_is_real(v)) {
    double d = json_real_value(v);
    if (d != floor(d) || d < -9.2e18 || d > 9.2e18) return path_err(&ctx->path, bad_code(ctx), "expected an integer");
    n = (long long)d;
  } else if (json_is_string(v)) {
    if (!parse_integer_text(json_string_value(v), &n))
      return path_err(&ctx->path, bad_code(ctx), "expected an integer, got \"%.40s\"", json_string_value(v));
  } else {
    return wrong_type(ctx, "an integer", v);
  }
  if (n < lo || n > hi) return path_err(&ctx->path, bad_code(ctx), "%lld is out of range", n);
  *out = n;
  return GENAI_OK;
}

static genai_result decode_double(genai__decode_ctx *ctx, const json_t *v, double *out) {
  if (json_is_number(v)) {
    *out = json_number_value(v);
    return GENAI_OK;
  }
  if (json_is_string(v)) {
    const char *s = json_string_value(v);
    if (!strcmp(s, "NaN")) *out = NAN;
    else if (!strcmp(s, "Infinity")) *out = INFINITY;
    else if (!strcmp(s, "-Infinity")) *out = -INFINITY;
    else {
      char *end = NULL;
      *out = strtod(s, &end);
      if (!*s || *end) return path_err(&ctx->path, bad_code(ctx), "expected a number, got \"%.40s\"", s);
    }
    return GENAI_OK;
  }
  return wrong_type(ctx, "a number", v);
}

static genai_result decode_bytes(genai__decode_ctx *ctx, const json_t *v, genai_bytes *out) {
  if (!json_is_string(v)) return wrong_type(ctx, "a base64 string", v);
  size_t len = json_string_length(v);
  uint8_t *data = arena_new(ctx, len / 4 * 3 + 4);
  if (!data) return json_oom();
  size_t n = 0;
  if (!genai__base64_decode(json_string_value(v), len, data, &n))
    return path_err(&ctx->path, bad_code(ctx), "is not valid base64");
  out->data = data;
  out->size = n;
  return GENAI_OK;
}

static genai_result decode_json_text(genai__decode_ctx *ctx, const json_t *v, const char **out) {
  char *text = genai__json_dump(v);
  if (!text) return json_oom();
  *out = genai__arena_strdup(ctx->arena, text);
  genai__free(text);
  return *out ? GENAI_OK : json_oom();
}

static genai_result decode_string(genai__decode_ctx *ctx, const json_t *v, const char **out) {
  if (!json_is_string(v)) return wrong_type(ctx, "a string", v);
  *out = genai__arena_strndup(ctx->arena, json_string_value(v), json_string_length(v));
  return *out ? GENAI_OK : json_oom();
}

static genai_result decode_enum(genai__decode_ctx *ctx, const genai__field *f, const json_t *v, int *value,
                                const char **str) {
  if (json_is_integer(v)) { /* proto3 JSON allows the number; keep it as text */
    char text[32];
    snprintf(text, sizeof(text), "%lld", (long long)json_integer_value(v));
    *value = -1;
    *str = genai__arena_strdup(ctx->arena, text);
    return *str ? GENAI_OK : json_oom();
  }
  genai_result rc = decode_string(ctx, v, str);
  if (rc == GENAI_OK) *value = genai__enum_from_string(f->enumd, *str);
  return rc;
}

static genai_result decode_message(genai__decode_ctx *ctx, const genai__type *t, json_t *v, const void **out) {
  if (!json_is_object(v)) return wrong_type(ctx, "an object", v);
  void *m = arena_new(ctx, t->size);
  if (!m) return json_oom();
  genai_result rc = genai__decode(ctx, t, v, m);
  *out = m;
  return rc;
}

/* Decodes one value into `slot` (a struct member, or a list element). */
static genai_result decode_one(genai__decode_ctx *ctx, const genai__field *f, json_t *v, void *slot,
                               const char **str) {
  long long n = 0;
  genai_result rc = GENAI_OK;
  switch ((genai__kind)f->kind) {
    case GENAI__K_STRING:
    case GENAI__K_TIMESTAMP: /* read as sent: a decode never fails on a time format */
    case GENAI__K_DURATION: return decode_string(ctx, v, slot);
    case GENAI__K_JSON: return decode_json_text(ctx, v, slot);
    case GENAI__K_BYTES: return decode_bytes(ctx, v, slot);
    case GENAI__K_ENUM: return decode_enum(ctx, f, v, slot, str);
    case GENAI__K_MESSAGE: return decode_message(ctx, f->type, v, slot);
    case GENAI__K_CONTENT:
    case GENAI__K_CONTENTS: return genai__decode_contents(ctx, v, slot);
    case GENAI__K_CALLABLE: return wrong_type(ctx, "nothing: a C function is set in C, not in JSON", v);
    case GENAI__K_BOOL:
      if (!json_is_boolean(v)) return wrong_type(ctx, "a boolean", v);
      *(bool *)slot = json_is_true(v);
      return GENAI_OK;
    case GENAI__K_INT32:
      rc = decode_integer(ctx, v, INT32_MIN, INT32_MAX, &n);
      if (rc == GENAI_OK) *(int32_t *)slot = (int32_t)n;
      return rc;
    case GENAI__K_INT64:
      rc = decode_integer(ctx, v, INT64_MIN, INT64_MAX, &n);
      if (rc == GENAI_OK) *(int64_t *)slot = (int64_t)n;
      return rc;
    case GENAI__K_DOUBLE: return decode_double(ctx, v, slot);
  }
  return GENAI_OK;
}

static bool is_scalar_pointer_kind(const genai__field *f) {
  return f->kind == GENAI__K_BOOL || f->kind == GENAI__K_INT32 || f->kind == GENAI__K_INT64 ||
         f->kind == GENAI__K_DOUBLE;
}

static genai_result decode_single(genai__decode_ctx *ctx, const genai__field *f, json_t *v, void *out) {
  void *slot = at(out, f->offset);
  if (is_scalar_pointer_kind(f)) { /* optional scalars are pointers into the arena */
    void *cell = arena_new(ctx, inline_elem_size(f));
    if (!cell) return json_oom();
    *(void **)slot = cell;
    return decode_one(ctx, f, v, cell, NULL);
  }
  return decode_one(ctx, f, v, slot, f->kind == GENAI__K_ENUM ? at(out, f->str_offset) : NULL);
}

static genai_result decode_list(genai__decode_ctx *ctx, const genai__field *f, json_t *v, void *out) {
  if (!json_is_array(v)) return wrong_type(ctx, "an array", v);
  size_t n = json_array_size(v);
  size_t esize = inline_elem_size(f);
  char *items = arena_new(ctx, (n ? n : 1) * (esize ? esize : sizeof(void *)));
  const char **strs = NULL;
  if (!items) return json_oom();
  if (f->kind == GENAI__K_ENUM && !(strs = arena_new(ctx, (n ? n : 1) * sizeof(char *)))) return json_oom();
  for (size_t i = 0; i < n; i++) {
    size_t mark = genai__path_push_index(&ctx->path, i);
    json_t *item = json_array_get(v, i);
    genai_result rc = json_is_null(item) ? path_err(&ctx->path, bad_code(ctx), "list items must not be null")
                                         : decode_one(ctx, f, item, items + i * (esize ? esize : sizeof(void *)),
                                                      strs ? &strs[i] : NULL);
    genai__path_pop(&ctx->path, mark);
    if (rc != GENAI_OK) return rc;
  }
  *(void **)at(out, f->offset) = items;
  *(size_t *)at(out, f->count_offset) = n;
  if (strs) *(const char ***)at(out, f->str_offset) = strs;
  return GENAI_OK;
}

static genai_result decode_map(genai__decode_ctx *ctx, const genai__field *f, json_t *v, void *out) {
  if (!json_is_object(v)) return wrong_type(ctx, "an object", v);
  size_t n = json_object_size(v), i = 0;
  map_entry *entries = arena_new(ctx, (n ? n : 1) * sizeof(map_entry));
  if (!entries) return json_oom();
  const char *key;
  json_t *item;
  json_object_foreach(v, key, item) {
    size_t mark = genai__path_push(&ctx->path, "[\"%.60s\"]", key);
    genai_result rc;
    entries[i].key = genai__arena_strdup(ctx->arena, key);
    if (!entries[i].key) rc = json_oom();
    else if (f->kind == GENAI__K_MESSAGE) rc = decode_message(ctx, f->type, item, &entries[i].value);
    else rc = decode_string(ctx, item, (const char **)&entries[i].value);
    genai__path_pop(&ctx->path, mark);
    if (rc != GENAI_OK) return rc;
    i++;
  }
  *(void **)at(out, f->offset) = entries;
  *(size_t *)at(out, f->count_offset) = n;
  return GENAI_OK;
}

/* Decodes the JSON value v into field f of out, through the field's decode
 * transformer when reading the wire. */
static genai_result decode_field(genai__decode_ctx *ctx, const genai__field *f, json_t *v, void *out) {
  json_t *value = json_incref(v);
  genai_result rc = ctx->backend != GENAI__BACKEND_NONE ? genai__xform_decode(ctx->backend, f, &value) : GENAI_OK;
  if (rc == GENAI_OK && !json_is_null(value)) {
    if (f->shape == GENAI__S_LIST) rc = decode_list(ctx, f, value, out);
    else if (f->shape == GENAI__S_MAP) rc = decode_map(ctx, f, value, out);
    else rc = decode_single(ctx, f, value, out);
  }
  json_decref(value);
  return rc;
}

/* The second pass: fields a backend carries under another path ("a.b",
 * "a[].b") or in the enclosing object itself ("_self"). The first key of
 * such a path is not an unknown member. */
static genai_result decode_by_paths(genai__decode_ctx *ctx, const genai__type *t, json_t *obj, void *out,
                                    json_t *unknown) {
  for (size_t i = 0; i < t->nfields; i++) {
    const genai__field *f = &t->fields[i];
    if (!decoded_by_path(f, ctx->backend)) continue;
    const char *path = f->dec[GENAI__BK(ctx->backend)];
    char first[128];
    size_t n = strcspn(path, ".[");
    snprintf(first, sizeof(first), "%.*s", (int)(n < sizeof(first) ? n : sizeof(first) - 1), path);
    if (unknown) json_object_del(unknown, first);
    json_t *v = genai__json_get_path(obj, path);
    if (!v) continue;
    size_t mark = genai__path_push_name(&ctx->path, f->name);
    genai_result rc = decode_field(ctx, f, v, out);
    genai__path_pop(&ctx->path, mark);
    json_decref(v);
    if (rc != GENAI_OK) return rc;
  }
  return GENAI_OK;
}

genai_result genai__decode(genai__decode_ctx *ctx, const genai__type *t, json_t *obj, void *out) {
  *(size_t *)out = t->size;
  json_t *unknown = NULL;
  genai_result rc = GENAI_OK;
  const char *key;
  json_t *v;
  json_object_foreach(obj, key, v) {
    const genai__field *f = find_field_for(t, key, ctx->backend);
    if (!f) {
      if (!unknown && !(unknown = json_object())) return json_oom();
      if (json_object_set(unknown, key, v) != 0) rc = json_oom();
    } else if (!json_is_null(v)) {
      /* one member may fill several fields (TunedModel's model and
       * endpoint are both the Gemini API's name) */
      for (; f && rc == GENAI_OK; f = find_field_from(t, key, ctx->backend, (size_t)(f - t->fields) + 1)) {
        size_t mark = genai__path_push_name(&ctx->path, key);
        rc = decode_field(ctx, f, v, out);
        genai__path_pop(&ctx->path, mark);
      }
    }
    if (rc != GENAI_OK) break;
  }
  if (rc == GENAI_OK) rc = decode_by_paths(ctx, t, obj, out, unknown);
  if (rc == GENAI_OK && json_object_size(unknown))
    rc = decode_json_text(ctx, unknown, (const char **)at(out, t->unknown_offset));
  json_decref(unknown);
  return rc;
}

/* ----------------------------------------------------- contents from JSON */

static genai_result contents_new(genai__decode_ctx *ctx, genai_contents_kind kind, genai_contents **out) {
  genai_contents *c = arena_new(ctx, sizeof(*c));
  if (!c) return json_oom();
  c->struct_size = sizeof(*c);
  c->kind = kind;
  *out = c;
  return GENAI_OK;
}

/* How t_content reads a dict: a Content when it has Content's keys (or is
 * empty), a Part when it has a Part key, a file_data Part when all its keys
 * are FileData's; anything else is not contents. */
typedef enum dict_kind { DICT_CONTENT, DICT_PART, DICT_FILE_DATA, DICT_NONE } dict_kind;

static dict_kind classify_dict(json_t *obj, const char **unknown_key) {
  if (json_object_size(obj) == 0 || json_object_get(obj, "parts") || json_object_get(obj, "role")) return DICT_CONTENT;
  const char *key;
  json_t *v;
  bool all_file_data = true;
  json_object_foreach(obj, key, v) {
    (void)v;
    if (find_field(&genai__type_part, key)) return DICT_PART;
    if (!find_field(&genai__type_file_data, key)) {
      all_file_data = false;
      *unknown_key = key;
    }
  }
  return all_file_data ? DICT_FILE_DATA : DICT_NONE;
}

static genai_result decode_file_data_part(genai__decode_ctx *ctx, json_t *obj, const genai_part **out) {
  genai_part *p = arena_new(ctx, sizeof(*p));
  if (!p) return json_oom();
  p->struct_size = sizeof(*p);
  *out = p;
  return decode_message(ctx, &genai__type_file_data, obj, (const void **)&p->file_data);
}

genai_result genai__decode_contents(genai__decode_ctx *ctx, json_t *v, void **out) {
  genai_contents *c = NULL;
  genai_result rc;
  if (json_is_string(v)) {
    if ((rc = contents_new(ctx, GENAI_CONTENTS_KIND_TEXT, &c)) != GENAI_OK) return rc;
    rc = decode_string(ctx, v, &c->text);
  } else if (json_is_object(v)) {
    const char *unknown = NULL;
    dict_kind kind = classify_dict(v, &unknown);
    if (kind == DICT_NONE)
      return path_err(&ctx->path, bad_code(ctx), "is neither a Content nor a Part (unknown field \"%.60s\")", unknown);
    if ((rc = contents_new(ctx, kind == DICT_CONTENT ? GENAI_CONTENTS_KIND_CONTENT : GENAI_CONTENTS_KIND_PART, &c)) !=
        GENAI_OK)
      return rc;
    if (kind == DICT_CONTENT) rc = decode_message(ctx, &genai__type_content, v, (const void **)&c->content);
    else if (kind == DICT_PART) rc = decode_message(ctx, &genai__type_part, v, (const void **)&c->part);
    else rc = decode_file_data_part(ctx, v, &c->part);
  } else if (json_is_array(v)) {
    if ((rc = contents_new(ctx, GENAI_CONTENTS_KIND_LIST, &c)) != GENAI_OK) return rc;
    size_t n = json_array_size(v);
    const genai_contents **items = arena_new(ctx, (n ? n : 1) * sizeof(*items));
    if (!items) return json_oom();
    for (size_t i = 0; i < n && rc == GENAI_OK; i++) {
      size_t mark = genai__path_push_index(&ctx->path, i);
      rc = genai__decode_contents(ctx, json_array_get(v, i), (void **)&items[i]);
      genai__path_pop(&ctx->path, mark);
    }
    c->items = items;
    c->items_count = n;
  } else {
    return wrong_type(ctx, "a string, an object or an array", v);
  }
  *out = c;
  return rc;
}

/* ------------------------------------------------------------ owned values */

static genai_result parse_error(genai_result code, const char *what, const json_error_t *jerr) {
  return genai__err(code, "%s is not valid JSON: %s (line %d, column %d)", what, jerr->text, jerr->line, jerr->column);
}

/* Decodes the JSON object `root` into a new owned value of type `t`; `bad`
 * is the code for malformed input. Keeps a copy of `raw` when given. */
genai_result genai__decode_root_owned(const genai__type *t, genai__backend backend, json_t *root, genai_result bad,
                                      const char *raw, size_t raw_len, void **out) {
  if (!json_is_object(root))
    return genai__err(bad, "%s is %s; a %s is a JSON object", bad == GENAI_EDECODE ? "the response" : "json",
                      json_type_name(root), t->c_name);
  void *value = genai__owned_new(t->size);
  if (!value) return json_oom();
  genai__owned *h = genai__owned_of(value);
  genai__decode_ctx ctx = {.backend = backend, .arena = &h->arena, .bad_input = bad};
  genai_result rc = genai__decode(&ctx, t, root, value);
  if (rc == GENAI_OK && raw) {
    h->raw = genai__arena_strndup(&h->arena, raw, raw_len);
    h->raw_len = raw_len;
    if (!h->raw) rc = json_oom();
  }
  if (rc != GENAI_OK) {
    genai__owned_free(value);
    return rc;
  }
  *out = value;
  return GENAI_OK;
}

genai_result genai__decode_owned(const genai__type *t, genai__backend backend, const char *body, size_t len,
                                 void **out) {
  *out = NULL;
  json_error_t jerr;
  bool no_mem;
  json_t *root = genai__json_loadb(body, len, JSON_ALLOW_NUL, &jerr, &no_mem);
  if (no_mem) return json_oom();
  if (!root) return parse_error(GENAI_EDECODE, "the response", &jerr);
  genai_result rc = genai__decode_root_owned(t, backend, root, GENAI_EDECODE, body, len, out);
  json_decref(root);
  return rc;
}

genai_result genai__value_from_json(const genai__type *t, const char *json, void **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!json) return genai__err(GENAI_EINVAL, "json is NULL");
  json_error_t jerr;
  bool no_mem;
  json_t *root = genai__json_loads(json, JSON_ALLOW_NUL, &jerr, &no_mem);
  if (no_mem) return json_oom();
  if (!root) return parse_error(GENAI_EINVAL, "json", &jerr);
  genai_result rc = genai__decode_root_owned(t, GENAI__BACKEND_NONE, root, GENAI_EINVAL, NULL, 0, out);
  json_decref(root);
  return rc;
}

genai_result genai__value_to_json(const genai__type *t, const void *value, char **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!value) return genai__err(GENAI_EINVAL, "value is NULL");
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = GENAI__BACKEND_NONE, .tmp = &tmp};
  json_t *obj = NULL;
  genai_result rc = genai__encode_new(&ctx, t, value, &obj);
  genai__arena_release(&tmp);
  if (rc != GENAI_OK) return rc;
  *out = genai__json_dump(obj);
  json_decref(obj);
  return *out ? GENAI_OK : json_oom();
}

void genai__value_free(void *value) {
  if (value) genai__owned_free(value);
}
