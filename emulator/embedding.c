#include "embedding.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content_text.h"
#include "hash.h"
#include "tokens.h"

static void cut(emu_embed_input *in) {
  in->original = emu_token_count(in->text.data ? in->text.data : "", in->text.len);
  in->tokens = in->original;
  if (in->original > EMU_EMBED_MAX_TOKENS) {
    in->text.len = emu_token_prefix(in->text.data, in->text.len, EMU_EMBED_MAX_TOKENS);
    in->text.data[in->text.len] = '\0';
    in->tokens = EMU_EMBED_MAX_TOKENS;
    in->truncated = 1;
  }
}

int emu_embed_input_content(emu_embed_input *in, const json_t *content) {
  memset(in, 0, sizeof *in);
  if (emu_content_join_text(content, &in->text) < 0) {
    emu_buf_dispose(&in->text);
    return -1;
  }
  cut(in);
  return 0;
}

int emu_embed_input_text(emu_embed_input *in, const char *text, size_t len) {
  memset(in, 0, sizeof *in);
  if (emu_buf_append(&in->text, text, len) != 0) return -1;
  cut(in);
  return 0;
}

void emu_embed_input_dispose(emu_embed_input *in) {
  emu_buf_dispose(&in->text);
  memset(in, 0, sizeof *in);
}

static uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

json_t *emu_embed_values(const emu_embed_input *in, unsigned dims) {
  if (dims == 0 || dims > EMU_EMBED_MAX_DIM) return NULL;
  double *x = malloc(dims * sizeof *x);
  json_t *values = json_array();
  if (!x || !values) {
    free(x);
    json_decref(values);
    return NULL;
  }
  uint64_t state = emu_fnv1a64(in->text.data ? in->text.data : "", in->text.len, EMU_FNV64_BASIS);
  double sum = 0;
  for (unsigned i = 0; i < dims; i++) {
    double u = (double)(splitmix64(&state) >> 11) * 0x1.0p-53;
    x[i] = 2 * u - 1;
    sum += x[i] * x[i];
  }
  double norm = sqrt(sum);
  for (unsigned i = 0; values && i < dims; i++) {
    double v = norm > 0 ? (double)(float)(x[i] / norm) : 0.0;
    if (json_array_append_new(values, json_real(v)) != 0) {
      json_decref(values);
      values = NULL;
    }
  }
  free(x);
  return values;
}
