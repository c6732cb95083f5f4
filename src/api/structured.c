/* Structured output: the Python SDK's `response.parsed` for JSON and enum
 * schemas, and the schema of an enum. */
#include <jansson.h>
#include <string.h>

#include <genai/helpers.h>
#include <genai/models.h>

#include "core/alloc.h"
#include "core/error.h"
#include "wire/clone.h"
#include "wire/codec.h"
#include "wire/json_read.h"
#include "wire/types_gen.h"

/* The text the helpers read, or an error saying why there is none. */
static genai_result response_text(const genai_generate_content_response *r, const char **text) {
  if (!r) return genai__err(GENAI_EINVAL, "response is NULL");
  *text = genai_response_text(r);
  if (*text) return GENAI_OK;
  const char *reason = r->candidates_count && r->candidates[0] ? r->candidates[0]->finish_reason_str : NULL;
  const char *block = r->prompt_feedback ? r->prompt_feedback->block_reason_str : NULL;
  return genai__err(GENAI_EDECODE, "the response has no text to parse (finish reason %s%s%s)",
                    reason ? reason : "none", block ? ", prompt blocked: " : "", block ? block : "");
}

genai_result genai_response_parsed_json(const genai_generate_content_response *response, char **json) {
  if (!json) return genai__err(GENAI_EINVAL, "json is NULL");
  *json = NULL;
  const char *text = NULL;
  genai_result rc = response_text(response, &text);
  if (rc != GENAI_OK) return rc;
  json_error_t jerr;
  bool no_mem;
  json_t *v = genai__json_loads(text, JSON_DECODE_ANY, &jerr, &no_mem);
  if (no_mem) return genai__err(GENAI_ENOMEM, "out of memory");
  if (!v)
    return genai__err(GENAI_EDECODE, "the response text is not JSON: %s (line %d, column %d): %.80s%s", jerr.text,
                      jerr.line, jerr.column, text, strlen(text) > 80 ? "..." : "");
  *json = genai__json_dump(v);
  json_decref(v);
  return *json ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}

genai_result genai_response_enum_value(const genai_generate_content_response *response, const char *const *values,
                                       size_t count, size_t *index) {
  if (!index) return genai__err(GENAI_EINVAL, "index is NULL");
  *index = count;
  if (!values && count) return genai__err(GENAI_EINVAL, "values is NULL");
  const char *text = NULL;
  genai_result rc = response_text(response, &text);
  if (rc != GENAI_OK) return rc;
  /* As the Python SDK: the quotes of an application/json answer are dropped. */
  size_t n = 0;
  char *bare = genai__calloc(strlen(text) + 1, 1);
  if (!bare) return genai__err(GENAI_ENOMEM, "out of memory");
  for (const char *p = text; *p; p++)
    if (*p != '"') bare[n++] = *p;
  for (size_t i = 0; i < count; i++) {
    if (values[i] && !strcmp(values[i], bare)) {
      *index = i;
      genai__free(bare);
      return GENAI_OK;
    }
  }
  rc = genai__err(GENAI_EDECODE, "the response text \"%.80s\" is none of the %zu enum values", bare, count);
  genai__free(bare);
  return rc;
}

genai_result genai_schema_from_enum(const char *title, const char *const *values, size_t count, genai_schema **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!count || !values) return genai__err(GENAI_EINVAL, "values: an enum needs at least one value");
  for (size_t i = 0; i < count; i++)
    if (!values[i]) return genai__err(GENAI_EINVAL, "values[%zu] is NULL", i);
  genai_schema s = {GENAI_INIT(genai_schema), .type = GENAI_TYPE_STRING, .title = title, .enum_values = values,
                    .enum_values_count = count};
  void *copy = NULL;
  genai_result rc = genai__clone_owned(&genai__type_schema, &s, &copy);
  *out = copy;
  return rc;
}
