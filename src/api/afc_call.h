/* Automatic function calling around unary generate_content calls, as the
 * hooks of an operation: when an answer asks for the tools' functions, they
 * run and the next request carries their results, until the model answers
 * or the calls allowed are spent. Owns copies of the model and config, so
 * that it also serves operations that outlive the call that started them. */
#ifndef GENAI_API_AFC_CALL_H
#define GENAI_API_AFC_CALL_H

#include <genai/types.h>

#include "api/afc.h"
#include "api/op.h"

typedef struct genai__afc_call genai__afc_call;

/* *out is NULL when automatic function calling does not run for config. */
genai_result genai__afc_call_new(const char *model, const genai_contents *contents,
                                 const genai_generate_content_config *config, const char *usage,
                                 genai__afc_call **out);
const char *genai__afc_call_usage(const genai__afc_call *c);
/* The conversation so far (the contents, then each round's turns). */
const genai__afc *genai__afc_call_state(const genai__afc_call *c);
/* The op hook: runs the functions an answer asks for, or lets it end the op. */
genai_result genai__afc_call_on_value(genai__afc_call *c, void **value, const void **next_params,
                                      genai__call_options *next_opts);
void genai__afc_call_free(genai__afc_call *c);

/* Hooks for an operation with no other observer. Takes c. */
genai__op_hooks genai__afc_call_hooks(genai__afc_call *c);

#endif
