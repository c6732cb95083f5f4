/* The Python SDK's Part and Content factories. Each builds the value on the
 * stack from the caller's (borrowed) inputs and returns an owned deep copy. */
#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include <genai/helpers.h>

#include "core/arena.h"
#include "core/error.h"
#include "core/mime.h"
#include "wire/clone.h"
#include "wire/json_read.h"
#include "wire/types_gen.h"

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

static genai_result owned_part(const genai_part *part, genai_part **out) {
  void *copy = NULL;
  genai_result rc = genai__clone_owned(&genai__type_part, part, &copy);
  *out = copy;
  return rc;
}

static genai_result check_out(genai_part **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  return GENAI_OK;
}

/* args and response are JSON objects in the Python SDK (dicts). */
static genai_result check_object_json(const char *what, const char *text) {
  json_error_t jerr;
  bool no_mem;
  json_t *v = genai__json_loads(text, 0, &jerr, &no_mem);
  bool object = json_is_object(v);
  json_decref(v);
  if (no_mem) return genai__err(GENAI_ENOMEM, "out of memory");
  if (!object) return genai__err(GENAI_EINVAL, "%s must be a JSON object", what);
  return GENAI_OK;
}

genai_result genai_part_from_text(const char *text, genai_part **out) {
  genai_result rc = check_out(out);
  if (rc != GENAI_OK) return rc;
  if (!text) return genai__err(GENAI_EINVAL, "text is NULL");
  genai_part part = {GENAI_INIT(genai_part), .text = text};
  return owned_part(&part, out);
}

genai_result genai_part_from_uri(const char *file_uri, const char *mime_type, genai_part **out) {
  genai_result rc = check_out(out);
  if (rc != GENAI_OK) return rc;
  if (!file_uri || !*file_uri) return genai__err(GENAI_EINVAL, "file_uri is required.");
  if (!mime_type && !(mime_type = genai__mime_from_name(file_uri)))
    return genai__err(GENAI_EINVAL, "Failed to determine mime type for file: %s", file_uri);
  genai_file_data data = {GENAI_INIT(genai_file_data), .file_uri = file_uri, .mime_type = mime_type};
  genai_part part = {GENAI_INIT(genai_part), .file_data = &data};
  return owned_part(&part, out);
}

genai_result genai_part_from_bytes(const void *data, size_t size, const char *mime_type, genai_part **out) {
  genai_result rc = check_out(out);
  if (rc != GENAI_OK) return rc;
  if (!data && size) return genai__err(GENAI_EINVAL, "data is NULL");
  if (!mime_type || !*mime_type) return genai__err(GENAI_EINVAL, "mime_type is required.");
  static const uint8_t empty[1];
  genai_blob blob = {GENAI_INIT(genai_blob), .data = {data ? data : empty, size}, .mime_type = mime_type};
  genai_part part = {GENAI_INIT(genai_part), .inline_data = &blob};
  return owned_part(&part, out);
}

genai_result genai_part_from_function_call(const char *name, const char *args_json, genai_part **out) {
  genai_result rc = check_out(out);
  if (rc != GENAI_OK) return rc;
  if (!name || !*name) return genai__err(GENAI_EINVAL, "name is required.");
  if (args_json && (rc = check_object_json("args_json", args_json)) != GENAI_OK) return rc;
  genai_function_call call = {GENAI_INIT(genai_function_call), .name = name, .args_json = args_json};
  genai_part part = {GENAI_INIT(genai_part), .function_call = &call};
  return owned_part(&part, out);
}

genai_result genai_part_from_function_response(const char *name, const char *response_json,
                                               const genai_function_response_part *const *parts,
                                               size_t parts_count, genai_part **out) {
  genai_result rc = check_out(out);
  if (rc != GENAI_OK) return rc;
  if (!name || !*name) return genai__err(GENAI_EINVAL, "name is required.");
  if (!response_json) return genai__err(GENAI_EINVAL, "response_json is required.");
  if ((rc = check_object_json("response_json", response_json)) != GENAI_OK) return rc;
  genai_function_response response = {GENAI_INIT(genai_function_response), .name = name,
                                      .response_json = response_json, .parts = parts, .parts_count = parts_count};
  genai_part part = {GENAI_INIT(genai_part), .function_response = &response};
  return owned_part(&part, out);
}

genai_result genai_part_from_executable_code(const char *code, genai_language language, genai_part **out) {
  genai_result rc = check_out(out);
  if (rc != GENAI_OK) return rc;
  if (!code) return genai__err(GENAI_EINVAL, "code is required.");
  genai_executable_code exec = {GENAI_INIT(genai_executable_code), .code = code, .language = language};
  genai_part part = {GENAI_INIT(genai_part), .executable_code = &exec};
  return owned_part(&part, out);
}

genai_result genai_part_from_code_execution_result(genai_outcome outcome, const char *output, genai_part **out) {
  genai_result rc = check_out(out);
  if (rc != GENAI_OK) return rc;
  genai_code_execution_result result = {GENAI_INIT(genai_code_execution_result), .outcome = outcome,
                                        .output = output};
  genai_part part = {GENAI_INIT(genai_part), .code_execution_result = &result};
  return owned_part(&part, out);
}

static genai_result content_new(const char *role, const genai_part *const *parts, size_t n, genai_content **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (n && !parts) return genai__err(GENAI_EINVAL, "parts is NULL");
  for (size_t i = 0; i < n; i++)
    if (!parts[i]) return genai__err(GENAI_EINVAL, "parts[%zu] is NULL", i);
  genai_content content = {GENAI_INIT(genai_content), .parts = parts, .parts_count = n, .role = role};
  void *copy = NULL;
  genai_result rc = genai__clone_owned(&genai__type_content, &content, &copy);
  *out = copy;
  return rc;
}

genai_result genai_user_content_new(const genai_part *const *parts, size_t n, genai_content **out) {
  return content_new("user", parts, n, out);
}

genai_result genai_model_content_new(const genai_part *const *parts, size_t n, genai_content **out) {
  return content_new("model", parts, n, out);
}

/* The Python dict forms of contents, read into an owned genai_contents. */
genai_result genai_contents_from_json(const char *json, genai_contents **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!json) return genai__err(GENAI_EINVAL, "json is NULL");
  json_error_t jerr;
  bool no_mem;
  json_t *root = genai__json_loads(json, JSON_DECODE_ANY, &jerr, &no_mem);
  if (no_mem) return genai__err(GENAI_ENOMEM, "out of memory");
  if (!root)
    return genai__err(GENAI_EINVAL, "contents JSON is not valid: %s (line %d, column %d)", jerr.text, jerr.line,
                      jerr.column);
  genai_contents *holder = genai__owned_new(sizeof(*holder));
  if (!holder) {
    json_decref(root);
    return oom();
  }
  genai__decode_ctx ctx = {.arena = &genai__owned_of(holder)->arena, .bad_input = GENAI_EINVAL};
  genai__path_push(&ctx.path, "contents");
  void *decoded = NULL;
  genai_result rc = genai__decode_contents(&ctx, root, &decoded);
  json_decref(root);
  if (rc != GENAI_OK) {
    genai__owned_free(holder);
    return rc;
  }
  *holder = *(genai_contents *)decoded; /* the owned value is the root itself */
  *out = holder;
  return GENAI_OK;
}

void genai_contents_free(genai_contents *contents) {
  if (contents) genai__owned_free(contents);
}
