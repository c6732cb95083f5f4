/* Schemas in the two dialects the API takes, and the deterministic values
 * the emulator generates from them (docs/emulator.md, "Structured output"):
 *
 *   OpenAPI      generationConfig.responseSchema, FunctionDeclaration.parameters:
 *                upper-case types (OBJECT, STRING, ...), propertyOrdering,
 *                nullable, anyOf
 *   JSON Schema  generationConfig.responseJsonSchema,
 *                FunctionDeclaration.parametersJsonSchema: lower-case types,
 *                type lists (["string", "null"]), $ref into $defs, anyOf, oneOf
 *
 * Both are read the same way: type names compare case-insensitively, and a
 * schema without a type gets one from what it has (properties, items, enum).
 * `root` is the whole schema a $ref is resolved against. */
#ifndef EMU_SCHEMA_H
#define EMU_SCHEMA_H

#include <jansson.h>

/* Deeper objects and arrays are written empty ({} and []), so that
 * recursive schemas still give a finite answer. (Arrays also stop at 1000
 * items, and an answer at 10000 values; see schema.c.) */
#define EMU_SCHEMA_MAX_DEPTH 32

typedef enum emu_schema_type {
  EMU_SCHEMA_UNSPECIFIED = 0, /* no usable type: values are generated as STRING */
  EMU_SCHEMA_STRING,
  EMU_SCHEMA_INTEGER,
  EMU_SCHEMA_NUMBER,
  EMU_SCHEMA_BOOLEAN,
  EMU_SCHEMA_ARRAY,
  EMU_SCHEMA_OBJECT,
  EMU_SCHEMA_NULL
} emu_schema_type;

/* The schema that actually describes the value: `$ref`s followed (JSON
 * pointers into root, e.g. "#/$defs/Person"), `anyOf` / `oneOf` replaced by
 * their first option. Returns `schema` itself when there is nothing to
 * follow, NULL for a dangling $ref. Borrowed. */
const json_t *emu_schema_resolve(const json_t *root, const json_t *schema);

/* The type of a resolved schema. */
emu_schema_type emu_schema_type_of(const json_t *schema);

/* The enum values of a STRING schema whose values are all strings, or NULL
 * (also for non-string or empty enums). Borrowed. */
const json_t *emu_schema_string_enum(const json_t *root, const json_t *schema);

/* The deterministic value for `schema`; `name` is the property it is the
 * value of, or NULL (the top level, array items). New reference; NULL when
 * out of memory. */
json_t *emu_schema_value(const json_t *root, const json_t *schema, const char *name);

#endif
