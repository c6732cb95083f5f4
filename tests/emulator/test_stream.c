/* streamGenerateContent of genai-emulator: SSE framing byte for byte, the
 * chunking rule, each backend's event layout, the JSON-array form without
 * ?alt=sse, error bodies on the streaming endpoint, and paced events
 * (--stream-delay-ms) arriving separately (docs/emulator.md, "Streaming"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "http_client.h"
#include "json_path.h"
#include "sse.h"

#define HELLO "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello world\"}]}]"
#define SSE_PATH(model) MLDEV_RPC(model, "streamGenerateContent?alt=sse")
#define ARRAY_PATH(model) MLDEV_RPC(model, "streamGenerateContent")
#define VERTEX_SSE(model) VERTEX_RPC(model, "streamGenerateContent?alt=sse")

static emu_harness emu;

/* POSTs and returns the reply; the caller disposes it. */
static void post(const char *path, const char *auth, const char *body, http_reply *r) {
  const char *headers[] = {auth, NULL};
  http_call(NULL, &emu, "POST", path, auth ? headers : NULL, body, r);
  assert_int_equal(r->result, CURLE_OK);
}

/* A 200 SSE stream parsed into its events. */
static json_t *stream_events(const char *path, const char *auth, const char *body) {
  http_reply r;
  post(path, auth, body, &r);
  assert_int_equal(r.status, 200);
  char ct[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", ct, sizeof ct), "text/event-stream");
  json_t *events = sse_parse(r.body, r.body_len, NULL, 0);
  if (!events) fail_msg("not SSE framed like the service: %s", r.body);
  http_reply_dispose(&r);
  return events;
}

static json_t *mldev_events(const char *body) {
  return stream_events(SSE_PATH("gemini-2.0-flash"), API_KEY_HEADER, body);
}

/* candidates.C.content.parts.0.text of event E, or "" when it has no parts. */
static const char *chunk_text(const json_t *events, size_t e, int c) {
  char path[96];
  snprintf(path, sizeof path, "%zu.candidates.%d.content.parts.0.text", e, c);
  const char *t = jp_str(events, path);
  return t ? t : "";
}

static void test_sse_exact_bytes(void **state) {
  (void)state;
  static const char expected[] =
      "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Echo\"}],\"role\": "
      "\"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 2,"
      "\"totalTokenCount\": 2,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": "
      "2}]},\"modelVersion\": \"gemini-2.0-flash\",\"responseId\": \"W2xdhnobdBm0FmFzw2qQhw\"}"
      "\r\n\r\n"
      "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" from gemini-2\"}],"
      "\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 2,"
      "\"totalTokenCount\": 2,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": "
      "2}]},\"modelVersion\": \"gemini-2.0-flash\",\"responseId\": \"W2xdhnobdBm0FmFzw2qQhw\"}"
      "\r\n\r\n"
      "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \".0-flash\"}],\"role\": "
      "\"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 2,"
      "\"totalTokenCount\": 2,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": "
      "2}]},\"modelVersion\": \"gemini-2.0-flash\",\"responseId\": \"W2xdhnobdBm0FmFzw2qQhw\"}"
      "\r\n\r\n"
      "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \": Hello world\"}],"
      "\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": "
      "{\"promptTokenCount\": 2,\"candidatesTokenCount\": 12,\"totalTokenCount\": 14,"
      "\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 2}],"
      "\"candidatesTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 12}]},"
      "\"modelVersion\": \"gemini-2.0-flash\",\"responseId\": \"W2xdhnobdBm0FmFzw2qQhw\"}"
      "\r\n\r\n";
  http_reply r;
  post(SSE_PATH("gemini-2.0-flash"), API_KEY_HEADER,
       "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello world\"}]}]}", &r);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body, expected);
  assert_int_equal(r.body_len, sizeof expected - 1);
  char ct[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", ct, sizeof ct), "text/event-stream");
  http_reply_dispose(&r);
}

/* The stream says what generateContent says, in pieces. */
static void test_same_reply_as_unary(void **state) {
  (void)state;
  const char *body = HELLO ",\"systemInstruction\":{\"parts\":[{\"text\":\"Be terse.\"}]}}";
  long status;
  json_t *unary =
      http_post_json(&emu, MLDEV_PATH("gemini-2.0-flash"), API_KEY_HEADER, body, &status);
  assert_int_equal(status, 200);
  json_t *events = mldev_events(body);
  char joined[512] = "";
  for (size_t e = 0; e < json_array_size(events); e++)
    strncat(joined, chunk_text(events, e, 0), sizeof joined - strlen(joined) - 1);
  assert_string_equal(joined, jp_str(unary, "candidates.0.content.parts.0.text"));
  json_t *last = json_array_get(events, json_array_size(events) - 1);
  assert_true(json_equal(jp(last, "usageMetadata"), jp(unary, "usageMetadata")));
  assert_string_equal(jp_str(last, "responseId"), jp_str(unary, "responseId"));
  json_decref(events);
  json_decref(unary);
}

static void test_chunking_rule(void **state) {
  (void)state;
  /* "Echo from gemini-2.0-flash: a b c d e f g" has 17 tokens: the first,
   * then 4 per event. */
  json_t *ev = mldev_events("{\"contents\":[{\"parts\":[{\"text\":\"a b c d e f g\"}]}]}");
  assert_int_equal(json_array_size(ev), 5);
  static const char *const chunks[] = {"Echo", " from gemini-2", ".0-flash", ": a b c", " d e f g"};
  for (size_t e = 0; e < 5; e++) {
    assert_string_equal(chunk_text(ev, e, 0), chunks[e]);
    char path[64];
    snprintf(path, sizeof path, "%zu.candidates.0.finishReason", e);
    if (e < 4)
      assert_null(jp(ev, path));
    else
      assert_string_equal(jp_str(ev, path), "STOP");
    /* mldev repeats the prompt count before the last event. */
    snprintf(path, sizeof path, "%zu.usageMetadata.promptTokenCount", e);
    assert_int_equal(jp_int(ev, path), 7);
    snprintf(path, sizeof path, "%zu.usageMetadata.candidatesTokenCount", e);
    assert_int_equal(jp_int(ev, path), e < 4 ? -1 : 17);
    snprintf(path, sizeof path, "%zu.usageMetadata.totalTokenCount", e);
    assert_int_equal(jp_int(ev, path), e < 4 ? 7 : 24);
    snprintf(path, sizeof path, "%zu.modelVersion", e);
    assert_string_equal(jp_str(ev, path), "gemini-2.0-flash");
    snprintf(path, sizeof path, "%zu.responseId", e);
    assert_string_equal(jp_str(ev, path), jp_str(ev, "0.responseId"));
  }
  json_decref(ev);
}

static void test_short_and_empty_replies(void **state) {
  (void)state;
  /* One token: a second, empty event carries the finish reason. */
  json_t *ev = mldev_events(HELLO ",\"generationConfig\":{\"maxOutputTokens\":1}}");
  assert_int_equal(json_array_size(ev), 2);
  assert_string_equal(chunk_text(ev, 0, 0), "Echo");
  assert_null(jp(ev, "0.candidates.0.finishReason"));
  assert_null(jp(ev, "1.candidates.0.content.parts"));
  assert_string_equal(jp_str(ev, "1.candidates.0.content.role"), "model");
  assert_string_equal(jp_str(ev, "1.candidates.0.finishReason"), "MAX_TOKENS");
  assert_int_equal(jp_int(ev, "1.usageMetadata.candidatesTokenCount"), 1);
  json_decref(ev);
  /* Nothing generated: one event. */
  ev = mldev_events(HELLO ",\"generationConfig\":{\"stopSequences\":[\"Echo\"]}}");
  assert_int_equal(json_array_size(ev), 1);
  assert_null(jp(ev, "0.candidates.0.content.parts"));
  assert_string_equal(jp_str(ev, "0.candidates.0.finishReason"), "STOP");
  assert_int_equal(jp_int(ev, "0.usageMetadata.totalTokenCount"), 2);
  json_decref(ev);
  /* Trailing whitespace stays with the last chunk. */
  ev = mldev_events(HELLO ",\"generationConfig\":{\"stopSequences\":[\"world\"]}}");
  assert_int_equal(json_array_size(ev), 4);
  assert_string_equal(chunk_text(ev, 3, 0), ": Hello ");
  json_decref(ev);
}

static void test_candidate_count(void **state) {
  (void)state;
  /* Candidate 1 has 16 tokens (5 events), candidate 0 has 12 (4 events). */
  json_t *ev = mldev_events(HELLO ",\"generationConfig\":{\"candidateCount\":2}}");
  assert_int_equal(json_array_size(ev), 5);
  for (size_t e = 0; e < 4; e++) {
    char path[64];
    snprintf(path, sizeof path, "%zu.candidates", e);
    assert_int_equal(json_array_size(jp(ev, path)), 2);
    snprintf(path, sizeof path, "%zu.candidates.1.index", e);
    assert_int_equal(jp_int(ev, path), 1);
    snprintf(path, sizeof path, "%zu.candidates.0.index", e);
    assert_int_equal(jp_int(ev, path), 0);
  }
  assert_string_equal(jp_str(ev, "3.candidates.0.finishReason"), "STOP");
  assert_null(jp(ev, "3.candidates.1.finishReason"));
  assert_string_equal(chunk_text(ev, 3, 1), ": Hello world (");
  assert_int_equal(json_array_size(jp(ev, "4.candidates")), 1);
  assert_int_equal(jp_int(ev, "4.candidates.0.index"), 1);
  assert_string_equal(chunk_text(ev, 4, 0), "candidate 2)");
  assert_string_equal(jp_str(ev, "4.candidates.0.finishReason"), "STOP");
  assert_int_equal(jp_int(ev, "4.usageMetadata.candidatesTokenCount"), 28);
  json_decref(ev);
}

static void test_vertex_layout(void **state) {
  (void)state;
  http_reply r;
  post(VERTEX_SSE("gemini-2.0-flash"), BEARER_HEADER, HELLO "}", &r);
  assert_int_equal(r.status, 200);
  /* role before parts, createTime between modelVersion and responseId. */
  assert_non_null(
      strstr(r.body, "\"content\": {\"role\": \"model\",\"parts\": [{\"text\": \"Echo\"}]}"));
  assert_non_null(strstr(r.body,
                         "\"usageMetadata\": {\"trafficType\": \"ON_DEMAND\"},"
                         "\"modelVersion\": \"gemini-2.0-flash\",\"createTime\": \""));
  json_t *ev = sse_parse(r.body, r.body_len, NULL, 0);
  assert_non_null(ev);
  assert_int_equal(json_array_size(ev), 4);
  for (size_t e = 0; e < 4; e++) {
    json_t *doc = json_array_get(ev, e);
    assert_null(jp(doc, "candidates.0.index")); /* proto3 default left out */
    assert_string_equal(jp_str(doc, "createTime"), jp_str(ev, "0.createTime"));
    assert_string_equal(jp_str(doc, "responseId"), jp_str(ev, "0.responseId"));
    if (e < 3) {
      assert_int_equal(json_object_size(jp(doc, "usageMetadata")), 1);
      assert_string_equal(jp_str(doc, "usageMetadata.trafficType"), "ON_DEMAND");
      assert_null(jp(doc, "candidates.0.finishReason"));
    }
  }
  assert_int_equal(strlen(jp_str(ev, "0.createTime")), 27);
  assert_string_equal(jp_str(ev, "3.candidates.0.finishReason"), "STOP");
  assert_int_equal(jp_int(ev, "3.usageMetadata.totalTokenCount"), 14);
  assert_string_equal(jp_str(ev, "3.usageMetadata.trafficType"), "ON_DEMAND");
  json_decref(ev);
  http_reply_dispose(&r);
}

static void expect_stream_ok(const char *path, const char *auth, const char *model) {
  json_t *ev = stream_events(path, auth, HELLO "}");
  char want[128];
  snprintf(want, sizeof want, "Echo from %s: Hello world", model);
  char joined[256] = "";
  for (size_t e = 0; e < json_array_size(ev); e++)
    strncat(joined, chunk_text(ev, e, 0), sizeof joined - strlen(joined) - 1);
  assert_string_equal(joined, want);
  json_decref(ev);
}

static void test_all_path_forms(void **state) {
  (void)state;
  expect_stream_ok("/v1/models/gemini-1.5-pro:streamGenerateContent?alt=sse", API_KEY_HEADER,
                   "gemini-1.5-pro");
  expect_stream_ok("/v1alpha/models/gemma-3-27b-it:streamGenerateContent?alt=sse", API_KEY_HEADER,
                   "gemma-3-27b-it");
  expect_stream_ok("/v1beta/tunedModels/gemini-tuned-x:streamGenerateContent?alt=sse",
                   API_KEY_HEADER, "gemini-tuned-x");
  expect_stream_ok(
      "/v1/projects/p/locations/global/publishers/google/models/"
      "gemini-2.5-flash:streamGenerateContent?alt=sse",
      BEARER_HEADER, "gemini-2.5-flash");
  expect_stream_ok(EXPRESS_RPC("gemini-2.0-flash", "streamGenerateContent?alt=sse"), API_KEY_HEADER,
                   "gemini-2.0-flash");
  expect_stream_ok(EXPRESS_RPC("gemini-2.0-flash", "streamGenerateContent?key=k&alt=sse"), NULL,
                   "gemini-2.0-flash");
}

/* Without alt=sse the service streams one JSON array. */
static void test_json_array_form(void **state) {
  (void)state;
  http_reply r;
  post(ARRAY_PATH("gemini-2.0-flash"), API_KEY_HEADER, HELLO "}", &r);
  assert_int_equal(r.status, 200);
  char ct[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", ct, sizeof ct),
                      "application/json; charset=UTF-8");
  assert_memory_equal(r.body, "[{\n  \"candidates\": [\n", 21);
  assert_memory_equal(r.body + r.body_len - 3, "}\n]", 3);
  size_t separators = 0;
  for (const char *p = r.body; (p = strstr(p, "}\n,\r\n{\n")) != NULL; p++) separators++;
  assert_int_equal(separators, 3);
  json_t *array = http_reply_json(&r);
  assert_true(json_is_array(array));
  json_t *events = mldev_events(HELLO "}");
  assert_true(json_equal(array, events)); /* the same documents as the SSE form */
  json_decref(events);
  json_decref(array);
  http_reply_dispose(&r);
  /* alt=json (or any other alt) is the array too. */
  post(MLDEV_RPC("gemini-2.0-flash", "streamGenerateContent?alt=json"), API_KEY_HEADER, HELLO "}",
       &r);
  assert_int_equal(r.body[0], '[');
  http_reply_dispose(&r);
}

/* Errors before the stream: the JSON envelope, pretty-printed, labelled
 * text/event-stream. */
static json_t *expect_sse_error(const char *path, const char *auth, const char *body, long status,
                                const char *google_status) {
  http_reply r;
  post(path, auth, body, &r);
  assert_int_equal(r.status, status);
  char ct[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", ct, sizeof ct), "text/event-stream");
  assert_memory_equal(r.body, "{\n  \"error\": {\n    \"code\": ", 27);
  assert_int_equal(r.body[r.body_len - 1], '\n');
  json_t *doc = http_reply_json(&r);
  assert_non_null(doc);
  assert_string_equal(jp_str(doc, "error.status"), google_status);
  http_reply_dispose(&r);
  return doc;
}

static void test_errors_before_stream(void **state) {
  (void)state;
  json_t *doc = expect_sse_error(SSE_PATH("custom-gemini-2.0-flash"), API_KEY_HEADER, HELLO "}",
                                 404, "NOT_FOUND");
  /* The service names generateContent here, as its recording shows. */
  assert_string_equal(jp_str(doc, "error.message"),
                      "models/custom-gemini-2.0-flash is not found for API version v1beta, or is "
                      "not supported for generateContent. Call ListModels to see the list of "
                      "available models and their supported methods.");
  assert_string_equal(jp_str(doc, "error.details.0.@type"),
                      "type.googleapis.com/google.rpc.DebugInfo");
  json_decref(doc);
  json_decref(expect_sse_error(SSE_PATH("text-embedding-004"), API_KEY_HEADER, HELLO "}", 404,
                               "NOT_FOUND"));
  json_decref(
      expect_sse_error(SSE_PATH("gemini-2.0-flash"), NULL, HELLO "}", 403, "PERMISSION_DENIED"));
  json_decref(
      expect_sse_error(VERTEX_SSE("gemini-2.0-flash"), NULL, HELLO "}", 401, "UNAUTHENTICATED"));
  doc =
      expect_sse_error(VERTEX_SSE("wrong-model-name"), BEARER_HEADER, HELLO "}", 404, "NOT_FOUND");
  assert_string_equal(jp_str(doc, "error.message"),
                      "Publisher Model `projects/test-project/locations/us-central1/publishers/"
                      "google/models/wrong-model-name` not found.");
  json_decref(doc);
  doc = expect_sse_error(SSE_PATH("gemini-2.0-flash"), API_KEY_HEADER, HELLO ",\"bogus\":1}", 400,
                         "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "Invalid JSON payload received. Unknown name \"bogus\": Cannot find field.");
  json_decref(doc);
  doc = expect_sse_error(SSE_PATH("gemini-2.0-flash"), API_KEY_HEADER,
                         "{\"contents\":[{\"role\":\"bot\",\"parts\":[{\"text\":\"x\"}]}]}", 400,
                         "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"), "Please use a valid role: user, model.");
  json_decref(doc);
  doc =
      expect_sse_error(SSE_PATH("gemini-2.0-flash"), API_KEY_HEADER, "{}", 400, "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "* GenerateContentRequest.contents: contents is not specified\n");
  json_decref(doc);
  json_decref(expect_sse_error(SSE_PATH("gemini-2.0-flash"), API_KEY_HEADER, "{oops", 400,
                               "INVALID_ARGUMENT"));
}

static void test_errors_in_array_form(void **state) {
  (void)state;
  http_reply r;
  post(ARRAY_PATH("nope"), API_KEY_HEADER, HELLO "}", &r);
  assert_int_equal(r.status, 404);
  char ct[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", ct, sizeof ct),
                      "application/json; charset=UTF-8");
  assert_memory_equal(r.body, "[{\n  \"error\": {\n", 16);
  assert_memory_equal(r.body + r.body_len - 3, "}\n]", 3);
  json_t *doc = http_reply_json(&r);
  assert_int_equal(json_array_size(doc), 1);
  assert_string_equal(jp_str(doc, "0.error.status"), "NOT_FOUND");
  json_decref(doc);
  http_reply_dispose(&r);
}

static void test_unknown_routes_stay_html(void **state) {
  (void)state;
  http_reply r;
  http_call(NULL, &emu, "GET", SSE_PATH("gemini-2.0-flash"), NULL, NULL, &r);
  assert_int_equal(r.status, 404);
  char ct[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", ct, sizeof ct),
                      "text/html; charset=UTF-8");
  http_reply_dispose(&r);
}

static void test_request_log(void **state) {
  (void)state;
  assert_int_equal(emu_reset(&emu), 200);
  json_t *ev = mldev_events(HELLO "}");
  json_decref(ev);
  http_reply r;
  post(ARRAY_PATH("gemini-2.0-flash"), API_KEY_HEADER, HELLO "}", &r);
  http_reply_dispose(&r);
  json_t *log = emu_requests(&emu);
  assert_int_equal(json_array_size(log), 2);
  assert_string_equal(jp_str(log, "0.path"),
                      "/v1beta/models/gemini-2.0-flash:streamGenerateContent");
  assert_string_equal(jp_str(log, "0.query"), "alt=sse");
  assert_string_equal(jp_str(log, "0.backend"), "mldev");
  assert_string_equal(jp_str(log, "0.body.contents.0.parts.0.text"), "Hello world");
  assert_string_equal(jp_str(log, "1.query"), "");
  json_decref(log);
}

/* With --stream-delay-ms the events are paced and arrive one by one. */
static void test_paced_events_arrive_separately(void **state) {
  (void)state;
  emu_harness slow;
  assert_int_equal(
      emu_start(&slow, (const char *const[]){"--quiet", "--stream-delay-ms", "250", NULL}), 0);
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &slow, "POST", SSE_PATH("gemini-2.0-flash"), headers, HELLO "}", &r);
  assert_int_equal(r.status, 200);
  size_t offsets[8];
  json_t *ev = sse_parse(r.body, r.body_len, offsets, 8);
  assert_non_null(ev);
  assert_int_equal(json_array_size(ev), 4);
  for (size_t e = 1; e < 4; e++) {
    double gap = http_reply_arrival(&r, offsets[e]) - http_reply_arrival(&r, offsets[e - 1]);
    if (gap < 0.2) fail_msg("event %zu arrived %.3f s after the previous one", e, gap);
    /* Each event arrives whole, on its own. */
    assert_true(http_reply_arrival(&r, offsets[e] - 1) < http_reply_arrival(&r, offsets[e]));
  }
  /* Pacing changes the timing only, not the bytes. */
  const char *fast_headers[] = {API_KEY_HEADER, NULL};
  http_reply fast;
  http_call(NULL, &emu, "POST", SSE_PATH("gemini-2.0-flash"), fast_headers, HELLO "}", &fast);
  assert_string_equal(r.body, fast.body);
  http_reply_dispose(&fast);
  json_decref(ev);
  http_reply_dispose(&r);
  assert_int_equal(emu_stop(&slow), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sse_exact_bytes),
      cmocka_unit_test(test_same_reply_as_unary),
      cmocka_unit_test(test_chunking_rule),
      cmocka_unit_test(test_short_and_empty_replies),
      cmocka_unit_test(test_candidate_count),
      cmocka_unit_test(test_vertex_layout),
      cmocka_unit_test(test_all_path_forms),
      cmocka_unit_test(test_json_array_form),
      cmocka_unit_test(test_errors_before_stream),
      cmocka_unit_test(test_errors_in_array_form),
      cmocka_unit_test(test_unknown_routes_stay_html),
      cmocka_unit_test(test_request_log),
      cmocka_unit_test(test_paced_events_arrive_separately),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
