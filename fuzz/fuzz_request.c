/* libFuzzer target: contents and config from JSON, and the generate_content
 * request built from them.
 *
 * The input is JSON. It is read as
 * - contents (genai_contents_from_json: any Python form of `contents`),
 * - a GenerateContentConfig (genai_generate_content_config_from_json),
 * - the whole parameters of models.generate_content (model, contents,
 *   config), as tests/unit/test_converters.c reads its cases.
 * What decodes is sent through the request builder of generate_content
 * (genai__method_build) for the Gemini Developer API and for Vertex AI:
 * contents alone, the config with "Hi", both together, and the parameters.
 * Checked: a config that decodes re-encodes to a fixed point (encode,
 * decode, encode gives the same JSON); a build either succeeds with a verb,
 * the expected path (for our model) and a JSON object body, or fails with
 * GENAI_EINVAL described by genai_error_last(); nothing leaks. */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <genai/genai.h>

#include "api/method.h"
#include "fuzz_util.h"
#include "wire/codec.h"
#include "wire/types_gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fixed_model: the model is ours ("gemini-2.0-flash"), so the path is known
 * (relative to the API version; Vertex AI's project and location are added by
 * the pipeline); a model read from the input may be a full resource name. */
static void build(genai__backend backend, const genai_generate_content_parameters *p, bool fixed_model,
                  const char *how) {
  genai__built_request req;
  memset(&req, 0, sizeof(req));
  genai_error_clear();
  genai_result rc = genai__method_build(&genai__method_models_generate_content, backend, "fuzz-project",
                                        "us-central1", p, &req);
  if (rc == GENAI_OK) {
    FUZZ_CHECK(req.verb && !strcmp(req.verb, "POST"), "%s: verb %s", how, req.verb ? req.verb : "(null)");
    FUZZ_CHECK(req.path != NULL, "%s: no path", how);
    const char *want = backend == GENAI__BACKEND_VERTEX ? "publishers/google/models/gemini-2.0-flash:generateContent"
                                                        : "models/gemini-2.0-flash:generateContent";
    FUZZ_CHECK(!fixed_model || !strcmp(req.path, want), "%s: path %s, expected %s", how, req.path, want);
    FUZZ_CHECK(json_is_object(req.body), "%s: the body is not a JSON object", how);
    char *text = genai__json_dump(req.body);
    FUZZ_CHECK(text != NULL, "%s: the body does not serialise", how);
    genai_free(text);
  } else {
    fuzz_check_error(rc, how);
    FUZZ_CHECK(rc == GENAI_EINVAL, "%s: failed with %s: %s", how, genai_result_name(rc), genai_error_last()->message);
  }
  genai__built_request_clear(&req);
}

static void build_both(const genai_generate_content_parameters *p, bool fixed_model, const char *how) {
  build(GENAI__BACKEND_MLDEV, p, fixed_model, how);
  build(GENAI__BACKEND_VERTEX, p, fixed_model, how);
}

static void config_round_trip(const genai_generate_content_config *cfg) {
  char *j1 = NULL, *j2 = NULL;
  genai_result rc = genai_generate_content_config_to_json(cfg, &j1);
  FUZZ_CHECK(rc == GENAI_OK, "a decoded config does not encode: %s: %s", genai_result_name(rc),
             genai_error_last()->message);
  genai_generate_content_config *again = NULL;
  rc = genai_generate_content_config_from_json(j1, &again);
  FUZZ_CHECK(rc == GENAI_OK, "the SDK's own config JSON does not decode: %s: %s\n  JSON: %s", genai_result_name(rc),
             genai_error_last()->message, j1);
  rc = genai_generate_content_config_to_json(again, &j2);
  FUZZ_CHECK(rc == GENAI_OK, "the second config encode failed: %s", genai_error_last()->message);
  FUZZ_CHECK(strcmp(j1, j2) == 0, "the config's second round trip changed the JSON\n  first:  %s\n  second: %s", j1,
             j2);
  genai_generate_content_config_free(again);
  genai_free(j1);
  genai_free(j2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_cstr(data, size);
  genai_error_clear();

  genai_contents *contents = (void *)1;
  genai_result rc = genai_contents_from_json(text, &contents);
  if (rc != GENAI_OK) {
    fuzz_check_error(rc, "genai_contents_from_json");
    FUZZ_CHECK(contents == NULL, "contents_from_json failed but left a value");
  }
  genai_generate_content_config *cfg = (void *)1;
  rc = genai_generate_content_config_from_json(text, &cfg);
  if (rc != GENAI_OK) {
    fuzz_check_error(rc, "genai_generate_content_config_from_json");
    FUZZ_CHECK(cfg == NULL, "config_from_json failed but left a value");
  } else {
    config_round_trip(cfg);
  }

  genai_generate_content_parameters p = {GENAI_INIT(genai_generate_content_parameters), .model = "gemini-2.0-flash"};
  if (contents) {
    p.contents = contents;
    build_both(&p, true, "contents");
  }
  if (cfg) {
    p.contents = GENAI_TEXT("Hi");
    p.config = cfg;
    build_both(&p, true, "config");
  }
  if (contents && cfg) {
    p.contents = contents;
    build_both(&p, true, "contents+config");
  }
  genai_contents_free(contents);
  genai_generate_content_config_free(cfg);

  void *params = NULL;
  genai_error_clear();
  rc = genai__value_from_json(&genai__type_generate_content_parameters, text, &params);
  if (rc == GENAI_OK) {
    build_both(params, false, "parameters");
    genai__value_free(params);
  } else {
    fuzz_check_error(rc, "parameters from JSON");
  }
  free(text);
  genai_error_clear();
  return 0;
}
