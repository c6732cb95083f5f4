/* generateContent and streamGenerateContent with "cachedContent": the
 * request names a cache whose tokens count as part of the prompt.
 *
 *   unknown or expired cache   the backend's not-found answer (cache_store.h)
 *   cache of another model     400 INVALID_ARGUMENT
 *   systemInstruction, tools or toolConfig in the request
 *                              400 INVALID_ARGUMENT (they belong in the cache)
 *
 * and the answer's usageMetadata gets cachedContentTokenCount (the cache's
 * totalTokenCount), which promptTokenCount and totalTokenCount include. */
#ifndef EMU_CACHED_CONTENT_USE_H
#define EMU_CACHED_CONTENT_USE_H

#include <jansson.h>
#include <stddef.h>

#include "router.h"

/* Checks the request body's cachedContent, if any. 0 with *tokens the
 * cache's tokens (0 without a cache), or -1 with the error in `out`. */
int emu_cached_content_resolve(const emu_call *call, const json_t *request, size_t *tokens, emu_response *out);

/* Adds `tokens` cached tokens to the usageMetadata of `doc`: one
 * GenerateContentResponse, or an array of them (stream events). Events
 * without a promptTokenCount (Vertex AI's early chunks) are left alone.
 * 0, or -1 when out of memory. */
int emu_cached_content_add_usage(json_t *doc, size_t tokens);

#endif
