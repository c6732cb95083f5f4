/* The driver's watches (descriptors that are not libcurl's, such as a Live
 * session's WebSocket): readiness reaches their handler from the library's
 * loop and from an application's loop, which is told of every descriptor
 * to watch, every change and every removal. */
#include "unit_helpers.h"

#include <unistd.h>

#include "http/driver.h"

typedef struct handler {
  int calls, revents;
  genai__driver *d;
  genai__watch *stop; /* a watch to stop from inside the handler */
} handler;

static void on_ready(void *data, int revents) {
  handler *h = data;
  h->calls++;
  h->revents |= revents;
  if (h->stop) genai__watch_stop(h->d, h->stop);
}

static void library_loop(void **state) {
  (void)state;
  genai__driver *d = NULL;
  assert_int_equal(genai__driver_new(NULL, &d), GENAI_OK);
  int p[2];
  assert_int_equal(pipe(p), 0);
  handler h = {.d = d};
  genai__watch w = {.fd = -1};
  genai__watch_set(d, &w, p[0], 1, on_ready, &h);
  assert_int_equal(genai__driver_pending(d), 1);
  /* nothing to read: a short poll ends without a call */
  assert_int_equal(genai__driver_poll(d, 20), GENAI_OK);
  assert_int_equal(h.calls, 0);
  /* readable: the wait ends and the handler runs */
  assert_int_equal(write(p[1], "x", 1), 1);
  assert_int_equal(genai__driver_poll(d, 5000), GENAI_OK);
  assert_int_equal(h.calls, 1);
  assert_int_equal(h.revents & 1, 1);
  /* perform alone (no wait) sees it too */
  assert_int_equal(genai__driver_perform(d), GENAI_OK);
  assert_int_equal(h.calls, 2);
  /* the write end is writable: a watch for out */
  handler out = {.d = d};
  genai__watch w2 = {.fd = -1};
  genai__watch_set(d, &w2, p[1], 2, on_ready, &out);
  assert_int_equal(genai__driver_perform(d), GENAI_OK);
  assert_int_equal(out.revents, 2);
  /* a handler that stops its own watch is not called again */
  out = (handler){.d = d, .stop = &w2};
  assert_int_equal(genai__driver_perform(d), GENAI_OK);
  assert_int_equal(out.calls, 1);
  assert_int_equal(genai__driver_perform(d), GENAI_OK);
  assert_int_equal(out.calls, 1);
  genai__watch_stop(d, &w);
  genai__watch_stop(d, &w); /* twice is once */
  assert_int_equal(genai__driver_pending(d), 0);
  h.calls = 0;
  assert_int_equal(genai__driver_perform(d), GENAI_OK);
  assert_int_equal(h.calls, 0);
  close(p[0]);
  close(p[1]);
  genai__driver_free(d);
}

/* What socket_fn was told, in order. */
typedef struct told {
  int fd[16], what[16];
  int count;
} told;

static int on_socket(void *user_data, int fd, int what) {
  told *t = user_data;
  if (t->count < 16) {
    t->fd[t->count] = fd;
    t->what[t->count] = what;
    t->count++;
  }
  return 0;
}

static int on_timer(void *user_data, long timeout_ms) {
  (void)user_data;
  (void)timeout_ms;
  return 0;
}

static void application_loop(void **state) {
  (void)state;
  told t = {0};
  genai__driver_hooks hooks = {.socket_fn = on_socket, .timer_fn = on_timer, .user_data = &t};
  genai__driver *d = NULL;
  assert_int_equal(genai__driver_new(&hooks, &d), GENAI_OK);
  int p[2], q[2];
  assert_int_equal(pipe(p), 0);
  assert_int_equal(pipe(q), 0);
  handler h = {.d = d};
  genai__watch w = {.fd = -1};
  genai__watch_set(d, &w, p[0], 1, on_ready, &h);
  genai__watch_set(d, &w, p[0], 1, on_ready, &h); /* no change: not told again */
  genai__watch_set(d, &w, p[0], 3, on_ready, &h);
  genai__watch_set(d, &w, q[0], 1, on_ready, &h); /* another descriptor: the old one goes */
  genai__watch_renew(d, &w); /* told again, unchanged */
  genai__watch_stop(d, &w);
  genai__watch_renew(d, &w); /* stopped: nothing to tell */
  const int want_fd[] = {p[0], p[0], p[0], q[0], q[0], q[0]};
  const int want_what[] = {1, 3, 4, 1, 1, 4};
  assert_int_equal(t.count, 6);
  for (int i = 0; i < 6; i++) {
    assert_int_equal(t.fd[i], want_fd[i]);
    assert_int_equal(t.what[i], want_what[i]);
  }
  /* the loop hands readiness back: the handler runs, libcurl is not asked */
  genai__watch_set(d, &w, p[0], 1, on_ready, &h);
  assert_int_equal(genai__driver_socket_action(d, p[0], 1), GENAI_OK);
  assert_int_equal(h.calls, 1);
  assert_int_equal(h.revents, 1);
  /* a descriptor nobody watches goes to libcurl, which ignores it */
  assert_int_equal(genai__driver_socket_action(d, q[1], 1), GENAI_OK);
  assert_int_equal(h.calls, 1);
  genai__watch_stop(d, &w);
  close(p[0]);
  close(p[1]);
  close(q[0]);
  close(q[1]);
  genai__driver_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(library_loop),
      cmocka_unit_test(application_loop),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
