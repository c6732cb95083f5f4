/* Deep copies of SDK values over the generated descriptors: a caller's
 * struct (any struct version) becomes a library-owned copy, for helpers that
 * return owned values and for state the library keeps (chat history). */
#ifndef GENAI_WIRE_CLONE_H
#define GENAI_WIRE_CLONE_H

#include "core/arena.h"
#include "wire/codec.h"

/* Copies `value` of type t, and everything it points to, into arena a. */
genai_result genai__clone(genai__arena *a, const genai__type *t, const void *value, void **out);

/* The same into a new owned value (freed with genai__owned_free / the
 * type's _free). */
genai_result genai__clone_owned(const genai__type *t, const void *value, void **out);

#endif
