/* UTF-8 validation: JSON text must be valid UTF-8, and a string the caller
 * passes is checked before it is sent rather than mangled on the way. */
#ifndef GENAI_CORE_UTF8_H
#define GENAI_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

bool genai__utf8_valid(const char *s, size_t len);

#endif
