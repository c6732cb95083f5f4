/* Deterministic embeddings: what the emulator embeds and the vector it
 * returns. The rules are documented in docs/emulator.md ("Embeddings").
 *
 *   input   the text parts of the content joined with single spaces (Vertex
 *           :predict: the instance's "content" string), cut after its
 *           EMU_EMBED_MAX_TOKENS-th token when longer (token rule, tokens.h)
 *   vector  x_i = 2 * u_i - 1 for i < dims, u_i = (splitmix64_i >> 11) / 2^53
 *           with splitmix64 seeded by FNV-1a-64 of the input's bytes; then
 *           divided by its Euclidean norm and rounded to float32. So the
 *           same text always gives the same unit vector, and a smaller
 *           dimension gives the (re-normalised) prefix of a larger one. */
#ifndef EMU_EMBEDDING_H
#define EMU_EMBEDDING_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

#define EMU_EMBED_DEFAULT_DIM 768
#define EMU_EMBED_MAX_DIM 3072
#define EMU_EMBED_MAX_TOKENS 2048

typedef struct emu_embed_input {
  emu_buf text;    /* the text that is embedded (after the cut) */
  size_t tokens;   /* its tokens */
  int truncated;   /* the input had more than EMU_EMBED_MAX_TOKENS tokens */
  size_t original; /* tokens before the cut */
} emu_embed_input;

/* Fills *in from a Content's text parts. 0 or -1 (out of memory). */
int emu_embed_input_content(emu_embed_input *in, const json_t *content);

/* Fills *in from a string. 0 or -1 (out of memory). */
int emu_embed_input_text(emu_embed_input *in, const char *text, size_t len);

void emu_embed_input_dispose(emu_embed_input *in);

/* The JSON array of `dims` values (1..EMU_EMBED_MAX_DIM) for `in`. NULL
 * when out of memory. */
json_t *emu_embed_values(const emu_embed_input *in, unsigned dims);

#endif
