/* The control plane of genai-emulator: request log, scripted responses with
 * fault injection, reset, and keep-alive/connection reporting. */
#include <pthread.h>
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
#define PATH_20 MLDEV_PATH("gemini-2.0-flash")
#define PATH_25 MLDEV_PATH("gemini-2.5-flash")

static emu_harness emu;

static int reset(void **state) {
  (void)state;
  return emu_reset(&emu) == 200 ? 0 : -1;
}

static long post_status(const char *path, const char *auth) {
  long status;
  json_decref(http_post_json(&emu, path, auth, BODY, &status));
  return status;
}

static void test_health(void **state) {
  (void)state;
  char *body = NULL;
  assert_int_equal(emu_get(&emu, "/_emulator/health", &body), 200);
  json_t *doc = json_loads(body, 0, NULL);
  assert_string_equal(jp_str(doc, "status"), "ok");
  json_decref(doc);
  free(body);
}

static void test_request_log(void **state) {
  (void)state;
  const char *headers[] = {API_KEY_HEADER, "X-Custom-Header: Foo", NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", PATH_20, headers, BODY, &r);
  assert_int_equal(r.status, 200);
  http_reply_dispose(&r);
  http_call(NULL, &emu, "POST", "/foo/bar?x=1&alt=sse", NULL, "raw text, not JSON", &r);
  assert_int_equal(r.status, 404);
  http_reply_dispose(&r);
  assert_int_equal(post_status(VERTEX_PATH("gemini-2.0-flash"), BEARER_HEADER), 200);
  assert_int_equal(emu_get(&emu, "/_emulator/health", NULL), 200); /* not logged */

  json_t *log = emu_requests(&emu);
  assert_non_null(log);
  assert_int_equal(json_array_size(log), 3);
  assert_int_equal(jp_int(log, "0.seq"), 1);
  assert_string_equal(jp_str(log, "0.method"), "POST");
  assert_string_equal(jp_str(log, "0.path"), PATH_20);
  assert_string_equal(jp_str(log, "0.query"), "");
  assert_string_equal(jp_str(log, "0.headers.x-custom-header"), "Foo");
  assert_string_equal(jp_str(log, "0.headers.x-goog-api-key"), "test-key");
  assert_string_equal(jp_str(log, "0.headers.content-type"), "application/json");
  assert_string_equal(jp_str(log, "0.body.contents.0.parts.0.text"), "hi");
  assert_string_equal(jp_str(log, "0.backend"), "mldev");
  assert_true(jp_int(log, "0.connection") > 0);

  assert_int_equal(jp_int(log, "1.seq"), 2);
  assert_string_equal(jp_str(log, "1.path"), "/foo/bar");
  assert_string_equal(jp_str(log, "1.query"), "x=1&alt=sse");
  assert_string_equal(jp_str(log, "1.body"), "raw text, not JSON");
  assert_true(json_is_null(jp(log, "1.backend")));

  assert_string_equal(jp_str(log, "2.backend"), "vertex");
  assert_string_equal(jp_str(log, "2.headers.authorization"), "Bearer test-token");
  json_decref(log);

  assert_int_equal(emu_delete(&emu, "/_emulator/requests"), 200);
  log = emu_requests(&emu);
  assert_int_equal(json_array_size(log), 0);
  json_decref(log);
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 200);
  log = emu_requests(&emu);
  assert_int_equal(jp_int(log, "0.seq"), 1); /* numbering restarts after a clear */
  json_decref(log);
}

static void test_get_has_empty_body(void **state) {
  (void)state;
  http_reply r;
  http_call(NULL, &emu, "GET", "/v1beta/models", NULL, NULL, &r);
  http_reply_dispose(&r);
  json_t *log = emu_requests(&emu);
  assert_string_equal(jp_str(log, "0.method"), "GET");
  assert_string_equal(jp_str(log, "0.body"), "");
  json_decref(log);
}

static void test_connection_reuse_is_visible(void **state) {
  (void)state;
  CURL *curl = curl_easy_init();
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  for (int i = 0; i < 2; i++) {
    http_call(curl, &emu, "POST", PATH_20, headers, BODY, &r);
    assert_int_equal(r.status, 200);
    http_reply_dispose(&r);
  }
  curl_easy_cleanup(curl);
  http_call(NULL, &emu, "POST", PATH_20, headers, BODY, &r);
  http_reply_dispose(&r);
  json_t *log = emu_requests(&emu);
  assert_int_equal(json_array_size(log), 3);
  assert_int_equal(jp_int(log, "0.connection"), jp_int(log, "1.connection"));
  assert_int_not_equal(jp_int(log, "1.connection"), jp_int(log, "2.connection"));
  json_decref(log);
}

static void test_script_status_headers_json(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu,
                              "{\"responses\":[{\"status\":429,"
                              "\"headers\":{\"Retry-After\":\"2\"},"
                              "\"json\":{\"error\":{\"code\":429,\"message\":\"slow down\","
                              "\"status\":\"RESOURCE_EXHAUSTED\"}}}]}"),
                   200);
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", PATH_20, headers, BODY, &r);
  assert_int_equal(r.status, 429);
  char value[128];
  assert_string_equal(http_reply_header(&r, "Retry-After", value, sizeof value), "2");
  assert_string_equal(http_reply_header(&r, "Content-Type", value, sizeof value),
                      "application/json; charset=UTF-8");
  json_t *doc = http_reply_json(&r);
  assert_string_equal(jp_str(doc, "error.status"), "RESOURCE_EXHAUSTED");
  json_decref(doc);
  http_reply_dispose(&r);
  /* Consumed: the next request is served normally, and both were logged. */
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 200);
  json_t *log = emu_requests(&emu);
  assert_int_equal(json_array_size(log), 2);
  json_decref(log);
}

static void test_script_raw_body(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu,
                              "{\"responses\":[{\"body\":\"data: {\\\"a\\\":1}\\r\\n\\r\\n\","
                              "\"headers\":{\"Content-Type\":\"text/event-stream\"}}]}"),
                   200);
  http_reply r;
  http_call(NULL, &emu, "POST", "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
            NULL, BODY, &r);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body, "data: {\"a\":1}\r\n\r\n");
  char value[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", value, sizeof value),
                      "text/event-stream");
  http_reply_dispose(&r);
}

/* Bytes that a JSON string cannot carry (invalid UTF-8, NUL) arrive exactly. */
static void test_script_base64_body(void **state) {
  (void)state;
  /* "{\"t\":\"\xff\x00\xc3\"}" and an empty body; the second with its own type */
  assert_int_equal(emu_script(&emu,
                              "{\"responses\":[{\"body_base64\":\"eyJ0Ijoi/wDDIn0=\"},"
                              "{\"status\":502,\"body_base64\":\"\",\"headers\":"
                              "{\"Content-Type\":\"application/json\"}}]}"),
                   200);
  http_reply r;
  http_call(NULL, &emu, "POST", PATH_20, NULL, BODY, &r);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.body_len, 11);
  assert_memory_equal(r.body, "{\"t\":\"\xff\x00\xc3\"}", 11);
  char value[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", value, sizeof value),
                      "application/octet-stream");
  http_reply_dispose(&r);
  http_call(NULL, &emu, "POST", PATH_20, NULL, BODY, &r);
  assert_int_equal(r.status, 502);
  assert_int_equal(r.body_len, 0);
  assert_string_equal(http_reply_header(&r, "Content-Type", value, sizeof value),
                      "application/json");
  http_reply_dispose(&r);
  /* The queue shows the entry as submitted. */
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"body_base64\":\"YWI=\"}]}"), 200);
  char *body = NULL;
  assert_int_equal(emu_get(&emu, "/_emulator/script", &body), 200);
  json_t *doc = json_loads(body, 0, NULL);
  free(body);
  assert_string_equal(jp_str(doc, "responses.0.body_base64"), "YWI=");
  json_decref(doc);
}

/* A large answer without a large script: the body sent several times over. */
static void test_script_body_repeat(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"body\":\"ab\",\"body_repeat\":3},"
                                    "{\"body_base64\":\"/w==\",\"body_repeat\":1000,"
                                    "\"drop\":\"after_headers\"}]}"),
                   200);
  http_reply r;
  http_call(NULL, &emu, "POST", PATH_20, NULL, BODY, &r);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body, "ababab");
  http_reply_dispose(&r);
  /* with drop: half of the whole repeated body, then the connection closes */
  http_call(NULL, &emu, "POST", PATH_20, NULL, BODY, &r);
  assert_int_equal(r.result, CURLE_PARTIAL_FILE);
  assert_int_equal(r.body_len, 500);
  for (size_t i = 0; i < r.body_len; i++) assert_int_equal((unsigned char)r.body[i], 0xff);
  http_reply_dispose(&r);
}

static void test_script_skips_auth_and_routing(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"json\":{\"ok\":true}},{\"status\":201}]}"),
                   200);
  long status;
  json_t *doc = http_post_json(&emu, "/no/such/route", NULL, "not json", &status);
  assert_int_equal(status, 200);
  assert_true(json_is_true(jp(doc, "ok")));
  json_decref(doc);
  assert_int_equal(post_status(PATH_20, NULL), 201); /* no key, still scripted */
  assert_int_equal(post_status(PATH_20, NULL), 403); /* queue empty: real handling */
}

static void test_script_repeat(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"status\":503,\"repeat\":2}]}"), 200);
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 503);
  char *body = NULL;
  assert_int_equal(emu_get(&emu, "/_emulator/script", &body), 200);
  json_t *doc = json_loads(body, 0, NULL);
  free(body);
  assert_int_equal(json_array_size(jp(doc, "responses")), 1);
  assert_int_equal(jp_int(doc, "responses.0.repeat"), 1);
  assert_int_equal(jp_int(doc, "responses.0.status"), 503);
  json_decref(doc);
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 503);
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 200);
}

static void test_script_match(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu,
                              "{\"responses\":["
                              "{\"status\":500,\"match\":{\"path_contains\":\"gemini-2.5\"}},"
                              "{\"status\":418}]}"),
                   200);
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 418); /* skips the 2.5 entry */
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 200); /* nothing matches */
  assert_int_equal(post_status(PATH_25, API_KEY_HEADER), 500);
  assert_int_equal(post_status(PATH_25, API_KEY_HEADER), 200);
}

static void test_script_delay(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"delay_ms\":300}]}"), 200);
  http_reply r;
  http_call(NULL, &emu, "POST", PATH_20, NULL, BODY, &r);
  assert_int_equal(r.status, 200);
  assert_true(r.seconds >= 0.29);
  http_reply_dispose(&r);
}

static void test_drop_before_headers(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"drop\":\"before_headers\"}]}"), 200);
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", PATH_20, headers, BODY, &r);
  assert_int_equal(r.result, CURLE_GOT_NOTHING);
  assert_int_equal(r.status, 0);
  http_reply_dispose(&r);
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 200);
}

static void test_drop_after_headers(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu,
                              "{\"responses\":[{\"drop\":\"after_headers\","
                              "\"json\":{\"candidates\":[{\"index\":0}]}},"
                              "{\"drop\":\"after_headers\",\"status\":500}]}"),
                   200);
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", PATH_20, headers, BODY, &r);
  assert_int_equal(r.result, CURLE_PARTIAL_FILE);
  assert_int_equal(r.status, 200);
  assert_true(r.body_len > 0);
  assert_memory_equal(r.body, "{\n  \"candidates\"", r.body_len < 16 ? r.body_len : 16);
  http_reply_dispose(&r);
  /* Even an empty body is cut short: the header announces more than arrives. */
  http_call(NULL, &emu, "POST", PATH_20, headers, BODY, &r);
  assert_int_equal(r.result, CURLE_PARTIAL_FILE);
  assert_int_equal(r.status, 500);
  http_reply_dispose(&r);
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 200);
}

static void expect_bad_script(const char *script, const char *fragment) {
  char *body = NULL;
  assert_int_equal(emu_post(&emu, "/_emulator/script", script, &body), 400);
  json_t *doc = json_loads(body, 0, NULL);
  free(body);
  const char *msg = jp_str(doc, "error.message");
  assert_non_null(msg);
  if (!strstr(msg, fragment)) fail_msg("message '%s' does not mention '%s'", msg, fragment);
  json_decref(doc);
}

#define X30 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define X300 X30 X30 X30 X30 X30 X30 X30 X30 X30 X30

static void test_invalid_scripts(void **state) {
  (void)state;
  expect_bad_script("not json", "not valid JSON");
  expect_bad_script("[]", "{\"responses\"");
  expect_bad_script("{\"responses\":{}}", "responses: must be an array");
  expect_bad_script("{\"responses\":[],\"extra\":1}", "extra: unknown field");
  expect_bad_script("{\"responses\":[{\"status\":200},{\"status\":\"x\"}]}", "responses[1].status");
  expect_bad_script("{\"responses\":[{\"status\":99}]}", "responses[0].status");
  expect_bad_script("{\"responses\":[{\"bogus\":1}]}", "responses[0].bogus");
  expect_bad_script("{\"responses\":[{\"drop\":\"middle\"}]}", "responses[0].drop");
  expect_bad_script("{\"responses\":[{\"repeat\":0}]}", "responses[0].repeat");
  expect_bad_script("{\"responses\":[{\"delay_ms\":-5}]}", "responses[0].delay_ms");
  expect_bad_script("{\"responses\":[{\"headers\":{\"A\":1}}]}", "responses[0].headers");
  expect_bad_script("{\"responses\":[{\"body\":{}}]}", "responses[0].body");
  expect_bad_script("{\"responses\":[{\"body\":\"x\",\"json\":{}}]}", "responses[0].json");
  expect_bad_script("{\"responses\":[{\"body_base64\":\"YWJ\"}]}", "responses[0].body_base64");
  expect_bad_script("{\"responses\":[{\"body_base64\":\"Y=Jj\"}]}", "responses[0].body_base64");
  expect_bad_script("{\"responses\":[{\"body_base64\":\"YW-j\"}]}", "responses[0].body_base64");
  expect_bad_script("{\"responses\":[{\"body_base64\":7}]}", "responses[0].body_base64");
  expect_bad_script("{\"responses\":[{\"body_base64\":\"YWI=\",\"body\":\"x\"}]}",
                    "responses[0].body_base64");
  expect_bad_script("{\"responses\":[{\"body_base64\":\"YWI=\",\"stream\":{}}]}",
                    "responses[0].body_base64: cannot be combined");
  expect_bad_script("{\"responses\":[{\"body_repeat\":2}]}", "responses[0].body_repeat");
  expect_bad_script("{\"responses\":[{\"json\":{},\"body_repeat\":2}]}", "responses[0].body_repeat");
  expect_bad_script("{\"responses\":[{\"body\":\"x\",\"body_repeat\":0}]}",
                    "responses[0].body_repeat");
  /* 300 bytes a million times: over the 256 MiB bound */
  expect_bad_script("{\"responses\":[{\"body\":\"" X300 "\",\"body_repeat\":1000000}]}",
                    "at most 256 MiB");
  expect_bad_script("{\"responses\":[{\"match\":{\"path\":\"x\"}}]}", "responses[0].match");
  expect_bad_script("{\"responses\":[7]}", "responses[0]");
  /* All or nothing: the valid first entry of a rejected script is not queued. */
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 200);
}

static void test_script_delete_and_reset(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"status\":500}]}"), 200);
  assert_int_equal(emu_delete(&emu, "/_emulator/script"), 200);
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 200);
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"status\":500}]}"), 200);
  assert_int_equal(emu_reset(&emu), 200);
  json_t *log = emu_requests(&emu);
  assert_int_equal(json_array_size(log), 0);
  json_decref(log);
  assert_int_equal(post_status(PATH_20, API_KEY_HEADER), 200);
}

static void test_control_plane_errors(void **state) {
  (void)state;
  char *body = NULL;
  assert_int_equal(emu_get(&emu, "/_emulator/nothing", &body), 404);
  json_t *doc = json_loads(body, 0, NULL);
  assert_string_equal(jp_str(doc, "error.status"), "NOT_FOUND");
  json_decref(doc);
  free(body);
  http_reply r;
  http_call(NULL, &emu, "PUT", "/_emulator/script", NULL, "{}", &r);
  assert_int_equal(r.status, 405);
  char allow[64];
  assert_string_equal(http_reply_header(&r, "Allow", allow, sizeof allow), "GET, POST, DELETE");
  http_reply_dispose(&r);
  json_t *log = emu_requests(&emu);
  assert_int_equal(json_array_size(log), 0); /* control requests are never logged */
  json_decref(log);
}

#define THREADS 8
#define PER_THREAD 20

static void *hammer(void *arg) {
  long *failures = arg;
  CURL *curl = curl_easy_init();
  const char *headers[] = {API_KEY_HEADER, NULL};
  for (int i = 0; i < PER_THREAD; i++) {
    http_reply r;
    http_call(curl, &emu, "POST", PATH_20, headers, BODY, &r);
    if (r.status != 200) (*failures)++;
    http_reply_dispose(&r);
  }
  curl_easy_cleanup(curl);
  return NULL;
}

static void test_concurrent_clients(void **state) {
  (void)state;
  pthread_t threads[THREADS];
  long failures[THREADS] = {0};
  for (int i = 0; i < THREADS; i++)
    assert_int_equal(pthread_create(&threads[i], NULL, hammer, &failures[i]), 0);
  for (int i = 0; i < THREADS; i++) {
    pthread_join(threads[i], NULL);
    assert_int_equal(failures[i], 0);
  }
  json_t *log = emu_requests(&emu);
  assert_int_equal(json_array_size(log), THREADS * PER_THREAD);
  assert_int_equal(jp_int(log, "159.seq"), THREADS * PER_THREAD);
  json_decref(log);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_health, reset),
      cmocka_unit_test_setup(test_request_log, reset),
      cmocka_unit_test_setup(test_get_has_empty_body, reset),
      cmocka_unit_test_setup(test_connection_reuse_is_visible, reset),
      cmocka_unit_test_setup(test_script_status_headers_json, reset),
      cmocka_unit_test_setup(test_script_raw_body, reset),
      cmocka_unit_test_setup(test_script_base64_body, reset),
      cmocka_unit_test_setup(test_script_body_repeat, reset),
      cmocka_unit_test_setup(test_script_skips_auth_and_routing, reset),
      cmocka_unit_test_setup(test_script_repeat, reset),
      cmocka_unit_test_setup(test_script_match, reset),
      cmocka_unit_test_setup(test_script_delay, reset),
      cmocka_unit_test_setup(test_drop_before_headers, reset),
      cmocka_unit_test_setup(test_drop_after_headers, reset),
      cmocka_unit_test_setup(test_invalid_scripts, reset),
      cmocka_unit_test_setup(test_script_delete_and_reset, reset),
      cmocka_unit_test_setup(test_control_plane_errors, reset),
      cmocka_unit_test_setup(test_concurrent_clients, reset),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  /* Checked here rather than in a group teardown, whose failure cmocka
   * does not reflect in the exit status. A non-zero emulator exit means an
   * unclean shutdown, or a leak report under sanitizers. */
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
