/* The deterministic generateContent reply. The rules are documented in
 * docs/emulator.md ("Deterministic replies"); keep the two in step. */
#ifndef EMU_GENERATE_REPLY_H
#define EMU_GENERATE_REPLY_H

#include <jansson.h>

#include "generate_request.h"

/* The GenerateContentResponse for a decoded and checked request, laid out the
 * way call->path->backend lays it out. NULL when out of memory. */
json_t *emu_gen_reply(const emu_call *call, const emu_gen_request *gr);

#endif
