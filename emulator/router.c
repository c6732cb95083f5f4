#include "router.h"

#include <string.h>

#include "auth.h"
#include "google_error.h"
#include "route_generate_content.h"

typedef struct route {
  const char *method; /* HTTP method */
  const char *rpc;    /* the part after ':' in the last path segment */
  emu_route_fn handler;
} route;

static const route routes[] = {
    {"POST", "generateContent", emu_route_generate_content},
};

static const route *find_route(const char *method, const emu_api_path *path) {
  for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
    if (strcmp(routes[i].method, method) == 0 && strcmp(routes[i].rpc, path->rpc) == 0)
      return &routes[i];
  return NULL;
}

void emu_router_handle(const emu_app *app, const emu_request *req, const emu_api_path *path,
                       emu_response *out) {
  const route *r = path ? find_route(req->method, path) : NULL;
  if (!r) {
    emu_respond_html_not_found(out, req->path);
    return;
  }
  emu_call call = {app, req, path};
  if (!emu_auth_check(&call, out)) return;
  r->handler(&call, out);
}
