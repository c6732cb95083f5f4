/* What other modules (chats) use of models.c. */
#ifndef GENAI_API_MODELS_INTERNAL_H
#define GENAI_API_MODELS_INTERNAL_H

#include <genai/models.h>

#include "api/afc.h"
#include "api/stream.h"

/* genai_models_generate_content with a feature tag for the SDK label
 * ("chat"). Arguments are checked by the caller. */
genai_result genai__models_generate(genai_client *client, const char *model, const genai_contents *contents,
                                    const genai_generate_content_config *config, const char *usage,
                                    genai_generate_content_response **out);

/* The same, leaving the automatic function calling state (its history:
 * the caller's contents, then each round's model turn and function
 * responses) in *afc, allocated in `arena`, for chats to record. */
genai_result genai__models_generate_afc(genai_client *client, const char *model, const genai_contents *contents,
                                        const genai_generate_content_config *config, const char *usage,
                                        genai__afc *afc, genai__arena *arena, genai_generate_content_response **out);

/* genai_models_generate_content_stream with a feature tag and observers
 * (hooks may be NULL; their release runs on every path, success or not). */
genai_result genai__models_stream(genai_client *client, const char *model, const genai_contents *contents,
                                  const genai_generate_content_config *config, const char *usage,
                                  const genai__stream_hooks *hooks, genai_stream **out);

#endif
