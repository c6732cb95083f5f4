/* Errors from the service and from the network become genai_result codes
 * with genai_error_last() details; nothing leaks a secret. */
#include <string.h>

#include "itest.h"

static genai_result generate(genai_client *c, const char *model, genai_generate_content_response **r) {
  return genai_models_generate_content(c, model, GENAI_TEXT("What is your name?"), NULL, r);
}

static void unknown_model_is_an_api_error(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, "invalid-model-name", &r), GENAI_EAPI);
  assert_null(r);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->code, GENAI_EAPI);
  assert_int_equal(e->http_status, 404);
  assert_string_equal(e->status, "NOT_FOUND");
  assert_non_null(strstr(e->message, "models/invalid-model-name is not found for API version v1beta"));
  assert_null(e->body);
  genai_client_free(c);
}

static void vertex_unknown_model_is_an_api_error(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, "invalid-model-name", &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  assert_string_equal(genai_error_last()->status, "NOT_FOUND");
  genai_client_free(c);
}

static void wrong_key_is_reported_without_the_key(void **state) {
  (void)state;
  genai_http_options h = {GENAI_INIT(genai_http_options), .base_url = itest_emu.base_url};
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = "wrong-key-secret-value",
                            .http_options = &h, .no_env = true};
  genai_client *c = NULL;
  assert_int_equal(genai_client_new(&o, &c), GENAI_OK);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, "gemini-2.0-flash", &r), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 400);
  assert_string_equal(e->status, "INVALID_ARGUMENT");
  assert_string_equal(e->message, "API key not valid. Please pass a valid API key.");
  assert_non_null(e->details_json);
  assert_non_null(strstr(e->details_json, "API_KEY_INVALID"));
  assert_null(strstr(e->message, "wrong-key-secret-value"));
  assert_null(strstr(e->details_json, "wrong-key-secret-value"));
  genai_client_free(c);
}

static void html_page_keeps_status_and_excerpt(void **state) {
  (void)state;
  genai_http_options h = {GENAI_INIT(genai_http_options), .api_version = "v9"};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, "gemini-2.0-flash", &r), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 404);
  assert_string_equal(e->status, "Not Found");
  assert_non_null(strstr(e->message, "HTTP 404"));
  assert_non_null(strstr(e->message, "text/html"));
  assert_non_null(e->body);
  assert_non_null(strstr(e->body, "404"));
  genai_client_free(c);
}

static void vertex_list_wrapped_error(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":429,\"json\":[{\"error\":{\"code\":429,\"message\":\"Quota exceeded\","
               "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
               "\"retryDelay\":\"26s\"}]}}]}]}");
  genai_client *c = itest_vertex_express_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, "gemini-2.0-flash", &r), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 429);
  assert_string_equal(e->status, "RESOURCE_EXHAUSTED");
  assert_string_equal(e->message, "Quota exceeded");
  assert_int_equal(e->retry_after_ms, 26000);
  genai_client_free(c);
}

static void malformed_success_body_is_a_decode_error(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":200,\"body\":\"{\\\"candidates\\\": [\"},"
               "{\"status\":200,\"json\":[1,2]},"
               "{\"status\":200,\"json\":{\"candidates\":[{\"index\":\"zero\"}]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, "gemini-2.0-flash", &r), GENAI_EDECODE);
  assert_non_null(strstr(genai_error_last()->message, "not valid JSON"));
  assert_int_equal(generate(c, "gemini-2.0-flash", &r), GENAI_EDECODE);
  assert_non_null(strstr(genai_error_last()->message, "the response is an array; a genai_generate_content_response is a JSON object"));
  assert_int_equal(generate(c, "gemini-2.0-flash", &r), GENAI_EDECODE);
  assert_non_null(strstr(genai_error_last()->message, "candidates[0].index: expected an integer"));
  assert_null(r);
  genai_client_free(c);
}

static void unknown_response_fields_survive(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":200,\"json\":{\"candidates\":[{\"content\":{\"role\":\"model\","
               "\"parts\":[{\"text\":\"hi\",\"futurePart\":{\"x\":1}}]},\"finishReason\":\"NEW_REASON\"}],"
               "\"serviceTier\":\"flex\"}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, "gemini-2.0-flash", &r), GENAI_OK);
  assert_string_equal(genai_response_text(r), "hi");
  assert_int_equal(r->candidates[0]->finish_reason, GENAI_FINISH_REASON_UNKNOWN);
  assert_string_equal(r->candidates[0]->finish_reason_str, "NEW_REASON");
  itest_assert_json_equal(r->candidates[0]->content->parts[0]->unknown_json, "{\"futurePart\":{\"x\":1}}");
  itest_assert_json_equal(r->unknown_json, "{\"serviceTier\":\"flex\"}");
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void connection_refused_is_a_transport_error(void **state) {
  (void)state;
  genai_http_options h = {GENAI_INIT(genai_http_options), .base_url = "http://127.0.0.1:1/"};
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = ITEST_KEY, .http_options = &h,
                            .no_env = true};
  genai_client *c = NULL;
  assert_int_equal(genai_client_new(&o, &c), GENAI_OK);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, "gemini-2.0-flash", &r), GENAI_ETRANSPORT);
  assert_int_equal(genai_error_last()->http_status, 0);
  assert_non_null(strstr(genai_error_last()->message, "127.0.0.1"));
  genai_client_free(c);
}

static void connection_dropped_before_headers(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"drop\":\"before_headers\"}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, "gemini-2.0-flash", &r), GENAI_ETRANSPORT);
  assert_null(r);
  genai_client_free(c);
}

static void connection_dropped_mid_body(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":200,\"json\":{\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
               "\"a long enough answer to be cut in the middle\"}]}}]},\"drop\":\"after_headers\"}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  genai_result rc = generate(c, "gemini-2.0-flash", &r);
  assert_true(rc == GENAI_ETRANSPORT || rc == GENAI_EDECODE);
  assert_null(r);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(unknown_model_is_an_api_error, itest_reset),
      cmocka_unit_test_setup(vertex_unknown_model_is_an_api_error, itest_reset),
      cmocka_unit_test_setup(wrong_key_is_reported_without_the_key, itest_reset),
      cmocka_unit_test_setup(html_page_keeps_status_and_excerpt, itest_reset),
      cmocka_unit_test_setup(vertex_list_wrapped_error, itest_reset),
      cmocka_unit_test_setup(malformed_success_body_is_a_decode_error, itest_reset),
      cmocka_unit_test_setup(unknown_response_fields_survive, itest_reset),
      cmocka_unit_test_setup(connection_refused_is_a_transport_error, itest_reset),
      cmocka_unit_test_setup(connection_dropped_before_headers, itest_reset),
      cmocka_unit_test_setup(connection_dropped_mid_body, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
