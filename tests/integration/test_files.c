/* files.upload (the resumable protocol: headers, offsets, chunking,
 * recovery, resume), files.get, files.list and files.delete against the
 * emulator, which keeps each upload's size and SHA-256. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itest.h"

#define expect_ok(call)                                                            \
  do {                                                                             \
    genai_result rc_ = (call);                                                     \
    if (rc_ != GENAI_OK) fail_msg("%s: %s", #call, genai_error_last()->message); \
  } while (0)

/* ------------------------------------------------------------ fixtures */

/* The files of these tests: itest_pattern(n, 0) bytes. */
static unsigned char *pattern(size_t n) { return itest_pattern(n, 0); }

static void temp_file(char *path, size_t size, const char *suffix, size_t n) {
  itest_pattern_file(path, size, suffix, n, 0);
}

static void check_hash(const genai_file *f, size_t n) { itest_assert_upload_hash(f, n, 0); }

static const genai_http_retry_options fast_retries = {GENAI_INIT(genai_http_retry_options),
                                                      .attempts = &(int32_t){3},
                                                      .initial_delay_s = &(double){0},
                                                      .jitter_s = &(double){0}};
static const genai_http_options fast_http = {GENAI_INIT(genai_http_options), .retry_options = &fast_retries};

typedef struct progress_log {
  uint64_t calls, last_sent, total;
  int backwards;
  int finals; /* calls with sent == total */
} progress_log;

static void on_progress(void *data, uint64_t sent, uint64_t total) {
  progress_log *p = data;
  if (p->calls && sent < p->last_sent) p->backwards++;
  p->calls++;
  if (sent == total) p->finals++;
  p->last_sent = sent;
  p->total = total;
}

/* --------------------------------------------------------------- upload */

static void upload_path_one_chunk(void **state) {
  (void)state;
  char path[64];
  temp_file(path, sizeof path, ".txt", 1000);
  genai_client *c = itest_mldev_client(NULL);
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .display_name = "notes"};
  genai_file *f = NULL;
  expect_ok(genai_files_upload(c, path, &cfg, NULL, &f));
  assert_non_null(f);
  assert_int_equal(strncmp(f->name, "files/", 6), 0);
  assert_string_equal(f->display_name, "notes");
  assert_string_equal(f->mime_type, "text/plain");
  assert_int_equal(*f->size_bytes, 1000);
  assert_int_equal(f->source, GENAI_FILE_SOURCE_UPLOADED);
  assert_non_null(strstr(f->uri, f->name));
  assert_non_null(f->expiration_time);
  check_hash(f, 1000);
  /* the start request, exactly as Python sends it */
  assert_int_equal(itest_request_count(), 2);
  json_t *start = itest_request_at(0);
  assert_string_equal(json_string_value(json_object_get(start, "method")), "POST");
  assert_string_equal(json_string_value(json_object_get(start, "path")), "/upload/v1beta/files");
  assert_string_equal(itest_header(start, "x-goog-upload-protocol"), "resumable");
  assert_string_equal(itest_header(start, "x-goog-upload-command"), "start");
  assert_string_equal(itest_header(start, "x-goog-upload-header-content-length"), "1000");
  assert_string_equal(itest_header(start, "x-goog-upload-header-content-type"), "text/plain");
  assert_string_equal(itest_header(start, "x-goog-upload-file-name"), strrchr(path, '/') + 1);
  assert_string_equal(itest_header(start, "x-goog-api-key"), ITEST_KEY);
  itest_assert_json_value(json_object_get(start, "body"),
                          "{\"file\": {\"display_name\": \"notes\", \"mime_type\": \"text/plain\", "
                          "\"size_bytes\": 1000}}");
  /* the chunk: to the session URL, without the API key */
  json_t *chunk = itest_request_at(1);
  assert_string_equal(json_string_value(json_object_get(chunk, "path")), "/upload/v1beta/files");
  assert_non_null(strstr(json_string_value(json_object_get(chunk, "query")), "upload_id="));
  assert_string_equal(itest_header(chunk, "x-goog-upload-command"), "upload, finalize");
  assert_string_equal(itest_header(chunk, "x-goog-upload-offset"), "0");
  assert_string_equal(itest_header(chunk, "content-length"), "1000");
  assert_string_equal(itest_header(chunk, "x-goog-upload-protocol"), "resumable");
  assert_null(itest_header(chunk, "x-goog-api-key"));
  assert_int_equal(json_integer_value(json_object_get(chunk, "body_bytes")), 1000);
  genai_file_free(f);
  genai_client_free(c);
  unlink(path);
}

/* size bytes in chunks of `chunk`: offsets and commands of every request. */
static void chunked(size_t size, size_t chunk) {
  char path[64];
  temp_file(path, sizeof path, ".pdf", size);
  genai_client *c = itest_mldev_client(NULL);
  progress_log pl = {0};
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .chunk_size = chunk, .progress = on_progress,
                            .progress_data = &pl};
  genai_file *f = NULL;
  expect_ok(genai_files_upload(c, path, NULL, &o, &f));
  assert_string_equal(f->mime_type, "application/pdf");
  assert_int_equal(*f->size_bytes, (int64_t)size);
  check_hash(f, size);
  size_t chunks = size ? (size + chunk - 1) / chunk : 1;
  assert_int_equal(itest_request_count(), 1 + chunks);
  for (size_t i = 0; i < chunks; i++) {
    json_t *r = itest_request_at(1 + i);
    char offset[32];
    snprintf(offset, sizeof offset, "%zu", i * chunk);
    assert_string_equal(itest_header(r, "x-goog-upload-offset"), offset);
    assert_string_equal(itest_header(r, "x-goog-upload-command"), i + 1 == chunks ? "upload, finalize" : "upload");
    size_t len = i + 1 == chunks ? size - i * chunk : chunk;
    assert_int_equal(json_integer_value(json_object_get(r, "body_bytes")), (json_int_t)len);
  }
  assert_true(pl.calls >= 1);
  assert_int_equal(pl.backwards, 0);
  assert_int_equal(pl.finals, 1);
  assert_int_equal(pl.last_sent, size);
  assert_int_equal(pl.total, size);
  genai_file_free(f);
  genai_client_free(c);
  unlink(path);
}

static void upload_sizes(void **state) {
  (void)state;
  chunked(0, 1000);    /* one empty finalizing chunk, as Python sends */
  itest_reset(NULL);
  chunked(1, 1000);
  itest_reset(NULL);
  chunked(3000, 1000); /* an exact multiple */
  itest_reset(NULL);
  chunked(2500, 1000); /* not a multiple */
  itest_reset(NULL);
  chunked(20000, 20000);
}

/* The default chunk size is Python's CHUNK_SIZE, 8 MiB. */
static void default_chunks_of_8_mib(void **state) {
  (void)state;
  char path[64];
  temp_file(path, sizeof path, ".bin", 0);
  const long size = 20L * 1024 * 1024; /* sparse: zeros */
  assert_int_equal(truncate(path, size), 0);
  genai_client *c = itest_mldev_client(NULL);
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = "application/octet-stream"};
  genai_file *f = NULL;
  expect_ok(genai_files_upload(c, path, &cfg, NULL, &f));
  assert_int_equal(*f->size_bytes, size);
  assert_int_equal(itest_request_count(), 4);
  const char *offsets[] = {"0", "8388608", "16777216"};
  for (size_t i = 0; i < 3; i++) {
    assert_string_equal(itest_header(itest_request_at(1 + i), "x-goog-upload-offset"), offsets[i]);
    assert_int_equal(json_integer_value(json_object_get(itest_request_at(1 + i), "body_bytes")),
                     i < 2 ? 8388608 : size - 16777216);
  }
  genai_file_free(f);
  genai_client_free(c);
  unlink(path);
}

typedef struct thread_upload {
  genai_client *client;
  char path[64];
  genai_result rc;
  genai_file *file;
} thread_upload;

static void *upload_thread(void *data) {
  thread_upload *t = data;
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .chunk_size = 333};
  t->rc = genai_files_upload(t->client, t->path, NULL, &o, &t->file);
  return NULL;
}

/* Uploads on several threads with one client. */
static void concurrent_uploads(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  thread_upload t[4];
  pthread_t ids[4];
  for (int i = 0; i < 4; i++) {
    t[i] = (thread_upload){.client = c};
    temp_file(t[i].path, sizeof t[i].path, ".txt", 1000 + (size_t)i * 500);
    assert_int_equal(pthread_create(&ids[i], NULL, upload_thread, &t[i]), 0);
  }
  for (int i = 0; i < 4; i++) {
    assert_int_equal(pthread_join(ids[i], NULL), 0);
    assert_int_equal(t[i].rc, GENAI_OK);
    check_hash(t[i].file, 1000 + (size_t)i * 500);
    genai_file_free(t[i].file);
    unlink(t[i].path);
  }
  genai_client_free(c);
}

static void upload_stream_and_bytes(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  char path[64];
  temp_file(path, sizeof path, ".bin", 500);
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  assert_int_equal(fseek(fp, 100, SEEK_SET), 0);
  genai_file *f = NULL;
  /* a stream has no name to guess a type from */
  assert_int_equal(genai_files_upload_stream(c, fp, NULL, NULL, &f), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "Unknown mime type"));
  assert_int_equal(itest_request_count(), 0);
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = "application/octet-stream",
                                  .name = "my-stream"};
  expect_ok(genai_files_upload_stream(c, fp, &cfg, &(genai_upload_options){GENAI_INIT(genai_upload_options),
                                                                           .chunk_size = 64},
                                      &f));
  assert_string_equal(f->name, "files/my-stream");
  assert_int_equal(*f->size_bytes, 400); /* from the position to the end */
  unsigned char *p = pattern(500);
  char want[128];
  itest_sha256_hash(p + 100, 400, want);
  assert_string_equal(f->sha256_hash, want);
  genai_file_free(f);
  fclose(fp);
  /* from memory */
  cfg.name = "files/from-memory";
  cfg.mime_type = "image/png";
  expect_ok(genai_files_upload_bytes(c, p, 500, &cfg, NULL, &f));
  assert_string_equal(f->name, "files/from-memory");
  assert_string_equal(f->mime_type, "image/png");
  check_hash(f, 500);
  genai_file_free(f);
  free(p);
  genai_client_free(c);
  unlink(path);
}

static void upload_errors(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_file *f = (genai_file *)1;
  assert_int_equal(genai_files_upload(c, "/nonexistent/file.txt", NULL, NULL, &f), GENAI_EIO);
  assert_null(f);
  assert_int_equal(genai_files_upload(c, NULL, NULL, NULL, &f), GENAI_EINVAL);
  assert_int_equal(genai_files_upload_bytes(c, NULL, 3, NULL, NULL, &f), GENAI_EINVAL);
  char path[64];
  temp_file(path, sizeof path, ".unknownext", 10);
  assert_int_equal(genai_files_upload(c, path, NULL, NULL, &f), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "mime_type"));
  assert_int_equal(itest_request_count(), 0);
  unlink(path);
  temp_file(path, sizeof path, ".txt", 10);
  /* a start answer without the session URL */
  itest_script("{\"responses\": [{\"status\": 200, \"json\": {}}]}");
  assert_int_equal(genai_files_upload(c, path, NULL, NULL, &f), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message,
                      "Failed to create file. Upload URL was not returned from the create file request.");
  /* the start refused */
  itest_script("{\"responses\": [{\"status\": 400, \"json\": {\"error\": {\"code\": 400, \"message\": \"bad\", "
               "\"status\": \"INVALID_ARGUMENT\"}}}]}");
  assert_int_equal(genai_files_upload(c, path, NULL, NULL, &f), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  /* a chunk answered with a status other than final */
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"status\": 200, "
               "\"headers\": {\"x-goog-upload-status\": \"cancelled\"}}]}");
  char *url = NULL;
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .upload_url_out = &url};
  assert_int_equal(genai_files_upload(c, path, NULL, &o, &f), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "Failed to upload file: Upload status is not finalized.");
  assert_non_null(url); /* the session, for a later resume */
  assert_null(strstr(genai_error_last()->message, "upload_id"));
  genai_free(url);
  /* a chunk refused by the service */
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"status\": 413, "
               "\"json\": {\"error\": {\"code\": 413, \"message\": \"too big\", \"status\": \"FAILED_PRECONDITION\"}}, "
               "\"headers\": {\"x-goog-upload-status\": \"final\"}}]}");
  assert_int_equal(genai_files_upload(c, path, NULL, NULL, &f), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 413);
  assert_null(f);
  genai_client_free(c);
  /* Vertex AI: Python's ValueError, before any request */
  itest_reset(NULL);
  c = itest_vertex_client(NULL);
  assert_int_equal(genai_files_upload(c, path, NULL, NULL, &f), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "This method is only supported in the Gemini Developer client.");
  assert_int_equal(genai_files_get(c, "files/x", NULL, &f), GENAI_EINVAL);
  genai_pager *p = NULL;
  assert_int_equal(genai_files_list(c, NULL, &p), GENAI_EINVAL);
  assert_int_equal(genai_files_delete(c, "files/x", NULL, NULL), GENAI_EINVAL);
  assert_int_equal(itest_request_count(), 0);
  genai_client_free(c);
  unlink(path);
}

/* The service's connection breaks half-way through: the SDK asks where the
 * upload stands and sends the rest; the bytes on the service are the file's. */
static void cut_at_half_recovers(void **state) {
  (void)state;
  char path[64];
  temp_file(path, sizeof path, ".txt", 4000);
  genai_client *c = itest_mldev_client(NULL);
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"upload_cut_after_bytes\": 2000}]}");
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .http_options = &fast_http};
  progress_log pl = {0};
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .progress = on_progress, .progress_data = &pl};
  genai_file *f = NULL;
  expect_ok(genai_files_upload(c, path, &cfg, &o, &f));
  check_hash(f, 4000);
  assert_int_equal(*f->size_bytes, 4000);
  /* start, the cut chunk, the query, the rest */
  assert_int_equal(itest_request_count(), 4);
  assert_string_equal(itest_header(itest_request_at(1), "x-goog-upload-offset"), "0");
  assert_string_equal(itest_header(itest_request_at(2), "x-goog-upload-command"), "query");
  assert_null(itest_header(itest_request_at(2), "x-goog-upload-offset"));
  assert_string_equal(itest_header(itest_request_at(3), "x-goog-upload-command"), "upload, finalize");
  assert_string_equal(itest_header(itest_request_at(3), "x-goog-upload-offset"), "2000");
  assert_int_equal(json_integer_value(json_object_get(itest_request_at(3), "body_bytes")), 2000);
  assert_int_equal(pl.last_sent, 4000);
  assert_int_equal(pl.finals, 1);
  genai_file_free(f);
  genai_client_free(c);
  unlink(path);
}

/* The cut with recovery off fails; a later call resumes the session. */
static void resume_in_later_call(void **state) {
  (void)state;
  char path[64];
  temp_file(path, sizeof path, ".txt", 3000);
  genai_client *c = itest_mldev_client(NULL);
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"upload_cut_after_bytes\": 1000}]}");
  char *url = NULL;
  genai_upload_options o = {GENAI_INIT(genai_upload_options), .chunk_size = 2000, .max_recoveries = -1,
                            .upload_url_out = &url};
  genai_file *f = NULL;
  genai_result rc = genai_files_upload(c, path, NULL, &o, &f);
  assert_true(rc == GENAI_ETRANSPORT || rc == GENAI_ETIMEOUT);
  assert_null(strstr(genai_error_last()->message, "upload_id"));
  assert_non_null(url);
  assert_non_null(strstr(url, "upload_id="));
  assert_null(f);
  genai_upload_options again = {GENAI_INIT(genai_upload_options), .chunk_size = 2000, .resume_url = url};
  expect_ok(genai_files_upload(c, path, NULL, &again, &f));
  check_hash(f, 3000);
  /* start, cut chunk, then: query, the rest of chunk one (1000..2999 in one go) */
  assert_int_equal(itest_request_count(), 4);
  assert_string_equal(itest_header(itest_request_at(2), "x-goog-upload-command"), "query");
  assert_string_equal(itest_header(itest_request_at(3), "x-goog-upload-offset"), "1000");
  assert_string_equal(itest_header(itest_request_at(3), "x-goog-upload-command"), "upload, finalize");
  genai_file_free(f);
  /* resuming a finished session gives its file */
  expect_ok(genai_files_upload(c, path, NULL, &again, &f));
  check_hash(f, 3000);
  genai_file_free(f);
  genai_free(url);
  genai_client_free(c);
  unlink(path);
}

typedef struct log_scan {
  int lines, leaks, shown;
} log_scan;

static void scan_log(genai_log_level level, const char *message, void *data) {
  (void)level;
  log_scan *s = data;
  s->lines++;
  if (strstr(message, "upload_id")) s->leaks++;
  if (strstr(message, "the upload session URL")) s->shown++;
}

/* The session URL is a credential: debug logs of a recovered upload show a
 * placeholder instead. */
static void session_url_stays_out_of_logs(void **state) {
  (void)state;
  char path[64];
  temp_file(path, sizeof path, ".txt", 400);
  genai_client *c = itest_mldev_client(NULL);
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"upload_cut_after_bytes\": 100}]}");
  log_scan scan = {0};
  genai_log_set_callback(scan_log, &scan, GENAI_LOG_DEBUG);
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .http_options = &fast_http};
  genai_file *f = NULL;
  genai_result rc = genai_files_upload(c, path, &cfg, NULL, &f);
  genai_log_set_callback(NULL, NULL, GENAI_LOG_DEBUG);
  expect_ok(rc);
  check_hash(f, 400);
  assert_true(scan.lines > 0);
  assert_true(scan.shown > 0);
  assert_int_equal(scan.leaks, 0);
  genai_file_free(f);
  genai_client_free(c);
  unlink(path);
}

/* A chunk refused for its offset (400 with the session still active): the
 * SDK asks and continues. */
static void offset_mismatch_recovers(void **state) {
  (void)state;
  char path[64];
  temp_file(path, sizeof path, ".txt", 300);
  genai_client *c = itest_mldev_client(NULL);
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"status\": 400, "
               "\"json\": {\"error\": {\"code\": 400, \"message\": \"bad offset\", \"status\": \"INVALID_ARGUMENT\"}}, "
               "\"headers\": {\"x-goog-upload-status\": \"active\"}}]}");
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .http_options = &fast_http};
  genai_file *f = NULL;
  expect_ok(genai_files_upload(c, path, &cfg, &(genai_upload_options){GENAI_INIT(genai_upload_options),
                                                                     .chunk_size = 100},
                               &f));
  check_hash(f, 300);
  assert_string_equal(itest_header(itest_request_at(2), "x-goog-upload-command"), "query");
  assert_string_equal(itest_header(itest_request_at(3), "x-goog-upload-offset"), "0");
  genai_file_free(f);
  genai_client_free(c);
  unlink(path);
}

/* Python's rule: an answer without x-goog-upload-status is retried (3 times). */
static void answer_without_status_is_retried(void **state) {
  (void)state;
  char path[64];
  temp_file(path, sizeof path, ".txt", 50);
  genai_client *c = itest_mldev_client(NULL);
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"status\": 503, \"repeat\": 2}]}");
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .http_options = &fast_http};
  genai_file *f = NULL;
  expect_ok(genai_files_upload(c, path, &cfg, NULL, &f));
  check_hash(f, 50);
  assert_int_equal(itest_request_count(), 4);
  for (size_t i = 1; i < 4; i++) assert_string_equal(itest_header(itest_request_at(i), "x-goog-upload-offset"), "0");
  genai_file_free(f);
  /* four in a row: the last answer's error */
  itest_script("{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, \"status\": 503, \"repeat\": 4, "
               "\"json\": {\"error\": {\"code\": 503, \"message\": \"busy\", \"status\": \"UNAVAILABLE\"}}}]}");
  assert_int_equal(genai_files_upload(c, path, &cfg, NULL, &f), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 503);
  genai_client_free(c);
  unlink(path);
}

/* http_options.base_url replaces the session URL's scheme and host, as in
 * Python: a session URL on an unreachable host still reaches the emulator. */
static void base_url_rebases_session_url(void **state) {
  (void)state;
  char path[64];
  temp_file(path, sizeof path, ".txt", 10);
  genai_client *c = itest_mldev_client(NULL);
  itest_script("{\"responses\": [{\"headers\": {\"x-goog-upload-url\": "
               "\"http://unreachable.invalid:9/upload/v1beta/files?upload_id=nosuchsession\", "
               "\"x-goog-upload-status\": \"active\"}}]}");
  genai_http_options http = {GENAI_INIT(genai_http_options), .base_url = itest_emu.base_url};
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .http_options = &http};
  genai_file *f = NULL;
  /* the emulator answers: it does not know the session */
  assert_int_equal(genai_files_upload(c, path, &cfg, NULL, &f), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  assert_null(strstr(genai_error_last()->message, "nosuchsession"));
  json_t *last = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(last, "query")), "upload_id=nosuchsession");
  json_decref(last);
  genai_client_free(c);
  unlink(path);
}

/* -------------------------------------------------- get, list, delete */

/* A real answer of the service (shared/reference/samples), scripted as the
 * reply to the next request matching `match` (a JSON object or NULL). */
static void script_sample(const char *file, const char *match, const char *upload_status) {
  const char *env = getenv("GENAI_SAMPLES_DIR");
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", env && *env ? env : GENAI_SAMPLES_DIR_DEFAULT, file);
  json_error_t err;
  json_t *sample = json_load_file(path, 0, &err);
  if (!sample) fail_msg("cannot read the sample %s: %s", path, err.text);
  json_t *entry = json_pack("{s:o}", "json", sample);
  if (match) json_object_set_new(entry, "match", json_loads(match, 0, NULL));
  if (upload_status) json_object_set_new(entry, "headers", json_pack("{s:s}", "x-goog-upload-status", upload_status));
  json_t *doc = json_pack("{s:[o]}", "responses", entry);
  char *text = json_dumps(doc, 0);
  itest_script(text);
  free(text);
  json_decref(doc);
}

/* The service's own answers decode: the finalize answer of an upload, a
 * file with video metadata, a list page. */
static void real_answers(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  script_sample("mldev_files_upload_finalize_response.json", "{\"upload_command\": \"upload\"}", "final");
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = "video/mp4"};
  genai_file *f = NULL;
  expect_ok(genai_files_upload_bytes(c, "x", 1, &cfg, NULL, &f));
  assert_string_equal(f->name, "files/4if4o2bqvugf");
  assert_string_equal(f->display_name, "Big Buck Bunny");
  assert_int_equal(*f->size_bytes, 64657027);
  assert_int_equal(f->state, GENAI_FILE_STATE_PROCESSING);
  assert_string_equal(f->sha256_hash,
                      "Zjc4ZjM5NjAzZTY3NzQ5MDdmMmZhYWZhYmYyNmE2NjdmNGE2ZmMzMTc2OWVjMzA0YThhOGY3YzYyZDI4MDUwOA==");
  genai_file_free(f);
  script_sample("mldev_files_get_video_active.json", NULL, NULL);
  expect_ok(genai_files_get(c, "files/anything", NULL, &f));
  assert_int_equal(f->state, GENAI_FILE_STATE_ACTIVE);
  assert_non_null(f->video_metadata_json);
  genai_file_free(f);
  script_sample("mldev_files_list.json", NULL, NULL);
  genai_pager *p = NULL;
  expect_ok(genai_files_list(c, NULL, &p));
  const genai_file *item = NULL;
  assert_int_equal(genai_pager_next(p, (const void **)&item), GENAI_OK);
  assert_string_equal(item->name, "files/x27lu0k9zc2k");
  assert_int_equal(item->source, GENAI_FILE_SOURCE_UPLOADED);
  genai_pager_free(p);
  genai_client_free(c);
}

/* The emulator's store outlives a test's reset: earlier tests' files go. */
static void delete_all_files(genai_client *c) {
  genai_pager *p = NULL;
  expect_ok(genai_files_list(c, &(genai_list_files_config){GENAI_INIT(genai_list_files_config),
                                                           .page_size = &(int32_t){100}},
                             &p));
  const genai_file *item;
  while (genai_pager_next(p, (const void **)&item) == GENAI_OK) expect_ok(genai_files_delete(c, item->name, NULL, NULL));
  genai_pager_free(p);
}

static void get_list_delete(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  const char *names[] = {"files/one", "files/two", "files/three"};
  delete_all_files(c);
  for (int i = 0; i < 3; i++) {
    genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .name = names[i],
                                    .mime_type = "text/plain"};
    genai_file *f = NULL;
    expect_ok(genai_files_upload_bytes(c, "abc", 3, &cfg, NULL, &f));
    genai_file_free(f);
  }
  genai_file *f = NULL;
  expect_ok(genai_files_get(c, "files/two", NULL, &f));
  assert_string_equal(f->name, "files/two");
  assert_int_equal(f->state, GENAI_FILE_STATE_ACTIVE);
  genai_file_free(f);
  expect_ok(genai_files_get(c, "one", NULL, &f)); /* t_file_name adds the prefix */
  assert_string_equal(f->name, "files/one");
  genai_file_free(f);
  json_t *last = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(last, "path")), "/v1beta/files/one");
  json_decref(last);
  genai_list_files_config lc = {GENAI_INIT(genai_list_files_config), .page_size = &(int32_t){2}};
  genai_pager *p = NULL;
  expect_ok(genai_files_list(c, &lc, &p));
  const genai_file *item;
  int n = 0;
  genai_result rc;
  while ((rc = genai_pager_next(p, (const void **)&item)) == GENAI_OK) assert_string_equal(item->name, names[n++]);
  assert_int_equal(rc, GENAI_DONE);
  assert_int_equal(n, 3);
  genai_pager_free(p);
  last = itest_last_request();
  assert_non_null(strstr(json_string_value(json_object_get(last, "query")), "pageToken="));
  json_decref(last);
  genai_delete_file_response *d = NULL;
  expect_ok(genai_files_delete(c, "files/two", NULL, &d));
  genai_delete_file_response_free(d);
  last = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(last, "method")), "DELETE");
  json_decref(last);
  assert_int_equal(genai_files_get(c, "files/two", NULL, &f), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 403);
  assert_int_equal(genai_files_delete(c, "files/two", NULL, NULL), GENAI_EAPI);
  assert_int_equal(genai_files_get(c, "", NULL, &f), GENAI_EINVAL);
  for (int i = 0; i < 3; i += 2) expect_ok(genai_files_delete(c, names[i], NULL, NULL));
  genai_client_free(c);
}

/* An uploaded file in generate_content (the Python docs' first file
 * example); a files/ URI the service does not know is refused. */
static void generate_with_uploaded_file(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = "text/plain"};
  genai_file *f = NULL;
  expect_ok(genai_files_upload_bytes(c, "Apollo 11", 9, &cfg, NULL, &f));
  genai_part *part = NULL;
  expect_ok(genai_part_from_uri(f->uri, f->mime_type, &part));
  genai_generate_content_response *r = NULL;
  expect_ok(genai_models_generate_content(c, "gemini-2.0-flash-001",
                                          GENAI_LIST(GENAI_TEXT("Could you summarize this file?"), GENAI_PART(part)),
                                          NULL, &r));
  assert_non_null(strstr(genai_response_text(r), "Could you summarize this file?"));
  genai_generate_content_response_free(r);
  genai_part_free(part);
  json_t *last = itest_last_request();
  json_t *contents = json_object_get(json_object_get(last, "body"), "contents");
  json_t *data = json_object_get(json_array_get(json_object_get(json_array_get(contents, 0), "parts"), 1), "fileData");
  assert_string_equal(json_string_value(json_object_get(data, "fileUri")), f->uri);
  assert_string_equal(json_string_value(json_object_get(data, "mimeType")), "text/plain");
  json_decref(last);
  /* deleted: the service no longer knows it */
  char uri[512];
  snprintf(uri, sizeof uri, "%s", f->uri);
  expect_ok(genai_files_delete(c, f->name, NULL, NULL));
  genai_file_free(f);
  expect_ok(genai_part_from_uri(uri, "text/plain", &part));
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash-001",
                                                 GENAI_LIST(GENAI_TEXT("Summarize"), GENAI_PART(part)), NULL, &r),
                   GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 403);
  assert_string_equal(genai_error_last()->status, "PERMISSION_DENIED");
  genai_part_free(part);
  genai_client_free(c);
}

typedef struct async_state {
  int done;
  genai_result result;
} async_state;

static void on_done(genai_op *op, void *data) {
  async_state *s = data;
  s->done++;
  s->result = genai_op_result(op);
}

static void run(genai_multi *multi, async_state *s) {
  int running = 1;
  while (running) assert_int_equal(genai_multi_poll(multi, 1000, &running), GENAI_OK);
  assert_int_equal(s->done, 1);
  assert_int_equal(s->result, GENAI_OK);
}

static void async_get_list_delete(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .name = "async-one",
                                  .mime_type = "text/plain"};
  genai_file *f = NULL;
  delete_all_files(c);
  expect_ok(genai_files_upload_bytes(c, "x", 1, &cfg, NULL, &f));
  genai_file_free(f);
  genai_multi *multi = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &multi), GENAI_OK);
  async_state s = {0};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &s};
  genai_op *op = NULL;
  assert_int_equal(genai_files_get_async(multi, "files/async-one", NULL, &cb, &op), GENAI_OK);
  run(multi, &s);
  expect_ok(genai_op_take_file(op, &f));
  assert_string_equal(f->name, "files/async-one");
  genai_file_free(f);
  genai_op_free(op);
  s = (async_state){0};
  assert_int_equal(genai_files_list_async(multi, NULL, &cb, &op), GENAI_OK);
  run(multi, &s);
  genai_pager *p = NULL;
  expect_ok(genai_op_take_pager(op, &p));
  assert_int_equal(genai_pager_page_len(p), 1);
  genai_pager_free(p);
  genai_op_free(op);
  s = (async_state){0};
  assert_int_equal(genai_files_delete_async(multi, "files/async-one", NULL, &cb, &op), GENAI_OK);
  run(multi, &s);
  genai_delete_file_response *d = NULL;
  expect_ok(genai_op_take_delete_file_response(op, &d));
  genai_delete_file_response_free(d);
  genai_op_free(op);
  genai_multi_free(multi);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(upload_path_one_chunk, itest_reset),
      cmocka_unit_test_setup(upload_sizes, itest_reset),
      cmocka_unit_test_setup(default_chunks_of_8_mib, itest_reset),
      cmocka_unit_test_setup(concurrent_uploads, itest_reset),
      cmocka_unit_test_setup(upload_stream_and_bytes, itest_reset),
      cmocka_unit_test_setup(upload_errors, itest_reset),
      cmocka_unit_test_setup(cut_at_half_recovers, itest_reset),
      cmocka_unit_test_setup(resume_in_later_call, itest_reset),
      cmocka_unit_test_setup(offset_mismatch_recovers, itest_reset),
      cmocka_unit_test_setup(session_url_stays_out_of_logs, itest_reset),
      cmocka_unit_test_setup(answer_without_status_is_retried, itest_reset),
      cmocka_unit_test_setup(base_url_rebases_session_url, itest_reset),
      cmocka_unit_test_setup(real_answers, itest_reset),
      cmocka_unit_test_setup(get_list_delete, itest_reset),
      cmocka_unit_test_setup(async_get_list_delete, itest_reset),
      cmocka_unit_test_setup(generate_with_uploaded_file, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
