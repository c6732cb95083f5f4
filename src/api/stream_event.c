#include "api/stream_event.h"

#include <jansson.h>

#include "api/response.h"
#include "core/error.h"
#include "http/api_error.h"

genai_result genai__decode_stream_event(const genai__type *t, genai__backend backend, const genai__response *resp,
                                        const genai__secrets *secrets, const char *data, size_t len, void **out) {
  *out = NULL;
  json_error_t jerr;
  json_t *root = json_loadb(data ? data : "", len, 0, &jerr);
  if (!root)
    return genai__err(GENAI_EDECODE, "a streamed chunk is not valid JSON: %s (line %d, column %d)", jerr.text,
                      jerr.line, jerr.column);
  genai_result rc;
  if (json_is_object(json_object_get(root, "error")) ||
      (json_is_array(root) && json_array_size(root) == 1 && json_object_get(json_array_get(root, 0), "error"))) {
    rc = genai__api_error_raise_json(data, len, secrets);
  } else {
    rc = genai__decode_root_owned(t, backend, root, GENAI_EDECODE, data, len, out);
    if (rc == GENAI_OK && (rc = genai__response_attach_headers(t, resp, *out)) != GENAI_OK) {
      genai__value_free(*out);
      *out = NULL;
    }
  }
  json_decref(root);
  return rc;
}
