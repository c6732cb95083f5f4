#include "wire/json_write.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 2048

static genai_result put(genai__buf *b, const char *s, size_t n) { return genai__buf_append(b, s, n); }

static genai_result write_string(genai__buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  genai_result rc = put(b, "\"", 1);
  size_t run = 0; /* bytes copied as they are, flushed at each escape */
  for (size_t i = 0; rc == GENAI_OK && i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *esc = NULL;
    char u[6];
    switch (c) {
      case '"': esc = "\\\""; break;
      case '\\': esc = "\\\\"; break;
      case '\n': esc = "\\n"; break;
      case '\r': esc = "\\r"; break;
      case '\t': esc = "\\t"; break;
      case '\b': esc = "\\b"; break;
      case '\f': esc = "\\f"; break;
      default:
        if (c < 0x20) {
          memcpy(u, "\\u00", 4);
          u[4] = hex[c >> 4];
          u[5] = hex[c & 15];
        }
    }
    if (!esc && c >= 0x20) {
      run++;
      continue;
    }
    rc = put(b, s + i - run, run);
    run = 0;
    if (rc == GENAI_OK) rc = esc ? put(b, esc, strlen(esc)) : put(b, u, 6);
  }
  if (rc == GENAI_OK) rc = put(b, s + n - run, run);
  return rc == GENAI_OK ? put(b, "\"", 1) : rc;
}

static genai_result write_real(genai__buf *b, double d) {
  char text[40];
  int p = 1;
  for (; p < 17; p++) {
    snprintf(text, sizeof(text), "%.*g", p, d);
    if (strtod(text, NULL) == d) break;
  }
  if (p == 17) snprintf(text, sizeof(text), "%.17g", d);
  /* Keep a real recognisable as one when it prints like an integer. */
  if (!strpbrk(text, ".eEn")) strcat(text, ".0");
  return put(b, text, strlen(text));
}

static genai_result write_value(genai__buf *b, const json_t *v, int depth) {
  if (depth > MAX_DEPTH) return GENAI_EINVAL;
  char num[32];
  genai_result rc = GENAI_OK;
  switch (json_typeof(v)) {
    case JSON_NULL: return put(b, "null", 4);
    case JSON_TRUE: return put(b, "true", 4);
    case JSON_FALSE: return put(b, "false", 5);
    case JSON_INTEGER:
      snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
      return put(b, num, strlen(num));
    case JSON_REAL: return write_real(b, json_real_value(v));
    case JSON_STRING: return write_string(b, json_string_value(v), json_string_length(v));
    case JSON_ARRAY: {
      rc = put(b, "[", 1);
      for (size_t i = 0; rc == GENAI_OK && i < json_array_size(v); i++) {
        if (i) rc = put(b, ",", 1);
        if (rc == GENAI_OK) rc = write_value(b, json_array_get(v, i), depth + 1);
      }
      return rc == GENAI_OK ? put(b, "]", 1) : rc;
    }
    case JSON_OBJECT: {
      const char *key;
      json_t *item;
      bool first = true;
      rc = put(b, "{", 1);
      json_object_foreach((json_t *)(uintptr_t)v, key, item) {
        if (rc != GENAI_OK) break;
        if (!first) rc = put(b, ",", 1);
        first = false;
        if (rc == GENAI_OK) rc = write_string(b, key, strlen(key));
        if (rc == GENAI_OK) rc = put(b, ":", 1);
        if (rc == GENAI_OK) rc = write_value(b, item, depth + 1);
      }
      return rc == GENAI_OK ? put(b, "}", 1) : rc;
    }
  }
  return GENAI_ERROR;
}

genai_result genai__json_write(genai__buf *out, const json_t *value) { return write_value(out, value, 0); }
