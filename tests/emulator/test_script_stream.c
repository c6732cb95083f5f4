/* Scripted streams of genai-emulator (POST /_emulator/script entries with
 * "stream"): framing, pacing, mid-stream errors, cut connections, LF
 * framing, keep-alive comments, stalls, and the usual match/repeat rules. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "http_client.h"
#include "json_path.h"

#define PATH MLDEV_RPC("gemini-2.0-flash", "streamGenerateContent?alt=sse")
#define BODY "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}"

static emu_harness emu;

static int reset(void **state) {
  (void)state;
  return emu_reset(&emu) == 200 ? 0 : -1;
}

static void script(const char *json) {
  char *body = NULL;
  int status = emu_post(&emu, "/_emulator/script", json, &body);
  if (status != 200) fail_msg("script rejected (%d): %s", status, body ? body : "");
  free(body);
}

static void get(const char *path, http_reply *r) {
  http_call(NULL, &emu, "POST", path, NULL, BODY, r);
}

static void test_events_crlf(void **state) {
  (void)state;
  script(
      "{\"responses\":[{\"stream\":{\"events\":["
      "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]}}]},"
      "[1,{\"a\":null}],"
      "\"data: {not json\\r\\n\\r\\n\"]}}]}");
  http_reply r;
  get(PATH, &r);
  assert_int_equal(r.result, CURLE_OK);
  assert_int_equal(r.status, 200);
  char ct[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", ct, sizeof ct), "text/event-stream");
  assert_string_equal(r.body,
                      "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}]}}]}"
                      "\r\n\r\n"
                      "data: [1,{\"a\": null}]\r\n\r\n"
                      "data: {not json\r\n\r\n");
  http_reply_dispose(&r);
}

static void test_status_and_headers_override(void **state) {
  (void)state;
  script(
      "{\"responses\":[{\"status\":503,\"headers\":{\"Content-Type\":\"text/plain\","
      "\"X-Extra\":\"1\"},\"stream\":{\"events\":[\"raw\"]}}]}");
  http_reply r;
  get(PATH, &r);
  assert_int_equal(r.status, 503);
  char v[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", v, sizeof v), "text/plain");
  assert_string_equal(http_reply_header(&r, "X-Extra", v, sizeof v), "1");
  assert_string_equal(r.body, "raw");
  http_reply_dispose(&r);
  /* An empty stream is an empty body. */
  script("{\"responses\":[{\"stream\":{}}]}");
  get(PATH, &r);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.body_len, 0);
  http_reply_dispose(&r);
}

static void test_delay_between_events(void **state) {
  (void)state;
  script(
      "{\"responses\":[{\"stream\":{\"delay_ms\":250,\"events\":[{\"n\":1},{\"n\":2},{\"n\":3}]}}]"
      "}");
  http_reply r;
  get(PATH, &r);
  assert_int_equal(r.result, CURLE_OK);
  static const char expected[] =
      "data: {\"n\": 1}\r\n\r\ndata: {\"n\": 2}\r\n\r\ndata: {\"n\": 3}\r\n\r\n";
  assert_string_equal(r.body, expected);
  /* Each event starts at a multiple of 19 bytes. */
  double t0 = http_reply_arrival(&r, 0), t1 = http_reply_arrival(&r, 19),
         t2 = http_reply_arrival(&r, 38);
  if (t1 - t0 < 0.2 || t2 - t1 < 0.2) fail_msg("arrivals %.3f %.3f %.3f", t0, t1, t2);
  assert_true(t0 < 0.2); /* no pause before the first event */
  http_reply_dispose(&r);
}

/* Like firebase_vertexai_streaming-failure-error-mid-stream: data events,
 * then the error envelope pretty-printed without "data: ". */
static void test_mid_stream_error(void **state) {
  (void)state;
  script(
      "{\"responses\":[{\"stream\":{\"events\":[{\"a\":1},{\"a\":2}],"
      "\"error\":{\"error\":{\"code\":499,\"message\":\"The operation was cancelled.\","
      "\"status\":\"CANCELLED\"}}}}]}");
  http_reply r;
  get(PATH, &r);
  assert_int_equal(r.result, CURLE_OK);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body,
                      "data: {\"a\": 1}\r\n\r\n"
                      "data: {\"a\": 2}\r\n\r\n"
                      "{\n"
                      "  \"error\": {\n"
                      "    \"code\": 499,\n"
                      "    \"message\": \"The operation was cancelled.\",\n"
                      "    \"status\": \"CANCELLED\"\n"
                      "  }\n"
                      "}\n");
  http_reply_dispose(&r);
}

static void test_cut_after(void **state) {
  (void)state;
  script(
      "{\"responses\":[{\"stream\":{\"events\":[{\"a\":1},{\"a\":2},{\"a\":3}],"
      "\"cut_after\":2}},"
      "{\"stream\":{\"events\":[{\"a\":1}],\"error\":{\"error\":{\"code\":500}},\"cut_after\":0}},"
      "{\"stream\":{\"events\":[{\"a\":1}],\"cut_after\":5}}]}");
  http_reply r;
  get(PATH, &r);
  assert_int_equal(r.result, CURLE_PARTIAL_FILE); /* closed without the final chunk */
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body, "data: {\"a\": 1}\r\n\r\ndata: {\"a\": 2}\r\n\r\n");
  http_reply_dispose(&r);
  get(PATH, &r);
  assert_int_equal(r.result, CURLE_PARTIAL_FILE);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.body_len, 0);
  http_reply_dispose(&r);
  /* K beyond the items: all are sent, then the connection is still cut. */
  get(PATH, &r);
  assert_int_equal(r.result, CURLE_PARTIAL_FILE);
  assert_string_equal(r.body, "data: {\"a\": 1}\r\n\r\n");
  http_reply_dispose(&r);
  /* The server is fine afterwards. */
  get(PATH, &r);
  assert_int_equal(r.result, CURLE_OK);
  http_reply_dispose(&r);
}

static void test_lf_framing_and_comments(void **state) {
  (void)state;
  script(
      "{\"responses\":[{\"stream\":{\"framing\":\"lf\",\"events\":[{\"a\":1},{\"b\":2}]}},"
      "{\"stream\":{\"comment_lines\":true,\"events\":[{\"a\":1},\"x\"],"
      "\"error\":{\"error\":{\"code\":503}}}},"
      "{\"stream\":{\"framing\":\"lf\",\"comment_lines\":true,\"events\":[{\"a\":1}]}}]}");
  http_reply r;
  get(PATH, &r);
  assert_string_equal(r.body, "data: {\"a\": 1}\n\ndata: {\"b\": 2}\n\n");
  http_reply_dispose(&r);
  get(PATH, &r);
  assert_string_equal(r.body,
                      ": keep-alive\r\n\r\n"
                      "data: {\"a\": 1}\r\n\r\n"
                      ": keep-alive\r\n\r\n"
                      "x"
                      ": keep-alive\r\n\r\n"
                      "{\n  \"error\": {\n    \"code\": 503\n  }\n}\n");
  http_reply_dispose(&r);
  get(PATH, &r);
  assert_string_equal(r.body, ": keep-alive\n\ndata: {\"a\": 1}\n\n");
  http_reply_dispose(&r);
}

/* stall_ms keeps the connection open and silent after the events: a client
 * with a shorter idle timeout gives up; a patient one gets a normal end. */
static void test_stall(void **state) {
  (void)state;
  script(
      "{\"responses\":[{\"stream\":{\"events\":[{\"a\":1}],\"stall_ms\":5000}},"
      "{\"stream\":{\"events\":[{\"a\":1}],\"stall_ms\":300}}]}");
  http_reply r;
  http_call_timeout(&emu, "POST", PATH, NULL, BODY, 500, &r);
  assert_int_equal(r.result, CURLE_OPERATION_TIMEDOUT);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body, "data: {\"a\": 1}\r\n\r\n");
  assert_true(http_reply_arrival(&r, 0) < 0.3); /* the event came at once */
  http_reply_dispose(&r);
  get(PATH, &r);
  assert_int_equal(r.result, CURLE_OK);
  assert_true(r.seconds >= 0.29);
  assert_string_equal(r.body, "data: {\"a\": 1}\r\n\r\n");
  http_reply_dispose(&r);
}

/* Threads of the emulator process (Linux /proc), or -1. */
static int emulator_threads(void) {
  char path[64], line[128];
  snprintf(path, sizeof path, "/proc/%d/status", (int)emu.pid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  int n = -1;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "Threads: %d", &n) == 1) break;
  fclose(f);
  return n;
}

/* A client that gives up during a long pause or stall frees its connection
 * thread soon, not when the pause would have ended. */
static void test_client_hangup_ends_stream(void **state) {
  (void)state;
  int before = emulator_threads();
  if (before < 0) skip();
  script(
      "{\"responses\":[{\"stream\":{\"events\":[{\"a\":1}],\"stall_ms\":600000}},"
      "{\"stream\":{\"events\":[{\"a\":1},{\"a\":2}],\"delay_ms\":600000}}]}");
  for (int i = 0; i < 2; i++) {
    http_reply r;
    http_call_timeout(&emu, "POST", PATH, NULL, BODY, 300, &r);
    assert_int_equal(r.result, CURLE_OPERATION_TIMEDOUT);
    assert_string_equal(r.body, "data: {\"a\": 1}\r\n\r\n");
    http_reply_dispose(&r);
  }
  int now = emulator_threads();
  for (int i = 0; i < 50 && now > before; i++) {
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    now = emulator_threads();
  }
  if (now > before) fail_msg("%d threads, %d before the clients came", now, before);
}

static void test_match_and_repeat(void **state) {
  (void)state;
  script(
      "{\"responses\":[{\"repeat\":2,\"match\":{\"path_contains\":\"gemini-2.5\"},"
      "\"delay_ms\":100,\"stream\":{\"events\":[{\"s\":1}]}}]}");
  http_reply r;
  get(PATH, &r); /* gemini-2.0: not matched, served normally */
  assert_int_equal(r.status, 403);
  http_reply_dispose(&r);
  char *body = NULL;
  assert_int_equal(emu_get(&emu, "/_emulator/script", &body), 200);
  json_t *doc = json_loads(body, 0, NULL);
  free(body);
  assert_int_equal(jp_int(doc, "responses.0.stream.events.0.s"), 1);
  assert_int_equal(jp_int(doc, "responses.0.repeat"), 2);
  json_decref(doc);
  for (int i = 0; i < 2; i++) {
    get(MLDEV_RPC("gemini-2.5-flash", "streamGenerateContent?alt=sse"), &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "data: {\"s\": 1}\r\n\r\n");
    assert_true(r.seconds >= 0.09); /* the entry's delay_ms comes before the headers */
    http_reply_dispose(&r);
  }
  get(MLDEV_RPC("gemini-2.5-flash", "streamGenerateContent?alt=sse"), &r);
  assert_int_equal(r.status, 403); /* used up */
  http_reply_dispose(&r);
  json_t *log = emu_requests(&emu);
  assert_int_equal(json_array_size(log), 4);
  assert_string_equal(jp_str(log, "1.query"), "alt=sse");
  json_decref(log);
}

static void expect_bad_script(const char *json, const char *message) {
  char *body = NULL;
  assert_int_equal(emu_post(&emu, "/_emulator/script", json, &body), 400);
  json_t *doc = json_loads(body, 0, NULL);
  free(body);
  assert_string_equal(jp_str(doc, "error.message"), message);
  json_decref(doc);
}

static void test_invalid_streams(void **state) {
  (void)state;
  expect_bad_script("{\"responses\":[{\"stream\":[]}]}",
                    "responses[0].stream: must be an object (known fields: events, delay_ms, "
                    "error, cut_after, framing, comment_lines, stall_ms)");
  expect_bad_script("{\"responses\":[{\"stream\":{\"events\":{}}}]}",
                    "responses[0].stream.events: must be an array of JSON values and strings");
  expect_bad_script("{\"responses\":[{\"stream\":{\"delay_ms\":-1}}]}",
                    "responses[0].stream.delay_ms: must be an integer from 0 to 600000");
  expect_bad_script("{\"responses\":[{\"stream\":{\"stall_ms\":600001}}]}",
                    "responses[0].stream.stall_ms: must be an integer from 0 to 600000");
  expect_bad_script("{\"responses\":[{\"stream\":{\"error\":\"boom\"}}]}",
                    "responses[0].stream.error: must be a JSON object (an error envelope)");
  expect_bad_script("{\"responses\":[{\"stream\":{\"cut_after\":1.5}}]}",
                    "responses[0].stream.cut_after: must be an integer from 0 to 1000000");
  expect_bad_script("{\"responses\":[{\"stream\":{\"framing\":\"cr\"}}]}",
                    "responses[0].stream.framing: must be \"crlf\" or \"lf\"");
  expect_bad_script("{\"responses\":[{\"stream\":{\"comment_lines\":1}}]}",
                    "responses[0].stream.comment_lines: must be true or false");
  expect_bad_script("{\"responses\":[{\"status\":200},{\"stream\":{\"event\":[]}}]}",
                    "responses[1].stream.event: unknown field (known: events, delay_ms, error, "
                    "cut_after, framing, comment_lines, stall_ms)");
  expect_bad_script("{\"responses\":[{\"stream\":{},\"drop\":\"before_headers\"}]}",
                    "responses[0].stream: cannot be combined with \"body\", \"json\" or \"drop\"");
  expect_bad_script("{\"responses\":[{\"json\":{},\"stream\":{}}]}",
                    "responses[0].stream: cannot be combined with \"body\", \"json\" or \"drop\"");
  char *body = NULL;
  assert_int_equal(emu_get(&emu, "/_emulator/script", &body), 200);
  assert_non_null(strstr(body, "\"responses\": []")); /* nothing queued */
  free(body);
}

/* SIGTERM ends a stream that is pausing or stalling at once. */
static emu_harness other;

static void *hang(void *arg) {
  http_reply *r = arg;
  http_call_timeout(&other, "POST", PATH, NULL, BODY, 15000, r);
  return NULL;
}

static void test_shutdown_during_stall(void **state) {
  (void)state;
  assert_int_equal(emu_start(&other, (const char *const[]){"--quiet", NULL}), 0);
  assert_int_equal(emu_script(&other,
                              "{\"responses\":[{\"stream\":{\"events\":[{\"a\":1},{\"a\":2}],"
                              "\"delay_ms\":600000}},"
                              "{\"stream\":{\"stall_ms\":600000}}]}"),
                   200);
  /* Two clients hang on the paused streams while the emulator stops. */
  pthread_t threads[2];
  http_reply replies[2];
  for (int i = 0; i < 2; i++)
    assert_int_equal(pthread_create(&threads[i], NULL, hang, &replies[i]), 0);
  for (int i = 0; i < 200; i++) {
    json_t *log = emu_requests(&other);
    size_t n = json_array_size(log);
    json_decref(log);
    if (n == 2) break;
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  struct timespec pause = {0, 200 * 1000 * 1000}; /* let both streams start */
  nanosleep(&pause, NULL);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  assert_int_equal(emu_stop(&other), 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  if (took > 5) fail_msg("shutdown took %.1f s", took);
  for (int i = 0; i < 2; i++) {
    pthread_join(threads[i], NULL);
    /* Both saw their stream end early, not the client timeout. */
    assert_int_not_equal(replies[i].result, CURLE_OPERATION_TIMEDOUT);
    assert_int_equal(replies[i].status, 200);
    http_reply_dispose(&replies[i]);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_events_crlf, reset),
      cmocka_unit_test_setup(test_status_and_headers_override, reset),
      cmocka_unit_test_setup(test_delay_between_events, reset),
      cmocka_unit_test_setup(test_mid_stream_error, reset),
      cmocka_unit_test_setup(test_cut_after, reset),
      cmocka_unit_test_setup(test_lf_framing_and_comments, reset),
      cmocka_unit_test_setup(test_stall, reset),
      cmocka_unit_test_setup(test_client_hangup_ends_stream, reset),
      cmocka_unit_test_setup(test_match_and_repeat, reset),
      cmocka_unit_test_setup(test_invalid_streams, reset),
      cmocka_unit_test_setup(test_shutdown_during_stall, reset),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
