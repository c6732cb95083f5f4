/* One client shared by many threads: synchronous calls, streams, and each
 * thread's own genai_multi, at the same time; and cancellations from other
 * threads. Built and run under ThreadSanitizer by `make test` (build-tsan). */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "itest.h"

enum { THREADS = 6, CALLS = 8 };

static genai_client *shared;
static atomic_int failures;

static void check(bool ok) {
  if (!ok) atomic_fetch_add(&failures, 1);
}

static void on_done(genai_op *op, void *user_data) {
  (void)op;
  atomic_fetch_add((atomic_int *)user_data, 1);
}

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  char prompt[64], want[128];
  for (int i = 0; i < CALLS; i++) {
    snprintf(prompt, sizeof prompt, "thread %d call %d", id, i);
    snprintf(want, sizeof want, "Echo from gemini-2.0-flash: %s", prompt);
    genai_generate_content_response *r = NULL;
    check(genai_models_generate_content(shared, "gemini-2.0-flash", GENAI_TEXT(prompt), NULL, &r) == GENAI_OK);
    check(r && genai_response_text(r) && !strcmp(genai_response_text(r), want));
    genai_generate_content_response_free(r);
    genai_stream *s = NULL;
    check(genai_models_generate_content_stream(shared, "gemini-2.0-flash", GENAI_TEXT(prompt), NULL, &s) == GENAI_OK);
    const genai_generate_content_response *chunk;
    while (s && genai_stream_next(s, &chunk) == GENAI_OK) {
    }
    check(s && genai_stream_error(s)->code == GENAI_OK);
    genai_stream_free(s);
  }
  /* this thread's own multi */
  genai_multi *m = NULL;
  check(genai_multi_new(shared, NULL, &m) == GENAI_OK);
  atomic_int done = 0;
  genai_op *ops[CALLS] = {0};
  for (int i = 0; i < CALLS && m; i++) {
    genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &done};
    check(genai_models_generate_content_async(m, "gemini-2.0-flash", GENAI_TEXT("async"), NULL, &cb, &ops[i]) ==
          GENAI_OK);
  }
  int running = 1;
  while (m && running) check(genai_multi_poll(m, 1000, &running) == GENAI_OK);
  check(atomic_load(&done) == CALLS);
  for (int i = 0; i < CALLS; i++) {
    check(ops[i] && genai_op_result(ops[i]) == GENAI_OK);
    genai_op_free(ops[i]);
  }
  genai_multi_free(m);
  return NULL;
}

static void shared_client(void **state) {
  (void)state;
  shared = itest_mldev_client(NULL);
  pthread_t th[THREADS];
  for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i), 0);
  for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
  assert_int_equal(atomic_load(&failures), 0);
  assert_int_equal(itest_request_count(), THREADS * CALLS * 3);
  genai_client_free(shared);
}

typedef struct cancel_job {
  genai_op *ops[16];
  int count;
} cancel_job;

static void *cancel_all(void *arg) {
  cancel_job *j = arg;
  for (int i = 0; i < j->count; i++) check(genai_op_cancel(j->ops[i]) == GENAI_OK);
  return NULL;
}

static void cancels_from_other_threads(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"repeat\":16,\"delay_ms\":2000,\"json\":{\"candidates\":[]}}]}");
  genai_client *c = itest_vertex_express_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  atomic_int done = 0;
  cancel_job jobs[2] = {{.count = 8}, {.count = 8}};
  for (int i = 0; i < 16; i++) {
    genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &done};
    assert_int_equal(genai_models_generate_content_async(m, "gemini-2.0-flash", GENAI_TEXT("x"), NULL, &cb,
                                                         &jobs[i / 8].ops[i % 8]),
                     GENAI_OK);
  }
  assert_int_equal(genai_multi_perform(m, NULL), GENAI_OK);
  pthread_t th[2];
  for (int i = 0; i < 2; i++) assert_int_equal(pthread_create(&th[i], NULL, cancel_all, &jobs[i]), 0);
  int running = 1;
  while (running) assert_int_equal(genai_multi_poll(m, 5000, &running), GENAI_OK);
  for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
  assert_int_equal(atomic_load(&done), 16);
  for (int i = 0; i < 16; i++) {
    assert_int_equal(genai_op_result(jobs[i / 8].ops[i % 8]), GENAI_ECANCELED);
    genai_op_free(jobs[i / 8].ops[i % 8]);
  }
  genai_multi_free(m);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(shared_client, itest_reset),
      cmocka_unit_test_setup(cancels_from_other_threads, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
