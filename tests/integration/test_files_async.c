/* client.aio.files: uploads and downloads as operations of a genai_multi,
 * run by its loop alone: progress inside poll, several transfers at once,
 * recovery of a cut chunk, cancellation and freeing at every stage (the
 * start request, a chunk, the pause before a recovery), the multi freed
 * under a running upload, downloads in pieces, and the errors the blocking
 * calls give. */
#define _DEFAULT_SOURCE /* usleep */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "itest.h"

#define expect_ok(call)                                                            \
  do {                                                                             \
    genai_result rc_ = (call);                                                     \
    if (rc_ != GENAI_OK) fail_msg("%s: %s", #call, genai_error_last()->message); \
  } while (0)

/* ------------------------------------------------------------ fixtures */

static const genai_http_retry_options fast_retries = {GENAI_INIT(genai_http_retry_options),
                                                      .attempts = &(int32_t){3},
                                                      .initial_delay_s = &(double){0},
                                                      .jitter_s = &(double){0}};
static const genai_http_options fast_http = {GENAI_INIT(genai_http_options), .retry_options = &fast_retries};

/* What the callbacks of one operation saw. */
typedef struct seen {
  genai_op *op;
  int done;
  genai_result result;
  int http_status;
  char message[256];
  uint64_t progress_calls, last_sent, total;
  int backwards, finals;
  int outside_poll; /* callbacks that ran outside genai_multi_poll */
  uint64_t cancel_at; /* progress: cancel the op once sent reaches this (0: never) */
  uint64_t free_at;   /* progress: free the op once sent reaches this */
  bool freed;
  /* downloads */
  unsigned char *bytes;
  size_t len, pieces, stop_after;
} seen;

static int in_poll;

static void on_done(genai_op *op, void *data) {
  seen *s = data;
  s->done++;
  s->result = genai_op_result(op);
  s->http_status = genai_op_error(op)->http_status;
  snprintf(s->message, sizeof s->message, "%s", genai_op_error(op)->message);
  if (!in_poll) s->outside_poll++;
}

static void on_progress(void *data, uint64_t sent, uint64_t total) {
  seen *s = data;
  if (!in_poll) s->outside_poll++;
  if (s->progress_calls && sent < s->last_sent) s->backwards++;
  s->progress_calls++;
  if (sent == total) s->finals++;
  s->last_sent = sent;
  s->total = total;
  if (s->cancel_at && sent >= s->cancel_at) {
    assert_int_equal(genai_op_cancel(s->op), GENAI_OK);
    s->cancel_at = 0;
  }
  if (s->free_at && sent >= s->free_at && !s->freed) {
    genai_op_free(s->op);
    s->freed = true;
  }
}

static size_t on_write(const void *data, size_t size, void *user_data) {
  seen *s = user_data;
  if (!in_poll) s->outside_poll++;
  s->pieces++;
  unsigned char *grown = realloc(s->bytes, s->len + size + 1);
  assert_non_null(grown);
  s->bytes = grown;
  memcpy(s->bytes + s->len, data, size);
  s->len += size;
  return s->stop_after && s->len >= s->stop_after ? 0 : size;
}

static genai_op_callbacks callbacks_for(seen *s) {
  return (genai_op_callbacks){GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = s};
}

static void poll_once(genai_multi *m, int *running) {
  in_poll = 1;
  assert_int_equal(genai_multi_poll(m, 1000, running), GENAI_OK);
  in_poll = 0;
}

static void run(genai_multi *m) {
  int running = 1;
  for (int i = 0; running && i < 100000; i++) poll_once(m, &running);
  assert_int_equal(running, 0);
}

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Drives the multi for about ms milliseconds, in short polls. */
static void poll_for(genai_multi *m, int ms) {
  int64_t end = now_ms() + ms;
  int running = 0;
  while (now_ms() < end) {
    in_poll = 1;
    assert_int_equal(genai_multi_poll(m, 10, &running), GENAI_OK);
    in_poll = 0;
  }
}

/* A generated video on the emulator (the only files that download): its
 * URI, and with `bytes` what the blocking download gives (genai_free). The
 * log keeps these requests: a reset would drop the video. */
static char *generated_video(genai_client *c, void **bytes, size_t *len) {
  genai_generate_videos_operation *op = NULL;
  expect_ok(genai_models_generate_videos(c, "veo-2.0-generate-001", "A neon cat", NULL, NULL,
                                         &(genai_generate_videos_config){GENAI_INIT(genai_generate_videos_config),
                                                                         .duration_seconds = &(int32_t){8}},
                                         &op));
  for (int i = 0; i < 200 && !genai_operation_is_done(op); i++) {
    genai_generate_videos_operation *next = NULL;
    expect_ok(genai_operations_get(c, op, NULL, &next));
    genai_generate_videos_operation_free(op);
    op = next;
    if (!genai_operation_is_done(op)) usleep(20000);
  }
  assert_true(genai_operation_is_done(op));
  assert_non_null(op->result);
  char *uri = strdup(op->result->generated_videos[0]->video->uri);
  genai_generate_videos_operation_free(op);
  if (bytes) {
    expect_ok(genai_files_download_bytes(c, uri, NULL, bytes, len));
    assert_true(*len > 128 * 1024); /* 8 s: 128 KiB of mdat, several pieces */
  }
  return uri;
}

/* --------------------------------------------------------------- upload */

/* A few MB through the multi's loop in chunks, progress inside poll: the
 * bytes on the service are the file's. */
static void upload_of_megabytes_with_progress(void **state) {
  (void)state;
  const size_t size = 3 * 1024 * 1024 + 12345, chunk = 1024 * 1024;
  char path[80];
  itest_pattern_file(path, sizeof path, ".pdf", size, 1);
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen s = {0};
  genai_op_callbacks cb = callbacks_for(&s);
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .chunk_size = chunk, .progress = on_progress,
                            .progress_data = &s};
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .display_name = "big"};
  genai_op *op = NULL;
  expect_ok(genai_files_upload_async(m, path, &cfg, &o, &cb, &op));
  s.op = op;
  assert_int_equal(genai_op_result(op), GENAI_EINPROGRESS);
  /* nothing was reported yet: callbacks run only inside perform/poll */
  assert_int_equal(s.progress_calls, 0);
  genai_file *f = NULL;
  assert_int_equal(genai_op_take_file(op, &f), GENAI_EINPROGRESS);
  run(m);
  assert_int_equal(s.done, 1);
  assert_int_equal(s.result, GENAI_OK);
  assert_int_equal(s.outside_poll, 0);
  assert_true(s.progress_calls > 4); /* at least every 256 KiB */
  assert_int_equal(s.backwards, 0);
  assert_int_equal(s.finals, 1);
  assert_int_equal(s.last_sent, size);
  assert_int_equal(s.total, size);
  expect_ok(genai_op_take_file(op, &f));
  genai_file *again = NULL;
  assert_int_equal(genai_op_take_file(op, &again), GENAI_EINVAL); /* once */
  assert_null(again);
  assert_string_equal(f->display_name, "big");
  assert_string_equal(f->mime_type, "application/pdf");
  assert_int_equal(*f->size_bytes, (int64_t)size);
  itest_assert_upload_hash(f, size, 1);
  /* start, then four chunks, the last one finalizing */
  assert_int_equal(itest_request_count(), 5);
  assert_string_equal(itest_header(itest_request_at(0), "x-goog-upload-command"), "start");
  assert_string_equal(itest_header(itest_request_at(0), "x-goog-upload-file-name"), strrchr(path, '/') + 1);
  for (size_t i = 0; i < 4; i++) {
    char offset[32];
    snprintf(offset, sizeof offset, "%zu", i * chunk);
    assert_string_equal(itest_header(itest_request_at(1 + i), "x-goog-upload-offset"), offset);
    assert_string_equal(itest_header(itest_request_at(1 + i), "x-goog-upload-command"),
                        i == 3 ? "upload, finalize" : "upload");
  }
  /* a download op's take is refused, and this op is not a download */
  void *bytes = NULL;
  size_t n = 0;
  assert_int_equal(genai_op_take_bytes(op, &bytes, &n), GENAI_EINVAL);
  genai_file_free(f);
  genai_op_free(op);
  genai_multi_free(m);
  genai_client_free(c);
  unlink(path);
}

/* Two uploads (a path and memory) and a download at once on one multi. */
static void two_uploads_and_a_download_at_once(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  void *want = NULL;
  size_t want_len = 0;
  char *uri = generated_video(c, &want, &want_len);
  size_t base = itest_request_count();
  const size_t size_a = 2 * 1024 * 1024, size_b = 1536 * 1024;
  char path[80];
  itest_pattern_file(path, sizeof path, ".txt", size_a, 2);
  unsigned char *mem = itest_pattern(size_b, 3);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen a = {0}, b = {0}, d = {0};
  genai_op_callbacks cba = callbacks_for(&a), cbb = callbacks_for(&b), cbd = callbacks_for(&d);
  genai_upload_options oa = {GENAI_INIT(genai_upload_options), .chunk_size = 512 * 1024, .progress = on_progress,
                             .progress_data = &a};
  genai_upload_options ob = {GENAI_INIT(genai_upload_options), .chunk_size = 256 * 1024, .progress = on_progress,
                             .progress_data = &b};
  genai_upload_file_config cfgb = {GENAI_INIT(genai_upload_file_config), .mime_type = "application/octet-stream"};
  expect_ok(genai_files_upload_async(m, path, NULL, &oa, &cba, &a.op));
  expect_ok(genai_files_upload_bytes_async(m, mem, size_b, &cfgb, &ob, &cbb, &b.op));
  expect_ok(genai_files_download_async(m, uri, NULL, on_write, &d, &cbd, &d.op));
  int running = 0;
  poll_once(m, &running);
  assert_int_equal(running, 3);
  run(m);
  assert_int_equal(a.done + b.done + d.done, 3);
  assert_int_equal(a.result, GENAI_OK);
  assert_int_equal(b.result, GENAI_OK);
  assert_int_equal(d.result, GENAI_OK);
  assert_int_equal(a.outside_poll + b.outside_poll + d.outside_poll, 0);
  assert_int_equal(a.finals, 1);
  assert_int_equal(b.finals, 1);
  genai_file *fa = NULL, *fb = NULL;
  expect_ok(genai_op_take_file(a.op, &fa));
  expect_ok(genai_op_take_file(b.op, &fb));
  itest_assert_upload_hash(fa, size_a, 2);
  itest_assert_upload_hash(fb, size_b, 3);
  assert_string_equal(fb->mime_type, "application/octet-stream");
  assert_int_equal(d.len, want_len);
  assert_memory_equal(d.bytes, want, want_len);
  assert_true(d.pieces > 1);
  /* a download to a callback has nothing to take */
  genai_file *none = NULL;
  assert_int_equal(genai_op_take_file(d.op, &none), GENAI_EINVAL);
  assert_null(none);
  /* start + 4 chunks, start + 6 chunks, one GET */
  assert_int_equal(itest_request_count(), base + 5 + 7 + 1);
  genai_file_free(fa);
  genai_file_free(fb);
  genai_op_free(a.op);
  genai_op_free(b.op);
  genai_op_free(d.op);
  genai_multi_free(m);
  genai_client_free(c);
  free(d.bytes);
  free(mem);
  genai_free(want);
  free(uri);
  unlink(path);
}

/* The connection breaks in the middle of a chunk: the op asks where the
 * upload stands and sends the rest, all inside poll. */
static void cut_chunk_recovers(void **state) {
  (void)state;
  const size_t size = 1024 * 1024 + 777;
  char path[80];
  itest_pattern_file(path, sizeof path, ".txt", size, 4);
  genai_client *c = itest_mldev_client(NULL);
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"upload_cut_after_bytes\": 300000}]}");
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen s = {0};
  genai_op_callbacks cb = callbacks_for(&s);
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .http_options = &fast_http};
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .chunk_size = 512 * 1024, .progress = on_progress,
                            .progress_data = &s};
  expect_ok(genai_files_upload_async(m, path, &cfg, &o, &cb, &s.op));
  run(m);
  assert_int_equal(s.done, 1);
  if (s.result != GENAI_OK) fail_msg("upload failed: %s", s.message);
  genai_file *f = NULL;
  expect_ok(genai_op_take_file(s.op, &f));
  itest_assert_upload_hash(f, size, 4);
  assert_int_equal(*f->size_bytes, (int64_t)size);
  /* start, the cut chunk, the query, then from what the service holds */
  assert_string_equal(itest_header(itest_request_at(1), "x-goog-upload-offset"), "0");
  assert_string_equal(itest_header(itest_request_at(2), "x-goog-upload-command"), "query");
  assert_string_equal(itest_header(itest_request_at(3), "x-goog-upload-offset"), "300000");
  assert_int_equal(s.finals, 1);
  assert_int_equal(s.last_sent, size);
  genai_file_free(f);
  genai_op_free(s.op);
  genai_multi_free(m);
  genai_client_free(c);
  unlink(path);
}

/* Cancelled from its progress callback in the middle of the upload: on_done
 * with GENAI_ECANCELED, the session URL for a resume, no request after;
 * resuming it (on the multi too) completes the file. */
static void cancel_mid_upload_then_resume(void **state) {
  (void)state;
  const size_t size = 2 * 1024 * 1024;
  char path[80];
  itest_pattern_file(path, sizeof path, ".txt", size, 5);
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen s = {.cancel_at = 600 * 1024};
  genai_op_callbacks cb = callbacks_for(&s);
  char *url = NULL;
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .chunk_size = 256 * 1024, .progress = on_progress,
                            .progress_data = &s, .upload_url_out = &url};
  expect_ok(genai_files_upload_async(m, path, NULL, &o, &cb, &s.op));
  run(m);
  assert_int_equal(s.done, 1);
  assert_int_equal(s.result, GENAI_ECANCELED);
  assert_int_equal(genai_op_error(s.op)->code, GENAI_ECANCELED);
  assert_int_equal(s.finals, 0);
  assert_true(s.last_sent < size);
  assert_non_null(url);
  assert_non_null(strstr(url, "upload_id="));
  genai_file *f = NULL;
  assert_int_equal(genai_op_take_file(s.op, &f), GENAI_ECANCELED);
  assert_null(f);
  usleep(200000); /* the emulator logs the chunk the cancel cut when it sees the cut */
  size_t sent = itest_request_count();
  assert_true(sent >= 3 && sent < 1 + 8);
  poll_for(m, 200);
  assert_int_equal(itest_request_count(), sent); /* nothing more goes out */
  genai_op_free(s.op);
  /* resume on the multi: a query, then the rest */
  seen r = {0};
  genai_op_callbacks rcb = callbacks_for(&r);
  genai_upload_options again = {GENAI_INIT(genai_upload_options), .chunk_size = 256 * 1024, .resume_url = url,
                                .progress = on_progress, .progress_data = &r};
  expect_ok(genai_files_upload_async(m, path, NULL, &again, &rcb, &r.op));
  run(m);
  assert_int_equal(r.result, GENAI_OK);
  expect_ok(genai_op_take_file(r.op, &f));
  itest_assert_upload_hash(f, size, 5);
  assert_string_equal(itest_header(itest_request_at(sent), "x-goog-upload-command"), "query");
  assert_int_equal(r.finals, 1);
  genai_file_free(f);
  genai_op_free(r.op);
  genai_free(url);
  genai_multi_free(m);
  genai_client_free(c);
  unlink(path);
}

/* Cancelled while the start request waits for its answer, and while the
 * op pauses before a recovery (Python's 1 s wait): on_done at once. */
static void cancel_during_start_and_pause(void **state) {
  (void)state;
  char path[80];
  itest_pattern_file(path, sizeof path, ".txt", 4000, 6);
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  /* the start answer takes 5 s */
  itest_script("{\"responses\": [{\"match\": {\"path_contains\": \"/upload/v1beta/files\"}, \"delay_ms\": 5000, "
               "\"headers\": {\"x-goog-upload-status\": \"active\"}}]}");
  seen s = {0};
  genai_op_callbacks cb = callbacks_for(&s);
  char *url = (char *)1;
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .upload_url_out = &url};
  expect_ok(genai_files_upload_async(m, path, NULL, &o, &cb, &s.op));
  assert_null(url); /* cleared at the start */
  poll_for(m, 200);
  assert_int_equal(itest_request_count(), 1);
  assert_int_equal(s.done, 0);
  int64_t t0 = now_ms();
  assert_int_equal(genai_op_cancel(s.op), GENAI_OK);
  run(m);
  assert_true(now_ms() - t0 < 1000);
  assert_int_equal(s.done, 1);
  assert_int_equal(s.result, GENAI_ECANCELED);
  assert_null(url); /* no session yet */
  genai_op_free(s.op);

  /* a cut chunk, recovered after Python's pause of 1 s: cancelled in it */
  itest_reset(NULL);
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"upload_cut_after_bytes\": 1000}]}");
  s = (seen){0};
  expect_ok(genai_files_upload_async(m, path, NULL, &o, &cb, &s.op));
  t0 = now_ms();
  /* the cut chunk fails at once on loopback; then the op waits 1 s */
  poll_for(m, 400);
  assert_int_equal(itest_request_count(), 2);
  assert_int_equal(s.done, 0);
  assert_int_equal(genai_op_cancel(s.op), GENAI_OK);
  run(m);
  assert_true(now_ms() - t0 < 900);
  assert_int_equal(s.result, GENAI_ECANCELED);
  assert_non_null(url); /* the session exists: it can be resumed */
  assert_int_equal(itest_request_count(), 2); /* no query went out */
  genai_free(url);
  genai_op_free(s.op);
  genai_multi_free(m);
  genai_client_free(c);
  unlink(path);
}

/* genai_op_free from the progress callback, and of a running op from the
 * loop: no callback after, nothing leaks, the multi goes on. */
static void free_op_mid_upload(void **state) {
  (void)state;
  const size_t size = 1024 * 1024;
  char path[80];
  itest_pattern_file(path, sizeof path, ".txt", size, 7);
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen s = {.free_at = 300 * 1024};
  genai_op_callbacks cb = callbacks_for(&s);
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .chunk_size = 128 * 1024, .progress = on_progress,
                            .progress_data = &s};
  expect_ok(genai_files_upload_async(m, path, NULL, &o, &cb, &s.op));
  run(m);
  assert_true(s.freed);
  assert_int_equal(s.done, 0);
  uint64_t calls = s.progress_calls;
  /* freed from the loop while a chunk is on its way */
  seen t = {0};
  genai_op_callbacks tcb = callbacks_for(&t);
  genai_upload_options to = {GENAI_INIT(genai_upload_options), .chunk_size = 128 * 1024, .progress = on_progress,
                             .progress_data = &t};
  expect_ok(genai_files_upload_async(m, path, NULL, &to, &tcb, &t.op));
  int running = 1;
  while (t.progress_calls == 0 && running) poll_once(m, &running);
  assert_int_equal(running, 1);
  genai_op_free(t.op);
  run(m);
  assert_int_equal(t.done, 0);
  assert_int_equal(s.progress_calls, calls);
  /* the multi still works */
  seen u = {0};
  genai_op_callbacks ucb = callbacks_for(&u);
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = "text/plain"};
  expect_ok(genai_files_upload_bytes_async(m, "abc", 3, &cfg, NULL, &ucb, &u.op));
  run(m);
  assert_int_equal(u.result, GENAI_OK);
  genai_op_free(u.op);
  genai_multi_free(m);
  genai_client_free(c);
  unlink(path);
}

/* The multi freed in the middle of an upload and of a download: they stop
 * without callbacks, report GENAI_ECANCELED, and are freed after. */
static void free_multi_mid_transfers(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  char *uri = generated_video(c, NULL, NULL);
  const size_t size = 2 * 1024 * 1024;
  char path[80];
  itest_pattern_file(path, sizeof path, ".txt", size, 8);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen s = {0}, d = {0}, q = {0};
  genai_op_callbacks cb = callbacks_for(&s), dcb = callbacks_for(&d), qcb = callbacks_for(&q);
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .chunk_size = 128 * 1024, .progress = on_progress,
                            .progress_data = &s};
  /* one waiting for its start answer */
  itest_script("{\"responses\": [{\"match\": {\"path_contains\": \"/upload/v1beta/files\"}, \"delay_ms\": 3000}]}");
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = "text/plain"};
  size_t base = itest_request_count();
  expect_ok(genai_files_upload_bytes_async(m, "abc", 3, &cfg, NULL, &qcb, &q.op));
  for (int i = 0; i < 100 && itest_request_count() == base; i++) poll_for(m, 20);
  assert_int_equal(itest_request_count(), base + 1); /* it took the scripted answer */
  /* and an upload and a download under way */
  expect_ok(genai_files_upload_async(m, path, NULL, &o, &cb, &s.op));
  expect_ok(genai_files_download_async(m, uri, NULL, on_write, &d, &dcb, &d.op));
  int running = 1;
  while ((s.progress_calls == 0 || d.pieces == 0) && running) poll_once(m, &running);
  assert_int_equal(s.done + q.done, 0);
  int download_done = d.done;
  genai_multi_free(m);
  assert_int_equal(s.done + q.done, 0);
  assert_int_equal(d.done, download_done);
  assert_int_equal(genai_op_result(s.op), GENAI_ECANCELED);
  assert_int_equal(genai_op_result(q.op), GENAI_ECANCELED);
  genai_file *f = NULL;
  assert_int_equal(genai_op_take_file(s.op, &f), GENAI_ECANCELED);
  if (!download_done) assert_int_equal(genai_op_result(d.op), GENAI_ECANCELED);
  genai_op_free(s.op);
  genai_op_free(d.op);
  genai_op_free(q.op);
  genai_client_free(c);
  free(d.bytes);
  free(uri);
  unlink(path);
}

/* ------------------------------------------------------------- download */

/* The bytes arrive in pieces, inside poll, equal to the blocking download's;
 * the whole body in memory too; a write that stops ends the download. */
static void download_in_pieces(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  void *want = NULL;
  size_t want_len = 0;
  char *uri = generated_video(c, &want, &want_len);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen d = {0};
  genai_op_callbacks cb = callbacks_for(&d);
  expect_ok(genai_files_download_async(m, uri, NULL, on_write, &d, &cb, &d.op));
  assert_int_equal(d.pieces, 0);
  run(m);
  assert_int_equal(d.done, 1);
  assert_int_equal(d.result, GENAI_OK);
  assert_int_equal(d.outside_poll, 0);
  assert_true(d.pieces > 1);
  assert_int_equal(d.len, want_len);
  assert_memory_equal(d.bytes, want, want_len);
  json_t *last = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(last, "method")), "GET");
  assert_non_null(strstr(json_string_value(json_object_get(last, "path")), ":download"));
  assert_string_equal(json_string_value(json_object_get(last, "query")), "alt=media");
  json_decref(last);
  genai_op_free(d.op);

  /* the whole body, by the file's name */
  const char *id = strstr(uri, "files/");
  char name[96];
  snprintf(name, sizeof name, "%.*s", (int)strcspn(id, ":"), id);
  seen b = {0};
  genai_op_callbacks bcb = callbacks_for(&b);
  expect_ok(genai_files_download_bytes_async(m, name, NULL, &bcb, &b.op));
  void *bytes = (void *)1;
  size_t len = 1;
  assert_int_equal(genai_op_take_bytes(b.op, &bytes, &len), GENAI_EINPROGRESS);
  assert_null(bytes);
  run(m);
  assert_int_equal(b.result, GENAI_OK);
  expect_ok(genai_op_take_bytes(b.op, &bytes, &len));
  assert_int_equal(len, want_len);
  assert_memory_equal(bytes, want, want_len);
  genai_free(bytes);
  assert_int_equal(genai_op_take_bytes(b.op, &bytes, &len), GENAI_EINVAL); /* once */
  genai_file *f = NULL;
  assert_int_equal(genai_op_take_file(b.op, &f), GENAI_EINVAL);
  genai_op_free(b.op);

  /* a write that takes fewer bytes stops it */
  seen stop = {.stop_after = 1};
  genai_op_callbacks scb = callbacks_for(&stop);
  expect_ok(genai_files_download_async(m, uri, NULL, on_write, &stop, &scb, &stop.op));
  run(m);
  assert_int_equal(stop.result, GENAI_ECANCELED);
  assert_int_equal(stop.pieces, 1);
  assert_non_null(strstr(stop.message, "write callback"));
  genai_op_free(stop.op);

  /* cancelled after the first piece */
  seen cancel = {0};
  genai_op_callbacks ccb = callbacks_for(&cancel);
  expect_ok(genai_files_download_async(m, uri, NULL, on_write, &cancel, &ccb, &cancel.op));
  int running = 1;
  while (cancel.pieces == 0 && running) poll_once(m, &running);
  assert_int_equal(genai_op_cancel(cancel.op), GENAI_OK);
  run(m);
  assert_int_equal(cancel.done, 1);
  assert_int_equal(cancel.result, GENAI_ECANCELED);
  assert_true(cancel.len < want_len);
  genai_op_free(cancel.op);

  free(d.bytes);
  free(stop.bytes);
  free(cancel.bytes);
  genai_free(want);
  genai_multi_free(m);
  genai_client_free(c);
  free(uri);
}

/* ----------------------------------------------- other loops and threads */

/* A cut chunk recovered after Python's pause of 1 s, and a download beside
 * it, in an epoll loop: the pause is the application's timer. */
static void upload_in_an_epoll_loop(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  char *uri = generated_video(c, NULL, NULL);
  const size_t size = 600 * 1024;
  char path[80];
  itest_pattern_file(path, sizeof path, ".txt", size, 11);
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"upload_cut_after_bytes\": 100000}]}");
  itest_epoll l;
  genai_multi_options mo = itest_epoll_open(&l);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, &mo, &m));
  seen s = {0}, d = {0};
  genai_op_callbacks cb = callbacks_for(&s), dcb = callbacks_for(&d);
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .chunk_size = 256 * 1024, .progress = on_progress,
                            .progress_data = &s};
  int64_t t0 = now_ms();
  expect_ok(genai_files_upload_async(m, path, NULL, &o, &cb, &s.op));
  expect_ok(genai_files_download_async(m, uri, NULL, on_write, &d, &dcb, &d.op));
  int running = 2;
  for (int spins = 0; running && spins < 100000; spins++) {
    in_poll = 1; /* callbacks run inside the turn's socket_action calls */
    itest_epoll_turn(&l, m, &running);
    in_poll = 0;
  }
  assert_int_equal(running, 0);
  assert_true(now_ms() - t0 >= 900); /* the pause before the query */
  if (s.result != GENAI_OK) fail_msg("upload failed: %s", s.message);
  assert_int_equal(d.result, GENAI_OK);
  assert_int_equal(s.outside_poll + d.outside_poll, 0);
  genai_file *f = NULL;
  expect_ok(genai_op_take_file(s.op, &f));
  itest_assert_upload_hash(f, size, 11);
  assert_true(d.pieces > 1);
  genai_file_free(f);
  genai_op_free(s.op);
  genai_op_free(d.op);
  genai_multi_free(m);
  genai_client_free(c);
  itest_epoll_close(&l);
  free(d.bytes);
  free(uri);
  unlink(path);
}

typedef struct canceller {
  genai_op *op;
  int delay_ms;
} canceller;

static void *cancel_later(void *data) {
  canceller *k = data;
  usleep((useconds_t)k->delay_ms * 1000);
  assert_int_equal(genai_op_cancel(k->op), GENAI_OK);
  return NULL;
}

/* genai_op_cancel from another thread wakes a poll that waits out the
 * pause before a recovery. */
static void cancel_from_another_thread(void **state) {
  (void)state;
  char path[80];
  itest_pattern_file(path, sizeof path, ".txt", 5000, 12);
  genai_client *c = itest_mldev_client(NULL);
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"upload_cut_after_bytes\": 1000}]}");
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen s = {0};
  genai_op_callbacks cb = callbacks_for(&s);
  expect_ok(genai_files_upload_async(m, path, NULL, NULL, &cb, &s.op));
  canceller k = {s.op, 300};
  pthread_t thread;
  int64_t t0 = now_ms();
  assert_int_equal(pthread_create(&thread, NULL, cancel_later, &k), 0);
  int running = 1;
  while (running) {
    in_poll = 1;
    assert_int_equal(genai_multi_poll(m, 5000, &running), GENAI_OK);
    in_poll = 0;
  }
  assert_int_equal(pthread_join(thread, NULL), 0);
  assert_true(now_ms() - t0 < 900);
  assert_int_equal(s.result, GENAI_ECANCELED);
  assert_int_equal(itest_request_count(), 2); /* start and the cut chunk: no query */
  genai_op_free(s.op);
  genai_multi_free(m);
  genai_client_free(c);
  unlink(path);
}

/* ---------------------------------------------------------------- errors */

static void errors(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen s = {0};
  genai_op_callbacks cb = callbacks_for(&s);
  genai_op *op = (genai_op *)1;
  /* before any request, as the blocking calls */
  assert_int_equal(genai_files_upload_async(m, "/nonexistent/file.txt", NULL, NULL, &cb, &op), GENAI_EIO);
  assert_null(op);
  assert_int_equal(genai_files_upload_async(m, NULL, NULL, NULL, &cb, &op), GENAI_EINVAL);
  assert_int_equal(genai_files_upload_bytes_async(m, NULL, 3, NULL, NULL, &cb, &op), GENAI_EINVAL);
  assert_int_equal(genai_files_upload_bytes_async(m, "abc", 3, NULL, NULL, &cb, &op), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "mime_type"));
  assert_int_equal(genai_files_upload_stream_async(m, NULL, NULL, NULL, &cb, &op), GENAI_EINVAL);
  assert_int_equal(genai_files_upload_async(m, "x.txt", NULL, NULL, NULL, &op), GENAI_EINVAL);
  assert_int_equal(genai_files_upload_async(NULL, "x.txt", NULL, NULL, &cb, &op), GENAI_EINVAL);
  assert_int_equal(genai_files_download_async(m, "abc", NULL, NULL, NULL, &cb, &op), GENAI_EINVAL);
  assert_int_equal(genai_files_download_async(m, "", NULL, on_write, &s, &cb, &op), GENAI_EINVAL);
  assert_int_equal(genai_files_download_bytes_async(m, "https://example.com/nothing", NULL, &cb, &op), GENAI_EINVAL);
  assert_null(op);
  assert_int_equal(itest_request_count(), 0);
  assert_int_equal(s.done, 0);

  /* an unknown file: the service's 404, once (downloads are never retried) */
  expect_ok(genai_files_download_bytes_async(m, "files/nosuchfile", NULL, &cb, &op));
  run(m);
  assert_int_equal(s.done, 1);
  assert_int_equal(s.result, GENAI_EAPI);
  assert_int_equal(s.http_status, 404);
  void *bytes = (void *)1;
  size_t len = 1;
  assert_int_equal(genai_op_take_bytes(op, &bytes, &len), GENAI_EAPI);
  assert_null(bytes);
  assert_int_equal(genai_error_last()->http_status, 404);
  assert_int_equal(itest_request_count(), 1);
  genai_op_free(op);
  /* a refused start: the service's error on the op */
  itest_script("{\"responses\": [{\"status\": 400, \"json\": {\"error\": {\"code\": 400, \"message\": \"bad\", "
               "\"status\": \"INVALID_ARGUMENT\"}}}]}");
  s = (seen){0};
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = "text/plain"};
  expect_ok(genai_files_upload_bytes_async(m, "abc", 3, &cfg, NULL, &cb, &op));
  run(m);
  assert_int_equal(s.result, GENAI_EAPI);
  assert_int_equal(s.http_status, 400);
  genai_op_free(op);
  /* a chunk answered with a status other than final */
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"status\": 200, "
               "\"headers\": {\"x-goog-upload-status\": \"cancelled\"}}]}");
  s = (seen){0};
  expect_ok(genai_files_upload_bytes_async(m, "abc", 3, &cfg, NULL, &cb, &op));
  run(m);
  assert_int_equal(s.result, GENAI_EINVAL);
  assert_string_equal(s.message, "Failed to upload file: Upload status is not finalized.");
  genai_op_free(op);
  genai_multi_free(m);
  genai_client_free(c);

  /* Vertex AI: refused as the blocking calls refuse it, before any request */
  itest_reset(NULL);
  c = itest_vertex_client(NULL);
  expect_ok(genai_multi_new(c, NULL, &m));
  char path[80];
  itest_pattern_file(path, sizeof path, ".txt", 10, 9);
  genai_file *f = NULL;
  assert_int_equal(genai_files_upload(c, path, NULL, NULL, &f), GENAI_EINVAL);
  char blocking[256];
  snprintf(blocking, sizeof blocking, "%s", genai_error_last()->message);
  assert_string_equal(blocking, "This method is only supported in the Gemini Developer client.");
  assert_int_equal(genai_files_upload_async(m, path, NULL, NULL, &cb, &op), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, blocking);
  assert_int_equal(genai_files_upload_bytes_async(m, "abc", 3, &cfg, NULL, &cb, &op), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, blocking);
  FILE *fp = fopen(path, "rb");
  assert_int_equal(genai_files_upload_stream_async(m, fp, &cfg, NULL, &cb, &op), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, blocking);
  fclose(fp);
  assert_int_equal(genai_files_download_async(m, "files/abc", NULL, on_write, &s, &cb, &op), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, blocking);
  assert_int_equal(genai_files_download_bytes_async(m, "files/abc", NULL, &cb, &op), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, blocking);
  assert_null(op);
  assert_int_equal(itest_request_count(), 0);
  genai_multi_free(m);
  genai_client_free(c);
  unlink(path);
}

/* From a stream, on the multi: the bytes from its position on. */
static void upload_stream_async(void **state) {
  (void)state;
  char path[80];
  itest_pattern_file(path, sizeof path, ".bin", 5000, 10);
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  assert_int_equal(fseek(fp, 1000, SEEK_SET), 0);
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *m = NULL;
  expect_ok(genai_multi_new(c, NULL, &m));
  seen s = {0};
  genai_op_callbacks cb = callbacks_for(&s);
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = "application/octet-stream",
                                  .name = "from-a-stream"};
  expect_ok(genai_files_upload_stream_async(m, fp, &cfg,
                                            &(genai_upload_options){GENAI_INIT(genai_upload_options),
                                                                    .chunk_size = 1500},
                                            &cb, &s.op));
  run(m);
  assert_int_equal(s.result, GENAI_OK);
  genai_file *f = NULL;
  expect_ok(genai_op_take_file(s.op, &f));
  assert_string_equal(f->name, "files/from-a-stream");
  assert_int_equal(*f->size_bytes, 4000);
  assert_int_equal(itest_request_count(), 1 + 3);
  genai_file_free(f);
  genai_op_free(s.op);
  genai_multi_free(m);
  genai_client_free(c);
  fclose(fp);
  /* the emulator keeps names: this test's file goes again */
  c = itest_mldev_client(NULL);
  expect_ok(genai_files_delete(c, "files/from-a-stream", NULL, NULL));
  genai_client_free(c);
  unlink(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(upload_of_megabytes_with_progress, itest_reset),
      cmocka_unit_test_setup(two_uploads_and_a_download_at_once, itest_reset),
      cmocka_unit_test_setup(cut_chunk_recovers, itest_reset),
      cmocka_unit_test_setup(cancel_mid_upload_then_resume, itest_reset),
      cmocka_unit_test_setup(cancel_during_start_and_pause, itest_reset),
      cmocka_unit_test_setup(free_op_mid_upload, itest_reset),
      cmocka_unit_test_setup(free_multi_mid_transfers, itest_reset),
      cmocka_unit_test_setup(download_in_pieces, itest_reset),
      cmocka_unit_test_setup(upload_in_an_epoll_loop, itest_reset),
      cmocka_unit_test_setup(cancel_from_another_thread, itest_reset),
      cmocka_unit_test_setup(errors, itest_reset),
      cmocka_unit_test_setup(upload_stream_async, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
