#include "tool_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "function_calling.h"
#include "json_util.h"
#include "schema.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Nesting beyond this is not checked further (jansson already bounds the
 * depth of a parsed document; this bounds the work per request). */
#define MAX_SCHEMA_CHECK_DEPTH 64

#define STRUCT_TYPE "type.googleapis.com/google.protobuf.Struct"

/* Formats a field path into out[EMU_FIELD_PATH_MAX]. A path that does not
 * fit is cut: it still names where the field starts. */
static void field_path(char *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void field_path(char *out, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(out, EMU_FIELD_PATH_MAX, fmt, ap);
  va_end(ap);
}

static const emu_field declaration_fields[] = {
    {"name", EMU_ON_BOTH},
    {"description", EMU_ON_BOTH},
    {"behavior", EMU_ON_MLDEV},
    {"parameters", EMU_ON_BOTH},
    {"parametersJsonSchema", EMU_ON_BOTH},
    {"response", EMU_ON_BOTH},
    {"responseJsonSchema", EMU_ON_BOTH},
};

static const emu_field calling_config_fields[] = {
    {"mode", EMU_ON_BOTH},
    {"allowedFunctionNames", EMU_ON_BOTH},
    {"streamFunctionCallArguments", EMU_ON_VERTEX},
};

/* The OpenAPI Schema message of each backend. Vertex AI also has
 * additionalProperties and the reference fields; $ref / $defs are accepted
 * beside ref / defs there, since clients spell them both ways. */
static const emu_field schema_fields[] = {
    {"type", EMU_ON_BOTH},
    {"format", EMU_ON_BOTH},
    {"title", EMU_ON_BOTH},
    {"description", EMU_ON_BOTH},
    {"nullable", EMU_ON_BOTH},
    {"enum", EMU_ON_BOTH},
    {"items", EMU_ON_BOTH},
    {"maxItems", EMU_ON_BOTH},
    {"minItems", EMU_ON_BOTH},
    {"properties", EMU_ON_BOTH},
    {"required", EMU_ON_BOTH},
    {"minProperties", EMU_ON_BOTH},
    {"maxProperties", EMU_ON_BOTH},
    {"minLength", EMU_ON_BOTH},
    {"maxLength", EMU_ON_BOTH},
    {"pattern", EMU_ON_BOTH},
    {"example", EMU_ON_BOTH},
    {"anyOf", EMU_ON_BOTH},
    {"propertyOrdering", EMU_ON_BOTH},
    {"default", EMU_ON_BOTH},
    {"minimum", EMU_ON_BOTH},
    {"maximum", EMU_ON_BOTH},
    {"additionalProperties", EMU_ON_VERTEX},
    {"ref", EMU_ON_VERTEX},
    {"defs", EMU_ON_VERTEX},
    {"$ref", EMU_ON_VERTEX},
    {"$defs", EMU_ON_VERTEX},
};

static const emu_field function_call_fields[] = {
    {"id", EMU_ON_BOTH},
    {"name", EMU_ON_BOTH},
    {"args", EMU_ON_BOTH},
    {"partialArgs", EMU_ON_VERTEX},
    {"willContinue", EMU_ON_VERTEX},
};

static const emu_field function_response_fields[] = {
    {"id", EMU_ON_BOTH},    {"name", EMU_ON_BOTH},         {"response", EMU_ON_BOTH},
    {"parts", EMU_ON_BOTH}, {"willContinue", EMU_ON_BOTH}, {"scheduling", EMU_ON_BOTH},
};

static const char *const type_names[] = {
    "TYPE_UNSPECIFIED", "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT", "NULL", NULL};

static const char *const mode_names[] = {"MODE_UNSPECIFIED", "AUTO", "ANY", "NONE",
                                         "VALIDATED",        NULL};

static void shape_schema_at(emu_shape *s, const json_t *schema, const char *at, int depth) {
  if (!json_is_object(schema)) {
    emu_shape_not_message(s, at, "Schema", schema);
    return;
  }
  if (depth > MAX_SCHEMA_CHECK_DEPTH) return;
  emu_shape_fields(s, schema, schema_fields, COUNT(schema_fields), at);
  emu_shape_enum(s, schema, "type", at, "Type", type_names);
  const json_t *values = emu_json_present(schema, "enum");
  for (size_t i = 0; i < emu_json_list_size(values); i++) {
    const json_t *v = emu_json_list_get(values, i);
    if (json_is_string(v)) continue;
    char path[EMU_FIELD_PATH_MAX];
    field_path(path, "%s.enum[%zu]", at, i);
    emu_violation_invalid(&s->v, path, "TYPE_STRING", v);
  }
  char path[EMU_FIELD_PATH_MAX];
  const json_t *items = emu_json_present(schema, "items");
  if (items) {
    field_path(path, "%s.items", at);
    shape_schema_at(s, items, path, depth + 1);
  }
  const json_t *options = emu_json_present(schema, "anyOf");
  for (size_t i = 0; i < emu_json_list_size(options); i++) {
    field_path(path, "%s.any_of[%zu]", at, i);
    shape_schema_at(s, emu_json_list_get(options, i), path, depth + 1);
  }
  /* Map entries are named by position, as the transcoder names them:
   * 'parameters.properties[2].value'. */
  const json_t *properties = emu_json_present(schema, "properties");
  const char *name;
  json_t *prop;
  size_t index = 0;
  json_object_foreach((json_t *)properties, name, prop) {
    field_path(path, "%s.properties[%zu].value", at, index++);
    shape_schema_at(s, prop, path, depth + 1);
  }
}

void emu_shape_schema(emu_shape *s, const json_t *schema, const char *at) {
  shape_schema_at(s, schema, at, 0);
}

static void shape_declaration(emu_shape *s, const json_t *decl, const char *at) {
  if (!json_is_object(decl)) {
    emu_shape_not_message(s, at, "FunctionDeclaration", decl);
    return;
  }
  emu_shape_fields(s, decl, declaration_fields, COUNT(declaration_fields), at);
  emu_shape_string(s, decl, "name", at);
  static const char *const schemas[] = {"parameters", "response"};
  for (size_t i = 0; i < COUNT(schemas); i++) {
    const json_t *schema = emu_json_present(decl, schemas[i]);
    if (!schema) continue;
    char path[EMU_FIELD_PATH_MAX];
    field_path(path, "%s.%s", at, schemas[i]);
    emu_shape_schema(s, schema, path);
  }
}

void emu_shape_tools(emu_shape *s, const json_t *tools) {
  for (size_t t = 0; t < emu_json_list_size(tools); t++) {
    const json_t *tool = emu_json_list_get(tools, t);
    char at[EMU_FIELD_PATH_MAX];
    field_path(at, "tools[%zu]", t);
    if (!json_is_object(tool)) {
      emu_shape_not_message(s, at, "Tool", tool);
      continue;
    }
    const json_t *decls = emu_json_present(tool, "functionDeclarations");
    for (size_t d = 0; d < emu_json_list_size(decls); d++) {
      char path[EMU_FIELD_PATH_MAX];
      field_path(path, "%s.function_declarations[%zu]", at, d);
      shape_declaration(s, emu_json_list_get(decls, d), path);
    }
  }
}

void emu_shape_tool_config(emu_shape *s, const json_t *tool_config) {
  if (!json_is_object(tool_config)) {
    emu_shape_not_message(s, "tool_config", "ToolConfig", tool_config);
    return;
  }
  const json_t *config = emu_json_present(tool_config, "functionCallingConfig");
  if (!config) return;
  static const char at[] = "tool_config.function_calling_config";
  if (!json_is_object(config)) {
    emu_shape_not_message(s, at, "FunctionCallingConfig", config);
    return;
  }
  emu_shape_fields(s, config, calling_config_fields, COUNT(calling_config_fields), at);
  emu_shape_enum(s, config, "mode", at, "FunctionCallingConfig.Mode", mode_names);
  const json_t *names = emu_json_present(config, "allowedFunctionNames");
  for (size_t i = 0; i < emu_json_list_size(names); i++) {
    const json_t *name = emu_json_list_get(names, i);
    if (json_is_string(name)) continue;
    char path[EMU_FIELD_PATH_MAX];
    field_path(path, "%s.allowed_function_names[%zu]", at, i);
    emu_violation_invalid(&s->v, path, "TYPE_STRING", name);
  }
}

/* A functionCall or functionResponse: message, fields, name, Struct. */
static void shape_function_part(emu_shape *s, const json_t *part, const char *camel,
                                const char *message, const emu_field *fields, size_t count,
                                const char *struct_member, const char *at) {
  const json_t *value = emu_json_present(part, camel);
  if (!value) return;
  char path[EMU_FIELD_PATH_MAX], snake[32];
  emu_camel_to_snake(camel, snake, sizeof snake);
  field_path(path, "%s.%s", at, snake);
  if (!json_is_object(value)) {
    emu_shape_not_message(s, path, message, value);
    return;
  }
  emu_shape_fields(s, value, fields, count, path);
  emu_shape_string(s, value, "name", path);
  const json_t *data = emu_json_present(value, struct_member);
  if (data && !json_is_object(data)) {
    char member[EMU_FIELD_PATH_MAX];
    field_path(member, "%s.%s", path, struct_member);
    emu_violation_invalid(&s->v, member, STRUCT_TYPE, data);
  }
}

void emu_shape_function_parts(emu_shape *s, const json_t *part, const char *at) {
  shape_function_part(s, part, "functionCall", "FunctionCall", function_call_fields,
                      COUNT(function_call_fields), "args", at);
  shape_function_part(s, part, "functionResponse", "FunctionResponse", function_response_fields,
                      COUNT(function_response_fields), "response", at);
}

/* The service's function name rule: a letter or '_' first, then letters,
 * digits, '_', '.', ':' or '-', at most 64 characters. */
static int valid_function_name(const char *name) {
  size_t len = name ? strlen(name) : 0;
  if (len == 0 || len > 64) return 0;
  for (size_t i = 0; i < len; i++) {
    char c = name[i];
    int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    int other = (c >= '0' && c <= '9') || c == '.' || c == ':' || c == '-';
    if (!letter && (i == 0 || !other)) return 0;
  }
  return 1;
}

static int part_name_problems(const json_t *contents, emu_buf *msg) {
  for (size_t c = 0; c < emu_json_list_size(contents); c++) {
    const json_t *parts = emu_json_present(emu_json_list_get(contents, c), "parts");
    for (size_t p = 0; p < emu_json_list_size(parts); p++) {
      static const char *const kinds[][2] = {{"functionCall", "function_call"},
                                             {"functionResponse", "function_response"}};
      for (size_t k = 0; k < COUNT(kinds); k++) {
        const json_t *fn = emu_json_present(emu_json_list_get(parts, p), kinds[k][0]);
        const char *name = json_string_value(emu_json_present(fn, "name"));
        if (fn && (!name || !*name) &&
            emu_buf_printf(msg,
                           "* GenerateContentRequest.contents[%zu].parts[%zu].%s.name: "
                           "Name cannot be empty.\n",
                           c, p, kinds[k][1]) != 0)
          return -1;
      }
    }
  }
  return 0;
}

/* enum on a top-level parameter that is not a STRING. */
static int enum_problems(const json_t *decl, size_t t, size_t d, emu_buf *msg) {
  const json_t *properties = emu_json_present(emu_json_present(decl, "parameters"), "properties");
  const char *name;
  json_t *prop;
  json_object_foreach((json_t *)properties, name, prop) {
    const json_t *type = emu_json_present(prop, "type");
    if (emu_json_present(prop, "enum") &&
        !(json_is_string(type) && strcmp(json_string_value(type), "STRING") == 0) &&
        emu_buf_printf(msg,
                       "* GenerateContentRequest.tools[%zu].function_declarations[%zu]."
                       "parameters.properties[%s].enum: only allowed for STRING type\n",
                       t, d, name) != 0)
      return -1;
  }
  return 0;
}

int emu_tool_problems(const json_t *contents, const json_t *tools, emu_buf *msg) {
  if (part_name_problems(contents, msg) != 0) return -1;
  emu_fc_iter it = {.tools = tools};
  const json_t *decl;
  while ((decl = emu_fc_next(&it))) {
    if (!valid_function_name(json_string_value(emu_json_present(decl, "name"))) &&
        emu_buf_printf(msg,
                       "* GenerateContentRequest.tools[%zu].function_declarations[%zu].name: "
                       "Invalid function name. Must start with a letter or an underscore. "
                       "Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), "
                       "colons (:), or dashes (-), with a maximum length of 64.\n",
                       it.tool, it.decl) != 0)
      return -1;
    if (enum_problems(decl, it.tool, it.decl, msg) != 0) return -1;
  }
  return 0;
}

static size_t count_parts(const json_t *content, const char *camel) {
  const json_t *parts = emu_json_present(content, "parts");
  size_t n = 0;
  for (size_t i = 0; i < emu_json_list_size(parts); i++)
    if (emu_json_present(emu_json_list_get(parts, i), camel)) n++;
  return n;
}

static int is_model_turn(const json_t *content) {
  const char *role = json_string_value(emu_json_present(content, "role"));
  return role && strcmp(role, "model") == 0;
}

const char *emu_function_turn_problem(const json_t *contents) {
  size_t prev_calls = 0;
  for (size_t i = 0; i < emu_json_list_size(contents); i++) {
    const json_t *content = emu_json_list_get(contents, i);
    size_t calls = count_parts(content, "functionCall");
    size_t responses = count_parts(content, "functionResponse");
    if (calls && responses)
      return "Please ensure that function call turn contains at least one function_call part "
             "which can not be mixed with function_response parts.";
    if (calls && (i == 0 || is_model_turn(emu_json_list_get(contents, i - 1))))
      return "Please ensure that function call turn comes immediately after a user turn or "
             "after a function response turn.";
    if (responses && !prev_calls)
      return "Please ensure that function response turn comes immediately after a function "
             "call turn.";
    if (responses && responses != prev_calls)
      return "Please ensure that the number of function response parts is equal to the number "
             "of function call parts of the function call turn.";
    prev_calls = calls;
  }
  return NULL;
}
