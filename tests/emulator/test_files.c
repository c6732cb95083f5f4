/* The emulator's files service: the resumable upload protocol (start,
 * chunks with checked offsets, query, finalize, a chunk after finalize),
 * file resources (PROCESSING then ACTIVE, get, list pages, delete), the
 * scripted mid-upload cut, and fileData URIs in generateContent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "http_client.h"
#include "json_path.h"

#define PROCESSING_MS 300
#define HELLOWORLD_SHA "OTM2YTE4NWNhYWEyNjZiYjljYmU5ODFlOWUwNWNiNzhjZDczMmIwYjMyODBlYjk0NDQxMmJiNmY4ZjhmMDdhZg=="

static emu_harness emu;

static int reset(void **state) {
  (void)state;
  return emu_reset(&emu) == 200 ? 0 : -1;
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* Starts a session for `size` bytes; writes the session URL's path+query. */
static void start(const char *body, const char *size, char *session, size_t cap) {
  char length[64];
  snprintf(length, sizeof length, "X-Goog-Upload-Header-Content-Length: %s", size);
  const char *headers[] = {API_KEY_HEADER, "X-Goog-Upload-Protocol: resumable", "X-Goog-Upload-Command: start",
                           length, "X-Goog-Upload-Header-Content-Type: text/plain",
                           "Content-Type: application/json", NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", "/upload/v1beta/files", headers, body, &r);
  assert_int_equal(r.status, 200);
  char url[512], status[32];
  assert_non_null(http_reply_header(&r, "x-goog-upload-url", url, sizeof url));
  assert_string_equal(http_reply_header(&r, "x-goog-upload-status", status, sizeof status), "active");
  assert_int_equal(strncmp(url, emu.base_url, strlen(emu.base_url)), 0);
  snprintf(session, cap, "%s", url + strlen(emu.base_url));
  http_reply_dispose(&r);
}

/* One session command; the reply for the caller to check and dispose. */
static void command(const char *session, const char *cmd, long offset, const char *bytes, http_reply *r) {
  char c[64], o[64];
  snprintf(c, sizeof c, "X-Goog-Upload-Command: %s", cmd);
  snprintf(o, sizeof o, "X-Goog-Upload-Offset: %ld", offset);
  const char *headers[] = {c, offset >= 0 ? o : NULL, NULL};
  http_call(NULL, &emu, "POST", session, headers, bytes ? bytes : "", r);
}

static void expect_upload_state(const http_reply *r, const char *status, const char *received) {
  char v[64];
  assert_string_equal(http_reply_header(r, "x-goog-upload-status", v, sizeof v), status);
  assert_string_equal(http_reply_header(r, "x-goog-upload-size-received", v, sizeof v), received);
}

static json_t *get_json(const char *path, long *status) {
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "GET", path, headers, NULL, &r);
  *status = r.status;
  json_t *doc = http_reply_json(&r);
  http_reply_dispose(&r);
  return doc;
}

static void test_protocol(void **state) {
  (void)state;
  char session[512];
  start("{\"file\": {\"display_name\": \"greeting\", \"mime_type\": \"text/plain\", \"size_bytes\": 10}}", "10",
        session, sizeof session);
  http_reply r;
  command(session, "query", -1, NULL, &r);
  assert_int_equal(r.status, 200);
  expect_upload_state(&r, "active", "0");
  http_reply_dispose(&r);
  command(session, "upload", 0, "hello", &r);
  assert_int_equal(r.status, 200);
  expect_upload_state(&r, "active", "5");
  http_reply_dispose(&r);
  /* an offset other than what arrived: 400, the session still active */
  command(session, "upload", 3, "lowor", &r);
  assert_int_equal(r.status, 400);
  expect_upload_state(&r, "active", "5");
  json_t *err = http_reply_json(&r);
  assert_string_equal(jp_str(err, "error.status"), "INVALID_ARGUMENT");
  json_decref(err);
  http_reply_dispose(&r);
  /* finalize before all bytes arrived */
  command(session, "finalize", -1, NULL, &r);
  assert_int_equal(r.status, 400);
  http_reply_dispose(&r);
  command(session, "upload, finalize", 5, "world", &r);
  assert_int_equal(r.status, 200);
  expect_upload_state(&r, "final", "10");
  json_t *doc = http_reply_json(&r);
  http_reply_dispose(&r);
  const char *name = jp_str(doc, "file.name");
  assert_int_equal(strncmp(name, "files/", 6), 0);
  assert_string_equal(jp_str(doc, "file.displayName"), "greeting");
  assert_string_equal(jp_str(doc, "file.mimeType"), "text/plain");
  assert_string_equal(jp_str(doc, "file.sizeBytes"), "10");
  assert_string_equal(jp_str(doc, "file.sha256Hash"), HELLOWORLD_SHA);
  assert_string_equal(jp_str(doc, "file.state"), "PROCESSING");
  assert_string_equal(jp_str(doc, "file.source"), "UPLOADED");
  char uri[512];
  snprintf(uri, sizeof uri, "%s/v1beta/%s", emu.base_url, name);
  assert_string_equal(jp_str(doc, "file.uri"), uri);
  assert_non_null(jp_str(doc, "file.expirationTime"));
  /* after finalize: chunks are refused, a query gives the file */
  command(session, "upload", 10, "!", &r);
  assert_int_equal(r.status, 400);
  expect_upload_state(&r, "final", "10");
  http_reply_dispose(&r);
  command(session, "query", -1, NULL, &r);
  assert_int_equal(r.status, 200);
  expect_upload_state(&r, "final", "10");
  json_t *again = http_reply_json(&r);
  assert_string_equal(jp_str(again, "file.name"), name);
  json_decref(again);
  http_reply_dispose(&r);
  /* PROCESSING, then ACTIVE */
  char path[128];
  snprintf(path, sizeof path, "/v1beta/%s", name);
  long status;
  json_t *file = get_json(path, &status);
  assert_int_equal(status, 200);
  assert_string_equal(jp_str(file, "state"), "PROCESSING");
  json_decref(file);
  /* generateContent refuses a file still processing */
  char body[700];
  snprintf(body, sizeof body,
           "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}, {\"fileData\": {\"fileUri\": \"%s\", \"mimeType\": "
           "\"text/plain\"}}]}]}",
           uri);
  json_t *reply = http_post_json(&emu, MLDEV_PATH("gemini-2.0-flash"), API_KEY_HEADER, body, &status);
  assert_int_equal(status, 400);
  assert_string_equal(jp_str(reply, "error.status"), "FAILED_PRECONDITION");
  json_decref(reply);
  sleep_ms(PROCESSING_MS + 100);
  file = get_json(path, &status);
  assert_string_equal(jp_str(file, "state"), "ACTIVE");
  json_decref(file);
  reply = http_post_json(&emu, MLDEV_PATH("gemini-2.0-flash"), API_KEY_HEADER, body, &status);
  assert_int_equal(status, 200);
  json_decref(reply);
  /* delete: then it is gone, for get and for generateContent */
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_call(NULL, &emu, "DELETE", path, headers, NULL, &r);
  assert_int_equal(r.status, 200);
  http_reply_dispose(&r);
  json_decref(get_json(path, &status));
  assert_int_equal(status, 403);
  reply = http_post_json(&emu, MLDEV_PATH("gemini-2.0-flash"), API_KEY_HEADER, body, &status);
  assert_int_equal(status, 403);
  assert_string_equal(jp_str(reply, "error.status"), "PERMISSION_DENIED");
  json_decref(reply);
  json_decref(doc);
}

static void test_bad_requests(void **state) {
  (void)state;
  const char *no_protocol[] = {API_KEY_HEADER, "X-Goog-Upload-Command: start",
                               "X-Goog-Upload-Header-Content-Length: 1", NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", "/upload/v1beta/files", no_protocol, "{}", &r);
  assert_int_equal(r.status, 400);
  http_reply_dispose(&r);
  /* the start needs the key; the session URL does not */
  const char *no_key[] = {"X-Goog-Upload-Protocol: resumable", "X-Goog-Upload-Command: start", NULL};
  http_call(NULL, &emu, "POST", "/upload/v1beta/files", no_key, "{}", &r);
  assert_true(r.status == 401 || r.status == 403);
  http_reply_dispose(&r);
  command("/upload/v1beta/files?upload_id=nosuchsession", "query", -1, NULL, &r);
  assert_int_equal(r.status, 404);
  http_reply_dispose(&r);
  /* a chunk beyond the announced size */
  char session[512];
  start("{\"file\": {}}", "2", session, sizeof session);
  command(session, "upload", 0, "abc", &r);
  assert_int_equal(r.status, 400);
  expect_upload_state(&r, "active", "0");
  http_reply_dispose(&r);
  /* a chosen name, taken twice */
  start("{\"file\": {\"name\": \"files/chosen\"}}", "0", session, sizeof session);
  command(session, "upload, finalize", 0, "", &r);
  assert_int_equal(r.status, 200);
  http_reply_dispose(&r);
  const char *headers[] = {API_KEY_HEADER, "X-Goog-Upload-Protocol: resumable", "X-Goog-Upload-Command: start",
                           "X-Goog-Upload-Header-Content-Length: 0", "X-Goog-Upload-Header-Content-Type: text/plain",
                           NULL};
  http_call(NULL, &emu, "POST", "/upload/v1beta/files", headers, "{\"file\": {\"name\": \"files/chosen\"}}", &r);
  assert_int_equal(r.status, 409);
  http_reply_dispose(&r);
  http_call(NULL, &emu, "POST", "/upload/v1beta/files", headers, "{\"file\": {\"name\": \"files/Bad_Name\"}}", &r);
  assert_int_equal(r.status, 400);
  http_reply_dispose(&r);
  const char *del[] = {API_KEY_HEADER, NULL};
  http_call(NULL, &emu, "DELETE", "/v1beta/files/chosen", del, NULL, &r);
  assert_int_equal(r.status, 200);
  http_reply_dispose(&r);
}

/* upload_cut_after_bytes: the first bytes reach the session, the client
 * gets no answer; a query tells how many arrived. */
static void test_scripted_cut(void **state) {
  (void)state;
  char session[512];
  start("{\"file\": {}}", "10", session, sizeof session);
  assert_int_equal(emu_script(&emu, "{\"responses\": [{\"match\": {\"upload_command\": \"upload\"}, "
                                    "\"upload_cut_after_bytes\": 4}]}"),
                   200);
  http_reply r;
  command(session, "upload, finalize", 0, "helloworld", &r);
  assert_true(r.result != CURLE_OK);
  http_reply_dispose(&r);
  command(session, "query", -1, NULL, &r); /* not matched: no upload command */
  assert_int_equal(r.status, 200);
  expect_upload_state(&r, "active", "4");
  http_reply_dispose(&r);
  command(session, "upload, finalize", 4, "oworld", &r);
  assert_int_equal(r.status, 200);
  json_t *doc = http_reply_json(&r);
  assert_string_equal(jp_str(doc, "file.sha256Hash"), HELLOWORLD_SHA);
  json_decref(doc);
  http_reply_dispose(&r);
  /* chunk bodies are logged by size only */
  json_t *log = emu_requests(&emu);
  json_t *last = json_array_get(log, json_array_size(log) - 1);
  assert_int_equal(json_integer_value(json_object_get(last, "body_bytes")), 6);
  assert_null(json_object_get(last, "body"));
  json_decref(log);
}

static void test_list_pages(void **state) {
  (void)state;
  for (int i = 0; i < 3; i++) {
    char session[512];
    start("{\"file\": {}}", "1", session, sizeof session);
    http_reply r;
    command(session, "upload, finalize", 0, "x", &r);
    assert_int_equal(r.status, 200);
    http_reply_dispose(&r);
  }
  long status;
  json_t *page = get_json("/v1beta/files?pageSize=2", &status);
  assert_int_equal(status, 200);
  assert_int_equal(json_array_size(json_object_get(page, "files")), 2);
  const char *token = jp_str(page, "nextPageToken");
  assert_non_null(token);
  char path[256];
  snprintf(path, sizeof path, "/v1beta/files?pageSize=2&pageToken=%s", token);
  json_t *next = get_json(path, &status);
  assert_int_equal(status, 200);
  assert_true(json_array_size(json_object_get(next, "files")) >= 1);
  json_decref(next);
  json_decref(page);
  json_decref(get_json("/v1beta/files?pageToken=bogus", &status));
  assert_int_equal(status, 400);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_protocol, reset),
      cmocka_unit_test_setup(test_bad_requests, reset),
      cmocka_unit_test_setup(test_scripted_cut, reset),
      cmocka_unit_test_setup(test_list_pages, reset),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", "--file-processing-ms", "300", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
