/* The genai tool's resource commands against the emulator:
 * genai caches create|get|list|update|delete and genai models list|get|update|delete. */
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

static size_t count_lines(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += *s == '\n';
  return n;
}

static void last_request(const char *method, const char *path, const char *query) {
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "method")), method);
  assert_string_equal(json_string_value(json_object_get(req, "path")), path);
  if (query) assert_string_equal(json_string_value(json_object_get(req, "query")), query);
  json_decref(req);
}

static void caches_lifecycle(void **state) {
  (void)state;
  static run_result r;
  run(false, (const char *[]){"caches", "create", "--ttl", "600s", "--display-name", "doc", "--system", "be brief",
                              "one two three", NULL},
      &r);
  assert_int_equal(r.status, 0);
  last_request("POST", "/v1beta/cachedContents", NULL);
  char name[128];
  assert_int_equal(sscanf(r.out, "%127[^\t]", name), 1);
  assert_int_equal(strncmp(name, "cachedContents/", 15), 0);
  assert_non_null(strstr(r.out, "\tmodels/gemini-2.5-flash\t"));
  assert_non_null(strstr(r.out, "\t5\n"));

  run(false, (const char *[]){"caches", "get", name + 15, "--json", NULL}, &r);
  assert_int_equal(r.status, 0);
  json_t *doc = json_loads(r.out, 0, NULL);
  assert_string_equal(json_string_value(json_object_get(doc, "displayName")), "doc");
  json_decref(doc);

  char path[160];
  snprintf(path, sizeof path, "/v1beta/%s", name);
  run(false, (const char *[]){"caches", "update", name, "--ttl", "7200s", NULL}, &r);
  assert_int_equal(r.status, 0);
  last_request("PATCH", path, NULL);
  run(false, (const char *[]){"caches", "update", name, NULL}, &r);
  assert_int_equal(r.status, 2); /* --ttl or --expire-time */

  run(false, (const char *[]){"caches", "create", "--contents", "[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}]",
                              "--json", NULL},
      &r);
  assert_int_equal(r.status, 0);
  doc = json_loads(r.out, 0, NULL);
  assert_non_null(json_object_get(doc, "usageMetadata"));
  json_decref(doc);

  run(false, (const char *[]){"caches", "list", "--page-size", "1", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_int_equal(count_lines(r.out), 2);
  assert_int_equal(strncmp(r.out, name, strlen(name)), 0);
  last_request("GET", "/v1beta/cachedContents", NULL);
  run(false, (const char *[]){"caches", "list", "--json", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_int_equal(count_lines(r.out), 2);

  run(false, (const char *[]){"caches", "delete", name, NULL}, &r);
  assert_int_equal(r.status, 0);
  last_request("DELETE", path, NULL);
  run(false, (const char *[]){"caches", "get", name, NULL}, &r);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "HTTP 403 PERMISSION_DENIED"));
  run(false, (const char *[]){"caches", "list", "--json", NULL}, &r);
  assert_int_equal(count_lines(r.out), 1);
  doc = json_loads(r.out, 0, NULL);
  run(false, (const char *[]){"caches", "delete", json_string_value(json_object_get(doc, "name")), NULL}, &r);
  assert_int_equal(r.status, 0);
  json_decref(doc);
}

static void caches_vertex_and_usage(void **state) {
  (void)state;
  static run_result r;
  run(true, (const char *[]){"caches", "create", "--model", "gemini-2.0-flash", "hello", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "\tpublishers/google/models/gemini-2.0-flash\t"));
  last_request("POST", "/v1beta1/cachedContents", NULL);
  char name[128];
  assert_int_equal(sscanf(r.out, "%127[^\t]", name), 1);
  run(true, (const char *[]){"caches", "delete", name, NULL}, &r);
  assert_int_equal(r.status, 0);
  run(false, (const char *[]){"caches", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, (const char *[]){"caches", "--help", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "genai caches create"));
  run(false, (const char *[]){"caches", "frobnicate", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, (const char *[]){"caches", "get", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, (const char *[]){"caches", "list", "--page-size", "zero", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, (const char *[]){"caches", "create", "--bogus", NULL}, &r);
  assert_int_equal(r.status, 2);
}

static void models_commands(void **state) {
  (void)state;
  static run_result r;
  run(false, (const char *[]){"models", "list", "--page-size", "4", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_int_equal(count_lines(r.out), 9); /* the emulator's catalogue, over 3 pages */
  assert_int_equal(strncmp(r.out, "models/gemini-2.0-flash\tGemini 2.0 Flash\n", 41), 0);
  assert_int_equal(itest_request_count(), 3);
  last_request("GET", "/v1beta/models", NULL);

  run(false, (const char *[]){"models", "list", "--json", NULL}, &r);
  assert_int_equal(r.status, 0);
  json_t *doc = json_loads(r.out, JSON_DISABLE_EOF_CHECK, NULL);
  assert_string_equal(json_string_value(json_object_get(doc, "name")), "models/gemini-2.0-flash");
  json_decref(doc);

  run(false, (const char *[]){"models", "list", "--tuned", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "");
  last_request("GET", "/v1beta/tunedModels", NULL);
  run(true, (const char *[]){"models", "list", "--tuned", NULL}, &r);
  assert_int_equal(r.status, 0);
  last_request("GET", "/v1beta1/models", "filter=labels.tune-type:*");

  run(false, (const char *[]){"models", "get", "gemini-2.5-flash", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "models/gemini-2.5-flash\tGemini 2.5 Flash\n");
  run(true, (const char *[]){"models", "get", "gemini-2.5-flash", "--json", NULL}, &r);
  assert_int_equal(r.status, 0);
  last_request("GET", "/v1beta1/publishers/google/models/gemini-2.5-flash", NULL);
  run(false, (const char *[]){"models", "get", "nope-1", NULL}, &r);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "HTTP 404 NOT_FOUND"));

  /* update and delete of a tuned model the emulator does not have */
  run(false, (const char *[]){"models", "update", "tunedModels/t1", "--display-name", "x", NULL}, &r);
  assert_int_equal(r.status, 1);
  last_request("PATCH", "/v1beta/tunedModels/t1", NULL);
  run(false, (const char *[]){"models", "delete", "tunedModels/t1", NULL}, &r);
  assert_int_equal(r.status, 1);
  last_request("DELETE", "/v1beta/tunedModels/t1", NULL);
  run(false, (const char *[]){"models", "delete", NULL}, &r);
  assert_int_equal(r.status, 2);
  run(false, (const char *[]){"models", NULL}, &r);
  assert_int_equal(r.status, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(caches_lifecycle, itest_reset),
      cmocka_unit_test_setup(caches_vertex_and_usage, itest_reset),
      cmocka_unit_test_setup(models_commands, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
