/* Normalisation of `contents` and `system_instruction` into Content lists,
 * with the Python SDK's t_content / t_contents rules (see genai_contents). */
#ifndef GENAI_API_CONTENTS_H
#define GENAI_API_CONTENTS_H

#include <stddef.h>

#include <genai/types.h>

#include "core/arena.h"
#include "wire/codec.h"

/* One ContentUnion → one Content. Parts stay borrowed from the caller; new
 * structs live in `arena`. Errors are GENAI_EINVAL naming `path`. */
genai_result genai__t_content(genai__arena *arena, genai__path *path, const genai_contents *in,
                              const genai_content **out);

/* A ContentListUnion → a list of Content. */
genai_result genai__t_contents(genai__arena *arena, genai__path *path, const genai_contents *in,
                               const genai_content *const **out, size_t *count);

#endif
