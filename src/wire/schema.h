/* t_schema's processing of an encoded Schema (reference/python-genai.md §4.3):
 * types upper-cased, propertyOrdering added to objects with several
 * properties, additionalProperties rejected on the Gemini Developer API. */
#ifndef GENAI_WIRE_SCHEMA_H
#define GENAI_WIRE_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>

#include <genai/errors.h>

#include "wire/codec.h"

genai_result genai__schema_process(json_t *schema, bool mldev, genai__path *path);

#endif
