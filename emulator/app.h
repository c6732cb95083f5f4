/* State shared by every request handler: configuration, request log,
 * script queue and resources. Handlers receive it read-only; the log, the
 * queue and the store lock themselves. */
#ifndef EMU_APP_H
#define EMU_APP_H

#include "cli.h"
#include "live_store.h"
#include "request_log.h"
#include "oauth.h"
#include "script.h"
#include "store.h"
#include "uploads.h"

typedef struct emu_app {
  const emu_config *config; /* borrowed; outlives the app */
  emu_request_log *log;
  emu_script *script;
  emu_store *store; /* files, caches, tuned models, jobs, operations */
  emu_oauth *oauth; /* the token endpoint and metadata server */
  emu_uploads *uploads; /* resumable upload sessions (route_files.c) */
  emu_live_store *live; /* Live API sessions saved for resumption (live.c) */
} emu_app;

/* NULL when out of memory. */
emu_app *emu_app_new(const emu_config *config);
void emu_app_free(emu_app *app);

#endif
