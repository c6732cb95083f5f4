/* Application Default Credentials end to end: a service-account key
 * generated here (never a committed one) signs real RS256 JWTs that the
 * emulator's token endpoint verifies; gcloud's authorized_user refresh
 * tokens; the metadata server; the chain's order and its errors. The
 * emulator runs with --require-oauth, so a Vertex AI request succeeds only
 * with a token it issued. */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itest.h"

#define expect_ok(call)                                                            \
  do {                                                                             \
    genai_result rc_ = (call);                                                     \
    if (rc_ != GENAI_OK) fail_msg("%s: %s", #call, genai_error_last()->message); \
  } while (0)

static char private_pem[4096], public_pem[2048], other_private_pem[4096];
static char sa_path[300], sa_bad_path[300], gcloud_dir[128];

/* A fresh RSA key: its PKCS#8 private PEM and its public PEM. */
static void make_key(char *priv, size_t priv_size, char *pub, size_t pub_size) {
  EVP_PKEY *k = EVP_RSA_gen(2048);
  assert_non_null(k);
  BIO *b = BIO_new(BIO_s_mem());
  assert_int_equal(PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL), 1);
  int n = BIO_read(b, priv, (int)priv_size - 1);
  assert_true(n > 0);
  priv[n] = '\0';
  BIO_free(b);
  if (pub) {
    b = BIO_new(BIO_s_mem());
    assert_int_equal(PEM_write_bio_PUBKEY(b, k), 1);
    n = BIO_read(b, pub, (int)pub_size - 1);
    assert_true(n > 0);
    pub[n] = '\0';
    BIO_free(b);
  }
  EVP_PKEY_free(k);
}

static char *service_account_json(const char *pem, const char *project) {
  char token_uri[128];
  snprintf(token_uri, sizeof token_uri, "%s/token", itest_emu.base_url);
  json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "type", "service_account", "project_id", project,
                          "private_key_id", "k1", "private_key", pem, "client_email",
                          "genai-test@sa-project.iam.gserviceaccount.com", "client_id", "1234", "token_uri", token_uri);
  char *text = json_dumps(doc, JSON_INDENT(2));
  json_decref(doc);
  return text;
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static int group_setup(void **state) {
  (void)state;
  const char *args[] = {"--api-key", ITEST_KEY, "--require-oauth", "--quiet", NULL};
  if (emu_start(&itest_emu, args) != 0) return -1;
  make_key(private_pem, sizeof private_pem, public_pem, sizeof public_pem);
  make_key(other_private_pem, sizeof other_private_pem, NULL, 0);
  snprintf(gcloud_dir, sizeof gcloud_dir, "/tmp/genai-adc-%d", (int)getpid());
  snprintf(sa_path, sizeof sa_path, "%s-sa.json", gcloud_dir);
  snprintf(sa_bad_path, sizeof sa_bad_path, "%s-bad.json", gcloud_dir);
  char *sa = service_account_json(private_pem, "sa-project"), *bad = service_account_json(other_private_pem, "sa-project");
  write_file(sa_path, sa);
  write_file(sa_bad_path, bad);
  free(sa);
  free(bad);
  return 0;
}

static int group_teardown(void **state) {
  (void)state;
  unlink(sa_path);
  unlink(sa_bad_path);
  char path[300];
  snprintf(path, sizeof path, "%s/application_default_credentials.json", gcloud_dir);
  unlink(path);
  rmdir(gcloud_dir);
  return 0;
}

/* Each test: a clean emulator with the public key registered, and an
 * environment where nothing is found unless the test says so. */
static int setup(void **state) {
  if (itest_reset(state) != 0) return -1;
  json_t *doc = json_pack("{s:[{s:s, s:s}]}", "public_keys", "kid", "k1", "public_key_pem", public_pem);
  char *text = json_dumps(doc, 0);
  json_decref(doc);
  int status = emu_post(&itest_emu, "/_emulator/oauth", text, NULL);
  free(text);
  unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
  unsetenv("GOOGLE_CLOUD_PROJECT");
  unsetenv("GOOGLE_CLOUD_LOCATION");
  unsetenv("GOOGLE_API_KEY");
  unsetenv("GEMINI_API_KEY");
  setenv("CLOUDSDK_CONFIG", "/nonexistent/genai-adc-gcloud", 1);
  setenv("GCE_METADATA_HOST", "127.0.0.1:1", 1);
  return status == 200 ? 0 : -1;
}

static void oauth_config(const char *json) { assert_int_equal(emu_post(&itest_emu, "/_emulator/oauth", json, NULL), 200); }

/* A Vertex AI client on the emulator with no key and no token provider. */
static genai_result adc_client(const char *project, const char *credentials_json, genai_client **out) {
  genai_http_options h = {GENAI_INIT(genai_http_options), .base_url = itest_emu.base_url};
  bool vertex = true;
  genai_client_options o = {GENAI_INIT(genai_client_options), .vertexai = &vertex, .project = project,
                            .location = "us-central1", .http_options = &h, .credentials_json = credentials_json};
  *out = NULL;
  return genai_client_new(&o, out);
}

/* The same on the real service's URL: nothing is sent to it, but as in the
 * Python SDK only then does a client without a project ask the credentials
 * for one (a custom base URL is taken for a gateway that needs none). */
static genai_result service_client(genai_client **out) {
  bool vertex = true;
  genai_client_options o = {GENAI_INIT(genai_client_options), .vertexai = &vertex, .location = "us-central1"};
  *out = NULL;
  return genai_client_new(&o, out);
}

static genai_result generate(genai_client *c) {
  genai_generate_content_response *r = NULL;
  genai_result rc = genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &r);
  if (rc == GENAI_OK) assert_string_equal(genai_response_text(r), "Echo from gemini-2.5-flash: hi");
  genai_generate_content_response_free(r);
  return rc;
}

/* The requests to a path, and the last one's header. */
static size_t count_path(const char *path) {
  json_t *log = itest_requests();
  size_t i, n = 0;
  json_t *req;
  json_array_foreach(log, i, req) n += strcmp(json_string_value(json_object_get(req, "path")), path) == 0;
  json_decref(log);
  return n;
}

static void last_header(const char *name, char *out, size_t size) {
  json_t *req = itest_last_request();
  const char *v = json_string_value(json_object_get(json_object_get(req, "headers"), name));
  snprintf(out, size, "%s", v ? v : "");
  json_decref(req);
}

static void service_account_file(void **state) {
  (void)state;
  setenv("GOOGLE_APPLICATION_CREDENTIALS", sa_path, 1);
  genai_client *c = NULL;
  expect_ok(service_client(&c));
  assert_string_equal(genai_client_project(c), "sa-project"); /* from the key file, as google.auth.default() */
  assert_string_equal(genai_client_base_url(c), "https://us-central1-aiplatform.googleapis.com/");
  genai_client_free(c);
  expect_ok(adc_client("sa-project", NULL, &c));
  expect_ok(generate(c));
  expect_ok(generate(c));
  assert_int_equal(count_path("/token"), 1); /* cached for its hour */
  char auth[200];
  last_header("authorization", auth, sizeof auth);
  assert_true(strncmp(auth, "Bearer ya29.emu-", 16) == 0);
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")),
                      "/v1beta1/projects/sa-project/locations/us-central1/publishers/google/models/"
                      "gemini-2.5-flash:generateContent");
  json_decref(req);
  genai_client_free(c);
  /* the JWT-bearer grant as sent */
  json_t *log = itest_requests();
  json_t *token_req = json_array_get(log, 0);
  const char *body = json_string_value(json_object_get(token_req, "body"));
  assert_non_null(strstr(body, "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="));
  json_decref(log);
}

static void tokens_are_refreshed_before_expiry(void **state) {
  (void)state;
  oauth_config("{\"token_lifetime_s\": 30}"); /* inside the refresh margin: each call needs a new one */
  genai_client *c = NULL;
  char *sa = service_account_json(private_pem, "sa-project");
  expect_ok(adc_client("explicit-project", sa, &c));
  free(sa);
  assert_string_equal(genai_client_project(c), "explicit-project");
  expect_ok(generate(c));
  expect_ok(generate(c));
  assert_int_equal(count_path("/token"), 2);
  genai_client_free(c);
}

static void a_key_the_service_does_not_know(void **state) {
  (void)state;
  setenv("GOOGLE_APPLICATION_CREDENTIALS", sa_bad_path, 1);
  genai_client *c = NULL;
  expect_ok(adc_client("sa-project", NULL, &c));
  assert_int_equal(generate(c), GENAI_EAUTH);
  const char *m = genai_error_last()->message;
  assert_non_null(strstr(m, "invalid_grant: Invalid JWT Signature."));
  assert_null(strstr(m, "PRIVATE KEY"));
  assert_int_equal(count_path("/v1beta1/projects/sa-project/locations/us-central1/publishers/google/models/"
                              "gemini-2.5-flash:generateContent"),
                   0);
  genai_client_free(c);
}

static void a_failing_token_endpoint(void **state) {
  (void)state;
  oauth_config("{\"fail_token_requests\": 1}");
  setenv("GOOGLE_APPLICATION_CREDENTIALS", sa_path, 1);
  genai_client *c = NULL;
  expect_ok(adc_client("sa-project", NULL, &c));
  assert_int_equal(generate(c), GENAI_EAUTH);
  assert_non_null(strstr(genai_error_last()->message, "answered HTTP 503"));
  expect_ok(generate(c)); /* the next call asks again */
  genai_client_free(c);
}

static void authorized_user_with_quota_project(void **state) {
  (void)state;
  oauth_config("{\"refresh_tokens\": [{\"client_id\": \"cid\", \"client_secret\": \"csecret\", "
               "\"refresh_token\": \"1//refresh\"}]}");
  char token_uri[128], json[512];
  snprintf(token_uri, sizeof token_uri, "%s/token", itest_emu.base_url);
  snprintf(json, sizeof json,
           "{\"type\": \"authorized_user\", \"client_id\": \"cid\", \"client_secret\": \"csecret\", "
           "\"refresh_token\": \"1//refresh\", \"quota_project_id\": \"billing-project\", \"token_uri\": \"%s\"}",
           token_uri);
  /* gcloud's well-known file */
  char path[300];
  assert_int_equal(mkdir(gcloud_dir, 0700) == 0 || access(gcloud_dir, F_OK) == 0, 1);
  snprintf(path, sizeof path, "%s/application_default_credentials.json", gcloud_dir);
  write_file(path, json);
  setenv("CLOUDSDK_CONFIG", gcloud_dir, 1);
  genai_client *c = NULL;
  expect_ok(adc_client("user-project", NULL, &c));
  expect_ok(generate(c));
  char header[100];
  last_header("x-goog-user-project", header, sizeof header);
  assert_string_equal(header, "billing-project");
  genai_client_free(c);
  /* a refresh token the endpoint does not know */
  snprintf(json, sizeof json,
           "{\"type\": \"authorized_user\", \"client_id\": \"cid\", \"client_secret\": \"csecret\", "
           "\"refresh_token\": \"1//revoked\", \"token_uri\": \"%s\"}",
           token_uri);
  expect_ok(adc_client("user-project", json, &c));
  assert_int_equal(generate(c), GENAI_EAUTH);
  assert_non_null(strstr(genai_error_last()->message, "invalid_grant"));
  assert_null(strstr(genai_error_last()->message, "1//revoked"));
  genai_client_free(c);
}

static void metadata_server(void **state) {
  (void)state;
  oauth_config("{\"project\": \"metadata-project\"}");
  char host[64];
  snprintf(host, sizeof host, "127.0.0.1:%d", itest_emu.port);
  setenv("GCE_METADATA_HOST", host, 1);
  genai_client *c = NULL;
  expect_ok(service_client(&c));
  assert_string_equal(genai_client_project(c), "metadata-project");
  genai_client_free(c);
  expect_ok(adc_client("metadata-project", NULL, &c));
  expect_ok(generate(c));
  assert_int_equal(count_path("/computeMetadata/v1/instance/service-accounts/default/token"), 1);
  genai_client_free(c);
}

static void nothing_found(void **state) {
  (void)state;
  genai_client *c = NULL;
  assert_int_equal(service_client(&c), GENAI_EAUTH);
  assert_string_equal(genai_error_last()->message,
                      "Your default credentials were not found. To set up Application Default Credentials, see "
                      "https://cloud.google.com/docs/authentication/external/set-up-adc for more information.");
  /* with a project the client is made, and the first call says the same */
  expect_ok(adc_client("p", NULL, &c));
  assert_int_equal(generate(c), GENAI_EAUTH);
  assert_non_null(strstr(genai_error_last()->message, "Your default credentials were not found."));
  genai_client_free(c);
  setenv("GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/sa.json", 1);
  assert_int_equal(service_client(&c), GENAI_EAUTH);
  assert_string_equal(genai_error_last()->message, "File /nonexistent/sa.json was not found.");
}

static void bad_credentials_json(void **state) {
  (void)state;
  genai_client *c = NULL;
  assert_int_equal(adc_client("p", "{\"type\": \"external_account\"}", &c), GENAI_EAUTH);
  assert_non_null(strstr(genai_error_last()->message, "external_account are not supported yet"));
  assert_int_equal(adc_client("p", "{\"type\": \"mystery\"}", &c), GENAI_EAUTH);
  assert_non_null(strstr(genai_error_last()->message, "does not have a valid type. Type is mystery"));
  assert_int_equal(adc_client("p", "{\"type\": \"service_account\", \"client_email\": \"x\"}", &c), GENAI_EAUTH);
  assert_non_null(strstr(genai_error_last()->message, "no private_key"));
  assert_int_equal(adc_client("p", "-----BEGIN PRIVATE KEY----- not json", &c), GENAI_EAUTH);
  assert_null(strstr(genai_error_last()->message, "BEGIN"));
  /* a key that is no key fails when signing, without quoting it */
  char json[512];
  snprintf(json, sizeof json,
           "{\"type\": \"service_account\", \"client_email\": \"x@y\", \"private_key\": \"-----BEGIN PRIVATE "
           "KEY-----\\nsecret-material\\n-----END PRIVATE KEY-----\\n\", \"token_uri\": \"%s/token\"}",
           itest_emu.base_url);
  expect_ok(adc_client("p", json, &c));
  assert_int_equal(generate(c), GENAI_EAUTH);
  assert_null(strstr(genai_error_last()->message, "secret-material"));
  genai_client_free(c);
  /* with an API key or a token provider the credentials are refused */
  bool vertex = true;
  genai_client_options o = {GENAI_INIT(genai_client_options), .vertexai = &vertex, .api_key = "k",
                            .credentials_json = "{}"};
  assert_int_equal(genai_client_new(&o, &c), GENAI_EINVAL);
  assert_null(c);
}

/* The JWT's iat and exp come from the machine's clock: a service whose clock
 * differs by less than its leeway (5 minutes) accepts them, a larger
 * difference is reported with the token endpoint's reason. */
static void clock_skew(void **state) {
  (void)state;
  char *sa = service_account_json(private_pem, "sa-project");
  genai_client *c = NULL;
  oauth_config("{\"clock_skew_s\": 200}");
  expect_ok(adc_client("sa-project", sa, &c));
  expect_ok(generate(c));
  genai_client_free(c);
  oauth_config("{\"clock_skew_s\": -400}");
  expect_ok(adc_client("sa-project", sa, &c));
  assert_int_equal(generate(c), GENAI_EAUTH);
  assert_non_null(strstr(genai_error_last()->message, "Check your iat and exp values"));
  genai_client_free(c);
  free(sa);
}

typedef struct racer {
  genai_client *client;
  genai_result rc;
} racer;

static void *race(void *data) {
  racer *r = data;
  genai_generate_content_response *resp = NULL;
  r->rc = genai_models_generate_content(r->client, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &resp);
  genai_generate_content_response_free(resp);
  genai_error_clear();
  return NULL;
}

/* Threads that need the first token at once get one exchange between them. */
static void concurrent_first_use(void **state) {
  (void)state;
  char *sa = service_account_json(private_pem, "sa-project");
  genai_client *c = NULL;
  expect_ok(adc_client("sa-project", sa, &c));
  free(sa);
  enum { N = 8 };
  pthread_t threads[N];
  racer racers[N];
  for (int i = 0; i < N; i++) {
    racers[i] = (racer){c, GENAI_ERROR};
    assert_int_equal(pthread_create(&threads[i], NULL, race, &racers[i]), 0);
  }
  for (int i = 0; i < N; i++) {
    pthread_join(threads[i], NULL);
    assert_int_equal(racers[i].rc, GENAI_OK);
  }
  assert_int_equal(count_path("/token"), 1);
  genai_client_free(c);
}

static void requests_without_an_issued_token_are_refused(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL); /* a provider giving a token the emulator never issued */
  assert_int_equal(generate(c), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 401);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(service_account_file, setup),
      cmocka_unit_test_setup(tokens_are_refreshed_before_expiry, setup),
      cmocka_unit_test_setup(a_key_the_service_does_not_know, setup),
      cmocka_unit_test_setup(a_failing_token_endpoint, setup),
      cmocka_unit_test_setup(authorized_user_with_quota_project, setup),
      cmocka_unit_test_setup(metadata_server, setup),
      cmocka_unit_test_setup(nothing_found, setup),
      cmocka_unit_test_setup(bad_credentials_json, setup),
      cmocka_unit_test_setup(clock_skew, setup),
      cmocka_unit_test_setup(concurrent_first_use, setup),
      cmocka_unit_test_setup(requests_without_an_issued_token_are_refused, setup),
  };
  return itest_finish(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
