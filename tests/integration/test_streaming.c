/* generate_content_stream end to end: SSE on both backends, scripted
 * streams (several events, comments, LF framing, a mid-stream error, a cut
 * connection, a stall), retries before the stream only, and timeouts. */
#include <string.h>
#include <strings.h>
#include <time.h>

#include "itest.h"

static const genai_http_retry_options fast_retry = {GENAI_INIT(genai_http_retry_options), .attempts = &(int32_t){3},
                                                    .initial_delay_s = &(double){0.01},
                                                    .jitter_s = &(double){0}};

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads a stream to its end, concatenating the chunks' text. */
static genai_result drain(genai_stream *s, char *text, size_t cap, size_t *chunks) {
  const genai_generate_content_response *chunk;
  genai_result rc;
  text[0] = '\0';
  *chunks = 0;
  while ((rc = genai_stream_next(s, &chunk)) == GENAI_OK) {
    const char *t = genai_response_text(chunk);
    if (t) strncat(text, t, cap - strlen(text) - 1);
    (*chunks)++;
  }
  return rc;
}

/* A chunk event with one text part. */
#define CHUNK(text) "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" text "\"}]}}]}"
#define LAST_CHUNK(text)                                                                                     \
  "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" text "\"}]},\"finishReason\":" \
  "\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":2,\"candidatesTokenCount\":3,\"totalTokenCount\":5}}"

static void stream_matches_unary_answer(genai_client *c, const char *model, const char *want_path) {
  const char *prompt = "Tell me a story in a few words please";
  genai_generate_content_response *whole = NULL;
  assert_int_equal(genai_models_generate_content(c, model, GENAI_TEXT(prompt), NULL, &whole), GENAI_OK);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, model, GENAI_TEXT(prompt), NULL, &s), GENAI_OK);
  char text[4096];
  size_t chunks = 0;
  assert_int_equal(drain(s, text, sizeof text, &chunks), GENAI_DONE);
  assert_true(chunks >= 2); /* the emulator splits the answer over several events */
  assert_string_equal(text, genai_response_text(whole));
  /* after the end, the same answer again and no chunk */
  const genai_generate_content_response *chunk = (void *)1;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_DONE);
  assert_null(chunk);
  assert_int_equal(genai_stream_error(s)->code, GENAI_OK);
  genai_stream_free(s);
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")), want_path);
  assert_string_equal(json_string_value(json_object_get(req, "query")), "alt=sse");
  itest_assert_json_value(json_object_get(json_object_get(req, "body"), "contents"),
                          "[{\"parts\":[{\"text\":\"Tell me a story in a few words please\"}],\"role\":\"user\"}]");
  json_decref(req);
  genai_generate_content_response_free(whole);
}

static void gemini_api_stream(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  stream_matches_unary_answer(c, "gemini-2.0-flash", "/v1beta/models/gemini-2.0-flash:streamGenerateContent");
  genai_client_free(c);
}

static void vertex_stream(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  stream_matches_unary_answer(c, "gemini-2.5-flash",
                              "/v1beta1/publishers/google/models/gemini-2.5-flash:streamGenerateContent");
  genai_client_free(c);
}

static void chunks_carry_fields_and_headers(void **state) {
  (void)state;
  /* the first event as exact bytes (a string event is sent as given) */
  itest_script("{\"responses\":[{\"headers\":{\"x-trace\":\"t1\"},\"stream\":{\"events\":[\"data: {\\\"candidates\\\": "
               "[{\\\"content\\\": {\\\"role\\\": \\\"model\\\", \\\"parts\\\": [{\\\"text\\\": \\\"Hello \\\"}]}}]}\\r\\n\\r\\n\","
               LAST_CHUNK("world") "]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  assert_string_equal(genai_response_text(chunk), "Hello ");
  assert_int_equal(chunk->candidates[0]->finish_reason, 0);
  assert_null(chunk->usage_metadata);
  /* every chunk carries the answer's headers, like the Python SDK's */
  assert_non_null(chunk->sdk_http_response);
  int trace = 0;
  for (size_t i = 0; i < chunk->sdk_http_response->headers_count; i++)
    trace |= !strcasecmp(chunk->sdk_http_response->headers[i].key, "x-trace") &&
             !strcmp(chunk->sdk_http_response->headers[i].value, "t1");
  assert_true(trace);
  size_t len = 0;
  assert_string_equal(genai_response_raw_json(chunk, &len),
                      "{\"candidates\": [{\"content\": {\"role\": \"model\", \"parts\": [{\"text\": \"Hello \"}]}}]}");
  assert_int_equal(len, strlen(genai_response_raw_json(chunk, NULL)));
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  assert_string_equal(genai_response_text(chunk), "world");
  assert_int_equal(chunk->candidates[0]->finish_reason, GENAI_FINISH_REASON_STOP);
  assert_int_equal(*chunk->usage_metadata->total_token_count, 5);
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_DONE);
  genai_stream_free(s);
  genai_client_free(c);
}

static void lf_framing_and_comments(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"framing\":\"lf\",\"comment_lines\":true,\"events\":["
               CHUNK("a") "," CHUNK("b") "," LAST_CHUNK("c") "]}}]}");
  genai_client *c = itest_vertex_express_client(NULL);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  char text[64];
  size_t chunks = 0;
  assert_int_equal(drain(s, text, sizeof text, &chunks), GENAI_DONE);
  assert_int_equal(chunks, 3);
  assert_string_equal(text, "abc");
  genai_stream_free(s);
  genai_client_free(c);
}

static void error_in_the_middle_of_a_stream(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" CHUNK("First ") "],\"error\":{\"error\":{\"code\":500,"
               "\"message\":\"Internal error encountered.\",\"status\":\"INTERNAL\"}}}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  assert_string_equal(genai_response_text(chunk), "First ");
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_EAPI);
  assert_null(chunk);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 500);
  assert_string_equal(e->status, "INTERNAL");
  assert_string_equal(e->message, "Internal error encountered.");
  /* the stream remembers how it ended */
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_EAPI);
  assert_int_equal(genai_stream_error(s)->code, GENAI_EAPI);
  assert_int_equal(genai_stream_error(s)->http_status, 500);
  assert_string_equal(genai_stream_error(s)->message, "Internal error encountered.");
  genai_stream_free(s);
  genai_client_free(c);
}

static void http_error_before_the_stream(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":400,\"headers\":{\"Content-Type\":\"text/event-stream\"},\"body\":"
               "\"{\\n  \\\"error\\\": {\\n    \\\"code\\\": 400,\\n    \\\"message\\\": \\\"bad prompt\\\",\\n"
               "    \\\"status\\\": \\\"INVALID_ARGUMENT\\\"\\n  }\\n}\\n\"}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_stream *s = (void *)1;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_EAPI);
  assert_null(s);
  assert_int_equal(genai_error_last()->http_status, 400);
  assert_string_equal(genai_error_last()->status, "INVALID_ARGUMENT");
  assert_string_equal(genai_error_last()->message, "bad prompt");
  genai_client_free(c);
}

static void error_body_on_a_200_stream(void **state) {
  (void)state;
  /* a plain JSON error object instead of events, on a 200 answer */
  itest_script("{\"responses\":[{\"headers\":{\"Content-Type\":\"text/event-stream\"},\"body\":"
               "\"[{\\n  \\\"error\\\": {\\n    \\\"code\\\": 429,\\n    \\\"message\\\": \\\"quota {x}\\\",\\n"
               "    \\\"status\\\": \\\"RESOURCE_EXHAUSTED\\\"\\n  }\\n}\\n]\\n\"}]}");
  genai_client *c = itest_vertex_express_client(NULL);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.5-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 429);
  assert_string_equal(genai_error_last()->message, "quota {x}");
  genai_stream_free(s);
  genai_client_free(c);
}

static void retried_until_the_stream_begins(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"status\":503,\"json\":{\"error\":{\"code\":503,\"message\":\"busy\","
               "\"status\":\"UNAVAILABLE\"}}},{\"stream\":{\"events\":[" LAST_CHUNK("ok") "]}}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .retry_options = &fast_retry};
  genai_client *c = itest_mldev_client(&h);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  char text[64];
  size_t chunks = 0;
  assert_int_equal(drain(s, text, sizeof text, &chunks), GENAI_DONE);
  assert_string_equal(text, "ok");
  assert_int_equal(itest_request_count(), 2);
  genai_stream_free(s);
  genai_client_free(c);
}

static void never_retried_once_a_chunk_arrived(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" CHUNK("a") "," CHUNK("b") "," LAST_CHUNK("c")
               "],\"cut_after\":1}},{\"stream\":{\"events\":[" LAST_CHUNK("again") "]}}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .retry_options = &fast_retry};
  genai_client *c = itest_mldev_client(&h);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  assert_string_equal(genai_response_text(chunk), "a");
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_ETRANSPORT);
  assert_int_equal(itest_request_count(), 1);
  genai_stream_free(s);
  genai_client_free(c);
}

static void stalled_stream_ends_with_idle_timeout(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" CHUNK("a") "],\"stall_ms\":5000}}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .idle_timeout_ms = &(int32_t){300}};
  genai_client *c = itest_mldev_client(&h);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  long long start = now_ms();
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_ETIMEOUT);
  assert_true(now_ms() - start < 4500); /* the idle limit, not the stall, ended it */
  assert_int_equal(genai_stream_error(s)->code, GENAI_ETIMEOUT);
  genai_stream_free(s);
  genai_client_free(c);
}

static void total_timeout_does_not_cut_a_live_stream(void **state) {
  (void)state;
  /* 4 events 250 ms apart: the stream lasts longer than the 400 ms timeout,
   * which bounds only the wait for the answer to begin */
  itest_script("{\"responses\":[{\"stream\":{\"delay_ms\":250,\"events\":[" CHUNK("a") "," CHUNK("b") "," CHUNK("c")
               "," LAST_CHUNK("d") "]}}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .timeout_ms = &(int32_t){400}};
  genai_client *c = itest_mldev_client(&h);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  char text[64];
  size_t chunks = 0;
  assert_int_equal(drain(s, text, sizeof text, &chunks), GENAI_DONE);
  assert_string_equal(text, "abcd");
  genai_stream_free(s);
  genai_client_free(c);
}

static void total_timeout_bounds_the_wait_for_headers(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"delay_ms\":3000,\"stream\":{\"events\":[" LAST_CHUNK("late") "]}}]}");
  genai_http_options h = {GENAI_INIT(genai_http_options), .timeout_ms = &(int32_t){300},
                          .retry_options = &(genai_http_retry_options){GENAI_INIT(genai_http_retry_options),
                                                                       .attempts = &(int32_t){1}}};
  genai_client *c = itest_mldev_client(&h);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s),
                   GENAI_ETIMEOUT);
  assert_null(s);
  genai_client_free(c);
}

static void freeing_early_aborts_the_transfer(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"delay_ms\":1000,\"events\":[" CHUNK("a") "," CHUNK("b") "," CHUNK("c")
               "," CHUNK("d") "," CHUNK("e") "," LAST_CHUNK("f") "]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  long long start = now_ms();
  genai_stream_free(s); /* 5 s of stream left */
  assert_true(now_ms() - start < 2000);
  /* the client goes on */
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void bad_chunk_is_a_decode_error(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" CHUNK("a") ",\"data: {not json\\r\\n\\r\\n\"]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_stream *s = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_EDECODE);
  assert_non_null(strstr(genai_error_last()->message, "not valid JSON"));
  genai_stream_free(s);
  genai_client_free(c);
}

static void rejected_before_sending(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_stream *s = NULL;
  genai_generate_content_config raw = {GENAI_INIT(genai_generate_content_config),
                                       .should_return_http_response = &(bool){true}};
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), &raw, &s),
                   GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message,
                      "Accessing the raw HTTP response is not supported in streaming methods.");
  genai_string_entry labels[] = {{"a", "b"}};
  genai_generate_content_config vertex_only = {GENAI_INIT(genai_generate_content_config), .labels = labels,
                                               .labels_count = 1};
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("hi"), &vertex_only, &s),
                   GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "labels"));
  assert_int_equal(genai_models_generate_content_stream(c, "", GENAI_TEXT("hi"), NULL, &s), GENAI_EINVAL);
  assert_int_equal(genai_models_generate_content_stream(c, "m", NULL, NULL, &s), GENAI_EINVAL);
  assert_int_equal(genai_models_generate_content_stream(c, "m", GENAI_TEXT("hi"), NULL, NULL), GENAI_EINVAL);
  assert_null(s);
  assert_int_equal(itest_request_count(), 0);
  assert_int_equal(genai_stream_next(NULL, &(const genai_generate_content_response *){0}), GENAI_EINVAL);
  genai_stream_free(NULL);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(gemini_api_stream, itest_reset),
      cmocka_unit_test_setup(vertex_stream, itest_reset),
      cmocka_unit_test_setup(chunks_carry_fields_and_headers, itest_reset),
      cmocka_unit_test_setup(lf_framing_and_comments, itest_reset),
      cmocka_unit_test_setup(error_in_the_middle_of_a_stream, itest_reset),
      cmocka_unit_test_setup(http_error_before_the_stream, itest_reset),
      cmocka_unit_test_setup(error_body_on_a_200_stream, itest_reset),
      cmocka_unit_test_setup(retried_until_the_stream_begins, itest_reset),
      cmocka_unit_test_setup(never_retried_once_a_chunk_arrived, itest_reset),
      cmocka_unit_test_setup(stalled_stream_ends_with_idle_timeout, itest_reset),
      cmocka_unit_test_setup(total_timeout_does_not_cut_a_live_stream, itest_reset),
      cmocka_unit_test_setup(total_timeout_bounds_the_wait_for_headers, itest_reset),
      cmocka_unit_test_setup(freeing_early_aborts_the_transfer, itest_reset),
      cmocka_unit_test_setup(bad_chunk_is_a_decode_error, itest_reset),
      cmocka_unit_test_setup(rejected_before_sending, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
