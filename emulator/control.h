/* The control plane under /_emulator/: health, request log, script queue,
 * reset. It needs no credentials and its requests are not logged. */
#ifndef EMU_CONTROL_H
#define EMU_CONTROL_H

#include "app.h"
#include "request.h"
#include "response.h"

/* True when `path` (decoded) belongs to the control plane. */
int emu_control_owns(const char *path);

void emu_control_handle(const emu_app *app, const emu_request *req, emu_response *out);

#endif
