/* Vertex AI with a project and location: bearer tokens from a provider,
 * cached, refreshed once when the service rejects them. */
#include <string.h>

#include <genai/sys/auth.h>

#include "itest.h"

typedef struct provider_state {
  int calls;
  const char *tokens[4]; /* handed out in order; the last one repeats */
  int64_t expires_at;
} provider_state;

static genai_result give_token(void *user_data, genai_token_sink *sink) {
  provider_state *s = user_data;
  const char *t = s->tokens[s->calls < 3 ? s->calls : 3];
  s->calls++;
  if (!t) return GENAI_EAUTH;
  return genai_token_sink_set(sink, t, s->expires_at);
}

static void bearer_token_and_project_path(void **state) {
  (void)state;
  provider_state ps = {.tokens = {ITEST_TOKEN, ITEST_TOKEN, ITEST_TOKEN, ITEST_TOKEN}};
  genai_token_provider p = {GENAI_INIT(genai_token_provider), give_token, &ps};
  genai_client *c = itest_vertex_client(&p);
  assert_string_equal(genai_client_project(c), "test-project");
  assert_string_equal(genai_client_location(c), "us-central1");
  for (int i = 0; i < 2; i++) {
    genai_generate_content_response *r = NULL;
    assert_int_equal(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &r), GENAI_OK);
    assert_string_equal(genai_response_text(r), "Echo from gemini-2.5-flash: hi");
    genai_generate_content_response_free(r);
  }
  assert_int_equal(ps.calls, 1); /* a token without expiry is reused */
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")),
                      "/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/"
                      "gemini-2.5-flash:generateContent");
  json_t *h = json_object_get(req, "headers");
  assert_string_equal(json_string_value(json_object_get(h, "authorization")), "Bearer " ITEST_TOKEN);
  assert_null(json_object_get(h, "x-goog-api-key"));
  json_decref(req);
  genai_client_free(c);
}

static void expiring_tokens_are_refreshed_ahead(void **state) {
  (void)state;
  /* Already inside the refresh margin: every call fetches a new token. */
  provider_state ps = {.tokens = {ITEST_TOKEN, ITEST_TOKEN, ITEST_TOKEN, ITEST_TOKEN}, .expires_at = 1};
  genai_token_provider p = {GENAI_INIT(genai_token_provider), give_token, &ps};
  genai_client *c = itest_vertex_client(&p);
  for (int i = 0; i < 2; i++) {
    genai_generate_content_response *r = NULL;
    assert_int_equal(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &r), GENAI_OK);
    genai_generate_content_response_free(r);
  }
  assert_int_equal(ps.calls, 2);
  genai_client_free(c);
}

static void rejected_token_is_refreshed_once(void **state) {
  (void)state;
  provider_state ps = {.tokens = {"stale-token-value", ITEST_TOKEN, ITEST_TOKEN, ITEST_TOKEN}};
  genai_token_provider p = {GENAI_INIT(genai_token_provider), give_token, &ps};
  genai_client *c = itest_vertex_client(&p);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &r), GENAI_OK);
  assert_int_equal(ps.calls, 2);
  assert_int_equal(itest_request_count(), 2);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void persistently_rejected_token_fails(void **state) {
  (void)state;
  provider_state ps = {.tokens = {"bad-token-1", "bad-token-2", "bad-token-3", "bad-token-4"}};
  genai_token_provider p = {GENAI_INIT(genai_token_provider), give_token, &ps};
  genai_client *c = itest_vertex_client(&p);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 401);
  assert_string_equal(genai_error_last()->status, "UNAUTHENTICATED");
  assert_null(strstr(genai_error_last()->message, "bad-token"));
  assert_int_equal(ps.calls, 2);
  genai_client_free(c);
}

static void provider_failure_is_returned(void **state) {
  (void)state;
  provider_state ps = {0};
  genai_token_provider p = {GENAI_INIT(genai_token_provider), give_token, &ps};
  genai_client *c = itest_vertex_client(&p);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &r), GENAI_EAUTH);
  assert_int_equal(itest_request_count(), 0);
  genai_client_free(c);
}

static void no_credentials_for_project_mode(void **state) {
  (void)state;
  genai_http_options h = {GENAI_INIT(genai_http_options), .base_url = itest_emu.base_url};
  bool vertex = true;
  genai_client_options o = {GENAI_INIT(genai_client_options), .vertexai = &vertex, .project = "test-project",
                            .location = "us-central1", .http_options = &h, .no_env = true};
  genai_client *c = NULL;
  assert_int_equal(genai_client_new(&o, &c), GENAI_OK);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &r), GENAI_EAUTH);
  assert_non_null(strstr(genai_error_last()->message, "token_provider"));
  assert_int_equal(itest_request_count(), 0);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(bearer_token_and_project_path, itest_reset),
      cmocka_unit_test_setup(expiring_tokens_are_refreshed_ahead, itest_reset),
      cmocka_unit_test_setup(rejected_token_is_refreshed_once, itest_reset),
      cmocka_unit_test_setup(persistently_rejected_token_fails, itest_reset),
      cmocka_unit_test_setup(provider_failure_is_returned, itest_reset),
      cmocka_unit_test_setup(no_credentials_for_project_mode, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
