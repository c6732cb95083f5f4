/* What the fuzz targets share: a check that survives NDEBUG, and the error
 * invariants every fallible call of the library promises. */
#ifndef GENAI_FUZZ_UTIL_H
#define GENAI_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <genai/errors.h>

/* libFuzzer treats abort() as a crash and saves the input, so a broken
 * invariant is reported like a sanitizer finding. assert() is not used: a
 * RelWithDebInfo build defines NDEBUG. */
#define FUZZ_CHECK(cond, ...)                                                   \
  do {                                                                          \
    if (!(cond)) {                                                              \
      fprintf(stderr, "%s:%d: invariant broken: %s\n  ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                                             \
      fputc('\n', stderr);                                                      \
      abort();                                                                  \
    }                                                                           \
  } while (0)

/* The input as a C string: the public *_from_json functions take one. Bytes
 * after an embedded NUL are simply not seen by them. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s) abort();
  if (size) memcpy(s, data, size);
  s[size] = '\0';
  return s;
}

/* After a call failed with rc, genai_error_last() must describe that failure:
 * same code, a message, a status string (docs/errors.md). */
static inline void fuzz_check_error(genai_result rc, const char *what) {
  const genai_error *e = genai_error_last();
  FUZZ_CHECK(e != NULL, "%s: genai_error_last() is NULL", what);
  FUZZ_CHECK(e->code == rc, "%s returned %s but genai_error_last() says %s", what, genai_result_name(rc),
             genai_result_name(e->code));
  FUZZ_CHECK(e->message != NULL, "%s: the error has no message", what);
  FUZZ_CHECK(e->status != NULL, "%s: the error's status is NULL", what);
}

#endif
