/* Reading and validating a GenerateContentRequest body (generateContent and
 * streamGenerateContent). */
#ifndef EMU_GENERATE_REQUEST_H
#define EMU_GENERATE_REQUEST_H

#include <jansson.h>

#include "router.h"

typedef struct emu_gen_request {
  json_t *root;                     /* the parsed body (owned) */
  const json_t *contents;           /* list of Content (see emu_json_list_*), or NULL */
  const json_t *system_instruction; /* Content object, or NULL */
  const json_t *generation_config;  /* object, or NULL */
  const json_t *tools;              /* list of Tool (see emu_json_list_*), or NULL */
  const json_t *tool_config;        /* object, or NULL */
  /* Filled by emu_gen_request_check: */
  int candidate_count;          /* 1..8 */
  long long max_output_tokens;  /* 0 = no limit */
  const json_t *stop_sequences; /* list of strings, or NULL */
} emu_gen_request;

/* Parses the body and checks its shape (JSON syntax, unknown field names,
 * value types) like the service's JSON transcoder does before the model is
 * looked up. Returns 0, or -1 with the error response in `out` (then *gr
 * holds nothing). */
int emu_gen_request_decode(const emu_call *call, emu_gen_request *gr, emu_response *out);

/* The model's own validation: contents present, roles, parts non-empty,
 * candidateCount and maxOutputTokens ranges, function names, response mime
 * type and schemas, the order of function call and response turns, and
 * function calling combined with JSON output (which depends on the model
 * in call->path). Returns 0 or -1 with the error response in `out`. */
int emu_gen_request_check(const emu_call *call, emu_gen_request *gr, emu_response *out);

void emu_gen_request_dispose(emu_gen_request *gr);

#endif
