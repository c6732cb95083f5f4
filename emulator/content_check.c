#include "content_check.h"

#include <stdio.h>
#include <string.h>

#include "google_error.h"
#include "json_util.h"
#include "tool_check.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const emu_field content_fields[] = {{"role", EMU_ON_BOTH}, {"parts", EMU_ON_BOTH}};

static const emu_field part_fields[] = {
    {"text", EMU_ON_BOTH},
    {"thought", EMU_ON_BOTH},
    {"thoughtSignature", EMU_ON_BOTH},
    {"inlineData", EMU_ON_BOTH},
    {"fileData", EMU_ON_BOTH},
    {"functionCall", EMU_ON_BOTH},
    {"functionResponse", EMU_ON_BOTH},
    {"executableCode", EMU_ON_BOTH},
    {"codeExecutionResult", EMU_ON_BOTH},
    {"videoMetadata", EMU_ON_BOTH},
    {"mediaResolution", EMU_ON_BOTH},
    {"toolCall", EMU_ON_BOTH},
    {"toolResponse", EMU_ON_BOTH},
    {"partMetadata", EMU_ON_BOTH},
};

static const emu_field generation_config_fields[] = {
    {"temperature", EMU_ON_BOTH},
    {"topP", EMU_ON_BOTH},
    {"topK", EMU_ON_BOTH},
    {"candidateCount", EMU_ON_BOTH},
    {"maxOutputTokens", EMU_ON_BOTH},
    {"stopSequences", EMU_ON_BOTH},
    {"responseLogprobs", EMU_ON_BOTH},
    {"logprobs", EMU_ON_BOTH},
    {"presencePenalty", EMU_ON_BOTH},
    {"frequencyPenalty", EMU_ON_BOTH},
    {"seed", EMU_ON_BOTH},
    {"responseMimeType", EMU_ON_BOTH},
    {"responseSchema", EMU_ON_BOTH},
    {"responseJsonSchema", EMU_ON_BOTH},
    {"responseModalities", EMU_ON_BOTH},
    {"mediaResolution", EMU_ON_BOTH},
    {"speechConfig", EMU_ON_BOTH},
    {"thinkingConfig", EMU_ON_BOTH},
    {"imageConfig", EMU_ON_BOTH},
    {"audioTimestamp", EMU_ON_BOTH},
    {"routingConfig", EMU_ON_BOTH},
    {"modelConfig", EMU_ON_BOTH},
    {"enableEnhancedCivicAnswers", EMU_ON_BOTH},
    {"audioTranscriptionConfig", EMU_ON_BOTH},
};

void emu_shape_init(emu_shape *s, const emu_api_path *path) {
  s->path = path;
  s->v.list = NULL;
  s->v.out_of_memory = 0;
}

void emu_shape_fields(emu_shape *s, const json_t *obj, const emu_field *known, size_t count,
                      const char *at) {
  emu_check_fields(obj, known, count, s->path->backend, at, &s->v);
}

/* "type.googleapis.com/google.ai.generativelanguage.v1beta.Content" etc. */
void emu_shape_not_message(emu_shape *s, const char *at, const char *message, const json_t *value) {
  char type[160];
  snprintf(type, sizeof type, "type.googleapis.com/%s.%s.%s",
           s->path->backend == EMU_BACKEND_VERTEX ? "google.cloud.aiplatform"
                                                  : "google.ai.generativelanguage",
           s->path->version, message);
  emu_violation_invalid(&s->v, at, type, value);
}

/* "AT.snake" or "snake" into out. */
static void member_path(const char *at, const char *camel, char *out, size_t size) {
  char snake[64];
  emu_camel_to_snake(camel, snake, sizeof snake);
  int n = at ? snprintf(out, size, "%s.%s", at, snake) : snprintf(out, size, "%s", snake);
  if (n < 0 && size) out[0] = '\0'; /* a longer path is cut: it still names where the field starts */
}

void emu_shape_int32(emu_shape *s, const json_t *obj, const char *camel, const char *at) {
  const json_t *v = emu_json_present(obj, camel);
  long long n;
  if (v && (emu_json_int(v, &n) != 0 || n < -2147483648LL || n > 2147483647LL)) {
    char path[EMU_FIELD_PATH_MAX];
    member_path(at, camel, path, sizeof path);
    emu_violation_invalid(&s->v, path, "TYPE_INT32", v);
  }
}

void emu_shape_string(emu_shape *s, const json_t *obj, const char *camel, const char *at) {
  const json_t *v = emu_json_present(obj, camel);
  if (v && !json_is_string(v)) {
    char path[EMU_FIELD_PATH_MAX];
    member_path(at, camel, path, sizeof path);
    emu_violation_invalid(&s->v, path, "TYPE_STRING", v);
  }
}

void emu_shape_bool(emu_shape *s, const json_t *obj, const char *camel, const char *at) {
  const json_t *v = emu_json_present(obj, camel);
  if (v && !json_is_boolean(v)) {
    char path[EMU_FIELD_PATH_MAX];
    member_path(at, camel, path, sizeof path);
    emu_violation_invalid(&s->v, path, "TYPE_BOOL", v);
  }
}

void emu_shape_enum(emu_shape *s, const json_t *obj, const char *camel, const char *at,
                    const char *enum_type, const char *const *names) {
  const json_t *v = emu_json_present(obj, camel);
  if (!v || json_is_integer(v)) return;
  for (const char *const *n = names; json_is_string(v) && *n; n++)
    if (strcmp(json_string_value(v), *n) == 0) return;
  char path[EMU_FIELD_PATH_MAX];
  member_path(at, camel, path, sizeof path);
  emu_shape_not_message(s, path, enum_type, v);
}

static void shape_part(emu_shape *s, const json_t *part, const char *at) {
  if (!json_is_object(part)) {
    emu_shape_not_message(s, at, "Part", part);
    return;
  }
  emu_shape_fields(s, part, part_fields, COUNT(part_fields), at);
  emu_shape_string(s, part, "text", at);
  emu_shape_bool(s, part, "thought", at);
  emu_shape_function_parts(s, part, at);
}

void emu_shape_content(emu_shape *s, const json_t *content, const char *at) {
  if (!json_is_object(content)) {
    emu_shape_not_message(s, at, "Content", content);
    return;
  }
  emu_shape_fields(s, content, content_fields, COUNT(content_fields), at);
  emu_shape_string(s, content, "role", at);
  const json_t *parts = emu_json_present(content, "parts");
  for (size_t i = 0; i < emu_json_list_size(parts); i++) {
    char path[EMU_FIELD_PATH_MAX];
    snprintf(path, sizeof path, "%s.parts[%zu]", at, i);
    shape_part(s, emu_json_list_get(parts, i), path);
  }
}

void emu_shape_contents(emu_shape *s, const json_t *contents, const char *at) {
  for (size_t i = 0; i < emu_json_list_size(contents); i++) {
    char path[EMU_FIELD_PATH_MAX];
    snprintf(path, sizeof path, "%s[%zu]", at, i);
    emu_shape_content(s, emu_json_list_get(contents, i), path);
  }
}

void emu_shape_generation_config(emu_shape *s, const json_t *config, const char *at) {
  if (!json_is_object(config)) {
    emu_shape_not_message(s, at, "GenerationConfig", config);
    return;
  }
  emu_shape_fields(s, config, generation_config_fields, COUNT(generation_config_fields), at);
  emu_shape_int32(s, config, "candidateCount", at);
  emu_shape_int32(s, config, "maxOutputTokens", at);
  emu_shape_string(s, config, "responseMimeType", at);
  const json_t *schema = emu_json_present(config, "responseSchema");
  if (schema) {
    char path[EMU_FIELD_PATH_MAX];
    snprintf(path, sizeof path, "%s.response_schema", at);
    emu_shape_schema(s, schema, path);
  }
  const json_t *stops = emu_json_present(config, "stopSequences");
  for (size_t i = 0; i < emu_json_list_size(stops); i++) {
    const json_t *stop = emu_json_list_get(stops, i);
    if (!json_is_string(stop)) {
      char path[EMU_FIELD_PATH_MAX];
      snprintf(path, sizeof path, "%s.stop_sequences[%zu]", at, i);
      emu_violation_invalid(&s->v, path, "TYPE_STRING", stop);
    }
  }
}

int emu_shape_finish(emu_shape *s, emu_response *out) {
  int found = emu_violations_found(&s->v);
  if (found) emu_respond_error(out, emu_violations_error(&s->v));
  emu_violations_dispose(&s->v);
  return found ? -1 : 0;
}

/* True when a part of `content` is a functionResponse. */
static int has_function_response(const json_t *content) {
  const json_t *parts = emu_json_present(content, "parts");
  for (size_t i = 0; i < emu_json_list_size(parts); i++)
    if (emu_json_present(emu_json_list_get(parts, i), "functionResponse")) return 1;
  return 0;
}

int emu_contents_roles_valid(const json_t *contents) {
  for (size_t i = 0; i < emu_json_list_size(contents); i++) {
    const json_t *content = emu_json_list_get(contents, i);
    const char *role = json_string_value(emu_json_present(content, "role"));
    if (!role || !*role || strcmp(role, "user") == 0 || strcmp(role, "model") == 0) continue;
    /* The function-response turn may also say "function" (the Gemini API's
     * own REST examples did) or "tool" (the Python SDK's manual example);
     * the services accepted both there before Gemini 3.5. */
    if ((strcmp(role, "function") == 0 || strcmp(role, "tool") == 0) &&
        has_function_response(content))
      continue;
    return 0;
  }
  return 1;
}

int emu_contents_problems(const json_t *contents, const char *request, emu_buf *msg) {
  size_t n = emu_json_list_size(contents);
  if (n == 0) return emu_buf_printf(msg, "* %s.contents: contents is not specified\n", request);
  for (size_t i = 0; i < n; i++)
    if (emu_json_list_size(emu_json_present(emu_json_list_get(contents, i), "parts")) == 0 &&
        emu_buf_printf(msg, "* %s.contents[%zu].parts: contents.parts must not be empty.\n",
                       request, i) != 0)
      return -1;
  return 0;
}

int emu_contents_check(const json_t *contents, const char *request, emu_response *out) {
  if (!emu_contents_roles_valid(contents)) {
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", "Please use a valid role: user, model.");
    return -1;
  }
  emu_buf msg = {0};
  if (emu_contents_problems(contents, request, &msg) != 0) {
    emu_buf_dispose(&msg);
    emu_response_internal_error(out);
    return -1;
  }
  int bad = msg.len > 0;
  if (bad) emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", msg.data);
  emu_buf_dispose(&msg);
  return bad ? -1 : 0;
}
