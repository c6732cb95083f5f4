/* Resource-name transformers (reference/python-genai.md §4.1): t_model for
 * both backends and _resource_name (used for cachedContents). */
#include "unit_helpers.h"

#include "core/alloc.h"
#include "wire/names.h"

static void ut_model(bool vertex, const char *in, const char *want, const char *file, int line) {
  char *out = NULL;
  genai_result rc = genai__t_model(vertex, in, &out);
  if (rc != GENAI_OK || !out || strcmp(out, want)) {
    print_error("%s:%d: t_model(%s, \"%s\"): expected \"%s\", got %s \"%s\"\n", file, line, vertex ? "vertex" : "mldev",
                in, want, genai_result_name(rc), out ? out : genai_error_last()->message);
    genai__free(out);
    _fail(file, line);
  }
  genai__free(out);
}
#define assert_model(vertex, in, want) ut_model((vertex), (in), (want), __FILE__, __LINE__)

static void mldev_model_names_get_the_models_prefix(void **state) {
  (void)state;
  assert_model(false, "gemini-2.5-flash", "models/gemini-2.5-flash");
  assert_model(false, "models/gemini-2.5-flash", "models/gemini-2.5-flash");
  assert_model(false, "tunedModels/my-tuned-1", "tunedModels/my-tuned-1");
  /* Only the two known prefixes are kept as they are. */
  assert_model(false, "publishers/google/models/gemini-2.5-flash", "models/publishers/google/models/gemini-2.5-flash");
  assert_model(false, "gemini-2.5-flash-preview-05-20", "models/gemini-2.5-flash-preview-05-20");
}

static void vertex_model_names_get_the_publisher_path(void **state) {
  (void)state;
  assert_model(true, "gemini-2.5-flash", "publishers/google/models/gemini-2.5-flash");
  assert_model(true, "publishers/google/models/gemini-2.5-flash", "publishers/google/models/gemini-2.5-flash");
  assert_model(true, "projects/p/locations/us-central1/endpoints/123", "projects/p/locations/us-central1/endpoints/123");
  assert_model(true, "models/my-model", "models/my-model");
  assert_model(true, "meta/llama-3.1-405b", "publishers/meta/models/llama-3.1-405b");
  /* Only the first slash separates the publisher. */
  assert_model(true, "a/b/c", "publishers/a/models/b/c");
}

static void invalid_model_names_are_refused(void **state) {
  (void)state;
  for (int vertex = 0; vertex < 2; vertex++) {
    char *out = (char *)1;
    assert_error(genai__t_model(vertex, "", &out), GENAI_EINVAL, NULL);
    assert_error_message("model is required.");
    assert_null(out);
    assert_error(genai__t_model(vertex, NULL, &out), GENAI_EINVAL, NULL);
    assert_error_message("model is required.");
    const char *bad[] = {"../secrets", "models/a..b", "gemini?alt=json", "gemini&x=1"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
      assert_error(genai__t_model(vertex, bad[i], &out), GENAI_EINVAL, NULL);
      assert_error_message("invalid model parameter.");
      assert_null(out);
    }
  }
}

static void ut_resource(bool vertex, const char *name, const char *want, const char *file, int line) {
  char *out = NULL;
  genai_result rc = genai__resource_name(vertex, "bar", "us-west1", name, "cachedContents", 2, &out);
  if (rc != GENAI_OK || !out || strcmp(out, want)) {
    print_error("%s:%d: _resource_name(%s, \"%s\"): expected \"%s\", got \"%s\"\n", file, line,
                vertex ? "vertex" : "mldev", name, want, out ? out : "(error)");
    genai__free(out);
    _fail(file, line);
  }
  genai__free(out);
}
#define assert_resource(vertex, name, want) ut_resource((vertex), (name), (want), __FILE__, __LINE__)

/* The examples of the Python docstring of _resource_name, and their neighbours. */
static void resource_names_are_completed_on_mldev(void **state) {
  (void)state;
  assert_resource(false, "123", "cachedContents/123");
  assert_resource(false, "cachedContents/123", "cachedContents/123");
  assert_resource(false, "some/wrong/cachedContents/resource/name/123", "some/wrong/cachedContents/resource/name/123");
  assert_resource(false, "a/b", "a/b");
  assert_resource(false, "projects/p/locations/l/cachedContents/1", "projects/p/locations/l/cachedContents/1");
}

static void resource_names_are_completed_on_vertex(void **state) {
  (void)state;
  assert_resource(true, "123", "projects/bar/locations/us-west1/cachedContents/123");
  assert_resource(true, "cachedContents/123", "projects/bar/locations/us-west1/cachedContents/123");
  assert_resource(true, "projects/foo/locations/us-central1/cachedContents/123",
                  "projects/foo/locations/us-central1/cachedContents/123");
  assert_resource(true, "locations/us-central1/cachedContents/123", "projects/bar/locations/us-central1/cachedContents/123");
  assert_resource(true, "some/wrong/cachedContents/resource/name/123", "some/wrong/cachedContents/resource/name/123");
}

static void resource_names_respect_a_deeper_hierarchy(void **state) {
  (void)state;
  char *out = NULL;
  assert_int_equal(genai__resource_name(false, NULL, NULL, "vhugo/events/dinner", "users", 4, &out), GENAI_OK);
  assert_string_equal(out, "users/vhugo/events/dinner");
  genai__free(out);
  assert_int_equal(genai__resource_name(false, NULL, NULL, "dinner", "users", 4, &out), GENAI_OK);
  assert_string_equal(out, "dinner");
  genai__free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(mldev_model_names_get_the_models_prefix),
      cmocka_unit_test(vertex_model_names_get_the_publisher_path),
      cmocka_unit_test(invalid_model_names_are_refused),
      cmocka_unit_test(resource_names_are_completed_on_mldev),
      cmocka_unit_test(resource_names_are_completed_on_vertex),
      cmocka_unit_test(resource_names_respect_a_deeper_hierarchy),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
