/* Paths into JSON values, with the Python SDK's setv/getv semantics:
 * dot-separated keys, "a[]" over every element of array a, "a[0]" its first
 * element (created when setting). */
#ifndef GENAI_WIRE_PATH_H
#define GENAI_WIRE_PATH_H

#include <jansson.h>

#include <genai/errors.h>

/* Stores `value` (stolen) at `path` in `obj`. Through "a[]": an array value
 * is spread over the elements of a (created, one object per element, when a
 * is missing); any other value is set in every element. An existing object
 * at the final key is merged into rather than replaced. */
genai_result genai__json_set_path(json_t *obj, const char *path, json_t *value);

/* The value at `path`, or NULL. Through "a[]" the values of every element
 * are gathered into a new array. Returns a new reference. */
json_t *genai__json_get_path(json_t *obj, const char *path);

/* True when `path` is a plain key (no dot, bracket or leading "^"). */
int genai__path_is_key(const char *path);

#endif
