#include "route_stream_generate_content.h"

#include "cached_content_use.h"
#include "generate_request.h"
#include "models.h"
#include "route_files.h"
#include "stream_format.h"
#include "stream_reply.h"

void emu_route_stream_error(const emu_call *call, emu_response *out) {
  emu_stream_format_error(emu_stream_format_of(call->req), out);
}

static void respond_stream(const emu_call *call, const emu_gen_request *gr, emu_response *out) {
  emu_stream_format format = emu_stream_format_of(call->req);
  size_t cached;
  if (emu_cached_content_resolve(call, gr->root, &cached, out) != 0) return;
  json_t *events = emu_stream_reply_events(call, gr);
  if (emu_cached_content_add_usage(events, cached) != 0) {
    json_decref(events);
    events = NULL;
  }
  emu_stream *stream =
      events ? emu_stream_format_events(events, format, call->app->config->stream_delay_ms) : NULL;
  json_decref(events);
  if (!stream ||
      emu_response_set_stream(
          out, 200, format == EMU_STREAM_SSE ? EMU_SSE_CONTENT_TYPE : EMU_JSON_CONTENT_TYPE,
          stream) != 0)
    emu_response_internal_error(out);
}

/* The same checks, in the same order, as generateContent. */
void emu_route_stream_generate_content(const emu_call *call, emu_response *out) {
  emu_gen_request gr;
  if (emu_gen_request_decode(call, &gr, out) == 0) {
    if (!emu_model_is_generative(call->path->model))
      emu_respond_model_not_found(call, out);
    else if (emu_gen_request_check(call, &gr, out) == 0 && emu_files_check_uris(call, gr.contents, out) == 0)
      respond_stream(call, &gr, out);
    emu_gen_request_dispose(&gr);
  }
  emu_route_stream_error(call, out);
}
