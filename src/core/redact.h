/* Redaction of secrets (API keys, tokens) from text that may reach logs or
 * error messages, such as a response body that echoes a request. */
#ifndef GENAI_CORE_REDACT_H
#define GENAI_CORE_REDACT_H

#include <stddef.h>

typedef struct genai__secrets {
  const char *items[4];
  size_t count;
} genai__secrets;

void genai__secrets_add(genai__secrets *s, const char *secret);

/* A copy of text[0..len) with every secret replaced by "[REDACTED]", cut to
 * at most `max` bytes at a UTF-8 boundary with a note saying how much was
 * left out. NULL when out of memory. Free with genai__free. */
char *genai__redact(const char *text, size_t len, const genai__secrets *s, size_t max);

#endif
