/* Keepalive: a Live session that hears nothing for 20 s pings the server
 * (the Python websockets default), and stays open. Both forms at once, so
 * that the 20 s are waited once: a blocking session waiting in
 * genai_live_receive on a thread, and a session on a genai_multi idling in
 * the library's loop. The emulator logs each ping it answers as a "PING"
 * entry of the session's connection. */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "itest.h"
#include "live_itest.h"

#define IDLE_S 23

typedef struct blocking_run {
  genai_client *client;
  genai_result connect_rc, receive_rc, after_rc;
  char text[256];
} blocking_run;

/* A turn left open (turn_complete false) gets no answer: the receive waits
 * for the client's timeout, pinging meanwhile; then the turn is completed
 * on the same connection. */
static void *blocking_session(void *arg) {
  blocking_run *b = arg;
  genai_live_session *s = NULL;
  b->connect_rc = genai_live_connect(b->client, LIVE_MODEL, &text_config, &s);
  if (b->connect_rc != GENAI_OK) return NULL;
  const genai_live_server_message *m = NULL;
  b->receive_rc = genai_live_send_client_content(s, GENAI_TEXT("blocking"), false);
  if (b->receive_rc == GENAI_OK) b->receive_rc = genai_live_receive(s, &m);
  b->after_rc = genai_live_send_client_content(s, NULL, true);
  while (b->after_rc == GENAI_OK && (b->after_rc = genai_live_receive(s, &m)) == GENAI_OK) {
    const char *t = genai_live_server_message_text(m);
    if (t) strncat(b->text, t, sizeof b->text - strlen(b->text) - 1);
  }
  genai_live_close(s);
  return NULL;
}

typedef struct async_run {
  int opens, closes;
  char text[256];
} async_run;

static void on_open(genai_live_session *s, void *user_data) {
  (void)s;
  ((async_run *)user_data)->opens++;
}

static void on_message(genai_live_session *s, const genai_live_server_message *m, void *user_data) {
  async_run *a = user_data;
  const char *t = genai_live_server_message_text(m);
  if (t) strncat(a->text, t, sizeof a->text - strlen(a->text) - 1);
  if (m->server_content && m->server_content->turn_complete && *m->server_content->turn_complete)
    genai_live_close(s);
}

static void on_close(genai_live_session *s, genai_result rc, void *user_data) {
  (void)s;
  (void)rc;
  ((async_run *)user_data)->closes++;
}

/* Connections that sent at least one ping. */
static int pinging_connections(void) {
  json_t *log = itest_requests();
  json_int_t seen[8];
  int n = 0;
  for (size_t i = 0; i < json_array_size(log); i++) {
    json_t *e = json_array_get(log, i);
    if (strcmp(json_string_value(json_object_get(e, "method")), "PING") != 0) continue;
    json_int_t c = json_integer_value(json_object_get(e, "connection"));
    bool known = false;
    for (int k = 0; k < n; k++) known |= seen[k] == c;
    if (!known && n < 8) seen[n++] = c;
  }
  json_decref(log);
  return n;
}

static void idle_sessions_ping(void **state) {
  (void)state;
  const genai_http_options http = {GENAI_INIT(genai_http_options), .timeout_ms = &(const int32_t){IDLE_S * 1000}};
  genai_client *c = itest_mldev_client(&http);
  blocking_run b = {.client = c};
  pthread_t t;
  assert_int_equal(pthread_create(&t, NULL, blocking_session, &b), 0);

  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  async_run a = {0};
  genai_live_callbacks cb = {GENAI_INIT(genai_live_callbacks), .on_open = on_open, .on_message = on_message,
                             .on_close = on_close, .user_data = &a};
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &s), GENAI_OK);
  time_t start = time(NULL);
  int running = 1;
  while (time(NULL) - start < IDLE_S) assert_int_equal(genai_multi_poll(m, 1000, &running), GENAI_OK);
  assert_int_equal(a.opens, 1);
  assert_int_equal(a.closes, 0);
  assert_int_equal(running, 1);
  /* still usable after the silence */
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("async"), true), GENAI_OK);
  while (running) assert_int_equal(genai_multi_poll(m, 1000, &running), GENAI_OK);
  assert_string_equal(a.text, "Echo from " LIVE_MODEL ": async");
  genai_multi_free(m);

  pthread_join(t, NULL);
  assert_int_equal(b.connect_rc, GENAI_OK);
  assert_int_equal(b.receive_rc, GENAI_ETIMEOUT);
  assert_int_equal(b.after_rc, GENAI_DONE);
  assert_string_equal(b.text, "Echo from " LIVE_MODEL ": blocking");
  /* both connections pinged while idle */
  assert_int_equal(pinging_connections(), 2);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(idle_sessions_ping, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
