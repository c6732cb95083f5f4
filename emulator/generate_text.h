/* The candidates of a deterministic GenerateContentResponse: the rules of
 * docs/emulator.md ("The reply text", "Function calling", "Structured
 * output"), shared by generateContent and streamGenerateContent. */
#ifndef EMU_GENERATE_TEXT_H
#define EMU_GENERATE_TEXT_H

#include <stddef.h>

#include <jansson.h>

#include "generate_request.h"

typedef struct emu_gen_candidate {
  char *text; /* NUL-terminated, owned; "" for a function-call answer */
  size_t len;
  json_t *parts;             /* a function-call answer: its parts (owned); NULL for text */
  const char *finish_reason; /* "STOP" or "MAX_TOKENS" (static) */
} emu_gen_candidate;

typedef struct emu_gen_texts {
  emu_gen_candidate *cands; /* gr->candidate_count of them, owned */
  int count;
  size_t prompt_tokens;    /* tokens of all contents and the system instruction */
  size_t generated_tokens; /* tokens of all candidate texts or calls */
} emu_gen_texts;

/* Computes the candidate texts of a decoded and checked request. 0, or -1
 * when out of memory (then *out holds nothing). */
int emu_gen_texts_compute(const emu_call *call, const emu_gen_request *gr, emu_gen_texts *out);

void emu_gen_texts_dispose(emu_gen_texts *t);

#endif
