/* generateContent replies of genai-emulator: the deterministic reply rules
 * and each backend's response layout (docs/emulator.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "http_client.h"
#include "json_path.h"

#define HELLO "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello world\"}]}]"
/* "Echo from gemini-2.0-flash: Hello world" has 12 tokens:
 * Echo from gemini - 2 . 0 - flash : Hello world */
#define HELLO_REPLY "Echo from gemini-2.0-flash: Hello world"

static emu_harness emu;

static json_t *mldev(const char *body) {
  long status;
  json_t *doc = http_post_json(&emu, MLDEV_PATH("gemini-2.0-flash"), API_KEY_HEADER, body, &status);
  assert_int_equal(status, 200);
  assert_non_null(doc);
  return doc;
}

static void test_mldev_reply(void **state) {
  (void)state;
  json_t *r = mldev(HELLO "}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"), HELLO_REPLY);
  assert_string_equal(jp_str(r, "candidates.0.content.role"), "model");
  assert_string_equal(jp_str(r, "candidates.0.finishReason"), "STOP");
  assert_int_equal(jp_int(r, "candidates.0.index"), 0);
  assert_int_equal(json_array_size(jp(r, "candidates")), 1);
  assert_int_equal(jp_int(r, "usageMetadata.promptTokenCount"), 2);
  assert_int_equal(jp_int(r, "usageMetadata.candidatesTokenCount"), 12);
  assert_int_equal(jp_int(r, "usageMetadata.totalTokenCount"), 14);
  assert_string_equal(jp_str(r, "usageMetadata.promptTokensDetails.0.modality"), "TEXT");
  assert_int_equal(jp_int(r, "usageMetadata.promptTokensDetails.0.tokenCount"), 2);
  assert_int_equal(jp_int(r, "usageMetadata.candidatesTokensDetails.0.tokenCount"), 12);
  assert_null(jp(r, "usageMetadata.trafficType"));
  assert_string_equal(jp_str(r, "modelVersion"), "gemini-2.0-flash");
  assert_int_equal(strlen(jp_str(r, "responseId")), 22);
  assert_null(jp(r, "createTime"));
  json_decref(r);
}

/* The worked example of docs/emulator.md, byte for byte. */
static void test_mldev_exact_bytes(void **state) {
  (void)state;
  static const char expected[] =
      "{\n"
      "  \"candidates\": [\n"
      "    {\n"
      "      \"content\": {\n"
      "        \"parts\": [\n"
      "          {\n"
      "            \"text\": \"Echo from gemini-2.0-flash: Hello world\"\n"
      "          }\n"
      "        ],\n"
      "        \"role\": \"model\"\n"
      "      },\n"
      "      \"finishReason\": \"STOP\",\n"
      "      \"index\": 0\n"
      "    }\n"
      "  ],\n"
      "  \"usageMetadata\": {\n"
      "    \"promptTokenCount\": 2,\n"
      "    \"candidatesTokenCount\": 12,\n"
      "    \"totalTokenCount\": 14,\n"
      "    \"promptTokensDetails\": [\n"
      "      {\n"
      "        \"modality\": \"TEXT\",\n"
      "        \"tokenCount\": 2\n"
      "      }\n"
      "    ],\n"
      "    \"candidatesTokensDetails\": [\n"
      "      {\n"
      "        \"modality\": \"TEXT\",\n"
      "        \"tokenCount\": 12\n"
      "      }\n"
      "    ]\n"
      "  },\n"
      "  \"modelVersion\": \"gemini-2.0-flash\",\n"
      "  \"responseId\": \"W2xdhnobdBm0FmFzw2qQhw\"\n"
      "}\n";
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", MLDEV_PATH("gemini-2.0-flash"), headers,
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello world\"}]}]}", &r);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body, expected);
  char ct[128];
  assert_non_null(http_reply_header(&r, "Content-Type", ct, sizeof ct));
  assert_string_equal(ct, "application/json; charset=UTF-8");
  http_reply_dispose(&r);
}

static void test_vertex_layout(void **state) {
  (void)state;
  const char *headers[] = {BEARER_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", VERTEX_PATH("gemini-2.5-flash"), headers, HELLO "}", &r);
  assert_int_equal(r.status, 200);
  /* Vertex writes "role" before "parts", mldev after. */
  const char *role = strstr(r.body, "\"role\"");
  const char *parts = strstr(r.body, "\"parts\"");
  assert_non_null(role);
  assert_non_null(parts);
  assert_true(role < parts);
  json_t *doc = http_reply_json(&r);
  assert_string_equal(jp_str(doc, "candidates.0.content.parts.0.text"),
                      "Echo from gemini-2.5-flash: Hello world");
  assert_null(jp(doc, "candidates.0.index")); /* proto3 default omitted */
  assert_string_equal(jp_str(doc, "usageMetadata.trafficType"), "ON_DEMAND");
  assert_string_equal(jp_str(doc, "modelVersion"), "gemini-2.5-flash");
  const char *when = jp_str(doc, "createTime");
  assert_non_null(when);
  assert_int_equal(strlen(when), 27); /* 2025-05-14T18:12:49.691266Z */
  assert_true(when[4] == '-' && when[10] == 'T' && when[19] == '.' && when[26] == 'Z');
  /* createTime comes after modelVersion and before responseId, as recorded. */
  assert_true(strstr(r.body, "\"modelVersion\"") < strstr(r.body, "\"createTime\""));
  assert_true(strstr(r.body, "\"createTime\"") < strstr(r.body, "\"responseId\""));
  json_decref(doc);
  http_reply_dispose(&r);
}

static void test_mldev_role_after_parts(void **state) {
  (void)state;
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", MLDEV_PATH("gemini-2.0-flash"), headers, HELLO "}", &r);
  assert_int_equal(r.status, 200);
  assert_true(strstr(r.body, "\"parts\"") < strstr(r.body, "\"role\""));
  http_reply_dispose(&r);
}

static void expect_model_echo(const char *path, const char *auth, const char *model) {
  long status;
  json_t *r = http_post_json(&emu, path, auth, HELLO "}", &status);
  assert_int_equal(status, 200);
  char want[128];
  snprintf(want, sizeof want, "Echo from %s: Hello world", model);
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"), want);
  assert_string_equal(jp_str(r, "modelVersion"), model);
  json_decref(r);
}

static void test_all_path_forms(void **state) {
  (void)state;
  expect_model_echo("/v1/models/gemini-1.5-pro:generateContent", API_KEY_HEADER, "gemini-1.5-pro");
  expect_model_echo("/v1alpha/models/gemma-3-27b-it:generateContent", API_KEY_HEADER,
                    "gemma-3-27b-it");
  expect_model_echo("/v1beta/tunedModels/gemini-tuned-abc:generateContent", API_KEY_HEADER,
                    "gemini-tuned-abc");
  expect_model_echo(
      "/v1/projects/p/locations/europe-west4/publishers/google/models/"
      "gemini-2.0-flash:generateContent",
      BEARER_HEADER, "gemini-2.0-flash");
  expect_model_echo(
      "/v1beta/projects/p/locations/global/publishers/google/models/"
      "gemini-2.0-flash:generateContent",
      BEARER_HEADER, "gemini-2.0-flash");
  expect_model_echo(EXPRESS_PATH("gemini-2.0-flash"), API_KEY_HEADER, "gemini-2.0-flash");
  expect_model_echo(EXPRESS_PATH("gemini-2.0-flash"), BEARER_HEADER, "gemini-2.0-flash");
}

static void test_prompt_is_last_user_turn(void **state) {
  (void)state;
  json_t *r = mldev(
      "{\"contents\":["
      "{\"role\":\"user\",\"parts\":[{\"text\":\"first\"}]},"
      "{\"role\":\"model\",\"parts\":[{\"text\":\"reply\"}]},"
      "{\"parts\":[{\"text\":\"second\"},{\"text\":\"part\"}]},"
      "{\"role\":\"model\",\"parts\":[{\"text\":\"trailing\"}]}]}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "Echo from gemini-2.0-flash: second part");
  /* Every text part of every turn counts: first reply second part trailing. */
  assert_int_equal(jp_int(r, "usageMetadata.promptTokenCount"), 5);
  json_decref(r);
}

static void test_no_text_prompt(void **state) {
  (void)state;
  json_t *r = mldev(
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":"
      "{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]}]}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "Echo from gemini-2.0-flash: (no text)");
  /* Zero counts are omitted, as proto3 JSON does. */
  assert_null(jp(r, "usageMetadata.promptTokenCount"));
  assert_null(jp(r, "usageMetadata.promptTokensDetails"));
  assert_int_equal(jp_int(r, "usageMetadata.candidatesTokenCount"), 14);
  assert_int_equal(jp_int(r, "usageMetadata.totalTokenCount"), 14);
  json_decref(r);
}

static void test_system_instruction_shows(void **state) {
  (void)state;
  json_t *r = mldev(
      "{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}],"
      "\"systemInstruction\":{\"parts\":[{\"text\":\"Be terse.\"}]}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "Echo from gemini-2.0-flash: Hi [system: Be terse.]");
  assert_int_equal(jp_int(r, "usageMetadata.promptTokenCount"), 4); /* Hi Be terse . */
  json_decref(r);
}

static void test_token_rule(void **state) {
  (void)state;
  /* Hello , w ö rld ! 3 . 14 -> 9; the tab and newline are separators. */
  json_t *r = mldev("{\"contents\":[{\"parts\":[{\"text\":\"Hello, w\\u00f6rld!\\t3.14\\n\"}]}]}");
  assert_int_equal(jp_int(r, "usageMetadata.promptTokenCount"), 9);
  /* "Echo from gemini-2.0-flash: " is 10 tokens, plus the 9 of the prompt. */
  assert_int_equal(jp_int(r, "usageMetadata.candidatesTokenCount"), 19);
  assert_int_equal(jp_int(r, "usageMetadata.totalTokenCount"), 28);
  json_decref(r);
  /* A 4-byte UTF-8 character is one token, like any other symbol. */
  r = mldev("{\"contents\":[{\"parts\":[{\"text\":\"a\\ud83d\\ude00b\"}]}]}");
  assert_int_equal(jp_int(r, "usageMetadata.promptTokenCount"), 3);
  json_decref(r);
}

static void test_max_output_tokens(void **state) {
  (void)state;
  json_t *r = mldev(HELLO ",\"generationConfig\":{\"maxOutputTokens\":11}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "Echo from gemini-2.0-flash: Hello");
  assert_string_equal(jp_str(r, "candidates.0.finishReason"), "MAX_TOKENS");
  assert_int_equal(jp_int(r, "usageMetadata.candidatesTokenCount"), 11);
  json_decref(r);
  /* Exactly as many tokens as allowed: nothing dropped, STOP. */
  r = mldev(HELLO ",\"generationConfig\":{\"maxOutputTokens\":12}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"), HELLO_REPLY);
  assert_string_equal(jp_str(r, "candidates.0.finishReason"), "STOP");
  json_decref(r);
  /* The cut keeps the text between tokens and drops trailing whitespace. */
  r = mldev(
      "{\"contents\":[{\"parts\":[{\"text\":\"a  b   c\"}]}],"
      "\"generationConfig\":{\"maxOutputTokens\":12}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "Echo from gemini-2.0-flash: a  b");
  json_decref(r);
}

static void test_stop_sequences(void **state) {
  (void)state;
  json_t *r = mldev(HELLO ",\"generationConfig\":{\"stopSequences\":[\"world\",\"flash\"]}}");
  /* The earliest match wins ("flash" before "world"); no trimming. */
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"), "Echo from gemini-2.0-");
  assert_string_equal(jp_str(r, "candidates.0.finishReason"), "STOP");
  assert_int_equal(jp_int(r, "usageMetadata.candidatesTokenCount"), 8);
  json_decref(r);
  r = mldev(HELLO ",\"generationConfig\":{\"stopSequences\":[\"absent\"]}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"), HELLO_REPLY);
  json_decref(r);
}

static void test_stop_sequence_empties_reply(void **state) {
  (void)state;
  json_t *r = mldev(HELLO ",\"generationConfig\":{\"stopSequences\":[\"Echo\"]}}");
  assert_string_equal(jp_str(r, "candidates.0.content.role"), "model");
  assert_null(jp(r, "candidates.0.content.parts"));
  assert_null(jp(r, "usageMetadata.candidatesTokenCount"));
  assert_int_equal(jp_int(r, "usageMetadata.totalTokenCount"), 2);
  json_decref(r);
}

static void test_stop_then_max_tokens(void **state) {
  (void)state;
  json_t *r = mldev(HELLO
                    ",\"generationConfig\":{\"stopSequences\":[\"world\"],"
                    "\"maxOutputTokens\":3}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"), "Echo from gemini");
  assert_string_equal(jp_str(r, "candidates.0.finishReason"), "MAX_TOKENS");
  json_decref(r);
}

static void test_candidate_count(void **state) {
  (void)state;
  json_t *r = mldev(HELLO ",\"generationConfig\":{\"candidateCount\":3}}");
  assert_int_equal(json_array_size(jp(r, "candidates")), 3);
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"), HELLO_REPLY);
  assert_string_equal(jp_str(r, "candidates.1.content.parts.0.text"), HELLO_REPLY " (candidate 2)");
  assert_string_equal(jp_str(r, "candidates.2.content.parts.0.text"), HELLO_REPLY " (candidate 3)");
  for (int i = 0; i < 3; i++) {
    char path[64];
    snprintf(path, sizeof path, "candidates.%d.index", i);
    assert_int_equal(jp_int(r, path), i);
  }
  /* 12 + (12 + "( candidate 2 )" 4) + 16 */
  assert_int_equal(jp_int(r, "usageMetadata.candidatesTokenCount"), 44);
  assert_int_equal(jp_int(r, "usageMetadata.totalTokenCount"), 46);
  json_decref(r);
}

static void test_candidate_count_with_limits(void **state) {
  (void)state;
  /* The suffix is added before the max-token rule: 12 tokens keep the
   * base text, which drops the suffix of candidate 2. */
  json_t *r = mldev(HELLO ",\"generationConfig\":{\"candidateCount\":2,\"maxOutputTokens\":12}}");
  assert_string_equal(jp_str(r, "candidates.0.finishReason"), "STOP");
  assert_string_equal(jp_str(r, "candidates.1.content.parts.0.text"), HELLO_REPLY);
  assert_string_equal(jp_str(r, "candidates.1.finishReason"), "MAX_TOKENS");
  json_decref(r);
}

static void test_vertex_candidate_indexes(void **state) {
  (void)state;
  long status;
  json_t *r = http_post_json(&emu, VERTEX_PATH("gemini-2.0-flash"), BEARER_HEADER,
                             HELLO ",\"generationConfig\":{\"candidateCount\":2}}", &status);
  assert_int_equal(status, 200);
  assert_null(jp(r, "candidates.0.index"));
  assert_int_equal(jp_int(r, "candidates.1.index"), 1);
  json_decref(r);
}

static void test_candidate_count_zero_means_one(void **state) {
  (void)state;
  json_t *r = mldev(HELLO ",\"generationConfig\":{\"candidateCount\":0}}");
  assert_int_equal(json_array_size(jp(r, "candidates")), 1);
  json_decref(r);
}

static void test_snake_case_and_singular_values(void **state) {
  (void)state;
  json_t *r = mldev(
      "{\"contents\":{\"parts\":{\"text\":\"solo\"}},"
      "\"system_instruction\":{\"parts\":[{\"text\":\"sys\"}]},"
      "\"generation_config\":{\"max_output_tokens\":\"100\","
      "\"stop_sequences\":\"]\"}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "Echo from gemini-2.0-flash: solo [system: sys");
  json_decref(r);
}

static void test_response_id_is_deterministic(void **state) {
  (void)state;
  json_t *a = mldev(HELLO "}");
  json_t *b = mldev(HELLO "}");
  json_t *c = mldev(HELLO ",\"generationConfig\":{}}");
  assert_string_equal(jp_str(a, "responseId"), jp_str(b, "responseId"));
  assert_string_not_equal(jp_str(a, "responseId"), jp_str(c, "responseId"));
  for (const char *p = jp_str(a, "responseId"); *p; p++)
    assert_true((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                *p == '-' || *p == '_');
  json_decref(a);
  json_decref(b);
  json_decref(c);
}

static void test_known_fields_accepted(void **state) {
  (void)state;
  json_t *r = mldev(
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\",\"thought\":false},"
      "{\"fileData\":{\"fileUri\":\"gs://b/f\",\"mimeType\":\"text/plain\"}}]}],"
      "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"}]}],"
      "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"AUTO\"}},"
      /* cachedContent is accepted too, but must name a live cache (test_caches.c) */
      "\"safetySettings\":[],\"serviceTier\":\"x\","
      "\"generationConfig\":{\"temperature\":0.5,\"topP\":0.9,\"topK\":3,\"seed\":1,"
      "\"responseMimeType\":\"text/plain\",\"thinkingConfig\":{\"thinkingBudget\":0}}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "Echo from gemini-2.0-flash: x");
  json_decref(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mldev_reply),
      cmocka_unit_test(test_mldev_exact_bytes),
      cmocka_unit_test(test_vertex_layout),
      cmocka_unit_test(test_mldev_role_after_parts),
      cmocka_unit_test(test_all_path_forms),
      cmocka_unit_test(test_prompt_is_last_user_turn),
      cmocka_unit_test(test_no_text_prompt),
      cmocka_unit_test(test_system_instruction_shows),
      cmocka_unit_test(test_token_rule),
      cmocka_unit_test(test_max_output_tokens),
      cmocka_unit_test(test_stop_sequences),
      cmocka_unit_test(test_stop_sequence_empties_reply),
      cmocka_unit_test(test_stop_then_max_tokens),
      cmocka_unit_test(test_candidate_count),
      cmocka_unit_test(test_candidate_count_with_limits),
      cmocka_unit_test(test_vertex_candidate_indexes),
      cmocka_unit_test(test_candidate_count_zero_means_one),
      cmocka_unit_test(test_snake_case_and_singular_values),
      cmocka_unit_test(test_response_id_is_deterministic),
      cmocka_unit_test(test_known_fields_accepted),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  /* Checked here rather than in a group teardown, whose failure cmocka
   * does not reflect in the exit status. A non-zero emulator exit means an
   * unclean shutdown, or a leak report under sanitizers. */
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
