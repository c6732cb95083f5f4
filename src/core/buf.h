/* A growable byte buffer, always NUL-terminated. */
#ifndef GENAI_CORE_BUF_H
#define GENAI_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include <genai/errors.h>

typedef struct genai__buf {
  char *data;
  size_t len;
  size_t cap;
} genai__buf;

genai_result genai__buf_append(genai__buf *b, const void *data, size_t len);
genai_result genai__buf_puts(genai__buf *b, const char *s);
genai_result genai__buf_printf(genai__buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
genai_result genai__buf_vprintf(genai__buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hands the storage to the caller (free with genai__free); the buffer is reset. */
char *genai__buf_take(genai__buf *b);
void genai__buf_reset(genai__buf *b);
void genai__buf_free(genai__buf *b);

#endif
