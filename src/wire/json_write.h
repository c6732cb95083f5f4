/* Compact JSON text from a jansson value, with every real number written in
 * its own shortest form that reads back exactly (0.3 as "0.3", as the Python
 * and JS SDKs print it). jansson prints all reals of a document with one
 * precision, which turns 0.3 into 0.29999999999999999 next to any value that
 * needs 17 digits. */
#ifndef GENAI_WIRE_JSON_WRITE_H
#define GENAI_WIRE_JSON_WRITE_H

#include <jansson.h>

#include <genai/errors.h>

#include "core/buf.h"

genai_result genai__json_write(genai__buf *out, const json_t *value);

#endif
