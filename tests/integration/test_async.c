/* The non-blocking interface: many calls on one thread, completion order,
 * streams pushed chunk by chunk, cancellation from another thread,
 * callbacks that never nest, an application's epoll loop, and every _async
 * method on both backends. */
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "itest.h"

typedef struct record {
  int done_order[64];
  int done_count;
  int chunks;
  int depth, max_depth;
  char text[1024];
  genai_multi *multi;
  bool free_in_done;
} record;

typedef struct tagged {
  record *r;
  int tag;
} tagged;

static void on_done(genai_op *op, void *user_data) {
  tagged *t = user_data;
  record *r = t->r;
  r->depth++;
  if (r->depth > r->max_depth) r->max_depth = r->depth;
  if (r->done_count < 64) r->done_order[r->done_count] = t->tag;
  r->done_count++;
  /* performing from a callback does not run other callbacks inside this one */
  if (r->multi) assert_int_equal(genai_multi_perform(r->multi, NULL), GENAI_OK);
  if (r->free_in_done) genai_op_free(op);
  r->depth--;
}

static void on_chunk(genai_op *op, const genai_generate_content_response *chunk, void *user_data) {
  (void)op;
  tagged *t = user_data;
  const char *text = genai_response_text(chunk);
  if (text) strncat(t->r->text, text, sizeof(t->r->text) - strlen(t->r->text) - 1);
  t->r->chunks++;
}

static void run(genai_multi *m) {
  int running = 1;
  for (int i = 0; running && i < 10000; i++) assert_int_equal(genai_multi_poll(m, 1000, &running), GENAI_OK);
  assert_int_equal(running, 0);
}

#define ANSWER(text) "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" text "\"}]}}]}"

static void completes_in_the_order_answers_arrive(void **state) {
  (void)state;
  itest_script("{\"responses\":["
               "{\"match\":{\"path_contains\":\"gemini-a\"},\"delay_ms\":600,\"json\":" ANSWER("a") "},"
               "{\"match\":{\"path_contains\":\"gemini-b\"},\"delay_ms\":50,\"json\":" ANSWER("b") "},"
               "{\"match\":{\"path_contains\":\"gemini-c\"},\"delay_ms\":300,\"json\":" ANSWER("c") "}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  record r = {.multi = m};
  tagged tags[3] = {{&r, 0}, {&r, 1}, {&r, 2}};
  const char *models[] = {"gemini-a", "gemini-b", "gemini-c"};
  genai_op *ops[3];
  for (int i = 0; i < 3; i++) {
    genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &tags[i]};
    assert_int_equal(genai_models_generate_content_async(m, models[i], GENAI_TEXT("hi"), NULL, &cb, &ops[i]), GENAI_OK);
    assert_int_equal(genai_op_result(ops[i]), GENAI_EINPROGRESS);
  }
  run(m);
  assert_int_equal(r.done_count, 3);
  assert_int_equal(r.done_order[0], 1);
  assert_int_equal(r.done_order[1], 2);
  assert_int_equal(r.done_order[2], 0);
  assert_int_equal(r.max_depth, 1);
  const char *want[] = {"a", "b", "c"};
  for (int i = 0; i < 3; i++) {
    genai_generate_content_response *resp = NULL;
    assert_int_equal(genai_op_result(ops[i]), GENAI_OK);
    assert_int_equal(genai_op_take_generate_content_response(ops[i], &resp), GENAI_OK);
    assert_string_equal(genai_response_text(resp), want[i]);
    genai_generate_content_response_free(resp);
    /* taken once */
    assert_int_equal(genai_op_take_generate_content_response(ops[i], &resp), GENAI_EINVAL);
    genai_count_tokens_response *wrong = NULL;
    assert_int_equal(genai_op_take_count_tokens_response(ops[i], &wrong), GENAI_EINVAL);
    genai_op_free(ops[i]);
  }
  genai_multi_free(m);
  genai_client_free(c);
}

static void many_calls_on_one_thread(void **state) {
  (void)state;
  enum { N = 200 };
  genai_client *c = itest_vertex_express_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  static record r;
  memset(&r, 0, sizeof(r));
  static tagged tags[N];
  static genai_op *ops[N];
  char prompts[N][32];
  for (int i = 0; i < N; i++) {
    tags[i] = (tagged){&r, i};
    snprintf(prompts[i], sizeof prompts[i], "question %d", i);
    genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &tags[i]};
    assert_int_equal(genai_models_generate_content_async(m, "gemini-2.0-flash", GENAI_TEXT(prompts[i]), NULL, &cb,
                                                         &ops[i]),
                     GENAI_OK);
  }
  run(m);
  assert_int_equal(r.done_count, N);
  for (int i = 0; i < N; i++) {
    genai_generate_content_response *resp = NULL;
    assert_int_equal(genai_op_take_generate_content_response(ops[i], &resp), GENAI_OK);
    char want[64];
    snprintf(want, sizeof want, "Echo from gemini-2.0-flash: question %d", i);
    assert_string_equal(genai_response_text(resp), want);
    genai_generate_content_response_free(resp);
    genai_op_free(ops[i]);
  }
  assert_int_equal(itest_request_count(), N);
  genai_multi_free(m);
  genai_client_free(c);
}

static void streams_push_chunks(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  record r = {0};
  tagged t = {&r, 7};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk, .user_data = &t};
  genai_op *op = NULL;
  assert_int_equal(genai_models_generate_content_stream_async(m, "gemini-2.0-flash",
                                                              GENAI_TEXT("Tell me a story in a few words please"), NULL,
                                                              &cb, &op),
                   GENAI_OK);
  run(m);
  assert_int_equal(genai_op_result(op), GENAI_DONE);
  assert_true(r.chunks >= 2);
  assert_string_equal(r.text, "Echo from gemini-2.0-flash: Tell me a story in a few words please");
  genai_op_free(op);
  /* an error object in the middle of the stream */
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" ANSWER("first") "],\"error\":{\"error\":{\"code\":500,"
               "\"message\":\"boom\",\"status\":\"INTERNAL\"}}}}]}");
  memset(&r, 0, sizeof(r));
  assert_int_equal(genai_models_generate_content_stream_async(m, "gemini-2.0-flash", GENAI_TEXT("x"), NULL, &cb, &op),
                   GENAI_OK);
  run(m);
  assert_int_equal(r.chunks, 1);
  assert_int_equal(genai_op_result(op), GENAI_EAPI);
  assert_int_equal(genai_op_error(op)->http_status, 500);
  assert_string_equal(genai_op_error(op)->message, "boom");
  genai_op_free(op);
  genai_multi_free(m);
  genai_client_free(c);
}

typedef struct canceller {
  genai_op *op;
  int delay_ms;
} canceller;

static void *cancel_later(void *arg) {
  canceller *k = arg;
  struct timespec ts = {0, k->delay_ms * 1000000L};
  nanosleep(&ts, NULL);
  assert_int_equal(genai_op_cancel(k->op), GENAI_OK);
  return NULL;
}

static void cancel_from_another_thread(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"delay_ms\":400,\"events\":[" ANSWER("a") "," ANSWER("b") ","
               ANSWER("c") "," ANSWER("d") "," ANSWER("e") "]}}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  record r = {0};
  tagged t = {&r, 1};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk, .user_data = &t};
  genai_op *op = NULL;
  assert_int_equal(genai_models_generate_content_stream_async(m, "gemini-2.0-flash", GENAI_TEXT("x"), NULL, &cb, &op),
                   GENAI_OK);
  canceller k = {op, 600};
  pthread_t th;
  assert_int_equal(pthread_create(&th, NULL, cancel_later, &k), 0);
  /* a long poll: the cancellation wakes it up */
  int running = 1;
  while (running) assert_int_equal(genai_multi_poll(m, 10000, &running), GENAI_OK);
  pthread_join(th, NULL);
  assert_int_equal(genai_op_result(op), GENAI_ECANCELED);
  assert_int_equal(r.done_count, 1);
  assert_true(r.chunks >= 1 && r.chunks < 5);
  /* cancelling after the end changes nothing */
  assert_int_equal(genai_op_cancel(op), GENAI_OK);
  assert_int_equal(genai_multi_perform(m, &running), GENAI_OK);
  assert_int_equal(r.done_count, 1);
  genai_op_free(op);
  genai_multi_free(m);
  genai_client_free(c);
}

static void errors_and_frees(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  record r = {.free_in_done = true};
  tagged t = {&r, 1};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &t};
  genai_op *op = NULL;
  /* the service's error, and the op freed in its own callback */
  assert_int_equal(genai_models_generate_content_async(m, "no-such-model", GENAI_TEXT("x"), NULL, &cb, &op), GENAI_OK);
  run(m);
  assert_int_equal(r.done_count, 1);
  /* argument errors: no operation, no callback */
  r.free_in_done = false;
  assert_int_equal(genai_models_generate_content_async(m, "", GENAI_TEXT("x"), NULL, &cb, &op), GENAI_EINVAL);
  assert_null(op);
  genai_op_callbacks no_done = {GENAI_INIT(genai_op_callbacks)};
  assert_int_equal(genai_models_generate_content_async(m, "m", GENAI_TEXT("x"), NULL, &no_done, &op), GENAI_EINVAL);
  genai_generate_content_config labels = {GENAI_INIT(genai_generate_content_config),
                                          .labels = (const genai_string_entry[]){{"a", "b"}}, .labels_count = 1};
  assert_int_equal(genai_models_generate_content_async(m, "m", GENAI_TEXT("x"), &labels, &cb, &op), GENAI_EINVAL);
  assert_int_equal(r.done_count, 1);
  /* freeing the multi stops what runs; the op is then a cancelled shell */
  itest_script("{\"responses\":[{\"delay_ms\":3000,\"json\":" ANSWER("late") "}]}");
  assert_int_equal(genai_models_generate_content_async(m, "gemini-2.0-flash", GENAI_TEXT("x"), NULL, &cb, &op),
                   GENAI_OK);
  assert_int_equal(genai_multi_perform(m, NULL), GENAI_OK);
  genai_multi_free(m);
  assert_int_equal(genai_op_result(op), GENAI_ECANCELED);
  assert_int_equal(r.done_count, 1);
  genai_op_free(op);
  genai_client_free(c);
}

static void every_method(genai_client *c, bool vertex) {
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  record r = {0};
  tagged t = {&r, 1};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk, .user_data = &t};
  genai_op *count = NULL, *compute = NULL, *embed = NULL, *chat_op = NULL;
  assert_int_equal(genai_models_count_tokens_async(m, "gemini-2.0-flash", GENAI_TEXT("why is the sky blue?"), NULL, &cb,
                                                   &count),
                   GENAI_OK);
  genai_result compute_rc =
      genai_models_compute_tokens_async(m, "gemini-2.0-flash", GENAI_TEXT("why is the sky blue?"), NULL, &cb, &compute);
  assert_int_equal(compute_rc, vertex ? GENAI_OK : GENAI_EINVAL);
  assert_int_equal(genai_models_embed_content_async(m, "text-embedding-004",
                                                    GENAI_LIST(GENAI_TEXT("a"), GENAI_TEXT("b")), NULL, &cb, &embed),
                   GENAI_OK);
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", NULL, NULL, &chat), GENAI_OK);
  assert_int_equal(genai_chat_send_message_async(m, chat, GENAI_TEXT("tell me a story"), NULL, &cb, &chat_op),
                   GENAI_OK);
  /* one message at a time */
  genai_op *second = NULL;
  assert_int_equal(genai_chat_send_message_async(m, chat, GENAI_TEXT("again"), NULL, &cb, &second), GENAI_EINVAL);
  run(m);
  genai_count_tokens_response *ct = NULL;
  assert_int_equal(genai_op_take_count_tokens_response(count, &ct), GENAI_OK);
  assert_int_equal(*ct->total_tokens, 6);
  genai_count_tokens_response_free(ct);
  if (vertex) {
    genai_compute_tokens_response *cp = NULL;
    assert_int_equal(genai_op_take_compute_tokens_response(compute, &cp), GENAI_OK);
    assert_int_equal(cp->tokens_info[0]->token_ids_count, 6);
    genai_compute_tokens_response_free(cp);
  }
  genai_embed_content_response *er = NULL;
  assert_int_equal(genai_op_take_embed_content_response(embed, &er), GENAI_OK);
  assert_int_equal(er->embeddings_count, 2);
  genai_embed_content_response_free(er);
  genai_generate_content_response *cr = NULL;
  assert_int_equal(genai_op_take_generate_content_response(chat_op, &cr), GENAI_OK);
  assert_string_equal(genai_response_text(cr), "Echo from gemini-2.0-flash: tell me a story");
  genai_generate_content_response_free(cr);
  const genai_content *const *turns = NULL;
  size_t n = 0;
  assert_int_equal(genai_chat_get_history(chat, false, &turns, &n), GENAI_OK);
  assert_int_equal(n, 2);
  /* a streamed chat message */
  genai_op *streamed = NULL;
  memset(r.text, 0, sizeof(r.text));
  assert_int_equal(genai_chat_send_message_stream_async(m, chat, GENAI_TEXT("more"), NULL, &cb, &streamed), GENAI_OK);
  run(m);
  assert_int_equal(genai_op_result(streamed), GENAI_DONE);
  assert_string_equal(r.text, "Echo from gemini-2.0-flash: more");
  assert_int_equal(genai_chat_get_history(chat, true, &turns, &n), GENAI_OK);
  assert_true(n > 3);
  genai_op_free(streamed);
  genai_op_free(count);
  genai_op_free(compute);
  genai_op_free(embed);
  genai_op_free(chat_op);
  genai_chat_free(chat);
  genai_multi_free(m);
}

static void every_method_gemini_api(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  every_method(c, false);
  genai_client_free(c);
}

static void every_method_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  every_method(c, true);
  genai_client_free(c);
}

/* C functions as tools, called inside perform. */
static void weather(void *user_data, const char *args_json, genai_function_result *result) {
  (void)args_json;
  ++*(int *)user_data;
  assert_int_equal(genai_function_result_set_text(result, "sunny"), GENAI_OK);
}

static void automatic_function_calling(void **state) {
  (void)state;
  int calls = 0;
  genai_function fn = {GENAI_INIT(genai_function), .name = "get_current_weather",
                       .parameters_json_schema = "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":"
                                                 "\"string\"}},\"required\":[\"location\"]}",
                       .call = weather, .user_data = &calls};
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  record r = {0};
  tagged t = {&r, 1};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk, .user_data = &t};
  genai_op *unary = NULL, *streamed = NULL;
  assert_int_equal(genai_models_generate_content_async(m, "gemini-2.0-flash", GENAI_TEXT("What is the weather in Boston?"),
                                                       &cfg, &cb, &unary),
                   GENAI_OK);
  assert_int_equal(genai_models_generate_content_stream_async(m, "gemini-2.0-flash",
                                                              GENAI_TEXT("What is the weather in Paris?"), &cfg, &cb,
                                                              &streamed),
                   GENAI_OK);
  run(m);
  assert_int_equal(calls, 2);
  genai_generate_content_response *resp = NULL;
  assert_int_equal(genai_op_take_generate_content_response(unary, &resp), GENAI_OK);
  assert_string_equal(genai_response_text(resp), "get_current_weather returned {\"result\":\"sunny\"}");
  assert_int_equal(resp->automatic_function_calling_history_count, 3);
  genai_generate_content_response_free(resp);
  assert_int_equal(genai_op_result(streamed), GENAI_DONE);
  assert_non_null(strstr(r.text, "get_current_weather returned {\"result\":\"sunny\"}"));
  genai_op_free(unary);
  genai_op_free(streamed);
  genai_multi_free(m);
  genai_client_free(c);
}

/* An application's epoll loop (itest_epoll), with the descriptors and the
 * timer the multi asks for. */
static void external_epoll_loop(void **state) {
  (void)state;
  itest_epoll l;
  genai_multi_options o = itest_epoll_open(&l);
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, &o, &m), GENAI_OK);
  record r = {0};
  tagged tags[4] = {{&r, 0}, {&r, 1}, {&r, 2}, {&r, 3}};
  genai_op *ops[4];
  for (int i = 0; i < 4; i++) {
    genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk,
                             .user_data = &tags[i]};
    if (i < 2)
      assert_int_equal(genai_models_generate_content_async(m, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &cb, &ops[i]),
                       GENAI_OK);
    else
      assert_int_equal(genai_models_generate_content_stream_async(m, "gemini-2.0-flash", GENAI_TEXT("a b c d e f g h"),
                                                                  NULL, &cb, &ops[i]),
                       GENAI_OK);
  }
  int running = 4;
  for (int spins = 0; running && spins < 100000; spins++) itest_epoll_turn(&l, m, &running);
  assert_int_equal(running, 0);
  assert_int_equal(r.done_count, 4);
  assert_int_equal(r.max_depth, 1);
  for (int i = 0; i < 4; i++) {
    assert_int_equal(genai_op_result(ops[i]), i < 2 ? GENAI_OK : GENAI_DONE);
    genai_op_free(ops[i]);
  }
  genai_multi_free(m);
  genai_client_free(c);
  itest_epoll_close(&l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(completes_in_the_order_answers_arrive, itest_reset),
      cmocka_unit_test_setup(many_calls_on_one_thread, itest_reset),
      cmocka_unit_test_setup(streams_push_chunks, itest_reset),
      cmocka_unit_test_setup(cancel_from_another_thread, itest_reset),
      cmocka_unit_test_setup(errors_and_frees, itest_reset),
      cmocka_unit_test_setup(every_method_gemini_api, itest_reset),
      cmocka_unit_test_setup(every_method_vertex, itest_reset),
      cmocka_unit_test_setup(automatic_function_calling, itest_reset),
      cmocka_unit_test_setup(external_epoll_loop, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
