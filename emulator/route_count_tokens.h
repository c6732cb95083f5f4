/* POST ...:countTokens on both backends.
 *   mldev   body {contents}            -> {totalTokens, systemInstructionsTokens,
 *                                          contentTokens, promptTokensDetails}
 *   vertex  body {contents, systemInstruction, tools, generationConfig}
 *                                      -> {totalTokens, totalBillableCharacters,
 *                                          promptTokensDetails}
 * Counts follow the token rule (tokens.h) over the text parts. */
#ifndef EMU_ROUTE_COUNT_TOKENS_H
#define EMU_ROUTE_COUNT_TOKENS_H

#include "router.h"

void emu_route_count_tokens(const emu_call *call, emu_response *out);

#endif
