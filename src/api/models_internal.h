/* What other modules (chats) use of models.c. */
#ifndef GENAI_API_MODELS_INTERNAL_H
#define GENAI_API_MODELS_INTERNAL_H

#include <genai/models.h>
#include <genai/multi.h>

#include "api/afc.h"
#include "api/stream.h"

/* genai_models_generate_content_stream with a feature tag and observers
 * (hooks may be NULL; their release runs on every path, success or not). */
genai_result genai__models_stream(genai_client *client, const char *model, const genai_contents *contents,
                                  const genai_generate_content_config *config, const char *usage,
                                  const genai__stream_hooks *hooks, genai_stream **out);

/* The same as an operation of multi (the async stream); hooks may be
 * NULL (then automatic function calling runs when the config asks). */
genai_result genai__models_stream_op(genai_multi *multi, const char *model, const genai_contents *contents,
                                     const genai_generate_content_config *config, const char *usage,
                                     const genai__stream_hooks *hooks, const genai_op_callbacks *callbacks,
                                     genai_op **out);

#endif
