/* The genai tool's batches and tunings commands against the emulator. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "itest.h"

#ifndef GENAI_CLI
#error "GENAI_CLI must name the genai binary"
#endif

typedef struct run_result {
  int status; /* exit status, or -1 */
  char out[65536];
} run_result;

/* Runs genai with args, configured through the environment for the
 * emulator's Gemini API or Vertex AI express mode; stderr is the test's. */
static void run(bool vertex, const char *const *args, run_result *r) {
  int out[2];
  assert_int_equal(pipe(out), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    unsetenv("GOOGLE_CLOUD_PROJECT");
    unsetenv("GOOGLE_CLOUD_LOCATION");
    setenv("GOOGLE_GENAI_USE_VERTEXAI", vertex ? "true" : "false", 1);
    setenv(vertex ? "GOOGLE_API_KEY" : "GEMINI_API_KEY", ITEST_KEY, 1);
    setenv(vertex ? "GOOGLE_VERTEX_BASE_URL" : "GOOGLE_GEMINI_BASE_URL", itest_emu.base_url, 1);
    const char *argv[24] = {GENAI_CLI};
    for (size_t i = 0; args[i] && i < 22; i++) argv[i + 1] = args[i];
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  close(out[1]);
  size_t len = 0;
  ssize_t n;
  while ((n = read(out[0], r->out + len, sizeof r->out - 1 - len)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) len += (size_t)n;
  r->out[len] = '\0';
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The member `key` of the JSON object printed on the output's first line. */
static char *printed(const run_result *r, const char *key) {
  json_t *v = json_loads(r->out, JSON_DISABLE_EOF_CHECK, NULL);
  const char *s = json_string_value(json_object_get(v, key));
  char *copy = s ? strdup(s) : NULL;
  json_decref(v);
  return copy;
}

static void batches_commands(void **state) {
  (void)state;
  static run_result r;
  run(false,
      (const char *[]){"batches", "create", "--model", "gemini-2.0-flash", "--src", "[{\"contents\": \"Hello\"}]",
                       "--display-name", "cli batch", NULL},
      &r);
  assert_int_equal(r.status, 0);
  char *name = printed(&r, "name");
  assert_non_null(name);
  assert_int_equal(strncmp(name, "batches/", 8), 0);
  char *display = printed(&r, "displayName");
  assert_string_equal(display, "cli batch");
  free(display);
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")),
                      "/v1beta/models/gemini-2.0-flash:batchGenerateContent");
  json_decref(req);
  run(false, (const char *[]){"batches", "get", name, NULL}, &r);
  assert_int_equal(r.status, 0);
  char *job_state = printed(&r, "state");
  assert_string_equal(job_state, "JOB_STATE_SUCCEEDED");
  free(job_state);
  assert_non_null(strstr(r.out, "Echo from gemini-2.0-flash: Hello"));
  run(false, (const char *[]){"batches", "list", "--page-size", "5", NULL}, &r);
  assert_int_equal(r.status, 0);
  char line[256];
  snprintf(line, sizeof line, "%s\tJOB_STATE_SUCCEEDED\n", name);
  assert_string_equal(r.out, line);
  run(false, (const char *[]){"batches", "cancel", name, NULL}, &r);
  assert_int_equal(r.status, 1); /* done already: FAILED_PRECONDITION */
  run(false, (const char *[]){"batches", "delete", name, NULL}, &r);
  assert_int_equal(r.status, 0);
  run(false, (const char *[]){"batches", "get", name, NULL}, &r);
  assert_int_equal(r.status, 1);
  run(false, (const char *[]){"batches", "create", "--model", "gemini-2.0-flash", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, (const char *[]){"batches", "create", "--model", "gemini-2.0-flash", "--src", "http://x", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, (const char *[]){"batches", "frobnicate", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, (const char *[]){"batches", "--help", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "usage: genai batches"));
  free(name);
}

static void tunings_commands(void **state) {
  (void)state;
  static run_result r;
  run(false,
      (const char *[]){"tunings", "tune", "--model", "models/gemini-1.0-pro-001", "--src",
                       "[{\"text_input\": \"a\", \"output\": \"b\"}]", "--config", "{\"epoch_count\": 1}", NULL},
      &r);
  assert_int_equal(r.status, 0);
  char *name = printed(&r, "name");
  assert_int_equal(strncmp(name, "tunedModels/", 12), 0);
  json_t *req = itest_last_request();
  assert_int_equal(json_integer_value(json_object_get(
                       json_object_get(json_object_get(json_object_get(req, "body"), "tuningTask"), "hyperparameters"),
                       "epochCount")),
                   1);
  json_decref(req);
  run(false, (const char *[]){"tunings", "get", name, NULL}, &r);
  assert_int_equal(r.status, 0);
  char *job_state = printed(&r, "state");
  assert_string_equal(job_state, "JOB_STATE_SUCCEEDED");
  free(job_state);
  free(name);
  /* Vertex AI (express mode): tune from Cloud Storage, list, get */
  run(true,
      (const char *[]){"tunings", "tune", "--model", "gemini-2.0-flash-001", "--src", "gs://b/train.jsonl",
                       "--display-name", "cli tuned", NULL},
      &r);
  assert_int_equal(r.status, 0);
  name = printed(&r, "name");
  run(true, (const char *[]){"tunings", "list", NULL}, &r);
  assert_int_equal(r.status, 0);
  char line[256];
  snprintf(line, sizeof line, "%s\tJOB_STATE_SUCCEEDED\n", name);
  assert_string_equal(r.out, line);
  run(true, (const char *[]){"tunings", "list", "--json", NULL}, &r);
  assert_int_equal(r.status, 0);
  char *listed = printed(&r, "tunedModelDisplayName");
  assert_string_equal(listed, "cli tuned");
  free(listed);
  free(name);
  run(false, (const char *[]){"tunings", "list", NULL}, &r); /* Vertex AI only */
  assert_int_equal(r.status, 1);
  run(false, (const char *[]){"tunings", "get", NULL}, &r);
  assert_int_equal(r.status, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(batches_commands, itest_reset),
      cmocka_unit_test_setup(tunings_commands, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
