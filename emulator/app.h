/* State shared by every request handler: configuration, request log and
 * script queue. Handlers receive it read-only; the log and the queue lock
 * themselves. */
#ifndef EMU_APP_H
#define EMU_APP_H

#include "cli.h"
#include "request_log.h"
#include "script.h"

typedef struct emu_app {
  const emu_config *config; /* borrowed; outlives the app */
  emu_request_log *log;
  emu_script *script;
} emu_app;

/* NULL when out of memory. */
emu_app *emu_app_new(const emu_config *config);
void emu_app_free(emu_app *app);

#endif
