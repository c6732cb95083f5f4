/* genai_client_new: backend, credential, base-URL and API-version
 * resolution from options and environment, as the Python SDK's
 * BaseApiClient.__init__ does (reference/python-genai.md §2.1, §2.2). */
#include "unit_helpers.h"

#include <genai/client.h>
#include <genai/sys/auth.h>

#include "api/client_internal.h"

#define NO_API_KEY                                                                                       \
  "No API key was provided. Please pass a valid API key. Learn how to create an API key at " \
  "https://ai.google.dev/gemini-api/docs/api-key."

static const char *const env_vars[] = {"GOOGLE_API_KEY",         "GEMINI_API_KEY",       "GOOGLE_GENAI_USE_ENTERPRISE",
                                       "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_LOCATION",
                                       "GOOGLE_GEMINI_BASE_URL", "GOOGLE_VERTEX_BASE_URL", "GENAI_LOG"};

/* No Application Default Credentials anywhere: no credentials file, no
 * gcloud configuration, and a metadata server that refuses at once. */
static int clear_env(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof(env_vars) / sizeof(env_vars[0]); i++) unsetenv(env_vars[i]);
  unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
  setenv("CLOUDSDK_CONFIG", "/nonexistent/genai-test-gcloud", 1);
  setenv("GCE_METADATA_HOST", "127.0.0.1:1", 1);
  return 0;
}

#define NO_ADC                                                                                        \
  "Your default credentials were not found. To set up Application Default Credentials, see " \
  "https://cloud.google.com/docs/authentication/external/set-up-adc for more information."

#define OPTS(...) (&(const genai_client_options){GENAI_INIT(genai_client_options), __VA_ARGS__})
#define HTTP(...) (&(const genai_http_options){GENAI_INIT(genai_http_options), __VA_ARGS__})
static const bool yes = true, no = false;

static genai_client *ut_client(const genai_client_options *o, const char *file, int line) {
  genai_client *c = NULL;
  genai_result rc = genai_client_new(o, &c);
  if (rc != GENAI_OK || !c) {
    print_error("%s:%d: genai_client_new failed: %s: %s\n", file, line, genai_result_name(rc),
                genai_error_last()->message);
    _fail(file, line);
  }
  return c;
}
#define new_client(o) ut_client((o), __FILE__, __LINE__)

static void ut_refused(const genai_client_options *o, genai_result expected, const char *message, const char *file,
                       int line) {
  genai_client *c = (genai_client *)1;
  genai_result rc = genai_client_new(o, &c);
  const genai_error *e = genai_error_last();
  if (rc != expected || c != NULL || strcmp(e->message, message)) {
    print_error("%s:%d: expected %s \"%s\"\n  got %s \"%s\"\n", file, line, genai_result_name(expected), message,
                genai_result_name(rc), rc == GENAI_OK ? "" : e->message);
    if (rc == GENAI_OK) genai_client_free(c);
    _fail(file, line);
  }
}
#define assert_refused(o, message) ut_refused((o), GENAI_EINVAL, (message), __FILE__, __LINE__)
#define assert_refused_with(o, rc, message) ut_refused((o), (rc), (message), __FILE__, __LINE__)

static const char *api_key_header(const genai_client *c) { return genai__headers_get(&c->headers, "x-goog-api-key"); }

/* ------------------------------------------------------------- mldev */

static void mldev_with_an_explicit_key_uses_the_gemini_api_defaults(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.api_key = "key-1"));
  assert_false(genai_client_vertexai(c));
  assert_str(genai_client_base_url(c), "https://generativelanguage.googleapis.com/");
  assert_str(genai_client_api_version(c), "v1beta");
  assert_null(genai_client_project(c));
  assert_null(genai_client_location(c));
  assert_str(api_key_header(c), "key-1");
  assert_str(genai__headers_get(&c->headers, "content-type"), "application/json");
  genai_client_free(c);
  genai_client_free(NULL);
}

static void mldev_without_a_key_is_refused(void **state) {
  (void)state;
  assert_refused(OPTS(.vertexai = &no), NO_API_KEY);
  assert_refused(NULL, NO_API_KEY);
  assert_refused(OPTS(.api_key = ""), NO_API_KEY);
}

static void google_api_key_wins_over_gemini_api_key(void **state) {
  (void)state;
  setenv("GOOGLE_API_KEY", "google-key", 1);
  setenv("GEMINI_API_KEY", "gemini-key", 1);
  genai_client *c = new_client(NULL);
  assert_str(api_key_header(c), "google-key");
  genai_client_free(c);
  unsetenv("GOOGLE_API_KEY");
  c = new_client(NULL);
  assert_str(api_key_header(c), "gemini-key");
  genai_client_free(c);
}

static void an_empty_environment_key_counts_as_unset(void **state) {
  (void)state;
  setenv("GOOGLE_API_KEY", "", 1);
  setenv("GEMINI_API_KEY", "gemini-key", 1);
  genai_client *c = new_client(NULL);
  assert_str(api_key_header(c), "gemini-key");
  genai_client_free(c);
  setenv("GEMINI_API_KEY", "", 1);
  assert_refused(NULL, NO_API_KEY);
}

static void an_explicit_key_wins_over_the_environment(void **state) {
  (void)state;
  setenv("GOOGLE_API_KEY", "env-key", 1);
  genai_client *c = new_client(OPTS(.api_key = "explicit-key"));
  assert_str(api_key_header(c), "explicit-key");
  genai_client_free(c);
}

static void the_key_is_stripped_of_surrounding_whitespace(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.api_key = "  key-2 \n"));
  assert_str(c->api_key, "key-2");
  assert_str(api_key_header(c), "key-2");
  genai_client_free(c);
  setenv("GEMINI_API_KEY", "\tkey-3  ", 1);
  c = new_client(NULL);
  assert_str(api_key_header(c), "key-3");
  genai_client_free(c);
}

static void project_or_location_without_vertex_is_refused(void **state) {
  (void)state;
  assert_refused(OPTS(.api_key = "k", .project = "p"), "Gemini API does not support project/location.");
  assert_refused(OPTS(.api_key = "k", .location = "us-central1"), "Gemini API does not support project/location.");
  assert_refused(OPTS(.api_key = "k", .vertexai = &no, .project = "p", .location = "l"),
                 "Gemini API does not support project/location.");
}

static void environment_project_and_location_are_ignored_on_mldev(void **state) {
  (void)state;
  setenv("GOOGLE_CLOUD_PROJECT", "env-project", 1);
  setenv("GOOGLE_CLOUD_LOCATION", "europe-west4", 1);
  genai_client *c = new_client(OPTS(.api_key = "k"));
  assert_false(genai_client_vertexai(c));
  assert_null(genai_client_project(c));
  assert_null(genai_client_location(c));
  assert_str(genai_client_base_url(c), "https://generativelanguage.googleapis.com/");
  genai_client_free(c);
}

/* --------------------------------------------------- choosing Vertex AI */

static void use_vertexai_accepts_true_and_1_in_any_case(void **state) {
  (void)state;
  const char *truthy[] = {"true", "TRUE", "True", "1"};
  for (size_t i = 0; i < sizeof(truthy) / sizeof(truthy[0]); i++) {
    setenv("GOOGLE_GENAI_USE_VERTEXAI", truthy[i], 1);
    genai_client *c = new_client(OPTS(.project = "p", .location = "us-central1"));
    assert_true(genai_client_vertexai(c));
    genai_client_free(c);
  }
  const char *falsy[] = {"false", "0", "yes", "", "on"};
  for (size_t i = 0; i < sizeof(falsy) / sizeof(falsy[0]); i++) {
    setenv("GOOGLE_GENAI_USE_VERTEXAI", falsy[i], 1);
    genai_client *c = new_client(OPTS(.api_key = "k"));
    assert_false(genai_client_vertexai(c));
    genai_client_free(c);
  }
}

static void use_enterprise_wins_over_use_vertexai(void **state) {
  (void)state;
  setenv("GOOGLE_GENAI_USE_ENTERPRISE", "false", 1);
  setenv("GOOGLE_GENAI_USE_VERTEXAI", "true", 1);
  genai_client *c = new_client(OPTS(.api_key = "k"));
  assert_false(genai_client_vertexai(c));
  genai_client_free(c);
  setenv("GOOGLE_GENAI_USE_ENTERPRISE", "1", 1);
  setenv("GOOGLE_GENAI_USE_VERTEXAI", "false", 1);
  c = new_client(OPTS(.api_key = "k"));
  assert_true(genai_client_vertexai(c));
  genai_client_free(c);
  unsetenv("GOOGLE_GENAI_USE_VERTEXAI");
  setenv("GOOGLE_GENAI_USE_ENTERPRISE", "TRUE", 1);
  c = new_client(OPTS(.api_key = "k"));
  assert_true(genai_client_vertexai(c));
  genai_client_free(c);
}

static void an_explicit_vertexai_flag_wins_over_the_environment(void **state) {
  (void)state;
  setenv("GOOGLE_GENAI_USE_VERTEXAI", "true", 1);
  setenv("GOOGLE_GENAI_USE_ENTERPRISE", "true", 1);
  genai_client *c = new_client(OPTS(.vertexai = &no, .api_key = "k"));
  assert_false(genai_client_vertexai(c));
  genai_client_free(c);
}

/* ------------------------------------------------ Vertex AI base URLs */

static void vertex_regional_location_uses_the_regional_endpoint(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.vertexai = &yes, .project = "my-project", .location = "us-central1"));
  assert_true(genai_client_vertexai(c));
  assert_str(genai_client_project(c), "my-project");
  assert_str(genai_client_location(c), "us-central1");
  assert_str(genai_client_base_url(c), "https://us-central1-aiplatform.googleapis.com/");
  assert_str(genai_client_api_version(c), "v1beta1");
  assert_null(api_key_header(c));
  genai_client_free(c);
}

static void vertex_location_defaults_to_global(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.vertexai = &yes, .project = "my-project"));
  assert_str(genai_client_location(c), "global");
  assert_str(genai_client_base_url(c), "https://aiplatform.googleapis.com/");
  genai_client_free(c);
  c = new_client(OPTS(.vertexai = &yes, .project = "my-project", .location = "global"));
  assert_str(genai_client_base_url(c), "https://aiplatform.googleapis.com/");
  genai_client_free(c);
}

static void vertex_multi_region_locations_use_rep_endpoints(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.vertexai = &yes, .project = "p", .location = "us"));
  assert_str(genai_client_base_url(c), "https://aiplatform.us.rep.googleapis.com/");
  genai_client_free(c);
  c = new_client(OPTS(.vertexai = &yes, .project = "p", .location = "eu"));
  assert_str(genai_client_base_url(c), "https://aiplatform.eu.rep.googleapis.com/");
  genai_client_free(c);
}

static void vertex_express_mode_uses_the_global_endpoint_with_the_key(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.vertexai = &yes, .api_key = "express-key"));
  assert_true(genai_client_vertexai(c));
  assert_null(genai_client_project(c));
  assert_null(genai_client_location(c));
  assert_str(genai_client_base_url(c), "https://aiplatform.googleapis.com/");
  assert_str(genai_client_api_version(c), "v1beta1");
  assert_str(api_key_header(c), "express-key");
  genai_client_free(c);
}

static void vertex_key_with_a_regional_location_uses_the_regional_endpoint(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.vertexai = &yes, .api_key = "express-key", .location = "us-central1"));
  assert_str(genai_client_location(c), "us-central1");
  assert_null(genai_client_project(c));
  assert_str(genai_client_base_url(c), "https://us-central1-aiplatform.googleapis.com/");
  assert_str(api_key_header(c), "express-key");
  genai_client_free(c);
}

static void vertex_project_and_location_come_from_the_environment(void **state) {
  (void)state;
  setenv("GOOGLE_GENAI_USE_VERTEXAI", "true", 1);
  setenv("GOOGLE_CLOUD_PROJECT", "env-project", 1);
  setenv("GOOGLE_CLOUD_LOCATION", "asia-northeast1", 1);
  genai_client *c = new_client(NULL);
  assert_true(genai_client_vertexai(c));
  assert_str(genai_client_project(c), "env-project");
  assert_str(genai_client_location(c), "asia-northeast1");
  assert_str(genai_client_base_url(c), "https://asia-northeast1-aiplatform.googleapis.com/");
  genai_client_free(c);
  /* explicit values beat the environment */
  c = new_client(OPTS(.project = "p2", .location = "us-east4"));
  assert_str(genai_client_project(c), "p2");
  assert_str(genai_client_location(c), "us-east4");
  genai_client_free(c);
}

/* As the Python SDK, which calls google.auth.default() for the project
 * first: without credentials that is the error; without the environment
 * (no Application Default Credentials) the project is missing. */
static void vertex_without_project_or_key_is_refused(void **state) {
  (void)state;
  assert_refused_with(OPTS(.vertexai = &yes), GENAI_EAUTH, NO_ADC);
  assert_refused_with(OPTS(.vertexai = &yes, .location = "us-central1"), GENAI_EAUTH, NO_ADC);
  assert_refused(OPTS(.vertexai = &yes, .no_env = true), "Project or API key must be set when using the Vertex AI API.");
  assert_refused(OPTS(.vertexai = &yes, .location = "us-central1", .no_env = true),
                 "Project or API key must be set when using the Vertex AI API.");
}

/* ----------------------------------- explicit-versus-environment rules */

static genai_result fake_token(void *user_data, genai_token_sink *sink) {
  (void)user_data;
  return genai_token_sink_set(sink, "token", 0);
}
static const genai_token_provider provider = {GENAI_INIT(genai_token_provider), fake_token, NULL};

static void explicit_credentials_drop_an_environment_key(void **state) {
  (void)state;
  setenv("GOOGLE_API_KEY", "env-key", 1);
  genai_client *c = new_client(OPTS(.vertexai = &yes, .token_provider = &provider, .project = "p",
                                    .location = "us-central1"));
  assert_null(api_key_header(c));
  assert_null(c->api_key);
  assert_str(genai_client_base_url(c), "https://us-central1-aiplatform.googleapis.com/");
  genai_client_free(c);
}

static void an_explicit_key_drops_environment_project_and_location(void **state) {
  (void)state;
  setenv("GOOGLE_CLOUD_PROJECT", "env-project", 1);
  setenv("GOOGLE_CLOUD_LOCATION", "us-central1", 1);
  genai_client *c = new_client(OPTS(.vertexai = &yes, .api_key = "explicit-key"));
  assert_null(genai_client_project(c));
  assert_null(genai_client_location(c));
  assert_str(api_key_header(c), "explicit-key");
  assert_str(genai_client_base_url(c), "https://aiplatform.googleapis.com/");
  genai_client_free(c);
}

static void explicit_project_and_location_drop_an_environment_key(void **state) {
  (void)state;
  setenv("GOOGLE_API_KEY", "env-key", 1);
  genai_client *c = new_client(OPTS(.vertexai = &yes, .project = "p", .location = "europe-west1"));
  assert_null(api_key_header(c));
  assert_str(genai_client_project(c), "p");
  assert_str(genai_client_base_url(c), "https://europe-west1-aiplatform.googleapis.com/");
  genai_client_free(c);
  /* a location alone is enough to drop it */
  setenv("GOOGLE_CLOUD_PROJECT", "env-project", 1);
  c = new_client(OPTS(.vertexai = &yes, .location = "europe-west1"));
  assert_null(api_key_header(c));
  assert_str(genai_client_project(c), "env-project");
  genai_client_free(c);
}

static void environment_project_and_location_beat_an_environment_key(void **state) {
  (void)state;
  setenv("GOOGLE_API_KEY", "env-key", 1);
  setenv("GOOGLE_CLOUD_PROJECT", "env-project", 1);
  setenv("GOOGLE_CLOUD_LOCATION", "us-west1", 1);
  genai_client *c = new_client(OPTS(.vertexai = &yes));
  assert_null(api_key_header(c));
  assert_str(genai_client_project(c), "env-project");
  assert_str(genai_client_location(c), "us-west1");
  assert_str(genai_client_base_url(c), "https://us-west1-aiplatform.googleapis.com/");
  genai_client_free(c);
}

static void an_environment_key_alone_selects_express_mode(void **state) {
  (void)state;
  setenv("GEMINI_API_KEY", "env-key", 1);
  genai_client *c = new_client(OPTS(.vertexai = &yes));
  assert_str(api_key_header(c), "env-key");
  assert_null(genai_client_location(c));
  assert_str(genai_client_base_url(c), "https://aiplatform.googleapis.com/");
  genai_client_free(c);
}

static void credentials_and_an_api_key_are_mutually_exclusive(void **state) {
  (void)state;
  assert_refused(OPTS(.vertexai = &yes, .api_key = "k", .token_provider = &provider),
                 "Credentials and API key are mutually exclusive in the client initializer.");
}

/* ------------------------------------------------------ custom base URLs */

static void an_explicit_base_url_is_used_on_mldev(void **state) {
  (void)state;
  setenv("GOOGLE_GEMINI_BASE_URL", "https://env.example.com/", 1);
  genai_client *c = new_client(OPTS(.api_key = "k", .http_options = HTTP(.base_url = "https://proxy.example.com/")));
  assert_str(genai_client_base_url(c), "https://proxy.example.com/");
  assert_str(genai_client_api_version(c), "v1beta");
  genai_client_free(c);
}

static void gemini_base_url_environment_variable_is_used_on_mldev(void **state) {
  (void)state;
  setenv("GOOGLE_GEMINI_BASE_URL", "https://env.example.com/", 1);
  setenv("GOOGLE_VERTEX_BASE_URL", "https://vertex-env.example.com/", 1);
  genai_client *c = new_client(OPTS(.api_key = "k"));
  assert_str(genai_client_base_url(c), "https://env.example.com/");
  genai_client_free(c);
}

static void vertex_base_url_environment_variable_is_used_on_vertex(void **state) {
  (void)state;
  setenv("GOOGLE_GEMINI_BASE_URL", "https://env.example.com/", 1);
  setenv("GOOGLE_VERTEX_BASE_URL", "https://vertex-env.googleapis.com/", 1);
  genai_client *c = new_client(OPTS(.vertexai = &yes, .project = "p", .location = "us-central1"));
  assert_str(genai_client_base_url(c), "https://vertex-env.googleapis.com/");
  assert_str(genai_client_project(c), "p");
  genai_client_free(c);
}

static void vertex_custom_googleapis_base_url_keeps_project_and_location(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.vertexai = &yes, .project = "p",
                                    .http_options = HTTP(.base_url = "https://staging-aiplatform.googleapis.com")));
  assert_str(genai_client_base_url(c), "https://staging-aiplatform.googleapis.com");
  assert_str(genai_client_project(c), "p");
  assert_str(genai_client_location(c), "global");
  genai_client_free(c);
}

/* Python compares with a literal endswith('.googleapis.com'): with a trailing
 * slash the URL counts as a gateway, so without explicit project AND location
 * the project is cleared and no location is defaulted. */
static void vertex_googleapis_base_url_with_a_trailing_slash_counts_as_a_gateway(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.vertexai = &yes, .project = "p",
                                    .http_options = HTTP(.base_url = "https://staging-aiplatform.googleapis.com/")));
  assert_str(genai_client_base_url(c), "https://staging-aiplatform.googleapis.com/");
  assert_null(genai_client_project(c));
  assert_null(genai_client_location(c));
  genai_client_free(c);
}

static void vertex_gateway_base_url_without_explicit_auth_clears_project_and_location(void **state) {
  (void)state;
  setenv("GOOGLE_CLOUD_PROJECT", "env-project", 1);
  setenv("GOOGLE_CLOUD_LOCATION", "us-central1", 1);
  genai_client *c = new_client(OPTS(.vertexai = &yes, .http_options = HTTP(.base_url = "https://gateway.example.com/v1/")));
  assert_str(genai_client_base_url(c), "https://gateway.example.com/v1/");
  assert_null(genai_client_project(c));
  assert_null(genai_client_location(c));
  genai_client_free(c);
  /* sufficient auth is not required behind a gateway */
  unsetenv("GOOGLE_CLOUD_PROJECT");
  unsetenv("GOOGLE_CLOUD_LOCATION");
  c = new_client(OPTS(.vertexai = &yes, .http_options = HTTP(.base_url = "https://gateway.example.com/")));
  assert_str(genai_client_base_url(c), "https://gateway.example.com/");
  assert_null(genai_client_location(c));
  genai_client_free(c);
}

static void vertex_gateway_base_url_with_explicit_auth_keeps_project_and_location(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.vertexai = &yes, .project = "p", .location = "us-central1",
                                    .http_options = HTTP(.base_url = "https://gateway.example.com/")));
  assert_str(genai_client_base_url(c), "https://gateway.example.com/");
  assert_str(genai_client_project(c), "p");
  assert_str(genai_client_location(c), "us-central1");
  genai_client_free(c);
}

static void base_url_resource_scope_requires_a_base_url(void **state) {
  (void)state;
  assert_refused(OPTS(.api_key = "k", .http_options = HTTP(.base_url_resource_scope = GENAI_RESOURCE_SCOPE_COLLECTION)),
                 "base_url must be set when base_url_resource_scope is set.");
}

/* ------------------------------------------------- versions, no_env */

static void invalid_http_options_are_refused(void **state) {
  (void)state;
  assert_refused(OPTS(.api_key = "k", .http_options = HTTP(.extra_body_json = "[1]")),
                 "options.http_options.extra_body is not a JSON object");
  const genai_http_options no_size = {.api_version = "v1"};
  genai_client *c = (genai_client *)1;
  assert_error(genai_client_new(OPTS(.api_key = "k", .http_options = &no_size), &c), GENAI_EINVAL,
               "options.http_options: struct_size is 0");
  assert_null(c);
  const genai_string_entry headers[] = {{"x-custom", NULL}};
  assert_error(genai_client_new(OPTS(.api_key = "k", .http_options = HTTP(.headers = headers, .headers_count = 1)), &c),
               GENAI_EINVAL, "headers[0]");
  assert_null(c);
}

static void custom_headers_are_kept(void **state) {
  (void)state;
  const genai_string_entry headers[] = {{"X-Custom", "v1"}, {"x-other", "v2"}};
  genai_client *c = new_client(OPTS(.api_key = "k", .http_options = HTTP(.headers = headers, .headers_count = 2)));
  assert_str(genai__headers_get(&c->headers, "x-custom"), "v1");
  assert_str(genai__headers_get(&c->headers, "X-OTHER"), "v2");
  assert_str(api_key_header(c), "k");
  genai_client_free(c);
}

static void api_version_can_be_overridden(void **state) {
  (void)state;
  genai_client *c = new_client(OPTS(.api_key = "k", .http_options = HTTP(.api_version = "v1alpha")));
  assert_str(genai_client_api_version(c), "v1alpha");
  genai_client_free(c);
  c = new_client(OPTS(.vertexai = &yes, .project = "p", .location = "l", .http_options = HTTP(.api_version = "v1")));
  assert_str(genai_client_api_version(c), "v1");
  genai_client_free(c);
}

static void no_env_ignores_every_environment_variable(void **state) {
  (void)state;
  setenv("GOOGLE_API_KEY", "env-key", 1);
  setenv("GOOGLE_GENAI_USE_VERTEXAI", "true", 1);
  setenv("GOOGLE_CLOUD_PROJECT", "env-project", 1);
  setenv("GOOGLE_GEMINI_BASE_URL", "https://env.example.com/", 1);
  assert_refused(OPTS(.no_env = true), NO_API_KEY);
  genai_client *c = new_client(OPTS(.no_env = true, .api_key = "k"));
  assert_false(genai_client_vertexai(c));
  assert_str(genai_client_base_url(c), "https://generativelanguage.googleapis.com/");
  assert_str(api_key_header(c), "k");
  genai_client_free(c);
}

static void client_getters_accept_null(void **state) {
  (void)state;
  assert_false(genai_client_vertexai(NULL));
  assert_null(genai_client_project(NULL));
  assert_null(genai_client_location(NULL));
  assert_null(genai_client_base_url(NULL));
  assert_null(genai_client_api_version(NULL));
  assert_error(genai_client_new(OPTS(.api_key = "k"), NULL), GENAI_EINVAL, NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, clear_env, clear_env)

int main(void) {
  const struct CMUnitTest tests[] = {
      T(mldev_with_an_explicit_key_uses_the_gemini_api_defaults),
      T(mldev_without_a_key_is_refused),
      T(google_api_key_wins_over_gemini_api_key),
      T(an_empty_environment_key_counts_as_unset),
      T(an_explicit_key_wins_over_the_environment),
      T(the_key_is_stripped_of_surrounding_whitespace),
      T(project_or_location_without_vertex_is_refused),
      T(environment_project_and_location_are_ignored_on_mldev),
      T(use_vertexai_accepts_true_and_1_in_any_case),
      T(use_enterprise_wins_over_use_vertexai),
      T(an_explicit_vertexai_flag_wins_over_the_environment),
      T(vertex_regional_location_uses_the_regional_endpoint),
      T(vertex_location_defaults_to_global),
      T(vertex_multi_region_locations_use_rep_endpoints),
      T(vertex_express_mode_uses_the_global_endpoint_with_the_key),
      T(vertex_key_with_a_regional_location_uses_the_regional_endpoint),
      T(vertex_project_and_location_come_from_the_environment),
      T(vertex_without_project_or_key_is_refused),
      T(explicit_credentials_drop_an_environment_key),
      T(an_explicit_key_drops_environment_project_and_location),
      T(explicit_project_and_location_drop_an_environment_key),
      T(environment_project_and_location_beat_an_environment_key),
      T(an_environment_key_alone_selects_express_mode),
      T(credentials_and_an_api_key_are_mutually_exclusive),
      T(an_explicit_base_url_is_used_on_mldev),
      T(gemini_base_url_environment_variable_is_used_on_mldev),
      T(vertex_base_url_environment_variable_is_used_on_vertex),
      T(vertex_custom_googleapis_base_url_keeps_project_and_location),
      T(vertex_googleapis_base_url_with_a_trailing_slash_counts_as_a_gateway),
      T(vertex_gateway_base_url_without_explicit_auth_clears_project_and_location),
      T(vertex_gateway_base_url_with_explicit_auth_keeps_project_and_location),
      T(base_url_resource_scope_requires_a_base_url),
      T(invalid_http_options_are_refused),
      T(custom_headers_are_kept),
      T(api_version_can_be_overridden),
      T(no_env_ignores_every_environment_variable),
      T(client_getters_accept_null),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
