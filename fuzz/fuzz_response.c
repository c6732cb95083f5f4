/* libFuzzer target: the GenerateContentResponse decoders.
 *
 * The input is a response body. It goes through
 * - genai_generate_content_response_from_json (the SDK's own JSON form),
 * - genai__decode_owned for the Gemini Developer API and for Vertex AI (the
 *   network decode that the pipeline uses; it keeps the raw bytes).
 * Checked for each decode that succeeds:
 * - genai_response_raw_json gives back exactly the input for a network
 *   decode, and NULL for from_json;
 * - the response re-encodes (to_json), that JSON decodes again, and the
 *   second encoding is byte for byte the first: the SDK form is a fixed
 *   point of decode/encode, so nothing is lost or invented on a round trip;
 * - the convenience readers (text, function calls, parsed JSON) do not
 *   crash, and parsed JSON is itself valid JSON when it succeeds.
 * A failed decode must leave no value and be described by
 * genai_error_last(). LeakSanitizer checks that every path frees. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <genai/genai.h>

#include "fuzz_util.h"
#include "wire/codec.h"
#include "wire/types_gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_helpers(const genai_generate_content_response *r) {
  const char *text = genai_response_text(r);
  if (text) (void)strlen(text);
  const genai_function_call *const *calls = NULL;
  size_t n = genai_response_function_calls(r, &calls);
  FUZZ_CHECK(n == 0 || calls != NULL, "%zu function calls but no array", n);
  for (size_t i = 0; i < n; i++) FUZZ_CHECK(calls[i] != NULL, "function call %zu is NULL", i);
  char *parsed = NULL;
  genai_result rc = genai_response_parsed_json(r, &parsed);
  if (rc == GENAI_OK) {
    FUZZ_CHECK(parsed != NULL, "parsed_json succeeded without a result");
    json_error_t jerr;
    json_t *v = json_loads(parsed, JSON_DECODE_ANY, &jerr);
    FUZZ_CHECK(v != NULL, "parsed_json gave text that is not JSON (%s): %s", jerr.text, parsed);
    json_decref(v);
  } else {
    fuzz_check_error(rc, "genai_response_parsed_json");
    FUZZ_CHECK(parsed == NULL, "parsed_json failed but set its output");
  }
  genai_free(parsed);
}

/* decode → encode (j1) → decode → encode (j2): j1 == j2. */
static void round_trip(const genai_generate_content_response *r, const char *how) {
  char *j1 = NULL, *j2 = NULL;
  genai_result rc = genai_generate_content_response_to_json(r, &j1);
  FUZZ_CHECK(rc == GENAI_OK, "%s: a decoded response does not encode: %s: %s", how, genai_result_name(rc),
             genai_error_last()->message);
  genai_generate_content_response *again = NULL;
  rc = genai_generate_content_response_from_json(j1, &again);
  FUZZ_CHECK(rc == GENAI_OK, "%s: the SDK's own JSON does not decode: %s: %s\n  JSON: %s", how,
             genai_result_name(rc), genai_error_last()->message, j1);
  rc = genai_generate_content_response_to_json(again, &j2);
  FUZZ_CHECK(rc == GENAI_OK, "%s: the second encode failed: %s: %s", how, genai_result_name(rc),
             genai_error_last()->message);
  FUZZ_CHECK(strcmp(j1, j2) == 0, "%s: the second round trip changed the JSON\n  first:  %s\n  second: %s", how, j1,
             j2);
  read_helpers(again);
  genai_generate_content_response_free(again);
  genai_free(j1);
  genai_free(j2);
}

static void network_decode(genai__backend backend, const uint8_t *data, size_t size, const char *how) {
  void *out = (void *)1; /* must be reset on failure */
  genai_result rc = genai__decode_owned(&genai__type_generate_content_response, backend, (const char *)data, size,
                                        &out);
  if (rc != GENAI_OK) {
    fuzz_check_error(rc, how);
    FUZZ_CHECK(out == NULL, "%s failed but left a value", how);
    return;
  }
  genai_generate_content_response *r = out;
  size_t raw_len = 0;
  const char *raw = genai_response_raw_json(r, &raw_len);
  FUZZ_CHECK(raw && raw_len == size && (size == 0 || !memcmp(raw, data, size)),
             "%s: raw_json is not the input (%zu bytes, input %zu)", how, raw_len, size);
  read_helpers(r);
  round_trip(r, how);
  genai_generate_content_response_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  genai_error_clear();
  char *text = fuzz_cstr(data, size);
  genai_generate_content_response *r = (void *)1;
  genai_result rc = genai_generate_content_response_from_json(text, &r);
  if (rc == GENAI_OK) {
    FUZZ_CHECK(genai_response_raw_json(r, NULL) == NULL, "from_json kept raw bytes");
    read_helpers(r);
    round_trip(r, "from_json");
    genai_generate_content_response_free(r);
  } else {
    fuzz_check_error(rc, "genai_generate_content_response_from_json");
    FUZZ_CHECK(r == NULL, "from_json failed but left a value");
  }
  free(text);

  network_decode(GENAI__BACKEND_MLDEV, data, size, "decode_owned(mldev)");
  network_decode(GENAI__BACKEND_VERTEX, data, size, "decode_owned(vertex)");
  genai_error_clear();
  return 0;
}
