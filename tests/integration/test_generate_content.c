/* generate_content end to end on both backends: what goes on the wire and
 * what comes back. */
#include <string.h>
#include <strings.h>

#include "itest.h"

static void gemini_api_text_reply(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash-001", GENAI_TEXT("Why is the sky blue?"), NULL, &r),
                   GENAI_OK);
  assert_string_equal(genai_response_text(r), "Echo from gemini-2.0-flash-001: Why is the sky blue?");
  assert_int_equal(r->candidates_count, 1);
  assert_int_equal(r->candidates[0]->finish_reason, GENAI_FINISH_REASON_STOP);
  assert_string_equal(r->candidates[0]->finish_reason_str, "STOP");
  assert_string_equal(r->candidates[0]->content->role, "model");
  assert_non_null(r->usage_metadata);
  assert_int_equal(*r->usage_metadata->total_token_count,
                   *r->usage_metadata->prompt_token_count + *r->usage_metadata->candidates_token_count);
  assert_string_equal(r->model_version, "gemini-2.0-flash-001");
  size_t raw_len = 0;
  const char *raw = genai_response_raw_json(r, &raw_len);
  assert_non_null(raw);
  assert_true(raw_len > 0 && strstr(raw, "\"candidates\""));
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void gemini_api_request_on_the_wire(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .system_instruction = GENAI_TEXT("I say high, you say low"),
                                       .max_output_tokens = &(int32_t){3},
                                       .temperature = &(double){0.3}};
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash-001", GENAI_TEXT("high"), &cfg, &r), GENAI_OK);
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "method")), "POST");
  assert_string_equal(json_string_value(json_object_get(req, "path")), "/v1beta/models/gemini-2.0-flash-001:generateContent");
  assert_string_equal(json_string_value(json_object_get(req, "query")), "");
  json_t *h = json_object_get(req, "headers");
  assert_string_equal(json_string_value(json_object_get(h, "x-goog-api-key")), ITEST_KEY);
  assert_string_equal(json_string_value(json_object_get(h, "content-type")), "application/json");
  const char *ua = json_string_value(json_object_get(h, "user-agent"));
  assert_non_null(ua);
  assert_true(strncmp(ua, "google-genai-sdk/" GENAI_VERSION_STRING " gl-c/", 25 + strlen(GENAI_VERSION_STRING) - 5) == 0);
  assert_string_equal(json_string_value(json_object_get(h, "x-goog-api-client")), ua);
  assert_null(json_object_get(h, "authorization"));
  assert_null(json_object_get(h, "x-server-timeout"));
  itest_assert_json_value(json_object_get(req, "body"),
                          "{\"contents\":[{\"parts\":[{\"text\":\"high\"}],\"role\":\"user\"}],"
                          "\"systemInstruction\":{\"parts\":[{\"text\":\"I say high, you say low\"}],\"role\":\"user\"},"
                          "\"generationConfig\":{\"temperature\":0.3,\"maxOutputTokens\":3}}");
  json_decref(req);
  /* max_output_tokens 3 keeps "Echo from gemini": the emulator's token rule. */
  assert_string_equal(genai_response_text(r), "Echo from gemini");
  assert_int_equal(r->candidates[0]->finish_reason, GENAI_FINISH_REASON_MAX_TOKENS);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void vertex_express_mode(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("hello"), NULL, &r), GENAI_OK);
  assert_string_equal(genai_response_text(r), "Echo from gemini-2.5-flash: hello");
  assert_non_null(r->create_time);
  assert_int_equal(r->usage_metadata->traffic_type, GENAI_TRAFFIC_TYPE_ON_DEMAND);
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")),
                      "/v1beta1/publishers/google/models/gemini-2.5-flash:generateContent");
  assert_string_equal(json_string_value(json_object_get(json_object_get(req, "headers"), "x-goog-api-key")), ITEST_KEY);
  json_decref(req);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void generation_config_is_honoured(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  const char *stops[] = {"sky"};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config), .candidate_count = &(int32_t){2},
                                       .stop_sequences = stops, .stop_sequences_count = 1};
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("Why is the sky blue?"), &cfg, &r),
                   GENAI_OK);
  assert_int_equal(r->candidates_count, 2);
  assert_string_equal(genai_response_text(r), "Echo from gemini-2.0-flash: Why is the ");
  assert_int_equal(*r->candidates[1]->index, 1);
  assert_int_equal(r->candidates[1]->finish_reason, GENAI_FINISH_REASON_STOP);
  json_t *req = itest_last_request();
  itest_assert_json_value(json_object_get(json_object_get(req, "body"), "generationConfig"),
                          "{\"candidateCount\":2,\"stopSequences\":[\"sky\"]}");
  json_decref(req);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void contents_forms_are_normalised(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_part call = {GENAI_INIT(genai_part),
                     .function_call = &(genai_function_call){GENAI_INIT(genai_function_call), .name = "get_weather",
                                                             .args_json = "{\"location\":\"Boston\"}"}};
  genai_part text = {GENAI_INIT(genai_part), .text = "and then?"};
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(
                       c, "gemini-2.0-flash",
                       GENAI_LIST(GENAI_TEXT("a"), GENAI_TEXT("b"), GENAI_PART(&call), GENAI_PART(&text)), NULL, &r),
                   GENAI_OK);
  json_t *req = itest_last_request();
  itest_assert_json_value(json_object_get(json_object_get(req, "body"), "contents"),
                          "[{\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}],\"role\":\"user\"},"
                          "{\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"location\":\"Boston\"}}}],"
                          "\"role\":\"model\"},"
                          "{\"parts\":[{\"text\":\"and then?\"}],\"role\":\"user\"}]");
  json_decref(req);
  assert_string_equal(genai_response_text(r), "Echo from gemini-2.0-flash: and then?");
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void unsupported_field_is_rejected_before_sending(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_string_entry labels[] = {{"team", "a"}};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config), .labels = labels,
                                       .labels_count = 1};
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), &cfg, &r), GENAI_EINVAL);
  assert_null(r);
  assert_string_equal(genai_error_last()->message,
                      "config.labels: labels parameter is only supported in Gemini Enterprise Agent Platform mode, "
                      "not in Gemini Developer API mode.");
  assert_int_equal(itest_request_count(), 0);
  genai_client_free(c);
}

static void response_carries_http_headers(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), NULL, &r), GENAI_OK);
  assert_non_null(r->sdk_http_response);
  assert_null(r->sdk_http_response->body);
  bool found = false;
  for (size_t i = 0; i < r->sdk_http_response->headers_count; i++)
    if (!strcasecmp(r->sdk_http_response->headers[i].key, "content-type"))
      found = strstr(r->sdk_http_response->headers[i].value, "application/json") != NULL;
  assert_true(found);
  genai_generate_content_response_free(r);

  genai_generate_content_config raw = {GENAI_INIT(genai_generate_content_config),
                                       .should_return_http_response = &(bool){true}};
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), &raw, &r), GENAI_OK);
  assert_null(r->candidates);
  assert_non_null(r->sdk_http_response->body);
  assert_non_null(strstr(r->sdk_http_response->body, "Echo from gemini-2.0-flash: x"));
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void config_from_python_dict_form(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_config *cfg = NULL;
  assert_int_equal(genai_generate_content_config_from_json(
                       "{\"system_instruction\": \"be brief\", \"safety_settings\": [{\"category\": "
                       "\"HARM_CATEGORY_HATE_SPEECH\", \"threshold\": \"BLOCK_ONLY_HIGH\"}], \"topK\": 20}",
                       &cfg),
                   GENAI_OK);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), cfg, &r), GENAI_OK);
  json_t *req = itest_last_request();
  itest_assert_json_value(json_object_get(req, "body"),
                          "{\"contents\":[{\"parts\":[{\"text\":\"x\"}],\"role\":\"user\"}],"
                          "\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}],\"role\":\"user\"},"
                          "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HATE_SPEECH\",\"threshold\":\"BLOCK_ONLY_HIGH\"}],"
                          "\"generationConfig\":{\"topK\":20.0}}");
  json_decref(req);
  genai_generate_content_response_free(r);
  genai_generate_content_config_free(cfg);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(gemini_api_text_reply, itest_reset),
      cmocka_unit_test_setup(gemini_api_request_on_the_wire, itest_reset),
      cmocka_unit_test_setup(vertex_express_mode, itest_reset),
      cmocka_unit_test_setup(generation_config_is_honoured, itest_reset),
      cmocka_unit_test_setup(contents_forms_are_normalised, itest_reset),
      cmocka_unit_test_setup(unsupported_field_is_rejected_before_sending, itest_reset),
      cmocka_unit_test_setup(response_carries_http_headers, itest_reset),
      cmocka_unit_test_setup(config_from_python_dict_form, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
