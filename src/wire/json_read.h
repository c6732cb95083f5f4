/* Parsing JSON text with jansson, telling a failed allocation from a
 * malformed text. jansson reports both the same way (NULL and an error
 * text, sometimes empty), so a caller that answers "not valid JSON" would
 * turn an out-of-memory into a decode or argument error. */
#ifndef GENAI_WIRE_JSON_READ_H
#define GENAI_WIRE_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* json_loadb; when it returns NULL, *oom says whether an allocation failed
 * on this thread while it ran (then err says nothing useful). */
json_t *genai__json_loadb(const char *text, size_t len, size_t flags, json_error_t *err, bool *oom);

/* The same for a NUL-terminated text. */
json_t *genai__json_loads(const char *text, size_t flags, json_error_t *err, bool *oom);

#endif
