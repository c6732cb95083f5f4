#include "structured_output.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_util.h"
#include "schema.h"

/* The response mime types the service accepts. The XML and YAML ones are
 * answered like text/plain. */
static const char *const allowed_types[] = {"text/plain", "application/json", "application/xml",
                                            "application/yaml", "text/x.enum"};

static const char *mime_type(const json_t *config) {
  const char *type = json_string_value(emu_json_present(config, "responseMimeType"));
  return type && *type ? type : NULL; /* "" is proto3's default: unset */
}

emu_output_kind emu_output_kind_of(const json_t *config) {
  const char *type = mime_type(config);
  if (type && strcasecmp(type, "application/json") == 0) return EMU_OUTPUT_JSON;
  if (type && strcasecmp(type, "text/x.enum") == 0) return EMU_OUTPUT_ENUM;
  return EMU_OUTPUT_TEXT;
}

/* responseSchema or responseJsonSchema, whichever is set. */
static const json_t *output_schema(const json_t *config) {
  const json_t *schema = emu_json_present(config, "responseSchema");
  return schema ? schema : emu_json_present(config, "responseJsonSchema");
}

int emu_output_problems(const json_t *config, emu_buf *msg) {
  const char *type = mime_type(config);
  int known = !type;
  for (size_t i = 0; !known && i < sizeof allowed_types / sizeof allowed_types[0]; i++)
    known = strcasecmp(type, allowed_types[i]) == 0;
  if (!known &&
      emu_buf_append_str(msg,
                         "* GenerateContentRequest.generation_config.response_mime_type: "
                         "allowed mimetypes are `text/plain`, `application/json`, "
                         "`application/xml`, `application/yaml` and `text/x.enum`.\n") != 0)
    return -1;
  const json_t *schema = emu_json_present(config, "responseSchema");
  const json_t *json_schema = emu_json_present(config, "responseJsonSchema");
  if (schema && json_schema &&
      emu_buf_append_str(msg,
                         "* GenerateContentRequest.generation_config.response_schema: "
                         "response_schema must not be set when response_json_schema is "
                         "set.\n") != 0)
    return -1;
  const json_t *chosen = schema ? schema : json_schema;
  if (emu_output_kind_of(config) == EMU_OUTPUT_ENUM && !emu_schema_string_enum(chosen, chosen) &&
      emu_buf_printf(msg,
                     "* GenerateContentRequest.generation_config.%s: response_mime_type "
                     "text/x.enum requires a STRING schema with enum values.\n",
                     json_schema && !schema ? "response_json_schema" : "response_schema") != 0)
    return -1;
  return 0;
}

static int contains_ci(const char *hay, size_t hay_len, const char *needle, size_t len) {
  for (size_t i = 0; len <= hay_len && i <= hay_len - len; i++)
    if (strncasecmp(hay + i, needle, len) == 0) return 1;
  return 0;
}

/* The first enum value that occurs in the prompt, else the first value. */
static const json_t *choose_enum(const json_t *values, const char *prompt, size_t prompt_len) {
  for (size_t i = 0; i < json_array_size(values); i++) {
    const json_t *v = json_array_get(values, i);
    if (json_string_length(v) &&
        contains_ci(prompt, prompt_len, json_string_value(v), json_string_length(v)))
      return v;
  }
  return json_array_get(values, 0);
}

int emu_output_text(const json_t *config, const char *prompt, size_t prompt_len, const char *text,
                    size_t text_len, emu_buf *out) {
  const json_t *schema = output_schema(config);
  const json_t *values = emu_schema_string_enum(schema, schema);
  if (emu_output_kind_of(config) == EMU_OUTPUT_ENUM) {
    const json_t *v = choose_enum(values, prompt, prompt_len);
    return emu_buf_append(out, json_string_value(v), json_string_length(v));
  }
  json_t *value = !schema  ? json_pack("{s:s%}", "text", text, text_len)
                  : values ? json_incref((json_t *)choose_enum(values, prompt, prompt_len))
                           : emu_schema_value(schema, schema, NULL);
  char *dumped = value ? emu_json_python(value, ", ", ": ") : NULL;
  json_decref(value);
  int rc = dumped ? emu_buf_append_str(out, dumped) : -1;
  free(dumped);
  return rc;
}
