/* The thread-local last error behind genai_error_last(). */
#ifndef GENAI_CORE_ERROR_H
#define GENAI_CORE_ERROR_H

#include <stdint.h>

#include <genai/errors.h>

/* Records an error with a formatted message and returns `code`, so that
 * `return genai__err(GENAI_EINVAL, "...")` reads naturally. */
genai_result genai__err(genai_result code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Everything an error answer from the service carries. Strings may be NULL. */
typedef struct genai__api_error {
  genai_result code;
  int http_status;
  const char *status;
  const char *message;
  const char *details_json;
  const char *body;
  int64_t retry_after_ms;
} genai__api_error;

/* Records an error with all its fields; returns e->code. */
genai_result genai__err_full(const genai__api_error *e);

/* Prefixes the current error message with "prefix: " (for field paths). */
void genai__err_prefix(const char *prefix);

/* Records the HTTP status of the answer the current error came from. */
void genai__err_set_http_status(int http_status);

/* A copy of a thread's last error that an object keeps (a stream reports
 * its error through genai_stream_error after later calls replaced the
 * thread's). */
typedef struct genai__error_copy {
  genai_error pub;
  char *message, *status, *details_json, *body;
} genai__error_copy;

/* Copies the calling thread's last error into dst (replacing what it held). */
void genai__error_save(genai__error_copy *dst);
/* Makes a saved error the calling thread's last error again; returns its code. */
genai_result genai__error_restore(const genai__error_copy *src);
void genai__error_copy_clear(genai__error_copy *c);

#endif
