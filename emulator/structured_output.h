/* Structured output: generationConfig.responseMimeType application/json
 * (with responseSchema, responseJsonSchema or no schema) and text/x.enum.
 * The rules are documented in docs/emulator.md ("Structured output"); keep
 * the two in step. */
#ifndef EMU_STRUCTURED_OUTPUT_H
#define EMU_STRUCTURED_OUTPUT_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

typedef enum emu_output_kind {
  EMU_OUTPUT_TEXT, /* no mime type, text/plain and the other text types */
  EMU_OUTPUT_JSON, /* application/json */
  EMU_OUTPUT_ENUM  /* text/x.enum */
} emu_output_kind;

emu_output_kind emu_output_kind_of(const json_t *generation_config);

/* Appends the model's "* GenerateContentRequest.generation_config...\n"
 * lines: an unsupported mime type, both schema fields set, text/x.enum
 * without a STRING enum schema. 0, or -1 when out of memory. */
int emu_output_problems(const json_t *generation_config, emu_buf *msg);

/* Appends the text of a JSON or enum answer. `prompt` is the prompt text
 * (enum choice), `text` the text answer the request would get as plain text
 * (used without a schema). 0, or -1 when out of memory. */
int emu_output_text(const json_t *generation_config, const char *prompt, size_t prompt_len,
                    const char *text, size_t text_len, emu_buf *out);

#endif
