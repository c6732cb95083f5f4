/* The answers of a Gemini API batch's inlined requests: each request gets
 * what :generateContent (or :embedContent for an embeddings batch) would
 * have answered on its own, with its metadata echoed, or the error that
 * call would have given as {code, message}. */
#ifndef EMU_BATCH_INLINE_H
#define EMU_BATCH_INLINE_H

#include <jansson.h>

#include "router.h"

/* {"inlinedResponses": [...]} for `requests` (the batch's
 * inputConfig.requests.requests), answered for the model in call->path.
 * NULL when out of memory. */
json_t *emu_batch_inline_generate(const emu_call *call, const json_t *requests);

/* The same for an embeddings batch (inputConfig.requests.requests[].request
 * holding content and outputDimensionality). */
json_t *emu_batch_inline_embed(const emu_call *call, const json_t *requests);

#endif
