/* Helpers shared by the unit tests: JSON comparison and error assertions.
 * Header-only (static inline) so that every test stays one .c file. */
#ifndef GENAI_TESTS_UNIT_HELPERS_H
#define GENAI_TESTS_UNIT_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include <genai/errors.h>
#include <genai/types.h>

#include "core/arena.h"
#include "wire/codec.h"
#include "api/method.h"
#include "wire/types_gen.h"

/* Parses JSON that the test itself wrote; a typo in a test fails loudly. */
static inline json_t *ut_json_at(const char *text, const char *file, int line) {
  json_error_t e;
  json_t *v = json_loads(text, JSON_DECODE_ANY, &e);
  if (!v) {
    print_error("%s:%d: the test's own JSON does not parse (%s): %s\n", file, line, e.text, text);
    _fail(file, line);
  }
  return v;
}
#define ut_json(text) ut_json_at((text), __FILE__, __LINE__)

static inline char *ut_dump(const json_t *v) {
  return v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
}

/* `actual` equals the JSON text `expected` as a JSON value (object member
 * order does not matter; 1 and 1.0 differ, as they do on the wire). With
 * `take`, `actual` is released afterwards, also when the assertion fails. */
static inline void ut_assert_json_eq(json_t *actual, const char *expected, int take, const char *file, int line) {
  json_t *want = ut_json_at(expected, file, line);
  int equal = actual && json_equal(actual, want);
  if (!equal) {
    char *a = ut_dump(actual), *w = ut_dump(want);
    print_error("%s:%d: JSON differs\n  expected: %s\n  actual:   %s\n", file, line, w ? w : "(null)", a ? a : "(null)");
    free(a);
    free(w);
  }
  json_decref(want);
  if (take) json_decref(actual);
  if (!equal) _fail(file, line);
}
#define assert_json_eq(actual, expected) ut_assert_json_eq((actual), (expected), 0, __FILE__, __LINE__)
/* Same, and releases `actual` (a new reference the test owns). */
#define assert_json_take(actual, expected) ut_assert_json_eq((actual), (expected), 1, __FILE__, __LINE__)

/* Same, for JSON text produced by the library (a _to_json string). */
static inline void ut_assert_json_text_eq(const char *actual, const char *expected, const char *file, int line) {
  if (!actual) {
    print_error("%s:%d: expected JSON %s, got NULL\n", file, line, expected);
    _fail(file, line);
  }
  ut_assert_json_eq(ut_json_at(actual, file, line), expected, 1, file, line);
}
#define assert_json_text_eq(actual, expected) ut_assert_json_text_eq((actual), (expected), __FILE__, __LINE__)

/* The call returned `code`, genai_error_last() agrees, and its message
 * contains `needle` (when not NULL). */
static inline void ut_assert_error(genai_result rc, genai_result code, const char *needle, const char *file,
                                   int line) {
  const genai_error *e = genai_error_last();
  if (rc != code || e->code != code || (needle && !strstr(e->message, needle))) {
    print_error("%s:%d: expected %s with a message containing \"%s\"\n  got rc %s, last error %s: \"%s\"\n", file,
                line, genai_result_name(code), needle ? needle : "", genai_result_name(rc), genai_result_name(e->code),
                e->message);
    _fail(file, line);
  }
}
#define assert_error(rc, code, needle) ut_assert_error((rc), (code), (needle), __FILE__, __LINE__)

/* assert_string_equal that fails (instead of crashing) on NULL. */
#define assert_str(actual, expected)     \
  do {                                   \
    const char *actual_ = (actual);      \
    assert_non_null(actual_);            \
    assert_string_equal(actual_, (expected)); \
  } while (0)

/* The message of the last error is exactly `text`. */
#define assert_error_message(text) assert_string_equal(genai_error_last()->message, (text))

/* Encodes one value of type `t` for a backend (GENAI__BACKEND_NONE is the
 * SDK's own form), as genai__encode_new does for a request. */
static inline genai_result ut_encode(genai__backend backend, const genai__type *t, const void *value, json_t **out) {
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = backend, .project = "my-project", .location = "us-central1", .tmp = &tmp};
  *out = NULL;
  genai_result rc = genai__encode_new(&ctx, t, value, out);
  genai__arena_release(&tmp);
  return rc;
}

/* Builds a generateContent request body for a backend; Vertex AI resource
 * names use project "my-project" and location "us-central1". */
static inline genai_result ut_request(genai__backend backend, const genai_contents *contents,
                                      const genai_generate_content_config *config, json_t **out) {
  genai_generate_content_parameters params = {GENAI_INIT(genai_generate_content_parameters),
                                               .model = "gemini-2.0-flash", .contents = contents, .config = config};
  genai__built_request req;
  *out = NULL;
  genai_result rc = genai__method_build(&genai__method_models_generate_content, backend, "my-project", "us-central1",
                                        &params, &req);
  if (rc == GENAI_OK) {
    *out = json_incref(req.body);
    genai__built_request_clear(&req);
  }
  return rc;
}

/* The JSON value at a dotted path of object keys ("generationConfig.topK"), or NULL. */
static inline json_t *ut_get(json_t *v, const char *path) {
  char key[128];
  while (v && *path) {
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    if (n >= sizeof(key)) return NULL;
    memcpy(key, path, n);
    key[n] = '\0';
    v = json_object_get(v, key);
    path += n + (dot ? 1 : 0);
  }
  return v;
}

/* The value at `path` of `v` as a new reference; releases `v`. */
static inline json_t *ut_take_at(json_t *v, const char *path) {
  json_t *sub = json_incref(ut_get(v, path));
  json_decref(v);
  return sub;
}

#endif
