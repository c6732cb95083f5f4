/* JSON helpers shared by the handlers: the service's output format and its
 * lenient reading rules (snake_case aliases, singular values for lists). */
#ifndef EMU_JSON_UTIL_H
#define EMU_JSON_UTIL_H

#include <stddef.h>

#include <jansson.h>

/* `doc` pretty-printed like the service: 2-space indent, ": " after keys,
 * insertion order, raw UTF-8, trailing newline. Caller frees; NULL when out
 * of memory. */
char *emu_json_pretty(const json_t *doc, size_t *out_len);

/* Compact one-line rendering; caller frees; NULL when out of memory. */
char *emu_json_compact(const json_t *doc);

/* One-line rendering the way the services write server-sent events: ": "
 * after each key, "," with no space between members and elements
 * ({"a": [1,2],"b": "x"}). Caller frees; NULL when out of memory. */
char *emu_json_wire(const json_t *doc);

/* `doc` written the way Python's json.dumps writes it, with `item_sep`
 * between members and elements and `key_sep` after keys: (", ", ": ") is
 * json.dumps' default, (",", ":") its compact form. Reals take the shortest
 * text that reads back as the same double, always with a fraction or an
 * exponent (1.0, 16.5, 1e+16), as Python's repr does; non-ASCII characters
 * are written as they are (json.dumps would escape them). Caller frees;
 * NULL when out of memory. */
char *emu_json_python(const json_t *doc, const char *item_sep, const char *key_sep);

/* Reads a proto3 JSON double: a JSON number or a decimal string. Returns 0
 * and sets *out, or -1. */
int emu_json_number(const json_t *v, double *out);

/* True when `given` names the lowerCamelCase field `camel`, either spelled the
 * same or in its snake_case form ("maxOutputTokens" / "max_output_tokens"). */
int emu_field_name_matches(const char *given, const char *camel);

/* The value of the first member of `obj` named like `camel` (see above), or
 * NULL. Borrowed. */
json_t *emu_json_field(const json_t *obj, const char *camel);

/* Like emu_json_field, but a JSON null counts as absent (proto3 JSON). */
json_t *emu_json_present(const json_t *obj, const char *camel);

/* snake_case spelling of a lowerCamelCase name, truncated to fit `size`. */
void emu_camel_to_snake(const char *camel, char *out, size_t size);

/* Proto3 JSON lets a singular value stand for a one-element repeated field;
 * these view any value as a list. A NULL value is an empty list. */
size_t emu_json_list_size(const json_t *v);
json_t *emu_json_list_get(const json_t *v, size_t i);

/* Reads a proto3 JSON integer: a JSON integer, an integral real or a decimal
 * string. Returns 0 and sets *out, or -1 when `v` is not such a value. */
int emu_json_int(const json_t *v, long long *out);

/* True when s[0..len) is well-formed UTF-8. */
int emu_utf8_valid(const char *s, size_t len);

#endif
