#include "schema.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_util.h"

/* $ref chains and anyOf nesting longer than this are treated as dangling:
 * a schema that refers to itself must not hang the emulator. */
#define MAX_RESOLVE_STEPS 32

/* Arrays never get more items than this, whatever minItems asks. */
#define MAX_ARRAY_ITEMS 1000

/* Values in one answer; once they are used up, arrays and objects are
 * written empty. Nested minItems and recursive schemas would otherwise grow
 * the answer exponentially. */
#define MAX_VALUES 10000

/* The schema being answered and what is left of the value budget. */
typedef struct gen_ctx {
  const json_t *root;
  long budget;
} gen_ctx;

/* Walks a JSON pointer fragment ("#/$defs/A~1B") from root. */
static const json_t *follow_pointer(const json_t *root, const char *ref) {
  if (ref[0] != '#') return NULL; /* only references within the same schema */
  const json_t *at = root;
  const char *p = ref + 1;
  while (*p == '/' && at) {
    p++;
    const char *end = strchr(p, '/');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    char token[256];
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < sizeof token; i++) {
      if (p[i] == '~' && i + 1 < len && (p[i + 1] == '0' || p[i + 1] == '1')) {
        token[n++] = p[i + 1] == '0' ? '~' : '/';
        i++;
      } else {
        token[n++] = p[i];
      }
    }
    token[n] = '\0';
    at = json_is_object(at) ? json_object_get(at, token) : NULL;
    p += len;
  }
  return *p ? NULL : at;
}

/* The first element of a non-empty array member, or NULL. */
static const json_t *first_option(const json_t *schema, const char *camel) {
  const json_t *list = emu_json_present(schema, camel);
  return json_is_array(list) && json_array_size(list) ? json_array_get(list, 0) : NULL;
}

const json_t *emu_schema_resolve(const json_t *root, const json_t *schema) {
  for (int step = 0; step < MAX_RESOLVE_STEPS; step++) {
    if (!json_is_object(schema)) return schema;
    const json_t *ref = json_object_get(schema, "$ref");
    const json_t *option = first_option(schema, "anyOf");
    if (!option) option = first_option(schema, "oneOf");
    if (json_is_string(ref))
      schema = follow_pointer(root, json_string_value(ref));
    else if (option)
      schema = option;
    else
      return schema;
  }
  return NULL;
}

static emu_schema_type type_named(const char *name) {
  static const struct {
    const char *name;
    emu_schema_type type;
  } names[] = {{"string", EMU_SCHEMA_STRING}, {"integer", EMU_SCHEMA_INTEGER},
               {"number", EMU_SCHEMA_NUMBER}, {"boolean", EMU_SCHEMA_BOOLEAN},
               {"array", EMU_SCHEMA_ARRAY},   {"object", EMU_SCHEMA_OBJECT},
               {"null", EMU_SCHEMA_NULL}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcasecmp(name, names[i].name) == 0) return names[i].type;
  return EMU_SCHEMA_UNSPECIFIED;
}

/* The type a JSON value has, for schemas that only give enum or const. */
static emu_schema_type type_of_value(const json_t *v) {
  return json_is_string(v)    ? EMU_SCHEMA_STRING
         : json_is_integer(v) ? EMU_SCHEMA_INTEGER
         : json_is_real(v)    ? EMU_SCHEMA_NUMBER
         : json_is_boolean(v) ? EMU_SCHEMA_BOOLEAN
         : json_is_array(v)   ? EMU_SCHEMA_ARRAY
         : json_is_object(v)  ? EMU_SCHEMA_OBJECT
                              : EMU_SCHEMA_UNSPECIFIED;
}

emu_schema_type emu_schema_type_of(const json_t *schema) {
  const json_t *type = emu_json_present(schema, "type");
  if (json_is_string(type)) return type_named(json_string_value(type));
  /* JSON Schema type lists: the first type that is not "null", since the
   * emulator never answers null (nullable is ignored too). */
  emu_schema_type only_null = EMU_SCHEMA_UNSPECIFIED;
  for (size_t i = 0; json_is_array(type) && i < json_array_size(type); i++) {
    const char *name = json_string_value(json_array_get(type, i));
    emu_schema_type t = name ? type_named(name) : EMU_SCHEMA_UNSPECIFIED;
    if (t == EMU_SCHEMA_NULL)
      only_null = t;
    else if (t != EMU_SCHEMA_UNSPECIFIED)
      return t;
  }
  if (only_null) return only_null;
  if (emu_json_present(schema, "properties")) return EMU_SCHEMA_OBJECT;
  if (emu_json_present(schema, "items")) return EMU_SCHEMA_ARRAY;
  const json_t *value = emu_json_present(schema, "const");
  if (!value) value = first_option(schema, "enum");
  return value ? type_of_value(value) : EMU_SCHEMA_UNSPECIFIED;
}

const json_t *emu_schema_string_enum(const json_t *root, const json_t *schema) {
  schema = emu_schema_resolve(root, schema);
  const json_t *values = emu_json_present(schema, "enum");
  if (emu_schema_type_of(schema) != EMU_SCHEMA_STRING || !json_is_array(values) ||
      json_array_size(values) == 0)
    return NULL;
  for (size_t i = 0; i < json_array_size(values); i++)
    if (!json_is_string(json_array_get(values, i))) return NULL;
  return values;
}

/* Characters (UTF-8 code points) of a property name; 1 for no name. */
static long long name_chars(const char *name) {
  if (!name) return 1;
  long long n = 0;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++)
    if ((*p & 0xC0) != 0x80) n++;
  return n;
}

static int bound(const json_t *schema, const char *camel, double *out) {
  return emu_json_number(emu_json_present(schema, camel), out) == 0;
}

static json_t *integer_value(const json_t *schema, const char *name) {
  double v = (double)name_chars(name), lo, hi;
  if (bound(schema, "minimum", &lo) && v < lo) v = ceil(lo);
  if (bound(schema, "maximum", &hi) && v > hi) v = floor(hi);
  /* Bounds beyond int64 (1e300) are met as far as a JSON integer can. */
  if (v > 9.2e18) v = 9.2e18;
  if (v < -9.2e18) v = -9.2e18;
  return json_integer((json_int_t)v);
}

static json_t *number_value(const json_t *schema, const char *name) {
  double v = (double)name_chars(name) + 0.5, lo, hi;
  if (bound(schema, "minimum", &lo) && v < lo) v = lo;
  if (bound(schema, "maximum", &hi) && v > hi) v = hi;
  return json_real(v);
}

static json_t *string_value(const char *name) {
  if (!name) return json_string("text");
  json_t *s = json_string(name);
  if (!s) return NULL;
  /* "official_language" -> "official language" (same length, so in place
   * on a copy of the text). */
  char *text = strdup(name);
  if (!text) {
    json_decref(s);
    return NULL;
  }
  for (char *p = text; *p; p++)
    if (*p == '_') *p = ' ';
  int rc = json_string_set(s, text);
  free(text);
  if (rc != 0) {
    json_decref(s);
    return NULL;
  }
  return s;
}

static json_t *value_at(gen_ctx *ctx, const json_t *schema, const char *name, int depth);

static json_t *array_value(gen_ctx *ctx, const json_t *schema, int depth) {
  long long n = 1, limit;
  if (emu_json_int(emu_json_present(schema, "minItems"), &n) != 0 || n < 1) n = 1;
  if (emu_json_int(emu_json_present(schema, "maxItems"), &limit) == 0 && limit >= 0 && n > limit)
    n = limit;
  if (n > MAX_ARRAY_ITEMS) n = MAX_ARRAY_ITEMS;
  json_t *items = emu_json_present(schema, "items");
  if (json_is_array(items)) items = json_array_get(items, 0); /* old tuple form */
  json_t *list = json_array();
  for (long long i = 0; list && depth < EMU_SCHEMA_MAX_DEPTH && ctx->budget > 0 && i < n; i++)
    if (json_array_append_new(list, value_at(ctx, items, NULL, depth + 1)) != 0) {
      json_decref(list);
      list = NULL;
    }
  return list;
}

/* Sets obj[name] from the property schema unless already set. */
static int add_property(gen_ctx *ctx, json_t *obj, const json_t *properties, const char *name,
                        int depth) {
  const json_t *schema = json_object_get(properties, name);
  if (!schema || json_object_get(obj, name)) return 0;
  return json_object_set_new(obj, name, value_at(ctx, schema, name, depth + 1));
}

static json_t *object_value(gen_ctx *ctx, const json_t *schema, int depth) {
  json_t *obj = json_object();
  const json_t *properties = emu_json_present(schema, "properties");
  if (!obj || !json_is_object(properties) || depth >= EMU_SCHEMA_MAX_DEPTH || ctx->budget <= 0)
    return obj;
  /* propertyOrdering first, then whatever it left out, in schema order, so
   * that every property is present. */
  const json_t *ordering = emu_json_present(schema, "propertyOrdering");
  int ok = 1;
  for (size_t i = 0; ok && json_is_array(ordering) && i < json_array_size(ordering); i++) {
    const char *name = json_string_value(json_array_get(ordering, i));
    ok = !name || add_property(ctx, obj, properties, name, depth) == 0;
  }
  const char *name;
  json_t *ignored;
  json_object_foreach((json_t *)properties, name, ignored) {
    if (ok) ok = add_property(ctx, obj, properties, name, depth) == 0;
  }
  if (!ok) {
    json_decref(obj);
    return NULL;
  }
  return obj;
}

static json_t *value_at(gen_ctx *ctx, const json_t *schema, const char *name, int depth) {
  ctx->budget--;
  schema = emu_schema_resolve(ctx->root, schema);
  const json_t *fixed = emu_json_present(schema, "const");
  if (fixed) return json_deep_copy(fixed);
  emu_schema_type type = emu_schema_type_of(schema);
  const json_t *first = first_option(schema, "enum");
  /* An enum value is taken when it fits the type (JSON Schema allows
   * numeric enums; OpenAPI enums are strings). */
  if (first && (type == EMU_SCHEMA_UNSPECIFIED || type_of_value(first) == type ||
                (type == EMU_SCHEMA_NUMBER && json_is_integer(first))))
    return json_deep_copy(first);
  switch (type) {
    case EMU_SCHEMA_INTEGER:
      return integer_value(schema, name);
    case EMU_SCHEMA_NUMBER:
      return number_value(schema, name);
    case EMU_SCHEMA_BOOLEAN:
      return json_true();
    case EMU_SCHEMA_NULL:
      return json_null();
    case EMU_SCHEMA_ARRAY:
      return array_value(ctx, schema, depth);
    case EMU_SCHEMA_OBJECT:
      return object_value(ctx, schema, depth);
    default:
      return string_value(name);
  }
}

json_t *emu_schema_value(const json_t *root, const json_t *schema, const char *name) {
  gen_ctx ctx = {root, MAX_VALUES};
  return value_at(&ctx, schema, name, 0);
}
