/* Error answers of genai-emulator: credentials, unknown models and paths,
 * request validation. Statuses and messages follow the real services. */
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

#define BODY "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}"
#define MSG_UNREGISTERED                                                               \
  "Method doesn't allow unregistered callers (callers without established identity). " \
  "Please use API Key or other form of API consumer identity to call this API."
#define MSG_MISSING                                                                 \
  "Request is missing required authentication credential. Expected OAuth 2 access " \
  "token, login cookie or other valid authentication credential. See "              \
  "https://developers.google.com/identity/sign-in/web/devconsole-project."
#define MSG_INVALID                                                                 \
  "Request had invalid authentication credentials. Expected OAuth 2 access token, " \
  "login cookie or other valid authentication credential. See "                     \
  "https://developers.google.com/identity/sign-in/web/devconsole-project."

/* Restricted to one key and one token, so wrong credentials can be tested. */
static emu_harness emu;

/* POSTs and checks status, error.code, error.status and (if given) message. */
static json_t *expect_error(const char *path, const char *auth, const char *body, long status,
                            const char *google_status, const char *message) {
  const char *headers[] = {auth, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", path, auth ? headers : NULL, body, &r);
  assert_int_equal(r.result, CURLE_OK);
  assert_int_equal(r.status, status);
  char ct[128];
  assert_non_null(http_reply_header(&r, "Content-Type", ct, sizeof ct));
  assert_string_equal(ct, "application/json; charset=UTF-8");
  /* Pretty-printed with a 2-space indent like the service. */
  assert_memory_equal(r.body, "{\n  \"error\": {\n    \"code\": ", 27);
  json_t *doc = http_reply_json(&r);
  assert_non_null(doc);
  assert_int_equal(jp_int(doc, "error.code"), status);
  assert_string_equal(jp_str(doc, "error.status"), google_status);
  if (message) assert_string_equal(jp_str(doc, "error.message"), message);
  http_reply_dispose(&r);
  return doc;
}

static void test_mldev_missing_key(void **state) {
  (void)state;
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), NULL, BODY, 403, "PERMISSION_DENIED",
                           MSG_UNREGISTERED));
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), "x-goog-api-key;", BODY, 403,
                           "PERMISSION_DENIED", MSG_UNREGISTERED));
}

static void test_mldev_wrong_key(void **state) {
  (void)state;
  const char *headers[] = {"x-goog-api-key: bad-key-12345", NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", MLDEV_PATH("gemini-2.0-flash"), headers, BODY, &r);
  assert_int_equal(r.status, 400);
  assert_null(strstr(r.body, "bad-key-12345")); /* never echo the key */
  json_t *doc = http_reply_json(&r);
  assert_string_equal(jp_str(doc, "error.status"), "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "API key not valid. Please pass a valid API key.");
  assert_string_equal(jp_str(doc, "error.details.0.@type"),
                      "type.googleapis.com/google.rpc.ErrorInfo");
  assert_string_equal(jp_str(doc, "error.details.0.reason"), "API_KEY_INVALID");
  assert_string_equal(jp_str(doc, "error.details.0.domain"), "googleapis.com");
  assert_string_equal(jp_str(doc, "error.details.0.metadata.service"),
                      "generativelanguage.googleapis.com");
  assert_string_equal(jp_str(doc, "error.details.1.@type"),
                      "type.googleapis.com/google.rpc.LocalizedMessage");
  json_decref(doc);
  http_reply_dispose(&r);
}

static void test_mldev_listed_keys_and_query_key(void **state) {
  (void)state;
  long status;
  json_decref(http_post_json(&emu, MLDEV_PATH("gemini-2.0-flash"), "x-goog-api-key: good-key", BODY,
                             &status));
  assert_int_equal(status, 200);
  json_decref(http_post_json(&emu, MLDEV_PATH("gemini-2.0-flash"), "x-goog-api-key: other-key",
                             BODY, &status));
  assert_int_equal(status, 200);
  json_decref(
      http_post_json(&emu, MLDEV_PATH("gemini-2.0-flash") "?key=good-key", NULL, BODY, &status));
  assert_int_equal(status, 200);
  json_decref(
      http_post_json(&emu, MLDEV_PATH("gemini-2.0-flash") "?key=nope", NULL, BODY, &status));
  assert_int_equal(status, 400);
}

static void test_vertex_missing_credentials(void **state) {
  (void)state;
  json_t *doc = expect_error(VERTEX_PATH("gemini-2.0-flash"), NULL, BODY, 401, "UNAUTHENTICATED",
                             MSG_MISSING);
  assert_string_equal(jp_str(doc, "error.details.0.reason"), "CREDENTIALS_MISSING");
  assert_string_equal(jp_str(doc, "error.details.0.metadata.service"), "aiplatform.googleapis.com");
  assert_string_equal(jp_str(doc, "error.details.0.metadata.method"),
                      "google.cloud.aiplatform.v1beta1.PredictionService.GenerateContent");
  json_decref(doc);
  json_decref(expect_error(EXPRESS_PATH("gemini-2.0-flash"), NULL, BODY, 401, "UNAUTHENTICATED",
                           MSG_MISSING));
}

static void test_vertex_invalid_token(void **state) {
  (void)state;
  json_decref(expect_error(VERTEX_PATH("gemini-2.0-flash"), "Authorization: Bearer wrong", BODY,
                           401, "UNAUTHENTICATED", MSG_INVALID));
  json_decref(expect_error(VERTEX_PATH("gemini-2.0-flash"), "Authorization: Basic Zm9vOmJhcg==",
                           BODY, 401, "UNAUTHENTICATED", MSG_INVALID));
  long status;
  json_decref(http_post_json(&emu, VERTEX_PATH("gemini-2.0-flash"),
                             "Authorization: Bearer good-token", BODY, &status));
  assert_int_equal(status, 200);
}

static void test_vertex_api_key_only_in_express_mode(void **state) {
  (void)state;
  json_t *doc = expect_error(VERTEX_PATH("gemini-2.0-flash"), "x-goog-api-key: good-key", BODY, 401,
                             "UNAUTHENTICATED", NULL);
  assert_non_null(strstr(jp_str(doc, "error.message"), "API keys are not supported"));
  json_decref(doc);
  long status;
  json_decref(http_post_json(&emu, EXPRESS_PATH("gemini-2.0-flash"), "x-goog-api-key: good-key",
                             BODY, &status));
  assert_int_equal(status, 200);
  doc = expect_error(EXPRESS_PATH("gemini-2.0-flash"), "x-goog-api-key: bad", BODY, 400,
                     "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
  assert_string_equal(jp_str(doc, "error.details.0.metadata.service"), "aiplatform.googleapis.com");
  json_decref(doc);
}

static void test_unknown_model(void **state) {
  (void)state;
  json_t *doc = expect_error(
      "/v1beta/models/wrong-model-name:generateContent", "x-goog-api-key: good-key", BODY, 404,
      "NOT_FOUND",
      "models/wrong-model-name is not found for API version v1beta, or is not supported for "
      "generateContent. Call ListModels to see the list of available models and their "
      "supported methods.");
  assert_string_equal(jp_str(doc, "error.details.0.@type"),
                      "type.googleapis.com/google.rpc.DebugInfo");
  json_decref(doc);
  json_decref(expect_error(
      "/v1beta1/projects/my-proj/locations/us-central1/publishers/google/models/"
      "wrong-model-name:generateContent",
      "Authorization: Bearer good-token", BODY, 404, "NOT_FOUND",
      "Publisher Model `projects/my-proj/locations/us-central1/publishers/google/models/"
      "wrong-model-name` not found."));
  json_decref(expect_error("/v1beta1/publishers/google/models/imagen-3:generateContent",
                           "x-goog-api-key: good-key", BODY, 404, "NOT_FOUND",
                           "Publisher Model `publishers/google/models/imagen-3` not found."));
}

static void expect_html_404(const char *method, const char *path, const char *body) {
  const char *headers[] = {"x-goog-api-key: good-key", NULL};
  http_reply r;
  http_call(NULL, &emu, method, path, headers, body, &r);
  assert_int_equal(r.status, 404);
  char ct[128];
  assert_non_null(http_reply_header(&r, "Content-Type", ct, sizeof ct));
  assert_string_equal(ct, "text/html; charset=UTF-8");
  assert_non_null(strstr(r.body, "<title>Error 404 (Not Found)!!1</title>"));
  assert_non_null(strstr(r.body, "was not found on this server."));
  http_reply_dispose(&r);
}

static void test_unknown_paths_are_html_404(void **state) {
  (void)state;
  expect_html_404("POST", "/v1beta/models/gemini-2.0-flash:fooBar", BODY);
  expect_html_404("GET", MLDEV_PATH("gemini-2.0-flash"), NULL);
  expect_html_404("POST", "/v2/models/gemini-2.0-flash:generateContent", BODY);
  expect_html_404("POST", "/v1beta1/models/gemini-2.0-flash:generateContent", BODY);
  expect_html_404("GET", "/", NULL);
  /* The requested path is shown as sent, HTML-escaped. */
  http_reply r;
  http_call(NULL, &emu, "GET", "/a<b>&'\"", NULL, NULL, &r);
  assert_int_equal(r.status, 404);
  assert_non_null(strstr(r.body, "<code>/a&lt;b&gt;&amp;&#39;&quot;</code>"));
  http_reply_dispose(&r);
}

#define KEY "x-goog-api-key: good-key"

static void test_malformed_json(void **state) {
  (void)state;
  json_t *doc = expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY, "{\"contents\": [", 400,
                             "INVALID_ARGUMENT", NULL);
  const char *msg = jp_str(doc, "error.message");
  assert_memory_equal(msg, "Invalid JSON payload received.", 30);
  json_decref(doc);
  doc = expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY, "\xff\xfe garbage", 400,
                     "INVALID_ARGUMENT", NULL);
  json_decref(doc);
  json_decref(expect_error(
      MLDEV_PATH("gemini-2.0-flash"), KEY, "[1,2]", 400, "INVALID_ARGUMENT",
      "Invalid JSON payload received. Unknown name \"\": Root element must be a message."));
}

static void test_unknown_fields(void **state) {
  (void)state;
  json_t *doc = expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY,
                             "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"foo\":1}", 400,
                             "INVALID_ARGUMENT",
                             "Invalid JSON payload received. Unknown name \"foo\": Cannot find "
                             "field.");
  assert_string_equal(jp_str(doc, "error.details.0.@type"),
                      "type.googleapis.com/google.rpc.BadRequest");
  assert_null(jp(doc, "error.details.0.fieldViolations.0.field"));
  json_decref(doc);
  doc = expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY,
                     "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
                     "\"generationConfig\":{\"fooBar\":1}}",
                     400, "INVALID_ARGUMENT",
                     "Invalid JSON payload received. Unknown name \"fooBar\" at "
                     "'generation_config': Cannot find field.");
  assert_string_equal(jp_str(doc, "error.details.0.fieldViolations.0.field"), "generation_config");
  json_decref(doc);
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY,
                           "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]},"
                           "{\"parts\":[{\"txt\":\"y\"}],\"author\":\"me\"}]}",
                           400, "INVALID_ARGUMENT",
                           "Invalid JSON payload received. Unknown name \"author\" at "
                           "'contents[1]': Cannot find field.\n"
                           "Invalid JSON payload received. Unknown name \"txt\" at "
                           "'contents[1].parts[0]': Cannot find field."));
}

static void test_backend_only_fields(void **state) {
  (void)state;
  const char *body = "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"labels\":{\"a\":\"b\"}}";
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY, body, 400, "INVALID_ARGUMENT",
                           "Invalid JSON payload received. Unknown name \"labels\": Cannot "
                           "find field."));
  long status;
  json_decref(http_post_json(&emu, VERTEX_PATH("gemini-2.0-flash"),
                             "Authorization: Bearer good-token", body, &status));
  assert_int_equal(status, 200);
}

static void test_wrong_value_types(void **state) {
  (void)state;
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY,
                           "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
                           "\"generationConfig\":{\"maxOutputTokens\":\"many\"}}",
                           400, "INVALID_ARGUMENT",
                           "Invalid value at 'generation_config.max_output_tokens' "
                           "(TYPE_INT32), \"many\""));
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY, "{\"contents\":[\"hi\"]}", 400,
                           "INVALID_ARGUMENT",
                           "Invalid value at 'contents[0]' "
                           "(type.googleapis.com/google.ai.generativelanguage.v1beta.Content), "
                           "\"hi\""));
  json_decref(expect_error(VERTEX_PATH("gemini-2.0-flash"), "Authorization: Bearer good-token",
                           "{\"contents\":[{\"parts\":[{\"text\":5}]}]}", 400, "INVALID_ARGUMENT",
                           "Invalid value at 'contents[0].parts[0].text' (TYPE_STRING), 5"));
}

static void test_missing_contents(void **state) {
  (void)state;
  const char *msg = "* GenerateContentRequest.contents: contents is not specified\n";
  json_decref(
      expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY, "{}", 400, "INVALID_ARGUMENT", msg));
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY, "{\"contents\":[]}", 400,
                           "INVALID_ARGUMENT", msg));
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY, "", 400, "INVALID_ARGUMENT", msg));
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY,
                           "{\"contents\":[{\"role\":\"user\"}]}", 400, "INVALID_ARGUMENT",
                           "* GenerateContentRequest.contents[0].parts: contents.parts must "
                           "not be empty.\n"));
}

static void test_invalid_role(void **state) {
  (void)state;
  json_decref(expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY,
                           "{\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"x\"}]}]}",
                           400, "INVALID_ARGUMENT", "Please use a valid role: user, model."));
}

static void test_candidate_count_range(void **state) {
  (void)state;
  json_t *doc = expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY,
                             "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
                             "\"generationConfig\":{\"candidateCount\":9}}",
                             400, "INVALID_ARGUMENT", NULL);
  assert_non_null(strstr(jp_str(doc, "error.message"), "candidate_count"));
  json_decref(doc);
  doc = expect_error(MLDEV_PATH("gemini-2.0-flash"), KEY,
                     "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
                     "\"generationConfig\":{\"maxOutputTokens\":-1}}",
                     400, "INVALID_ARGUMENT", NULL);
  assert_non_null(strstr(jp_str(doc, "error.message"), "max_output_tokens"));
  json_decref(doc);
}

/* Auth is checked before the body, and the body before the model. */
static void test_check_order(void **state) {
  (void)state;
  json_decref(expect_error("/v1beta/models/nope:generateContent", NULL, "not json", 403,
                           "PERMISSION_DENIED", NULL));
  json_decref(expect_error("/v1beta/models/nope:generateContent", KEY, "not json", 400,
                           "INVALID_ARGUMENT", NULL));
  json_decref(
      expect_error("/v1beta/models/nope:generateContent", KEY, "{}", 404, "NOT_FOUND", NULL));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mldev_missing_key),
      cmocka_unit_test(test_mldev_wrong_key),
      cmocka_unit_test(test_mldev_listed_keys_and_query_key),
      cmocka_unit_test(test_vertex_missing_credentials),
      cmocka_unit_test(test_vertex_invalid_token),
      cmocka_unit_test(test_vertex_api_key_only_in_express_mode),
      cmocka_unit_test(test_unknown_model),
      cmocka_unit_test(test_unknown_paths_are_html_404),
      cmocka_unit_test(test_malformed_json),
      cmocka_unit_test(test_unknown_fields),
      cmocka_unit_test(test_backend_only_fields),
      cmocka_unit_test(test_wrong_value_types),
      cmocka_unit_test(test_missing_contents),
      cmocka_unit_test(test_invalid_role),
      cmocka_unit_test(test_candidate_count_range),
      cmocka_unit_test(test_check_order),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", "--api-key", "good-key", "--api-key",
                                            "other-key", "--bearer-token", "good-token", NULL}) !=
      0)
    return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  /* Checked here rather than in a group teardown, whose failure cmocka
   * does not reflect in the exit status. A non-zero emulator exit means an
   * unclean shutdown, or a leak report under sanitizers. */
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
