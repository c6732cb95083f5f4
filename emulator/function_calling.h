/* Deterministic function calling: which kind of answer a generateContent
 * request gets (text, a summary of function responses, or function calls)
 * and the calls themselves. The rules are documented in docs/emulator.md
 * ("Function calling"); keep the two in step. */
#ifndef EMU_FUNCTION_CALLING_H
#define EMU_FUNCTION_CALLING_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"
#include "generate_request.h"

/* toolConfig.functionCallingConfig.mode; MODE_UNSPECIFIED (or no mode) and
 * VALIDATED behave as AUTO. */
typedef enum emu_fc_mode { EMU_FC_AUTO, EMU_FC_ANY, EMU_FC_NONE } emu_fc_mode;

emu_fc_mode emu_fc_mode_of(const json_t *tool_config);

/* Walks every functionDeclarations entry of every tools entry, in order:
 *   emu_fc_iter it = {tools}; const json_t *d;
 *   while ((d = emu_fc_next(&it))) ... it.tool, it.decl are d's indexes */
typedef struct emu_fc_iter {
  const json_t *tools;
  size_t tool, decl; /* indexes of the entry last returned */
  size_t next_tool, next_decl;
} emu_fc_iter;

const json_t *emu_fc_next(emu_fc_iter *it);

/* True when the request declares at least one function. */
int emu_fc_has_declarations(const json_t *tools);

typedef enum emu_turn_kind {
  EMU_TURN_TEXT,    /* the normal reply text (echo) */
  EMU_TURN_RESULTS, /* text built from the last turn's function responses */
  EMU_TURN_CALLS    /* function calls */
} emu_turn_kind;

typedef struct emu_turn {
  emu_turn_kind kind;
  emu_buf results; /* EMU_TURN_RESULTS: "NAME returned {...}; NAME returned {...}" */
  json_t *calls;   /* EMU_TURN_CALLS: array of {"name": ..., "args": {...}} (owned) */
} emu_turn;

/* Decides the answer for a decoded and checked request. 0, or -1 when out
 * of memory (then *out holds nothing). */
int emu_turn_decide(const emu_gen_request *gr, emu_turn *out);

void emu_turn_dispose(emu_turn *t);

/* One candidate's parts for a function-call answer:
 * [{"functionCall": {"name": ..., "args": {...}[, "id": ...]}}, ...]. With
 * `with_ids`, part p of candidate `cand` gets the id
 * "function-call-" + decimal(mix(FNV-1a-64("RESPONSE_ID/cand/p")) >> 1),
 * where mix is splitmix64's finalizer.
 * NULL when out of memory. */
json_t *emu_turn_call_parts(const json_t *calls, const char *response_id, int cand, int with_ids);

/* Tokens of a function-call answer: per call, those of its name and of its
 * args written compactly ({"location":"Boston"}). */
size_t emu_turn_call_tokens(const json_t *calls);

/* Whether function calls carry ids on this path: the Gemini Developer API
 * with Gemini 3 and later models. */
int emu_fc_with_ids(const emu_api_path *path);

#endif
