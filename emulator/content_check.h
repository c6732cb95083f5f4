/* Checks shared by every route whose request carries Content messages
 * (generateContent, streamGenerateContent, countTokens, computeTokens,
 * embeddings):
 *
 *  - shape checks, as Google's JSON transcoder makes them before the model is
 *    looked up: unknown field names and values of the wrong type, collected
 *    as BadRequest field violations and reported together in one 400;
 *  - the model's own checks of a list of contents (roles, empty lists).
 *
 * Field paths use the proto (snake_case) names: 'contents[0].parts[1]'. */
#ifndef EMU_CONTENT_CHECK_H
#define EMU_CONTENT_CHECK_H

#include <stddef.h>

#include <jansson.h>

#include "api_path.h"
#include "buf.h"
#include "field_check.h"
#include "response.h"

/* Room for any field path the checks build. */
#define EMU_FIELD_PATH_MAX 200

typedef struct emu_shape {
  const emu_api_path *path; /* backend (field sets) and version (type names); borrowed */
  emu_violations v;
} emu_shape;

void emu_shape_init(emu_shape *s, const emu_api_path *path);

/* Reports the members of `obj` not in known[0..count). `at` is the path of
 * obj, or NULL for the request root. */
void emu_shape_fields(emu_shape *s, const json_t *obj, const emu_field *known, size_t count,
                      const char *at);

/* Reports `value` at `at` as not being a `message` ("Content", "Part", ...),
 * named by the backend's type URL. */
void emu_shape_not_message(emu_shape *s, const char *at, const char *message, const json_t *value);

/* Type checks of an optional member `camel` of `obj` (null = absent), reported
 * at "AT.snake_name" ("snake_name" when `at` is NULL). */
void emu_shape_int32(emu_shape *s, const json_t *obj, const char *camel, const char *at);
void emu_shape_string(emu_shape *s, const json_t *obj, const char *camel, const char *at);
void emu_shape_bool(emu_shape *s, const json_t *obj, const char *camel, const char *at);
/* A proto enum: a string from `names` (NULL-terminated) or an integer;
 * `enum_type` is the message-relative type name, e.g. "TaskType". */
void emu_shape_enum(emu_shape *s, const json_t *obj, const char *camel, const char *at,
                    const char *enum_type, const char *const *names);

/* A Content message: its fields, role, and each part's fields, text and
 * thought. */
void emu_shape_content(emu_shape *s, const json_t *content, const char *at);

/* Each element of a repeated Content field; `at` is its path ("contents"). */
void emu_shape_contents(emu_shape *s, const json_t *contents, const char *at);

/* A GenerationConfig message at `at` ("generation_config"). */
void emu_shape_generation_config(emu_shape *s, const json_t *config, const char *at);

/* Returns 0 when nothing was reported; else writes the 400 (500 when out of
 * memory) into `out` and returns -1. Disposes the collected violations
 * either way. */
int emu_shape_finish(emu_shape *s, emu_response *out);

/* True when every content has the role "user" or "model", or none (an empty
 * role counts as none); a content with a functionResponse part may also have
 * the role "function" or "tool". */
int emu_contents_roles_valid(const json_t *contents);

/* Appends the model's "* REQUEST.contents...: problem\n" lines about
 * `contents` (missing or empty, a content without parts) to msg, where
 * REQUEST is e.g. "GenerateContentRequest". 0, or -1 when out of memory. */
int emu_contents_problems(const json_t *contents, const char *request, emu_buf *msg);

/* Both checks above as one answer: a bad role is reported alone with the
 * service's "Please use a valid role: user, model.", the other problems
 * together. 0 when the contents are fine; else -1 with the 400 in `out`. */
int emu_contents_check(const json_t *contents, const char *request, emu_response *out);

#endif
