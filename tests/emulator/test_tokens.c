/* countTokens (both backends) and computeTokens (Vertex AI) of
 * genai-emulator: numbers by the emulator's token rule, each backend's
 * response layout, validation (docs/emulator.md, "Token counting"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "http_client.h"
#include "json_path.h"

#define FOX                                                                                  \
  "{\"contents\":[{\"parts\":[{\"text\":\"The quick brown fox jumps over the lazy dog.\"}]," \
  "\"role\":\"user\"}]}"

static emu_harness emu;

static json_t *post_ok(const char *path, const char *auth, const char *body) {
  long status;
  json_t *doc = http_post_json(&emu, path, auth, body, &status);
  if (status != 200) fail_msg("status %ld for %s", status, path);
  assert_non_null(doc);
  return doc;
}

static json_t *post_error(const char *path, const char *auth, const char *body, long want) {
  long status;
  json_t *doc = http_post_json(&emu, path, auth, body, &status);
  assert_int_equal(status, want);
  assert_int_equal(jp_int(doc, "error.code"), want);
  return doc;
}

static void test_mldev_count_tokens(void **state) {
  (void)state;
  http_reply r;
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_call(NULL, &emu, "POST", MLDEV_RPC("gemini-1.5-flash", "countTokens"), headers, FOX, &r);
  assert_int_equal(r.status, 200);
  /* Laid out like the service's answer (which also sends contentTokens and
   * systemInstructionsTokens, though the reference does not list them). */
  static const char expected[] =
      "{\n"
      "  \"totalTokens\": 10,\n"
      "  \"systemInstructionsTokens\": {},\n"
      "  \"contentTokens\": [\n"
      "    {\n"
      "      \"partTokens\": [\n"
      "        10\n"
      "      ]\n"
      "    }\n"
      "  ],\n"
      "  \"promptTokensDetails\": [\n"
      "    {\n"
      "      \"modality\": \"TEXT\",\n"
      "      \"tokenCount\": 10\n"
      "    }\n"
      "  ]\n"
      "}\n";
  assert_string_equal(r.body, expected);
  http_reply_dispose(&r);
}

/* countTokens agrees with generateContent's promptTokenCount. */
static void test_consistent_with_generate(void **state) {
  (void)state;
  const char *body =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello, w\\u00f6rld!\"},"
      "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AA==\"}},{\"text\":\"3.14\"}]},"
      "{\"role\":\"model\",\"parts\":[{\"text\":\"ok then\"}]}]}";
  json_t *count = post_ok(MLDEV_RPC("gemini-2.0-flash", "countTokens"), API_KEY_HEADER, body);
  json_t *gen = post_ok(MLDEV_PATH("gemini-2.0-flash"), API_KEY_HEADER, body);
  assert_int_equal(jp_int(count, "totalTokens"), 11); /* 6 + 3 + 2 */
  assert_int_equal(jp_int(count, "totalTokens"), jp_int(gen, "usageMetadata.promptTokenCount"));
  assert_int_equal(jp_int(count, "contentTokens.0.partTokens.0"), 6);
  assert_int_equal(jp_int(count, "contentTokens.0.partTokens.1"), 0);
  assert_int_equal(jp_int(count, "contentTokens.0.partTokens.2"), 3);
  assert_int_equal(jp_int(count, "contentTokens.1.partTokens.0"), 2);
  json_decref(count);
  json_decref(gen);
  /* No text at all: the zero total is left out, as proto3 JSON does. */
  count = post_ok(
      MLDEV_RPC("gemini-2.0-flash", "countTokens"), API_KEY_HEADER,
      "{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"a/b\",\"data\":\"\"}}]}]}");
  assert_null(jp(count, "totalTokens"));
  assert_null(jp(count, "promptTokensDetails"));
  assert_int_equal(jp_int(count, "contentTokens.0.partTokens.0"), 0);
  json_decref(count);
}

/* mldev's CountTokensRequest has no systemInstruction, tools or
 * generationConfig (the SDKs refuse them before sending). */
static void test_mldev_rejects_vertex_fields(void **state) {
  (void)state;
  json_t *doc = post_error(MLDEV_RPC("gemini-2.0-flash", "countTokens"), API_KEY_HEADER,
                           "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
                           "\"systemInstruction\":{\"parts\":[{\"text\":\"y\"}]},\"tools\":[],"
                           "\"generationConfig\":{}}",
                           400);
  assert_string_equal(jp_str(doc, "error.message"),
                      "Invalid JSON payload received. Unknown name \"systemInstruction\": Cannot "
                      "find field.\nInvalid JSON payload received. Unknown name \"tools\": Cannot "
                      "find field.\nInvalid JSON payload received. Unknown name "
                      "\"generationConfig\": Cannot find field.");
  assert_int_equal(json_array_size(jp(doc, "error.details.0.fieldViolations")), 3);
  json_decref(doc);
}

static void test_vertex_count_tokens(void **state) {
  (void)state;
  json_t *doc = post_ok(VERTEX_RPC("gemini-1.5-flash", "countTokens"), BEARER_HEADER, FOX);
  assert_int_equal(jp_int(doc, "totalTokens"), 10);
  /* The character rule: 44 characters, 8 of them spaces. */
  assert_int_equal(jp_int(doc, "totalBillableCharacters"), 36);
  assert_int_equal(jp_int(doc, "promptTokensDetails.0.tokenCount"), 10);
  assert_null(jp(doc, "contentTokens"));
  assert_int_equal(json_object_size(doc), 3);
  json_decref(doc);
  /* The system instruction counts; tools and generationConfig are accepted. */
  doc = post_ok(EXPRESS_RPC("gemini-2.0-flash", "countTokens"), API_KEY_HEADER,
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello world\"}]}],"
                "\"systemInstruction\":{\"parts\":[{\"text\":\"Be terse.\"}]},"
                "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"}]}],"
                "\"generationConfig\":{\"temperature\":0.2}}");
  assert_int_equal(jp_int(doc, "totalTokens"), 5);
  assert_int_equal(jp_int(doc, "totalBillableCharacters"), 18);
  json_decref(doc);
  doc = post_error(VERTEX_RPC("gemini-2.0-flash", "countTokens"), BEARER_HEADER,
                   "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
                   "\"generationConfig\":{\"topQ\":1}}",
                   400);
  assert_string_equal(jp_str(doc, "error.message"),
                      "Invalid JSON payload received. Unknown name \"topQ\" at "
                      "'generation_config': Cannot find field.");
  json_decref(doc);
}

static void test_count_tokens_validation(void **state) {
  (void)state;
  json_t *doc = post_error(MLDEV_RPC("gemini-2.0-flash", "countTokens"), API_KEY_HEADER, "{}", 400);
  assert_string_equal(jp_str(doc, "error.message"),
                      "* CountTokensRequest.contents: contents is not specified\n");
  json_decref(doc);
  doc = post_error(VERTEX_RPC("gemini-2.0-flash", "countTokens"), BEARER_HEADER,
                   "{\"contents\":[{\"role\":\"system\",\"parts\":[{\"text\":\"x\"}]}]}", 400);
  assert_string_equal(jp_str(doc, "error.message"), "Please use a valid role: user, model.");
  json_decref(doc);
  doc = post_error(MLDEV_RPC("gemini-2.0-flash", "countTokens"), API_KEY_HEADER,
                   "{\"contents\":[{\"parts\":[]}]}", 400);
  assert_string_equal(jp_str(doc, "error.message"),
                      "* CountTokensRequest.contents[0].parts: contents.parts must not be "
                      "empty.\n");
  json_decref(doc);
  doc = post_error(MLDEV_RPC("gpt-4", "countTokens"), API_KEY_HEADER, FOX, 404);
  assert_string_equal(jp_str(doc, "error.message"),
                      "models/gpt-4 is not found for API version v1beta, or is not supported for "
                      "countTokens. Call ListModels to see the list of available models and "
                      "their supported methods.");
  json_decref(doc);
  /* Embedding models count tokens too. */
  doc = post_ok(MLDEV_RPC("gemini-embedding-001", "countTokens"), API_KEY_HEADER, FOX);
  assert_int_equal(jp_int(doc, "totalTokens"), 10);
  json_decref(doc);
  json_decref(post_error(MLDEV_RPC("gemini-2.0-flash", "countTokens"), NULL, FOX, 403));
}

/* The real service's tokens for this sentence are exactly these bytes. */
static void test_compute_tokens(void **state) {
  (void)state;
  json_t *doc = post_ok(VERTEX_RPC("gemini-1.5-flash", "computeTokens"), BEARER_HEADER, FOX);
  static const char *const tokens[] = {"VGhl",     "IHF1aWNr", "IGJyb3du", "IGZveA==", "IGp1bXBz",
                                       "IG92ZXI=", "IHRoZQ==", "IGxhenk=", "IGRvZw==", "Lg=="};
  assert_int_equal(json_array_size(jp(doc, "tokensInfo")), 1);
  assert_int_equal(json_array_size(jp(doc, "tokensInfo.0.tokens")), 10);
  assert_int_equal(json_array_size(jp(doc, "tokensInfo.0.tokenIds")), 10);
  for (size_t i = 0; i < 10; i++) {
    char path[64];
    snprintf(path, sizeof path, "tokensInfo.0.tokens.%zu", i);
    assert_string_equal(jp_str(doc, path), tokens[i]);
    snprintf(path, sizeof path, "tokensInfo.0.tokenIds.%zu", i);
    const char *id = jp_str(doc, path); /* int64 as a decimal string */
    assert_non_null(id);
    char *end;
    long v = strtol(id, &end, 10);
    assert_true(*id && !*end && v >= 0 && v < 256000);
  }
  assert_string_equal(jp_str(doc, "tokensInfo.0.role"), "user");
  /* FNV-1a-32 of "The" modulo 256000, as documented. */
  assert_string_equal(jp_str(doc, "tokensInfo.0.tokenIds.0"), "8636");
  assert_string_equal(jp_str(doc, "tokensInfo.0.tokenIds.9"), "69873");
  /* Key order as the service writes it. */
  const char *keys[3];
  size_t k = 0;
  const char *key;
  json_t *value;
  json_object_foreach(jp(doc, "tokensInfo.0"), key, value) if (k < 3) keys[k++] = key;
  assert_string_equal(keys[0], "tokens");
  assert_string_equal(keys[1], "tokenIds");
  assert_string_equal(keys[2], "role");
  json_decref(doc);
}

static void test_compute_tokens_ids_and_contents(void **state) {
  (void)state;
  json_t *doc = post_ok(
      EXPRESS_RPC("gemini-2.0-flash", "computeTokens"), API_KEY_HEADER,
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"the the\"},{\"text\":\"the\"}]},"
      "{\"parts\":[{\"inlineData\":{\"mimeType\":\"a/b\",\"data\":\"\"}}]},"
      "{\"role\":\"model\",\"parts\":[{\"text\":\"  ok\"}]}]}");
  assert_int_equal(json_array_size(jp(doc, "tokensInfo")), 3);
  /* "the", " the", "the": the same bytes get the same id; the leading space
   * makes a different token. */
  assert_string_equal(jp_str(doc, "tokensInfo.0.tokens.0"), "dGhl");
  assert_string_equal(jp_str(doc, "tokensInfo.0.tokens.1"), "IHRoZQ==");
  assert_string_equal(jp_str(doc, "tokensInfo.0.tokens.2"), "dGhl");
  assert_string_equal(jp_str(doc, "tokensInfo.0.tokenIds.0"),
                      jp_str(doc, "tokensInfo.0.tokenIds.2"));
  assert_string_not_equal(jp_str(doc, "tokensInfo.0.tokenIds.0"),
                          jp_str(doc, "tokensInfo.0.tokenIds.1"));
  /* A content without text has no lists and, without a role, nothing. */
  assert_int_equal(json_object_size(jp(doc, "tokensInfo.1")), 0);
  assert_string_equal(jp_str(doc, "tokensInfo.2.tokens.0"), "ICBvaw=="); /* "  ok" */
  assert_string_equal(jp_str(doc, "tokensInfo.2.role"), "model");
  json_t *again = post_ok(VERTEX_RPC("gemini-2.0-flash", "computeTokens"), BEARER_HEADER,
                          "{\"contents\":[{\"parts\":[{\"text\":\"the\"}]}]}");
  assert_string_equal(jp_str(again, "tokensInfo.0.tokenIds.0"),
                      jp_str(doc, "tokensInfo.0.tokenIds.0")); /* deterministic */
  json_decref(again);
  json_decref(doc);
}

static void test_compute_tokens_errors(void **state) {
  (void)state;
  /* mldev has no computeTokens: the front end's HTML 404. */
  http_reply r;
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_call(NULL, &emu, "POST", MLDEV_RPC("gemini-2.0-flash", "computeTokens"), headers, FOX, &r);
  assert_int_equal(r.status, 404);
  char ct[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", ct, sizeof ct),
                      "text/html; charset=UTF-8");
  http_reply_dispose(&r);
  json_t *doc = post_error(VERTEX_RPC("gemini-2.0-flash", "computeTokens"), NULL, FOX, 401);
  assert_string_equal(jp_str(doc, "error.details.0.metadata.method"),
                      "google.cloud.aiplatform.v1beta1.LlmUtilityService.ComputeTokens");
  json_decref(doc);
  doc = post_error(VERTEX_RPC("gemini-2.0-flash", "computeTokens"), BEARER_HEADER,
                   "{\"contents\":[],\"systemInstruction\":{}}", 400);
  assert_string_equal(jp_str(doc, "error.message"),
                      "Invalid JSON payload received. Unknown name \"systemInstruction\": Cannot "
                      "find field.");
  json_decref(doc);
  doc = post_error(VERTEX_RPC("gemini-2.0-flash", "computeTokens"), BEARER_HEADER, "{}", 400);
  assert_string_equal(jp_str(doc, "error.message"),
                      "* ComputeTokensRequest.contents: contents is not specified\n");
  json_decref(doc);
  json_decref(post_error(VERTEX_RPC("claude-3", "computeTokens"), BEARER_HEADER, FOX, 404));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mldev_count_tokens),
      cmocka_unit_test(test_consistent_with_generate),
      cmocka_unit_test(test_mldev_rejects_vertex_fields),
      cmocka_unit_test(test_vertex_count_tokens),
      cmocka_unit_test(test_count_tokens_validation),
      cmocka_unit_test(test_compute_tokens),
      cmocka_unit_test(test_compute_tokens_ids_and_contents),
      cmocka_unit_test(test_compute_tokens_errors),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
