/* POST ...:computeTokens (Vertex AI only): the tokens of each content by the
 * emulator's token rule (tokens.h).
 *
 *   body {contents}  ->  {"tokensInfo": [{"tokens": [...], "tokenIds": [...],
 *                                         "role": "..."}, ...]}
 *
 * One tokensInfo per content, in order. A token's bytes are the token plus
 * the whitespace right before it within its part (so joining a part's tokens
 * gives back the part's text without trailing whitespace), base64-encoded.
 * Its id is FNV-1a-32 of those bytes modulo 256000, as a decimal string
 * (int64 in proto3 JSON). */
#ifndef EMU_ROUTE_COMPUTE_TOKENS_H
#define EMU_ROUTE_COMPUTE_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "router.h"

#define EMU_TOKEN_ID_SPACE 256000u

/* The id of a token whose bytes are s[0..len). */
uint32_t emu_token_id(const char *s, size_t len);

void emu_route_compute_tokens(const emu_call *call, emu_response *out);

#endif
