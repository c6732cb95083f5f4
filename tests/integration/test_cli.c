/* The genai command-line tool against the emulator: generate (whole and
 * streamed), chat, count-tokens, compute-tokens and embed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itest.h"
#include "itest_cli.h"

#ifndef GENAI_CLI
#error "GENAI_CLI must name the genai binary"
#endif

typedef itest_cli_result run_result;

static void run(bool vertex, const char *input, const char *const *args, run_result *r) { itest_cli_run(GENAI_CLI, vertex, input, args, r); }

static json_t *last_path_and_query(char *path, size_t size) {
  json_t *req = itest_last_request();
  snprintf(path, size, "%s?%s", json_string_value(json_object_get(req, "path")),
           json_string_value(json_object_get(req, "query")));
  return req;
}

static void generate_streams(void **state) {
  (void)state;
  static run_result r;
  run(false, NULL, (const char *[]){"generate", "--stream", "--model", "gemini-2.0-flash", "Why is the sky blue?", NULL},
      &r);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "Echo from gemini-2.0-flash: Why is the sky blue?\n");
  char path[256];
  json_decref(last_path_and_query(path, sizeof path));
  assert_string_equal(path, "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
  /* --json: one response per chunk, one per line */
  run(true, NULL, (const char *[]){"generate", "--stream", "--json", "Why is the sky blue?", NULL}, &r);
  assert_int_equal(r.status, 0);
  size_t lines = 0;
  char *save = NULL;
  for (char *line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), lines++) {
    json_t *v = json_loads(line, 0, NULL);
    assert_non_null(json_object_get(v, "candidates"));
    json_decref(v);
  }
  assert_true(lines >= 2);
}

static void generate_stream_error(void **state) {
  (void)state;
  static run_result r;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
               "[{\"text\":\"partial\"}]}}]}],\"error\":{\"error\":{\"code\":500,\"message\":\"boom\",\"status\":"
               "\"INTERNAL\"}}}}]}");
  run(false, NULL, (const char *[]){"generate", "--stream", "hi", NULL}, &r);
  assert_int_equal(r.status, 1);
  assert_string_equal(r.out, "partial\n");
  assert_non_null(strstr(r.err, "the stream failed: boom"));
  assert_non_null(strstr(r.err, "HTTP 500 INTERNAL"));
}

static void count_and_compute_tokens(void **state) {
  (void)state;
  static run_result r;
  run(false, NULL, (const char *[]){"count-tokens", "why is the sky blue?", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "6\n");
  run(true, NULL, (const char *[]){"compute-tokens", "why is the sky blue?", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "87609\twhy\n7683\t is\n239226\t the\n96108\t sky\n143019\t blue\n86158\t?\n");
  run(false, NULL, (const char *[]){"compute-tokens", "why?", NULL}, &r);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "only supported in Gemini Enterprise Agent Platform mode"));
  run(true, NULL, (const char *[]){"count-tokens", "--json", "--config", "{\"system_instruction\":\"be brief\"}", "hi",
                                   NULL},
      &r);
  assert_int_equal(r.status, 0);
  json_t *v = json_loads(r.out, 0, NULL);
  assert_non_null(json_object_get(v, "totalTokens"));
  json_decref(v);
}

static void embed_texts(void **state) {
  (void)state;
  static run_result r;
  run(false, NULL,
      (const char *[]){"embed", "--model", "text-embedding-004", "--config", "{\"output_dimensionality\": 3}", "one",
                       "two words", NULL},
      &r);
  assert_int_equal(r.status, 0);
  double a, b, c;
  char *second = strchr(r.out, '\n');
  assert_non_null(second);
  assert_int_equal(sscanf(r.out, "%lf %lf %lf", &a, &b, &c), 3);
  assert_true(a * a + b * b + c * c > 0.999 && a * a + b * b + c * c < 1.001);
  assert_int_equal(sscanf(second + 1, "%lf %lf %lf", &a, &b, &c), 3);
  size_t lines = 0;
  for (const char *p = r.out; (p = strchr(p, '\n')) != NULL; p++) lines++;
  assert_int_equal(lines, 2);
  json_t *req = itest_last_request();
  assert_int_equal(json_array_size(json_object_get(json_object_get(req, "body"), "requests")), 2);
  json_decref(req);
}

static void chat_repl(void **state) {
  (void)state;
  static run_result r;
  run(false, "hello\nagain\n/history\n/reset\n/history\n/bogus\n//slash\n/quit\nnot sent\n",
      (const char *[]){"chat", "--model", "gemini-2.0-flash", NULL}, &r);
  assert_int_equal(r.status, 0);
  const char *want = "Echo from gemini-2.0-flash: hello\n"
                     "Echo from gemini-2.0-flash: again\n";
  assert_memory_equal(r.out, want, strlen(want));
  assert_non_null(strstr(r.out, "user: hello\n"));
  assert_non_null(strstr(r.out, "user: again\n"));
  assert_non_null(strstr(r.out, "(no turns yet)\n"));
  assert_non_null(strstr(r.out, "Echo from gemini-2.0-flash: /slash\n"));
  assert_null(strstr(r.out, "not sent"));
  assert_non_null(strstr(r.err, "unknown command /bogus"));
  /* the second message carried the first turn; after /reset the history is empty again */
  json_t *log = itest_requests();
  assert_int_equal(json_array_size(log), 3);
  json_t *second = json_object_get(json_array_get(log, 1), "body");
  assert_true(json_array_size(json_object_get(second, "contents")) >= 3);
  json_t *third = json_object_get(json_array_get(log, 2), "body");
  assert_int_equal(json_array_size(json_object_get(third, "contents")), 1);
  json_decref(log);
  /* unary replies, and an initial history */
  run(true, "next\n/history\n",
      (const char *[]){"chat", "--no-stream", "--model", "gemini-2.0-flash", "--history",
                       "[{\"role\":\"user\",\"parts\":[{\"text\":\"first\"}]},{\"role\":\"model\",\"parts\":[{\"text\":"
                       "\"reply\"}]}]",
                       NULL},
      &r);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Echo from gemini-2.0-flash: next\nuser: first\nmodel: reply\nuser: next\n"));
}

static void generate_with_a_schema(void **state) {
  (void)state;
  static run_result r;
  char json_schema[] = "/tmp/genai-cli-schema-XXXXXX", openapi[] = "/tmp/genai-cli-openapi-XXXXXX";
  int fd1 = mkstemp(json_schema), fd2 = mkstemp(openapi);
  assert_true(fd1 >= 0 && fd2 >= 0);
  const char *js = "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}";
  const char *oa = "{\"type\": \"OBJECT\", \"properties\": {\"name\": {\"type\": \"STRING\"}}}";
  assert_int_equal(write(fd1, js, strlen(js)), (ssize_t)strlen(js));
  assert_int_equal(write(fd2, oa, strlen(oa)), (ssize_t)strlen(oa));
  close(fd1);
  close(fd2);
  itest_script("{\"responses\":[{\"repeat\":2,\"json\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
               "[{\"text\":\"{\\\"name\\\": \\\"x\\\"}\"}]}}]}}]}");
  run(false, NULL, (const char *[]){"generate", "--schema", json_schema, "Give me a name.", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "{\"name\": \"x\"}\n");
  json_t *req = itest_last_request();
  itest_assert_json_value(json_object_get(json_object_get(req, "body"), "generationConfig"),
                          "{\"responseMimeType\":\"application/json\",\"responseJsonSchema\":{\"type\":\"object\","
                          "\"properties\":{\"name\":{\"type\":\"string\"}}}}");
  json_decref(req);
  run(true, NULL, (const char *[]){"generate", "--schema", openapi, "Give me a name.", NULL}, &r);
  assert_int_equal(r.status, 0);
  req = itest_last_request();
  itest_assert_json_value(json_object_get(json_object_get(req, "body"), "generationConfig"),
                          "{\"responseMimeType\":\"application/json\",\"responseSchema\":{\"type\":\"OBJECT\","
                          "\"properties\":{\"name\":{\"type\":\"STRING\"}}}}");
  json_decref(req);
  unlink(json_schema);
  unlink(openapi);
  run(false, NULL, (const char *[]){"generate", "--schema", "/nonexistent/schema.json", "x", NULL}, &r);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "cannot open /nonexistent/schema.json"));
}

static void usage_errors(void **state) {
  (void)state;
  static run_result r;
  run(false, NULL, (const char *[]){"generate", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, NULL, (const char *[]){"chat", "a prompt", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, NULL, (const char *[]){"embed", "--config", "{not json", "x", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, NULL, (const char *[]){"--help", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "count-tokens"));
  assert_int_equal(itest_request_count(), 0);
}

/* genai files upload|get|list|delete. */
static void files_commands(void **state) {
  (void)state;
  static run_result r;
  char path[64];
  snprintf(path, sizeof path, "/tmp/genai_cli_files_%d.txt", (int)getpid());
  FILE *fp = fopen(path, "w");
  assert_non_null(fp);
  fputs("hello, files\n", fp);
  fclose(fp);
  run(false, NULL, (const char *[]){"files", "upload", path, "--display-name", "Hello", "--name", "cli-hello", NULL},
      &r);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "files/cli-hello\t"));
  assert_non_null(strstr(r.out, "/v1beta/files/cli-hello\n"));
  assert_string_equal(r.err, ""); /* no progress bar: stderr is not a terminal */
  run(false, NULL, (const char *[]){"files", "get", "files/cli-hello", NULL}, &r);
  assert_int_equal(r.status, 0);
  json_t *file = json_loads(r.out, 0, NULL);
  assert_string_equal(json_string_value(json_object_get(file, "displayName")), "Hello");
  assert_string_equal(json_string_value(json_object_get(file, "mimeType")), "text/plain");
  json_decref(file);
  run(false, NULL, (const char *[]){"files", "list", "--page-size", "1", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "files/cli-hello\ttext/plain\t13\tACTIVE\tHello\n"));
  json_t *last = itest_last_request();
  assert_non_null(strstr(json_string_value(json_object_get(last, "query")), "pageSize=1"));
  json_decref(last);
  run(false, NULL, (const char *[]){"files", "delete", "files/cli-hello", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "deleted files/cli-hello\n");
  run(false, NULL, (const char *[]){"files", "get", "files/cli-hello", NULL}, &r);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "HTTP 403 PERMISSION_DENIED"));
  run(false, NULL, (const char *[]){"files", "upload", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(true, NULL, (const char *[]){"files", "list", NULL}, &r); /* Vertex AI: Python's refusal */
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "only supported in the Gemini Developer client"));
  unlink(path);
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(generate_streams, itest_reset),
      cmocka_unit_test_setup(generate_stream_error, itest_reset),
      cmocka_unit_test_setup(count_and_compute_tokens, itest_reset),
      cmocka_unit_test_setup(embed_texts, itest_reset),
      cmocka_unit_test_setup(chat_repl, itest_reset),
      cmocka_unit_test_setup(generate_with_a_schema, itest_reset),
      cmocka_unit_test_setup(usage_errors, itest_reset),
      cmocka_unit_test_setup(files_commands, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
