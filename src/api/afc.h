/* Automatic function calling: the Python SDK's loop around generate_content
 * (_extra_utils.py), shared by models.c (unary and streamed) and chats.c.
 * The state lives in an arena: the function map, the conversation so far
 * (the caller's contents, then each model turn with function calls and the
 * user turn with their responses), and the calls left. */
#ifndef GENAI_API_AFC_H
#define GENAI_API_AFC_H

#include <stdbool.h>

#include <genai/functions.h>
#include <genai/types.h>

#include "core/arena.h"

typedef struct genai__afc {
  genai__arena *arena;
  const genai_function **functions; /* the tools' C functions */
  size_t functions_count;
  int32_t remaining;                /* model calls left */
  bool append_history;              /* !ignore_call_history */
  const genai_content **history;    /* the conversation so far */
  size_t history_count, history_cap;
} genai__afc;

/* Decides whether the loop runs for `config` (nullable), as the Python SDK:
 * not when automatic_function_calling disables it or allows no call, not
 * when a tool carries function declarations (with a warning when C functions
 * are given too), not without C functions. When it runs, fills afc (its
 * allocations in `arena`). GENAI_EINVAL for two functions with one name. */
genai_result genai__afc_setup(genai__arena *arena, const genai_generate_content_config *config, genai__afc *afc,
                              bool *run);

/* Seeds the history with the caller's contents, normalised. */
genai_result genai__afc_start(genai__afc *afc, const genai_contents *contents);

/* The history as a genai_contents list (for the next request). */
genai_result genai__afc_contents(genai__afc *afc, const genai_contents **out);

/* Calls the functions that the function_call parts of `content` ask for, in
 * order, appending one function_response part per call to *parts (grown in
 * the arena). Unknown names and failed callbacks become error responses. */
genai_result genai__afc_call_functions(genai__afc *afc, const genai_content *content, const genai_part ***parts,
                                       size_t *count, size_t *cap);

/* Appends the model's turn(s) and the user turn with the function responses. */
genai_result genai__afc_record_round(genai__afc *afc, const genai_content *const *model, size_t model_count,
                                     const genai_part *const *responses, size_t responses_count,
                                     const genai_content **response_turn);

/* Puts the history on a response (when append_history), copied into its arena. */
genai_result genai__afc_attach_history(const genai__afc *afc, genai_generate_content_response *response);

/* The content of a response's first candidate, or NULL. */
const genai_content *genai__first_content(const genai_generate_content_response *r);

#endif
