#include "api/stream_event.h"

#include <jansson.h>

#include "api/response.h"
#include "core/error.h"
#include "http/api_error.h"
#include "wire/json_read.h"

genai_result genai__decode_stream_event(const genai__type *t, genai__backend backend, const genai__response *resp,
                                        const genai__secrets *secrets, const char *data, size_t len, void **out) {
  *out = NULL;
  json_error_t jerr;
  bool no_mem;
  json_t *root = genai__json_loadb(data ? data : "", len, 0, &jerr, &no_mem);
  if (no_mem) return genai__err(GENAI_ENOMEM, "out of memory");
  if (!root) {
    genai__err(GENAI_EDECODE, "a streamed chunk is not valid JSON: %s (line %d, column %d)", jerr.text, jerr.line,
               jerr.column);
    genai__response_decode_failed(resp);
    return GENAI_EDECODE;
  }
  genai_result rc;
  if (json_is_object(json_object_get(root, "error")) ||
      (json_is_array(root) && json_array_size(root) == 1 && json_object_get(json_array_get(root, 0), "error"))) {
    rc = genai__api_error_raise_json(data, len, secrets);
  } else {
    rc = genai__decode_root_owned(t, backend, root, GENAI_EDECODE, data, len, out);
    if (rc == GENAI_EDECODE) genai__response_decode_failed(resp);
    if (rc == GENAI_OK && (rc = genai__response_attach_headers(t, resp, *out)) != GENAI_OK) {
      genai__value_free(*out);
      *out = NULL;
    }
  }
  json_decref(root);
  return rc;
}
