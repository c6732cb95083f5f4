#include "dispatch.h"

#include "api_path.h"
#include "control.h"
#include "note.h"
#include "router.h"

/* A scripted upload cut: the route sees only the first bytes of the body,
 * as if the connection broke there, and the client gets no answer. */
static void serve_cut(const emu_app *app, const emu_request *req, const emu_api_path *path, emu_response *out) {
  emu_request cut = *req;
  if (cut.body.len > out->upload_cut) cut.body.len = out->upload_cut;
  emu_response_dispose(out);
  emu_response_init(out);
  emu_router_handle(app, &cut, path, out);
  out->drop = EMU_DROP_BEFORE_HEADERS;
}

void emu_dispatch(const emu_app *app, const emu_request *req, emu_response *out) {
  if (emu_control_owns(req->decoded_path)) {
    emu_control_handle(app, req, out);
    return;
  }
  if (emu_oauth_owns(req->decoded_path)) {
    if (emu_request_log_append(app->log, req, NULL) != 0)
      emu_warn("out of memory: %s %s missing from the request log", req->method, req->path);
    emu_oauth_handle(app->oauth, req, out);
    return;
  }
  emu_api_path path;
  int parsed = emu_api_path_parse(req->decoded_path, &path) == 0;
  if (emu_request_log_append(app->log, req, parsed ? emu_backend_name(path.backend) : NULL) != 0)
    emu_warn("out of memory: %s %s missing from the request log", req->method, req->path);
  int scripted = emu_script_take(app->script, req->path, emu_request_header(req, "x-goog-upload-command"), out);
  if (scripted > 0 && out->upload_cut_set) {
    serve_cut(app, req, parsed ? &path : NULL, out);
    return;
  }
  if (scripted > 0) return;
  if (scripted < 0) {
    emu_response_internal_error(out);
    return;
  }
  emu_router_handle(app, req, parsed ? &path : NULL, out);
}
