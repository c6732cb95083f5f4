#include "itest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <genai/sys/auth.h>

emu_harness itest_emu;

int itest_group_setup(void **state) {
  (void)state;
  const char *args[] = {"--api-key", ITEST_KEY, "--bearer-token", ITEST_TOKEN, "--quiet", NULL};
  return emu_start(&itest_emu, args);
}

int itest_finish(int failed) {
  if (itest_emu.pid && emu_stop(&itest_emu) != 0) {
    fprintf(stderr, "the emulator did not exit cleanly\n");
    failed++;
  }
  genai_error_clear();
  return failed ? 1 : 0;
}

int itest_reset(void **state) {
  (void)state;
  return emu_reset(&itest_emu) == 200 ? 0 : -1;
}

static genai_client *new_client(genai_client_options *o) {
  genai_client *c = NULL;
  genai_result rc = genai_client_new(o, &c);
  if (rc != GENAI_OK) fail_msg("genai_client_new: %s", genai_error_last()->message);
  return c;
}

genai_client *itest_mldev_client(const genai_http_options *http) {
  genai_http_options h = http ? *http : (genai_http_options){GENAI_INIT(genai_http_options)};
  h.base_url = itest_emu.base_url;
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = ITEST_KEY, .http_options = &h, .no_env = true};
  return new_client(&o);
}

genai_client *itest_vertex_express_client(const genai_http_options *http) {
  genai_http_options h = http ? *http : (genai_http_options){GENAI_INIT(genai_http_options)};
  h.base_url = itest_emu.base_url;
  bool vertex = true;
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = ITEST_KEY, .vertexai = &vertex,
                            .http_options = &h, .no_env = true};
  return new_client(&o);
}

static genai_result give_itest_token(void *user_data, genai_token_sink *sink) {
  (void)user_data;
  return genai_token_sink_set(sink, ITEST_TOKEN, 0);
}

genai_client *itest_vertex_client(const genai_token_provider *provider) {
  static const genai_token_provider itest_provider = {GENAI_INIT(genai_token_provider), give_itest_token, NULL};
  if (!provider) provider = &itest_provider;
  genai_http_options h = {GENAI_INIT(genai_http_options), .base_url = itest_emu.base_url};
  bool vertex = true;
  genai_client_options o = {GENAI_INIT(genai_client_options), .vertexai = &vertex, .project = "test-project",
                            .location = "us-central1", .http_options = &h, .token_provider = provider,
                            .no_env = true};
  return new_client(&o);
}

json_t *itest_requests(void) {
  json_t *log = emu_requests(&itest_emu);
  if (!json_is_array(log)) fail_msg("could not read the emulator's request log");
  return log;
}

size_t itest_request_count(void) {
  json_t *log = itest_requests();
  size_t n = json_array_size(log);
  json_decref(log);
  return n;
}

json_t *itest_last_request(void) {
  json_t *log = itest_requests();
  size_t n = json_array_size(log);
  if (!n) fail_msg("the emulator received no request");
  json_t *last = json_incref(json_array_get(log, n - 1));
  json_decref(log);
  return last;
}

void itest_assert_json_value(const json_t *actual, const char *expected) {
  json_error_t err;
  json_t *want = json_loads(expected, JSON_DECODE_ANY, &err);
  if (!want) fail_msg("bad expected JSON: %s", err.text);
  if (!json_equal(actual, want)) {
    char *a = json_dumps(actual, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    char *w = json_dumps(want, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    print_error("actual:   %s\nexpected: %s\n", a, w);
    free(a);
    free(w);
    json_decref(want);
    fail_msg("JSON values differ");
  }
  json_decref(want);
}

void itest_assert_json_equal(const char *actual, const char *expected) {
  json_error_t err;
  json_t *got = json_loads(actual, JSON_DECODE_ANY, &err);
  if (!got) fail_msg("actual is not JSON: %s", err.text);
  itest_assert_json_value(got, expected);
  json_decref(got);
}

void itest_script(const char *json) {
  int status = emu_script(&itest_emu, json);
  if (status != 200) fail_msg("the emulator refused the script (HTTP %d): %s", status, json);
}
