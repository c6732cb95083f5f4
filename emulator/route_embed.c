#include "route_embed.h"

#include <stdio.h>

#include "embedding.h"
#include "google_error.h"

void emu_route_embed_content(const emu_call *call, emu_response *out) {
  if (call->path->backend == EMU_BACKEND_MLDEV)
    emu_route_embed_content_mldev(call, out);
  else
    emu_route_embed_content_vertex(call, out);
}

void emu_respond_input_too_long(emu_response *out, size_t tokens) {
  char msg[200];
  snprintf(msg, sizeof msg,
           "Unable to submit request because the input token count is %zu but the model "
           "supports up to %d. Reduce the input token count and try again.",
           tokens, EMU_EMBED_MAX_TOKENS);
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", msg);
}
