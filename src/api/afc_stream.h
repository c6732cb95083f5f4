/* Automatic function calling over a stream (Models.generate_content_stream
 * and Chat.send_message_stream with C functions as tools): every chunk of
 * every round goes to the caller; the functions a chunk asks for run when it
 * arrives; when a round asked for functions, the next request sends their
 * results. The driver owns copies of the model and config, since the
 * rounds run after the call that started the stream returned. */
#ifndef GENAI_API_AFC_STREAM_H
#define GENAI_API_AFC_STREAM_H

#include <stdbool.h>

#include <genai/types.h>

#include "api/afc.h"
#include "api/stream.h"

typedef struct genai__afc_stream genai__afc_stream;

/* *out is NULL when automatic function calling does not run for config. */
genai_result genai__afc_stream_new(const char *model, const genai_contents *contents,
                                   const genai_generate_content_config *config, const char *usage,
                                   genai__afc_stream **out);
/* The usage tag of the requests ("afc", "afc+chat"). */
const char *genai__afc_stream_usage(const genai__afc_stream *a);
/* With each chunk: attaches the history once a round is done, and runs the
 * functions the chunk asks for. */
genai_result genai__afc_stream_chunk(genai__afc_stream *a, genai_generate_content_response *chunk);
/* At the end of a round: *ran tells whether it called functions (then
 * *response_turn is the user turn with their results, owned by the driver);
 * *params and *opts give the next request, *params NULL when there is none
 * (no call, or the calls allowed are spent). */
genai_result genai__afc_stream_round_end(genai__afc_stream *a, bool *ran, const genai_content **response_turn,
                                         const void **params, genai__call_options *opts);
void genai__afc_stream_free(genai__afc_stream *a);

/* Hooks driving a stream with no other observer (models). Takes a. */
genai__stream_hooks genai__afc_stream_hooks(genai__afc_stream *a);

#endif
