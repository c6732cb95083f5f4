#include "wire/schema.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"

static genai_result reject_additional(const genai__path *path) {
  const char *msg =
      "additionalProperties is only supported in Gemini Enterprise Agent Platform mode, not in Gemini Developer "
      "API mode; use response_json_schema instead.";
  if (path->len) return genai__err(GENAI_EINVAL, "%s: %s", path->text, msg);
  return genai__err(GENAI_EINVAL, "%s", msg);
}

static genai_result upper_type(json_t *schema) {
  json_t *type = json_object_get(schema, "type");
  if (!json_is_string(type)) return GENAI_OK;
  char *up = genai__strdup(json_string_value(type));
  if (!up) return genai__err(GENAI_ENOMEM, "out of memory");
  for (char *p = up; *p; p++) *p = (char)toupper((unsigned char)*p);
  int fail = json_object_set_new(schema, "type", json_string(up));
  genai__free(up);
  return fail ? genai__err(GENAI_ENOMEM, "out of memory") : GENAI_OK;
}

static genai_result add_property_ordering(json_t *schema, json_t *properties) {
  if (json_object_size(properties) < 2 || json_object_get(schema, "propertyOrdering")) return GENAI_OK;
  json_t *order = json_array();
  const char *key;
  json_t *value;
  if (!order) return genai__err(GENAI_ENOMEM, "out of memory");
  json_object_foreach(properties, key, value) {
    (void)value;
    if (json_array_append_new(order, json_string(key)) != 0) {
      json_decref(order);
      return genai__err(GENAI_ENOMEM, "out of memory");
    }
  }
  return json_object_set_new(schema, "propertyOrdering", order) ? genai__err(GENAI_ENOMEM, "out of memory")
                                                                 : GENAI_OK;
}

static genai_result process(json_t *schema, bool mldev, genai__path *path, int depth);

/* Python's truthiness, which decides whether additionalProperties counts as set. */
static bool truthy(const json_t *v) {
  switch (json_typeof(v)) {
    case JSON_OBJECT: return json_object_size(v) > 0;
    case JSON_ARRAY: return json_array_size(v) > 0;
    case JSON_STRING: return json_string_length(v) > 0;
    case JSON_INTEGER: return json_integer_value(v) != 0;
    case JSON_REAL: return json_real_value(v) != 0;
    case JSON_TRUE: return true;
    default: return false;
  }
}

static genai_result process_child(json_t *child, bool mldev, genai__path *path, int depth, const char *label) {
  size_t mark = genai__path_push(path, "%s", label);
  genai_result rc = json_is_object(child) ? process(child, mldev, path, depth + 1) : GENAI_OK;
  genai__path_pop(path, mark);
  return rc;
}

static genai_result process_list(json_t *list, bool mldev, genai__path *path, int depth, const char *name) {
  size_t i;
  json_t *item;
  json_array_foreach(list, i, item) {
    char label[96];
    snprintf(label, sizeof(label), ".%s[%zu]", name, i);
    genai_result rc = process_child(item, mldev, path, depth, label);
    if (rc != GENAI_OK) return rc;
  }
  return GENAI_OK;
}

static genai_result process(json_t *schema, bool mldev, genai__path *path, int depth) {
  if (depth > 64) return genai__err(GENAI_EINVAL, "%s: schema nesting is deeper than 64 levels", path->text);
  json_t *additional = json_object_get(schema, "additionalProperties");
  if (mldev && additional && truthy(additional)) return reject_additional(path);
  genai_result rc = upper_type(schema);
  if (rc != GENAI_OK) return rc;
  json_t *any_of = json_object_get(schema, "anyOf");
  if (json_is_array(any_of)) return process_list(any_of, mldev, path, depth, "any_of");
  const char *type = json_string_value(json_object_get(schema, "type"));
  if (type && !strcmp(type, "OBJECT")) {
    json_t *properties = json_object_get(schema, "properties");
    if (json_is_object(properties)) {
      const char *key;
      json_t *sub;
      json_object_foreach(properties, key, sub) {
        char label[160];
        snprintf(label, sizeof(label), ".properties[\"%.100s\"]", key);
        if ((rc = process_child(sub, mldev, path, depth, label)) != GENAI_OK) return rc;
      }
      if ((rc = add_property_ordering(schema, properties)) != GENAI_OK) return rc;
    }
    if (json_is_object(additional)) return process_child(additional, mldev, path, depth, ".additional_properties");
  } else if (type && !strcmp(type, "ARRAY")) {
    if ((rc = process_child(json_object_get(schema, "items"), mldev, path, depth, ".items")) != GENAI_OK) return rc;
    json_t *prefix = json_object_get(schema, "prefixItems");
    if (json_is_array(prefix)) return process_list(prefix, mldev, path, depth, "prefix_items");
  }
  return GENAI_OK;
}

genai_result genai__schema_process(json_t *schema, bool mldev, genai__path *path) {
  if (!json_is_object(schema)) return GENAI_OK;
  return process(schema, mldev, path, 0);
}
