/* Which model ids the emulator serves, and the services' errors for the rest.
 *
 *   embedding model   id starts with "text-embedding-", "gemini-embedding-"
 *                     or "embedding-"
 *   generative model  id starts with "gemini-" or "gemma-" and is not an
 *                     embedding model
 *
 * generateContent and streamGenerateContent serve generative models, the
 * embedding methods embedding models, countTokens and computeTokens both. */
#ifndef EMU_MODELS_H
#define EMU_MODELS_H

#include "router.h"

int emu_model_is_embedding(const char *model_id);
int emu_model_is_generative(const char *model_id);

/* N for "gemini-N..." ("gemini-2.5-flash" is 2, "gemini-3-pro-preview" 3),
 * 0 for any other id. Rules that changed with Gemini 3 (function call ids,
 * function calling together with JSON output) depend on it. */
int emu_model_gemini_major(const char *model_id);

/* Generative or embedding. */
int emu_model_known(const char *model_id);

/* The backend's NOT_FOUND error for the model in call->path. */
void emu_respond_model_not_found(const emu_call *call, emu_response *out);

/* Vertex AI's 400 FAILED_PRECONDITION for a Gemini model called through
 * :predict. */
void emu_respond_gemini_on_predict(emu_response *out);

#endif
