/* genai_models_generate_content validates its arguments and refuses fields
 * the backend lacks before anything is sent (reference/python-genai.md
 * §3.3: "client-side ValueError before any request"). The clients point at
 * a closed local port: a request that were sent would fail with
 * GENAI_ETRANSPORT, not GENAI_EINVAL. */
#include "unit_helpers.h"

#include <genai/client.h>
#include <genai/models.h>

#define CFG(...) (&(const genai_generate_content_config){GENAI_INIT(genai_generate_content_config), __VA_ARGS__})

static const bool yes = true;
static genai_client *mldev, *vertex;

static int make_clients(void **state) {
  (void)state;
  const genai_http_options http = {GENAI_INIT(genai_http_options), .base_url = "http://127.0.0.1:1/",
                                   .connect_timeout_ms = &(int32_t){2000}, .timeout_ms = &(int32_t){5000}};
  const genai_client_options m = {GENAI_INIT(genai_client_options), .api_key = "test-key", .http_options = &http,
                                  .no_env = true};
  const genai_client_options v = {GENAI_INIT(genai_client_options), .vertexai = &yes, .project = "p",
                                  .location = "us-central1", .api_key = NULL, .http_options = &http, .no_env = true};
  if (genai_client_new(&m, &mldev) != GENAI_OK) return -1;
  if (genai_client_new(&v, &vertex) != GENAI_OK) return -1;
  return 0;
}

static int free_clients(void **state) {
  (void)state;
  genai_client_free(mldev);
  genai_client_free(vertex);
  return 0;
}

static void ut_refused(genai_client *c, const char *model, const genai_contents *contents,
                       const genai_generate_content_config *cfg, const char *needle, const char *file, int line) {
  genai_generate_content_response *r = (genai_generate_content_response *)1;
  genai_result rc = genai_models_generate_content(c, model, contents, cfg, &r);
  if (rc == GENAI_OK) genai_generate_content_response_free(r);
  ut_assert_error(rc, GENAI_EINVAL, needle, file, line);
  if (r != NULL) {
    print_error("%s:%d: *out was not set to NULL\n", file, line);
    _fail(file, line);
  }
}
#define assert_refused(c, model, contents, cfg, needle) \
  ut_refused((c), (model), (contents), (cfg), (needle), __FILE__, __LINE__)

static void a_valid_request_does_reach_the_transport(void **state) {
  (void)state;
  genai_generate_content_response *r = NULL;
  genai_result rc = genai_models_generate_content(mldev, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &r);
  genai_generate_content_response_free(r);
  assert_true(rc == GENAI_ETRANSPORT || rc == GENAI_ETIMEOUT);
}

static void missing_arguments_are_refused(void **state) {
  (void)state;
  assert_error(genai_models_generate_content(mldev, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, NULL), GENAI_EINVAL,
               NULL);
  genai_generate_content_response *r = NULL;
  assert_error(genai_models_generate_content(NULL, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &r), GENAI_EINVAL,
               "client");
  assert_refused(mldev, "gemini-2.5-flash", NULL, NULL, "contents are required.");
  const genai_contents empty = {GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_LIST};
  assert_refused(mldev, "gemini-2.5-flash", &empty, NULL, "contents are required.");
}

static void invalid_model_names_are_refused(void **state) {
  (void)state;
  assert_refused(mldev, "", GENAI_TEXT("hi"), NULL, "model is required.");
  assert_refused(mldev, NULL, GENAI_TEXT("hi"), NULL, "model is required.");
  assert_refused(vertex, "../../other", GENAI_TEXT("hi"), NULL, "invalid model parameter.");
  assert_refused(mldev, "gemini?key=x", GENAI_TEXT("hi"), NULL, "invalid model parameter.");
}

static void backend_only_fields_are_refused_before_sending(void **state) {
  (void)state;
  const genai_string_entry labels[] = {{"team", "core"}};
  assert_refused(mldev, "gemini-2.5-flash", GENAI_TEXT("hi"), CFG(.labels = labels, .labels_count = 1),
                 "labels parameter is only supported in Gemini Enterprise Agent Platform mode, not in Gemini "
                 "Developer API mode.");
  assert_refused(vertex, "gemini-2.5-flash", GENAI_TEXT("hi"), CFG(.enable_enhanced_civic_answers = &(bool){true}),
                 "enable_enhanced_civic_answers parameter is only supported in Gemini Developer API mode, not in "
                 "Gemini Enterprise Agent Platform mode.");
  genai_part meta = {GENAI_INIT(genai_part), .text = "x", .part_metadata_json = "{}"};
  assert_refused(vertex, "gemini-2.5-flash", GENAI_PART(&meta), NULL,
                 "part_metadata parameter is only supported in Gemini Developer API mode");
}

static void malformed_configs_and_contents_are_refused(void **state) {
  (void)state;
  genai_generate_content_config no_size = {.temperature = &(double){1}};
  assert_refused(mldev, "gemini-2.5-flash", GENAI_TEXT("hi"), &no_size, "config: struct_size is 0");
  assert_refused(mldev, "gemini-2.5-flash", GENAI_TEXT("caf\xe9"), NULL, "not valid UTF-8");
  assert_refused(vertex, "gemini-2.5-flash", GENAI_TEXT("hi"), CFG(.response_json_schema_json = "{"),
                 "response_json_schema");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_valid_request_does_reach_the_transport),
      cmocka_unit_test(missing_arguments_are_refused),
      cmocka_unit_test(invalid_model_names_are_refused),
      cmocka_unit_test(backend_only_fields_are_refused_before_sending),
      cmocka_unit_test(malformed_configs_and_contents_are_refused),
  };
  int failed = cmocka_run_group_tests(tests, make_clients, free_clients);
  genai_error_clear();
  return failed;
}
