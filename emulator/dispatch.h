/* Top-level request handling: control plane, else log the request, then a
 * scripted reply if one matches, else the normal API routes. */
#ifndef EMU_DISPATCH_H
#define EMU_DISPATCH_H

#include "app.h"
#include "request.h"
#include "response.h"

void emu_dispatch(const emu_app *app, const emu_request *req, emu_response *out);

#endif
