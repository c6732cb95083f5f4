/* Which model ids the emulator serves, and the service's 404 for the rest.
 * Rule: a model id is known when it starts with "gemini-" or "gemma-". */
#ifndef EMU_MODELS_H
#define EMU_MODELS_H

#include "router.h"

int emu_model_known(const char *model_id);

/* The backend's NOT_FOUND error for the model in call->path. */
void emu_respond_model_not_found(const emu_call *call, emu_response *out);

#endif
