/* An ordered list of HTTP headers with case-insensitive names. */
#ifndef GENAI_HTTP_HEADERS_H
#define GENAI_HTTP_HEADERS_H

#include <stddef.h>

#include <genai/errors.h>

typedef struct genai__header {
  char *name;
  char *value;
} genai__header;

typedef struct genai__headers {
  genai__header *items;
  size_t count, cap;
} genai__headers;

/* Sets a header, replacing one with the same name (any case). */
genai_result genai__headers_set(genai__headers *h, const char *name, const char *value);
/* Appends without replacing (for response headers that repeat). */
genai_result genai__headers_add(genai__headers *h, const char *name, size_t name_len, const char *value,
                                size_t value_len);
/* The value of a header (any case), or NULL. */
const char *genai__headers_get(const genai__headers *h, const char *name);
genai_result genai__headers_copy(genai__headers *dst, const genai__headers *src);
void genai__headers_clear(genai__headers *h);

/* True for headers whose values are credentials and never logged. */
int genai__header_is_secret(const char *name);

#endif
