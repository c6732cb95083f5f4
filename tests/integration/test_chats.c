/* Chats end to end: what each message sends, and the curated and
 * comprehensive histories of the Python SDK, unary and streamed. */
#include <string.h>

#include "itest.h"

#define TEXT_ANSWER(text, reason)                                                                           \
  "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" text "\"}]}" reason "}]}"
#define STOP ",\"finishReason\":\"STOP\""

static const genai_content *const *history(const genai_chat *chat, bool curated, size_t *count) {
  const genai_content *const *turns = NULL;
  assert_int_equal(genai_chat_get_history(chat, curated, &turns, count), GENAI_OK);
  return turns;
}

static void assert_history_json(const genai_chat *chat, bool curated, const char *want) {
  size_t n = 0;
  const genai_content *const *turns = history(chat, curated, &n);
  json_t *arr = json_array();
  for (size_t i = 0; i < n; i++) {
    char *text = NULL;
    assert_int_equal(genai_content_to_json(turns[i], &text), GENAI_OK);
    json_array_append_new(arr, json_loads(text, 0, NULL));
    genai_free(text);
  }
  itest_assert_json_value(arr, want);
  json_decref(arr);
}

static json_t *last_contents(void) {
  json_t *req = itest_last_request();
  json_t *contents = json_incref(json_object_get(json_object_get(req, "body"), "contents"));
  json_decref(req);
  return contents;
}

static void two_turns(genai_client *c, const char *model) {
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, model, NULL, NULL, &chat), GENAI_OK);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("hello"), NULL, &r), GENAI_OK);
  char want[256];
  snprintf(want, sizeof want, "Echo from %s: hello", model);
  assert_string_equal(genai_response_text(r), want);
  genai_generate_content_response_free(r);
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("again"), NULL, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  char contents[512];
  snprintf(contents, sizeof contents,
           "[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]},{\"role\":\"model\",\"parts\":[{\"text\":"
           "\"Echo from %s: hello\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"again\"}]}]",
           model);
  json_t *sent = last_contents();
  itest_assert_json_value(sent, contents);
  json_decref(sent);
  json_t *req = itest_last_request();
  const char *ua = json_string_value(json_object_get(json_object_get(req, "headers"), "user-agent"));
  assert_non_null(strstr(ua, "google-genai-sdk/" GENAI_VERSION_STRING "+chat gl-c/"));
  json_decref(req);
  size_t all = 0, curated = 0;
  history(chat, false, &all);
  history(chat, true, &curated);
  assert_int_equal(all, 4);
  assert_int_equal(curated, 4);
  genai_chat_free(chat);
}

static void gemini_api_chat(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  two_turns(c, "gemini-2.0-flash");
  genai_client_free(c);
}

static void vertex_chat(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  two_turns(c, "gemini-2.5-flash");
  genai_client_free(c);
}

static void streamed_turn_keeps_one_content_per_chunk(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" TEXT_ANSWER("Once ", "") "," TEXT_ANSWER("upon", STOP)
               "]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, NULL, &chat), GENAI_OK);
  genai_stream *s = NULL;
  assert_int_equal(genai_chat_send_message_stream(chat, GENAI_TEXT("story"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  /* nothing is recorded before the stream ended */
  size_t n = 0;
  history(chat, false, &n);
  assert_int_equal(n, 0);
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_DONE);
  genai_stream_free(s);
  const char *want = "[{\"role\":\"user\",\"parts\":[{\"text\":\"story\"}]},"
                     "{\"role\":\"model\",\"parts\":[{\"text\":\"Once \"}]},"
                     "{\"role\":\"model\",\"parts\":[{\"text\":\"upon\"}]}]";
  assert_history_json(chat, false, want);
  assert_history_json(chat, true, want);
  /* the next message sends them as they are */
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("more"), NULL, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  json_t *sent = last_contents();
  assert_int_equal(json_array_size(sent), 4);
  json_decref(sent);
  genai_chat_free(chat);
  genai_client_free(c);
}

static void streamed_turn_without_finish_reason_is_not_curated(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" TEXT_ANSWER("cut", "") "]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, NULL, &chat), GENAI_OK);
  genai_stream *s = NULL;
  assert_int_equal(genai_chat_send_message_stream(chat, GENAI_TEXT("x"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  while (genai_stream_next(s, &chunk) == GENAI_OK) {
  }
  genai_stream_free(s);
  size_t all = 0, curated = 0;
  history(chat, false, &all);
  history(chat, true, &curated);
  assert_int_equal(all, 2);
  assert_int_equal(curated, 0);
  genai_chat_free(chat);
  genai_client_free(c);
}

static void failed_or_abandoned_streams_record_nothing(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" TEXT_ANSWER("a", "") "],\"error\":{\"error\":{\"code\":"
               "500,\"message\":\"boom\",\"status\":\"INTERNAL\"}}}},{\"stream\":{\"events\":[" TEXT_ANSWER("b", "")
               "," TEXT_ANSWER("c", STOP) "]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, NULL, &chat), GENAI_OK);
  genai_stream *s = NULL;
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_chat_send_message_stream(chat, GENAI_TEXT("x"), NULL, &s), GENAI_OK);
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_EAPI);
  genai_stream_free(s);
  size_t n = 0;
  history(chat, false, &n);
  assert_int_equal(n, 0);
  /* a stream freed before its end */
  assert_int_equal(genai_chat_send_message_stream(chat, GENAI_TEXT("y"), NULL, &s), GENAI_OK);
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  /* one message at a time */
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("z"), NULL, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "stream in progress"));
  genai_stream_free(s);
  history(chat, false, &n);
  assert_int_equal(n, 0);
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("z"), NULL, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  history(chat, false, &n);
  assert_int_equal(n, 2);
  genai_chat_free(chat);
  genai_client_free(c);
}

static void invalid_answers_stay_out_of_the_curated_history(void **state) {
  (void)state;
  /* no candidates; then an empty content; then an empty part */
  itest_script("{\"responses\":[{\"json\":{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}},"
               "{\"json\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[]},\"finishReason\":\"STOP\"}]}},"
               "{\"json\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"x\"},{}]}}]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, NULL, &chat), GENAI_OK);
  genai_generate_content_response *r = NULL;
  for (int i = 0; i < 3; i++) {
    const char *msg[] = {"one", "two", "three"};
    assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT(msg[i]), NULL, &r), GENAI_OK);
    genai_generate_content_response_free(r);
    /* each message sends only itself: nothing before was valid */
    json_t *sent = last_contents();
    assert_int_equal(json_array_size(sent), 1);
    json_decref(sent);
  }
  assert_history_json(chat, false,
                      "[{\"role\":\"user\",\"parts\":[{\"text\":\"one\"}]},{\"role\":\"model\"},"
                      "{\"role\":\"user\",\"parts\":[{\"text\":\"two\"}]},{\"role\":\"model\",\"parts\":[]},"
                      "{\"role\":\"user\",\"parts\":[{\"text\":\"three\"}]},"
                      "{\"role\":\"model\",\"parts\":[{\"text\":\"x\"},{}]}]");
  assert_history_json(chat, true, "[]");
  genai_chat_free(chat);
  genai_client_free(c);
}

static void parts_are_echoed_exactly(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"json\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
               "{\"text\":\"thinking\",\"thought\":true,\"thoughtSignature\":\"c2lnbmF0dXJlLTE=\"},"
               "{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1.5,\"b\":[true,null]}},"
               "\"thoughtSignature\":\"AAECAw==\",\"futurePartField\":{\"x\":1}}]},\"finishReason\":\"STOP\"}]}},"
               /* the second answer is scripted too: the emulator would refuse the unknown field */
               "{\"json\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]}}]}}]}");
  genai_client *c = itest_vertex_express_client(NULL);
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.5-flash", NULL, NULL, &chat), GENAI_OK);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("go"), NULL, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("next"), NULL, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  json_t *sent = last_contents();
  itest_assert_json_value(json_array_get(sent, 1),
                          "{\"role\":\"model\",\"parts\":[{\"text\":\"thinking\",\"thought\":true,\"thoughtSignature\":"
                          "\"c2lnbmF0dXJlLTE=\"},{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1.5,\"b\":[true,"
                          "null]}},\"thoughtSignature\":\"AAECAw==\",\"futurePartField\":{\"x\":1}}]}");
  json_decref(sent);
  genai_chat_free(chat);
  genai_client_free(c);
}

static void initial_history_is_curated(void **state) {
  (void)state;
  genai_part t = {GENAI_INIT(genai_part), .text = "t"};
  const genai_part *tp[] = {&t};
  genai_content u1 = {GENAI_INIT(genai_content), .role = "user", .parts = tp, .parts_count = 1};
  genai_content m1 = {GENAI_INIT(genai_content), .role = "model", .parts = tp, .parts_count = 1};
  genai_content u2 = {GENAI_INIT(genai_content), .role = "user", .parts = tp, .parts_count = 1};
  genai_content bad = {GENAI_INIT(genai_content), .role = "model"};
  genai_client *c = itest_mldev_client(NULL);
  genai_chat *chat = NULL;
  /* the invalid model run (m1, bad) is dropped with the user turn before it */
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL,
                                      GENAI_LIST(GENAI_CONTENT(&u1), GENAI_CONTENT(&m1), GENAI_CONTENT(&u2),
                                                 GENAI_CONTENT(&m1), GENAI_CONTENT(&bad)),
                                      &chat),
                   GENAI_OK);
  size_t all = 0, curated = 0;
  history(chat, false, &all);
  const genai_content *const *cur = history(chat, true, &curated);
  assert_int_equal(all, 5);
  assert_int_equal(curated, 2);
  assert_string_equal(cur[0]->role, "user");
  assert_string_equal(cur[1]->role, "model");
  genai_chat_free(chat);
  /* roles other than user and model are refused */
  genai_content sys = {GENAI_INIT(genai_content), .role = "system", .parts = tp, .parts_count = 1};
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, GENAI_LIST(GENAI_CONTENT(&u1), GENAI_CONTENT(&sys)),
                                      &chat),
                   GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "history[1]: Role must be user or model, but got system");
  assert_null(chat);
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, GENAI_TEXT("hi"), &chat), GENAI_EINVAL);
  /* from JSON */
  genai_contents *h = NULL;
  assert_int_equal(genai_contents_from_json("[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]},{\"role\":\"model\","
                                            "\"parts\":[{\"text\":\"b\"}]}]",
                                            &h),
                   GENAI_OK);
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, h, &chat), GENAI_OK);
  genai_contents_free(h);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("c"), NULL, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  json_t *sent = last_contents();
  itest_assert_json_value(sent, "[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]},{\"role\":\"model\",\"parts\":"
                                "[{\"text\":\"b\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"c\"}]}]");
  json_decref(sent);
  genai_chat_free(chat);
  genai_client_free(c);
}

static void configs_and_messages(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_config chat_cfg = {GENAI_INIT(genai_generate_content_config),
                                            .system_instruction = GENAI_TEXT("be brief")};
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", &chat_cfg, NULL, &chat), GENAI_OK);
  genai_generate_content_response *r = NULL;
  /* a list of parts is one user turn */
  genai_part img = {GENAI_INIT(genai_part),
                    .file_data = &(genai_file_data){GENAI_INIT(genai_file_data), .file_uri = "gs://b/i.jpg",
                                                    .mime_type = "image/jpeg"}};
  assert_int_equal(genai_chat_send_message(chat, GENAI_LIST(GENAI_TEXT("what is this?"), GENAI_PART(&img)), NULL, &r),
                   GENAI_OK);
  genai_generate_content_response_free(r);
  json_t *req = itest_last_request();
  json_t *body = json_object_get(req, "body");
  itest_assert_json_value(json_object_get(body, "systemInstruction"),
                          "{\"parts\":[{\"text\":\"be brief\"}],\"role\":\"user\"}");
  itest_assert_json_value(json_object_get(body, "contents"),
                          "[{\"role\":\"user\",\"parts\":[{\"text\":\"what is this?\"},{\"fileData\":{\"fileUri\":"
                          "\"gs://b/i.jpg\",\"mimeType\":\"image/jpeg\"}}]}]");
  json_decref(req);
  /* a per-message config replaces the chat's (no system instruction now) */
  genai_generate_content_config call_cfg = {GENAI_INIT(genai_generate_content_config), .temperature = &(double){0}};
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("again"), &call_cfg, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  req = itest_last_request();
  assert_null(json_object_get(json_object_get(req, "body"), "systemInstruction"));
  json_decref(req);
  /* messages are texts and parts, not contents */
  genai_content content = {GENAI_INIT(genai_content), .role = "user"};
  assert_int_equal(genai_chat_send_message(chat, GENAI_CONTENT(&content), NULL, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "message must be a text, a part, or a list"));
  assert_int_equal(genai_chat_send_message(chat, GENAI_LIST(GENAI_TEXT("a"), GENAI_CONTENT(&content)), NULL, &r),
                   GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "message[1] must be a text or a part (GENAI_TEXT, GENAI_PART)");
  assert_null(r);
  /* a failed call leaves the history as it was */
  itest_script("{\"responses\":[{\"status\":400,\"json\":{\"error\":{\"code\":400,\"message\":\"no\","
               "\"status\":\"INVALID_ARGUMENT\"}}}]}");
  size_t before = 0, after = 0;
  history(chat, false, &before);
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("fails"), NULL, &r), GENAI_EAPI);
  history(chat, false, &after);
  assert_int_equal(before, after);
  genai_chat_free(chat);
  genai_client_free(c);
}

static void stream_outlives_its_chat(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" TEXT_ANSWER("a", "") "," TEXT_ANSWER("b", STOP) "]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, NULL, &chat), GENAI_OK);
  genai_stream *s = NULL;
  assert_int_equal(genai_chat_send_message_stream(chat, GENAI_TEXT("x"), NULL, &s), GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  genai_chat_free(chat);
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_OK);
  assert_string_equal(genai_response_text(chunk), "b");
  assert_int_equal(genai_stream_next(s, &chunk), GENAI_DONE);
  genai_stream_free(s);
  genai_client_free(c);
}

static void record_history_by_hand(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, NULL, &chat), GENAI_OK);
  genai_part t = {GENAI_INIT(genai_part), .text = "q"};
  const genai_part *tp[] = {&t};
  genai_content u = {GENAI_INIT(genai_content), .role = "user", .parts = tp, .parts_count = 1};
  assert_int_equal(genai_chat_record_history(chat, &u, NULL, 0, false), GENAI_OK);
  const genai_content *out[] = {&u};
  assert_int_equal(genai_chat_record_history(chat, &u, out, 1, true), GENAI_OK);
  assert_history_json(chat, false,
                      "[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"model\"},"
                      "{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}]");
  assert_history_json(chat, true,
                      "[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}]");
  assert_int_equal(genai_chat_record_history(chat, NULL, NULL, 0, true), GENAI_EINVAL);
  assert_int_equal(genai_chat_record_history(chat, &u, NULL, 1, true), GENAI_EINVAL);
  genai_chat_free(chat);
  genai_chat_free(NULL);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(gemini_api_chat, itest_reset),
      cmocka_unit_test_setup(vertex_chat, itest_reset),
      cmocka_unit_test_setup(streamed_turn_keeps_one_content_per_chunk, itest_reset),
      cmocka_unit_test_setup(streamed_turn_without_finish_reason_is_not_curated, itest_reset),
      cmocka_unit_test_setup(failed_or_abandoned_streams_record_nothing, itest_reset),
      cmocka_unit_test_setup(invalid_answers_stay_out_of_the_curated_history, itest_reset),
      cmocka_unit_test_setup(parts_are_echoed_exactly, itest_reset),
      cmocka_unit_test_setup(initial_history_is_curated, itest_reset),
      cmocka_unit_test_setup(configs_and_messages, itest_reset),
      cmocka_unit_test_setup(stream_outlives_its_chat, itest_reset),
      cmocka_unit_test_setup(record_history_by_hand, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
