/* The genai tool's batches and tunings commands against the emulator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"
#include "itest_cli.h"

#ifndef GENAI_CLI
#error "GENAI_CLI must name the genai binary"
#endif

typedef itest_cli_result run_result;

static void run(bool vertex, const char *const *args, run_result *r) { itest_cli_run(GENAI_CLI, vertex, NULL, args, r); }

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
