/* The HTTP pipeline against a real server: retries, timeouts, connection
 * reuse, threads, per-call options and log redaction. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itest.h"

static genai_result generate(genai_client *c, const genai_generate_content_config *cfg,
                             genai_generate_content_response **r) {
  return genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("ping"), cfg, r);
}

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Retries without waiting, so that only the count is observed. */
static const genai_http_retry_options fast_retry = {GENAI_INIT(genai_http_retry_options), .attempts = &(int32_t){3},
                                                    .initial_delay_s = &(double){0}, .jitter_s = &(double){0}};

static void retries_are_off_by_default(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":503,\"json\":{\"error\":{\"code\":503,\"message\":\"overloaded\","
               "\"status\":\"UNAVAILABLE\"}}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, NULL, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 503);
  assert_int_equal(itest_request_count(), 1);
  genai_client_free(c);
}

static void retryable_statuses_are_retried(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":503,\"body\":\"busy\",\"repeat\":2}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .retry_options = &fast_retry};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, NULL, &r), GENAI_OK);
  assert_string_equal(genai_response_text(r), "Echo from gemini-2.0-flash: ping");
  assert_int_equal(itest_request_count(), 3);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void attempts_are_bounded(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":500,\"body\":\"oops\",\"repeat\":5}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .retry_options = &fast_retry};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, NULL, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 500);
  assert_int_equal(itest_request_count(), 3);
  genai_client_free(c);
}

static void client_errors_are_not_retried(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":400,\"json\":{\"error\":{\"code\":400,\"message\":\"bad\","
               "\"status\":\"INVALID_ARGUMENT\"}}}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .retry_options = &fast_retry};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, NULL, &r), GENAI_EAPI);
  assert_int_equal(itest_request_count(), 1);
  genai_client_free(c);
}

static void retry_after_is_honoured(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":429,\"headers\":{\"Retry-After\":\"1\"},\"body\":\"slow down\"}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .retry_options = &fast_retry};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  int64_t started = now_ms();
  assert_int_equal(generate(c, NULL, &r), GENAI_OK);
  assert_true(now_ms() - started >= 1000);
  assert_int_equal(itest_request_count(), 2);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void a_wait_beyond_max_delay_ends_the_call(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":429,\"headers\":{\"Retry-After\":\"120\"},\"body\":\"later\"}]}");
  genai_http_retry_options retry = fast_retry;
  retry.max_delay_s = &(double){5};
  genai_http_options h = {GENAI_INIT(genai_http_options), .retry_options = &retry};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, NULL, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->retry_after_ms, 120000);
  assert_int_equal(itest_request_count(), 1);
  genai_client_free(c);
}

static void dropped_connections_are_retried(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"drop\":\"before_headers\"}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .retry_options = &fast_retry};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, NULL, &r), GENAI_OK);
  assert_int_equal(itest_request_count(), 2);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void total_timeout(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":200,\"json\":{},\"delay_ms\":3000}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .timeout_ms = &(int32_t){300}};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  int64_t started = now_ms();
  assert_int_equal(generate(c, NULL, &r), GENAI_ETIMEOUT);
  assert_true(now_ms() - started < 2500);
  assert_non_null(strstr(genai_error_last()->message, "timeout_ms"));
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(json_object_get(req, "headers"), "x-server-timeout")), "1");
  json_decref(req);
  genai_client_free(c);
}

static void idle_timeout(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":200,\"json\":{},\"delay_ms\":4000}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .idle_timeout_ms = &(int32_t){500}};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  int64_t started = now_ms();
  assert_int_equal(generate(c, NULL, &r), GENAI_ETIMEOUT);
  assert_true(now_ms() - started < 3500);
  assert_non_null(strstr(genai_error_last()->message, "idle_timeout_ms"));
  genai_client_free(c);
}

static void connections_are_reused(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  for (int i = 0; i < 3; i++) {
    genai_generate_content_response *r = NULL;
    assert_int_equal(generate(c, NULL, &r), GENAI_OK);
    genai_generate_content_response_free(r);
  }
  json_t *log = itest_requests();
  assert_int_equal(json_array_size(log), 3);
  json_int_t first = json_integer_value(json_object_get(json_array_get(log, 0), "connection"));
  for (size_t i = 1; i < 3; i++)
    assert_int_equal(json_integer_value(json_object_get(json_array_get(log, i), "connection")), first);
  json_decref(log);
  genai_client_free(c);
}

typedef struct worker {
  genai_client *client;
  int id, ok;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  for (int i = 0; i < 10; i++) {
    char prompt[64], want[128];
    snprintf(prompt, sizeof(prompt), "thread %d call %d", w->id, i);
    snprintf(want, sizeof(want), "Echo from gemini-2.0-flash: %s", prompt);
    genai_generate_content_response *r = NULL;
    if (genai_models_generate_content(w->client, "gemini-2.0-flash", GENAI_TEXT(prompt), NULL, &r) == GENAI_OK &&
        genai_response_text(r) && !strcmp(genai_response_text(r), want))
      w->ok++;
    genai_generate_content_response_free(r);
  }
  genai_error_clear();
  return NULL;
}

static void one_client_many_threads(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  pthread_t threads[8];
  worker workers[8];
  for (int i = 0; i < 8; i++) {
    workers[i] = (worker){c, i, 0};
    assert_int_equal(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
  }
  for (int i = 0; i < 8; i++) {
    pthread_join(threads[i], NULL);
    assert_int_equal(workers[i].ok, 10);
  }
  json_t *log = itest_requests();
  assert_int_equal(json_array_size(log), 80);
  /* With a shared connection cache, 80 calls need at most as many connections as threads. */
  json_int_t max_conn = 0, min_conn = -1;
  for (size_t i = 0; i < 80; i++) {
    json_int_t id = json_integer_value(json_object_get(json_array_get(log, i), "connection"));
    if (id > max_conn) max_conn = id;
    if (min_conn < 0 || id < min_conn) min_conn = id;
  }
  assert_true(max_conn - min_conn + 1 <= 8);
  json_decref(log);
  genai_client_free(c);
}

static void per_call_http_options(void **state) {
  (void)state;
  genai_string_entry client_headers[] = {{"x-team", "client"}, {"x-keep", "yes"}};
  genai_http_options ch = {GENAI_INIT(genai_http_options), .headers = client_headers, .headers_count = 2};
  genai_client *c = itest_mldev_client(&ch);
  genai_string_entry call_headers[] = {{"X-Team", "call"}, {"user-agent", "my-app/1.0"}};
  genai_http_options call = {GENAI_INIT(genai_http_options), .api_version = "v1alpha", .headers = call_headers,
                             .headers_count = 2, .timeout_ms = &(int32_t){2500},
                             .extra_body_json = "{\"generation_config\":{\"seed\":7}}"};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config), .http_options = &call,
                                       .temperature = &(double){0.5}};
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, &cfg, &r), GENAI_OK);
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")), "/v1alpha/models/gemini-2.0-flash:generateContent");
  json_t *h = json_object_get(req, "headers");
  assert_string_equal(json_string_value(json_object_get(h, "x-team")), "call");
  assert_string_equal(json_string_value(json_object_get(h, "x-keep")), "yes");
  const char *ua = json_string_value(json_object_get(h, "user-agent"));
  assert_true(!strncmp(ua, "google-genai-sdk/", 17));
  assert_non_null(strstr(ua, " my-app/1.0"));
  assert_string_equal(json_string_value(json_object_get(h, "x-server-timeout")), "3");
  itest_assert_json_value(json_object_get(json_object_get(req, "body"), "generationConfig"),
                          "{\"temperature\":0.5,\"seed\":7}");
  json_decref(req);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

typedef struct log_capture {
  char text[65536];
  size_t len;
} log_capture;

static void capture(genai_log_level level, const char *message, void *user_data) {
  (void)level;
  log_capture *cap = user_data;
  size_t n = strlen(message);
  if (cap->len + n + 2 < sizeof(cap->text)) {
    memcpy(cap->text + cap->len, message, n);
    cap->len += n;
    cap->text[cap->len++] = '\n';
    cap->text[cap->len] = '\0';
  }
}

static void logs_never_show_the_key(void **state) {
  (void)state;
  static log_capture cap;
  memset(&cap, 0, sizeof(cap));
  genai_log_set_callback(capture, &cap, GENAI_LOG_DEBUG);
  itest_script("{\"responses\":[{\"status\":503,\"body\":\"busy\"}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .retry_options = &fast_retry};
  genai_client *c = itest_mldev_client(&h);
  genai_generate_content_response *r = NULL;
  assert_int_equal(generate(c, NULL, &r), GENAI_OK);
  genai_log_set_callback(NULL, NULL, GENAI_LOG_DEBUG);
  assert_non_null(strstr(cap.text, "x-goog-api-key: [REDACTED]"));
  assert_non_null(strstr(cap.text, "retrying POST"));
  assert_null(strstr(cap.text, ITEST_KEY));
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(retries_are_off_by_default, itest_reset),
      cmocka_unit_test_setup(retryable_statuses_are_retried, itest_reset),
      cmocka_unit_test_setup(attempts_are_bounded, itest_reset),
      cmocka_unit_test_setup(client_errors_are_not_retried, itest_reset),
      cmocka_unit_test_setup(retry_after_is_honoured, itest_reset),
      cmocka_unit_test_setup(a_wait_beyond_max_delay_ends_the_call, itest_reset),
      cmocka_unit_test_setup(dropped_connections_are_retried, itest_reset),
      cmocka_unit_test_setup(total_timeout, itest_reset),
      cmocka_unit_test_setup(idle_timeout, itest_reset),
      cmocka_unit_test_setup(connections_are_reused, itest_reset),
      cmocka_unit_test_setup(one_client_many_threads, itest_reset),
      cmocka_unit_test_setup(per_call_http_options, itest_reset),
      cmocka_unit_test_setup(logs_never_show_the_key, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
