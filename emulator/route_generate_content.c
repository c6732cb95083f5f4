#include "route_generate_content.h"

#include "cached_content_use.h"
#include "generate_reply.h"
#include "generate_request.h"
#include "models.h"
#include "route_tunings.h"

#include "route_files.h"

static void respond(const emu_call *call, const emu_gen_request *gr, emu_response *out) {
  size_t cached;
  if (emu_cached_content_resolve(call, gr->root, &cached, out) != 0) return;
  json_t *reply = emu_gen_reply(call, gr);
  if (emu_cached_content_add_usage(reply, cached) != 0) {
    json_decref(reply);
    reply = NULL;
  }
  emu_response_take_json(out, 200, reply);
}

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
  else if (emu_gen_request_check(call, &gr, out) == 0 && emu_files_check_uris(call, gr.contents, out) == 0)
    respond(call, &gr, out);
  emu_gen_request_dispose(&gr);
}
