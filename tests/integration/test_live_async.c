/* The Live API on a genai_multi against the emulator: sessions driven by
 * the library's loop and by an application's poll loop, beside REST calls
 * on the same multi, sends held until setupComplete, automatic tool calls,
 * close codes and failed handshakes reaching on_close, deadlines, and
 * closing or freeing at every stage without callbacks or leaks. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "itest.h"
#include "live_itest.h"



/* What a session's callbacks saw. */
typedef struct seen {
  int opens, messages, turns, closes;
  genai_result close_rc;
  int close_status;
  char close_message[256];
  char text[2048];
  bool tool_call;
  /* what to do on the nth completed turn */
  const char *next_prompts[4];
  bool close_after_last_turn;
  bool close_in_on_open, close_in_on_message, close_in_on_close;
  bool message_after_open;
  bool setup_seen; /* setupComplete readable in on_open */
  genai_live_session *session;
} seen;

static bool turn_complete(const genai_live_server_message *m) {
  return m->server_content && m->server_content->turn_complete && *m->server_content->turn_complete;
}

static void on_open(genai_live_session *s, void *user_data) {
  seen *w = user_data;
  w->opens++;
  w->setup_seen = genai_live_setup_complete(s) != NULL;
  if (w->close_in_on_open) genai_live_close(s);
}

static void on_message(genai_live_session *s, const genai_live_server_message *m, void *user_data) {
  seen *w = user_data;
  if (w->opens) w->message_after_open = true;
  w->messages++;
  if (m->tool_call) w->tool_call = true;
  const char *t = genai_live_server_message_text(m);
  if (t) strncat(w->text, t, sizeof w->text - strlen(w->text) - 1);
  if (w->close_in_on_message) {
    genai_live_close(s);
    w->session = NULL;
    return;
  }
  if (!turn_complete(m)) return;
  strncat(w->text, "|", sizeof w->text - strlen(w->text) - 1);
  const char *next = w->turns < 4 ? w->next_prompts[w->turns] : NULL;
  w->turns++;
  if (next) {
    /* a send from inside a callback */
    if (genai_live_send_client_content(s, GENAI_TEXT(next), true) != GENAI_OK) w->turns = 100;
  } else if (w->close_after_last_turn) {
    genai_live_close(s);
    w->session = NULL;
  }
}

static void on_close(genai_live_session *s, genai_result rc, void *user_data) {
  seen *w = user_data;
  w->closes++;
  w->close_rc = rc;
  const genai_error *e = genai_live_error(s);
  w->close_status = e->http_status;
  snprintf(w->close_message, sizeof w->close_message, "%s", e->message ? e->message : "");
  if (w->close_in_on_close) {
    genai_live_close(s);
    w->session = NULL;
  }
}

static genai_live_callbacks callbacks_of(seen *w) {
  return (genai_live_callbacks){GENAI_INIT(genai_live_callbacks), .on_open = on_open, .on_message = on_message,
                                .on_close = on_close, .user_data = w};
}

/* The library's loop until nothing runs (20 s at most). */
static void run(genai_multi *m) {
  time_t start = time(NULL);
  int running = 1;
  while (running) {
    assert_int_equal(genai_multi_poll(m, 1000, &running), GENAI_OK);
    assert_true(time(NULL) - start < 20);
  }
}

/* Two turns, the first sent before the session opened, the second from
 * on_message; closed from on_message after the last turn. */
static void two_turns(genai_client *c) {
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  seen w = {.next_prompts = {"Bye"}, .close_after_last_turn = true};
  genai_live_callbacks cb = callbacks_of(&w);
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w.session), GENAI_OK);
  assert_non_null(w.session);
  assert_null(genai_live_setup_complete(w.session)); /* not before the loop ran */
  /* held until setupComplete */
  assert_int_equal(genai_live_send_client_content(w.session, GENAI_TEXT("Hello what should we talk about?"), true),
                   GENAI_OK);
  assert_int_equal(w.opens, 0); /* nothing runs outside the loop */
  run(m);
  assert_int_equal(w.opens, 1);
  assert_true(w.setup_seen);
  assert_true(w.message_after_open);
  assert_int_equal(w.turns, 2);
  assert_int_equal(w.closes, 0); /* closed by the caller: no on_close */
  assert_null(w.session);
  assert_string_equal(w.text, "Echo from " LIVE_MODEL ": Hello what should we talk about?|Echo from " LIVE_MODEL
                              ": Bye|");
  genai_multi_free(m);

  /* the wire: upgrade, setup, then the two turns in order */
  json_t *setup = itest_request_at(1);
  assert_non_null(json_object_get(json_object_get(setup, "body"), "setup"));
  json_t *turn = itest_request_at(2);
  itest_assert_json_value(json_object_get(turn, "body"),
                          "{\"clientContent\":{\"turnComplete\":true,\"turns\":[{\"role\":\"user\",\"parts\":"
                          "[{\"text\":\"Hello what should we talk about?\"}]}]}}");
  turn = itest_request_at(3);
  itest_assert_json_value(json_object_get(turn, "body"),
                          "{\"clientContent\":{\"turnComplete\":true,\"turns\":[{\"role\":\"user\",\"parts\":"
                          "[{\"text\":\"Bye\"}]}]}}");
}

static void gemini_two_turns(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  two_turns(c);
  genai_client_free(c);
}

static void vertex_two_turns(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  two_turns(c);
  genai_client_free(c);
}

static void vertex_express_two_turns(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  two_turns(c);
  genai_client_free(c);
}

/* REST calls and several sessions share one multi and one thread. */
typedef struct rest_done {
  int done;
  char text[256];
} rest_done;

static void on_generated(genai_op *op, void *user_data) {
  rest_done *d = user_data;
  d->done++;
  genai_generate_content_response *r = NULL;
  if (genai_op_take_generate_content_response(op, &r) == GENAI_OK && genai_response_text(r))
    snprintf(d->text, sizeof d->text, "%s", genai_response_text(r));
  genai_generate_content_response_free(r);
}

static void sessions_beside_rest_calls(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  enum { N = 5 };
  seen w[N];
  char prompts[N][32];
  for (int i = 0; i < N; i++) {
    w[i] = (seen){.close_after_last_turn = true};
    genai_live_callbacks cb = callbacks_of(&w[i]);
    assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w[i].session), GENAI_OK);
    snprintf(prompts[i], sizeof prompts[i], "session %d", i);
    assert_int_equal(genai_live_send_client_content(w[i].session, GENAI_TEXT(prompts[i]), true), GENAI_OK);
  }
  rest_done d = {0};
  genai_op *op = NULL;
  genai_op_callbacks ocb = {GENAI_INIT(genai_op_callbacks), .on_done = on_generated, .user_data = &d};
  assert_int_equal(genai_models_generate_content_async(m, "gemini-2.0-flash-001", GENAI_TEXT("rest call"), NULL, &ocb,
                                                       &op),
                   GENAI_OK);
  run(m);
  assert_int_equal(d.done, 1);
  assert_non_null(strstr(d.text, "rest call"));
  for (int i = 0; i < N; i++) {
    char want[128];
    snprintf(want, sizeof want, "Echo from " LIVE_MODEL ": session %d|", i);
    assert_string_equal(w[i].text, want);
    assert_null(w[i].session);
  }
  genai_op_free(op);
  genai_multi_free(m);
  genai_client_free(c);
}

static void application_loop(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  itest_epoll l;
  genai_multi_options o = itest_epoll_open(&l);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, &o, &m), GENAI_OK);
  seen w = {.next_prompts = {"second"}, .close_after_last_turn = true};
  genai_live_callbacks cb = callbacks_of(&w);
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w.session), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(w.session, GENAI_TEXT("first"), true), GENAI_OK);
  assert_true(l.watched >= 1); /* the session's socket is the loop's to watch */
  int running = 1;
  time_t start = time(NULL);
  while (running) {
    assert_true(time(NULL) - start < 20);
    itest_epoll_turn(&l, m, &running);
  }
  assert_string_equal(w.text, "Echo from " LIVE_MODEL ": first|Echo from " LIVE_MODEL ": second|");
  assert_int_equal(l.watched, 0); /* every descriptor was given back */
  genai_multi_free(m);
  itest_epoll_close(&l);
  genai_client_free(c);
}

static int weather_calls;
static void weather(void *user_data, const char *args_json, genai_function_result *result) {
  (void)user_data;
  weather_calls++;
  if (strstr(args_json, "Redmond") && genai_function_result_set_json(result, "{\"temperature\":21}") != GENAI_OK)
    weather_calls = 100;
}

static void automatic_tool_calls(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  const genai_function fn = live_weather_function(weather);
  const genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_live_connect_config config = text_config;
  config.tools = (const genai_tool *const[]){&tool};
  config.tools_count = 1;
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  seen w = {.close_after_last_turn = true};
  genai_live_callbacks cb = callbacks_of(&w);
  weather_calls = 0;
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &config, &cb, &w.session), GENAI_OK);
  assert_int_equal(
      genai_live_send_client_content(w.session, GENAI_TEXT("Call get_current_weather with location Redmond"), true),
      GENAI_OK);
  run(m);
  assert_int_equal(weather_calls, 1);
  assert_true(w.tool_call); /* shown to on_message, already answered */
  assert_non_null(strstr(w.text, "get_current_weather returned {\"result\":{\"temperature\":21}}"));
  genai_multi_free(m);
  /* the tool response carried the call's id */
  json_t *log = itest_requests();
  bool answered = false;
  for (size_t i = 0; i < json_array_size(log); i++) {
    json_t *fr = json_array_get(
        json_object_get(json_object_get(json_object_get(json_array_get(log, i), "body"), "toolResponse"),
                        "functionResponses"),
        0);
    if (fr) answered = strncmp(json_string_value(json_object_get(fr, "id")), "function-call-", 14) == 0;
  }
  json_decref(log);
  assert_true(answered);
  genai_client_free(c);
}

/* One session with a script entry: returns what its callbacks saw. */
static seen scripted(genai_client *c, const char *script) {
  itest_script(script);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  seen w = {0};
  genai_live_callbacks cb = callbacks_of(&w);
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w.session), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(w.session, GENAI_TEXT("Hello"), true), GENAI_OK);
  run(m);
  assert_int_equal(w.closes, 1);
  /* an ended session refuses sends */
  assert_int_equal(genai_live_send_client_content(w.session, GENAI_TEXT("again"), true), GENAI_ETRANSPORT);
  genai_live_close(w.session);
  genai_multi_free(m);
  return w;
}

static void close_codes_reach_on_close(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  seen w = scripted(c, "{\"responses\":[{\"live_close\":{\"code\":1011,\"reason\":\"Internal error occurred.\"}}]}");
  assert_int_equal(w.close_rc, GENAI_EAPI);
  assert_int_equal(w.close_status, 1011);
  assert_non_null(strstr(w.close_message, "Internal error occurred."));
  assert_int_equal(w.opens, 1);

  w = scripted(c, "{\"responses\":[{\"live_close\":{\"code\":1000,\"go_away\":\"5s\"}}]}");
  assert_int_equal(w.close_rc, GENAI_DONE);
  assert_int_equal(w.messages, 1); /* the goAway */

  w = scripted(c, "{\"responses\":[{\"live_close\":{\"code\":1008,\"reason\":\"denied\",\"before_setup\":true}}]}");
  assert_int_equal(w.close_rc, GENAI_EAPI);
  assert_int_equal(w.close_status, 1008);
  assert_int_equal(w.opens, 0);

  w = scripted(c, "{\"responses\":[{\"status\":429,\"json\":{\"error\":{\"code\":429}}}]}");
  assert_int_equal(w.close_rc, GENAI_EAPI);
  assert_int_equal(w.close_status, 429);
  assert_int_equal(w.opens, 0);
  genai_client_free(c);
}

/* A server that accepts the connection and never answers: the handshake
 * deadline (the client's connect timeout) ends the session. */
static void handshake_deadline(void **state) {
  (void)state;
  int lfd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof a), 0);
  assert_int_equal(listen(lfd, 4), 0);
  socklen_t len = sizeof a;
  getsockname(lfd, (struct sockaddr *)&a, &len);
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%d", ntohs(a.sin_port));
  genai_client *c = NULL;
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = ITEST_KEY, .no_env = true,
                           .vertexai = &(const bool){false}};
  o.http_options = &(const genai_http_options){GENAI_INIT(genai_http_options), .base_url = url,
                                               .connect_timeout_ms = &(const int32_t){300}};
  assert_int_equal(genai_client_new(&o, &c), GENAI_OK);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  seen w = {0};
  genai_live_callbacks cb = callbacks_of(&w);
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w.session), GENAI_OK);
  run(m);
  assert_int_equal(w.closes, 1);
  assert_int_equal(w.close_rc, GENAI_ETIMEOUT);
  assert_non_null(strstr(w.close_message, "300 ms"));
  assert_null(strstr(w.close_message, ITEST_KEY));
  genai_live_close(w.session);
  /* nothing listens: the connection fails */
  close(lfd);
  w = (seen){0};
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w.session), GENAI_OK);
  run(m);
  assert_int_equal(w.closes, 1);
  assert_int_equal(w.close_rc, GENAI_ETRANSPORT);
  genai_live_close(w.session);
  genai_multi_free(m);
  genai_client_free(c);
}

/* Closing at every stage: before the loop ran, from on_open, from
 * on_message, from on_close; and freeing the multi under open sessions. */
static void close_anywhere(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  seen w = {0};
  genai_live_callbacks cb = callbacks_of(&w);
  /* at once */
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w.session), GENAI_OK);
  genai_live_close(w.session);
  run(m);
  assert_int_equal(w.opens + w.messages + w.closes, 0);
  /* from on_open, with a turn held: the close goes after it */
  w = (seen){.close_in_on_open = true};
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w.session), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(w.session, GENAI_TEXT("last words"), true), GENAI_OK);
  run(m);
  assert_int_equal(w.opens, 1);
  assert_int_equal(w.messages + w.closes, 0);
  /* from on_message */
  w = (seen){.close_in_on_message = true};
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w.session), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(w.session, GENAI_TEXT("one two three four five six seven"), true),
                   GENAI_OK);
  run(m);
  assert_int_equal(w.messages, 1);
  assert_int_equal(w.closes, 0);
  /* from on_close */
  itest_script("{\"responses\":[{\"live_close\":{\"code\":1011,\"reason\":\"bye\"}}]}");
  w = (seen){.close_in_on_close = true};
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w.session), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(w.session, GENAI_TEXT("x"), true), GENAI_OK);
  run(m);
  assert_int_equal(w.closes, 1);
  assert_null(w.session);
  /* the held turn went out before the close of the on_open case */
  json_t *log = itest_requests();
  bool last_words = false;
  for (size_t i = 0; i < json_array_size(log); i++) {
    const json_t *body = json_object_get(json_array_get(log, i), "body");
    if (!json_object_get(body, "clientContent")) continue;
    char *text = json_dumps(body, 0);
    if (text && strstr(text, "last words")) last_words = true;
    free(text);
  }
  json_decref(log);
  assert_true(last_words);
  /* the multi freed under an open session and a connecting one: no
   * callbacks; the sessions are only freed after */
  seen open = {0}, connecting = {0};
  genai_live_callbacks cb_open = callbacks_of(&open), cb_connecting = callbacks_of(&connecting);
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb_open, &open.session), GENAI_OK);
  int running = 1;
  time_t start = time(NULL);
  while (!open.opens) {
    assert_int_equal(genai_multi_poll(m, 100, &running), GENAI_OK);
    assert_true(time(NULL) - start < 10);
  }
  assert_int_equal(running, 1);
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb_connecting, &connecting.session),
                   GENAI_OK);
  genai_multi_free(m);
  assert_int_equal(open.closes + connecting.closes, 0);
  assert_int_equal(genai_live_send_client_content(open.session, GENAI_TEXT("late"), true), GENAI_ETRANSPORT);
  assert_int_equal(genai_live_error(open.session)->code, GENAI_ECANCELED);
  genai_live_close(open.session);
  genai_live_close(connecting.session);
  genai_client_free(c);
}

static void invalid_arguments(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  seen w = {0};
  genai_live_callbacks cb = callbacks_of(&w);
  genai_live_session *s = (genai_live_session *)&w;
  assert_int_equal(genai_live_connect_async(NULL, LIVE_MODEL, NULL, &cb, &s), GENAI_EINVAL);
  assert_null(s);
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, NULL, NULL, &s), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "callbacks"));
  genai_live_callbacks no_close = cb;
  no_close.on_close = NULL;
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, NULL, &no_close, &s), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "on_close"));
  assert_int_equal(genai_live_connect_async(m, "", NULL, &cb, &s), GENAI_EINVAL);
  assert_int_equal(itest_request_count(), 0);
  /* an async session's messages are not pulled */
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &s), GENAI_OK);
  const genai_live_server_message *msg = NULL;
  assert_int_equal(genai_live_receive(s, &msg), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "on_message"));
  assert_int_equal(genai_live_error(s)->code, GENAI_OK);
  genai_live_close(s);
  run(m);
  genai_multi_free(m);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(gemini_two_turns, itest_reset),
      cmocka_unit_test_setup(vertex_two_turns, itest_reset),
      cmocka_unit_test_setup(vertex_express_two_turns, itest_reset),
      cmocka_unit_test_setup(sessions_beside_rest_calls, itest_reset),
      cmocka_unit_test_setup(application_loop, itest_reset),
      cmocka_unit_test_setup(automatic_tool_calls, itest_reset),
      cmocka_unit_test_setup(close_codes_reach_on_close, itest_reset),
      cmocka_unit_test_setup(handshake_deadline, itest_reset),
      cmocka_unit_test_setup(close_anywhere, itest_reset),
      cmocka_unit_test_setup(invalid_arguments, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
