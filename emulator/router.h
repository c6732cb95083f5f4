/* Maps API requests to route handlers. A route is one RPC on model paths
 * (see api_path.h) of one or both backends; adding a capability means adding
 * a route file and one line to the table in router.c. An RPC a backend does
 * not have (e.g. computeTokens on mldev) gets the HTML 404 like any unknown
 * path. */
#ifndef EMU_ROUTER_H
#define EMU_ROUTER_H

#include "api_path.h"
#include "app.h"
#include "request.h"
#include "response.h"

/* Everything a route handler may look at, all borrowed for the call. */
typedef struct emu_call {
  const emu_app *app;
  const emu_request *req;
  const emu_api_path *path;
} emu_call;

typedef void (*emu_route_fn)(const emu_call *call, emu_response *out);

/* Authenticates and serves an API request; unknown paths and methods get the
 * HTML 404 page. `path` is the parsed path, or NULL when it did not parse. */
void emu_router_handle(const emu_app *app, const emu_request *req, const emu_api_path *path,
                       emu_response *out);

#endif
