#include "app.h"

#include <stdlib.h>

emu_app *emu_app_new(const emu_config *config) {
  emu_app *app = calloc(1, sizeof *app);
  if (!app) return NULL;
  app->config = config;
  app->log = emu_request_log_new();
  app->script = emu_script_new();
  app->store = emu_store_new();
  app->oauth = emu_oauth_new();
  app->uploads = emu_uploads_new();
  app->live = emu_live_store_new();
  if (!app->log || !app->script || !app->store || !app->oauth || !app->uploads || !app->live) {
    emu_app_free(app);
    return NULL;
  }
  return app;
}

void emu_app_free(emu_app *app) {
  if (!app) return;
  emu_request_log_free(app->log);
  emu_script_free(app->script);
  emu_store_free(app->store);
  emu_oauth_free(app->oauth);
  emu_uploads_free(app->uploads);
  emu_live_store_free(app->live);
  free(app);
}
