#include "route_generate_content.h"

#include "generate_reply.h"
#include "generate_request.h"
#include "models.h"
#include "route_tunings.h"

/* Checks run in the service's order: the JSON transcoder (syntax, unknown
 * fields, types), then model lookup, then the model's request validation. */
void emu_route_generate_content(const emu_call *call, emu_response *out) {
  emu_api_path base;
  emu_call as_base = {call->app, call->req, &base};
  if (emu_tuned_model_base(call, &base)) call = &as_base; /* a tuned model answers as its base model */
  emu_gen_request gr;
  if (emu_gen_request_decode(call, &gr, out) != 0) return;
  if (!emu_model_is_generative(call->path->model))
    emu_respond_model_not_found(call, out);
  else if (emu_gen_request_check(call, &gr, out) == 0)
    emu_response_take_json(out, 200, emu_gen_reply(call, &gr));
  emu_gen_request_dispose(&gr);
}
