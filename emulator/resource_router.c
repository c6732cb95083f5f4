#include "resource_router.h"

#include <stdio.h>
#include <string.h>

#include "field_check.h"
#include "route_batches.h"
#include "route_caches.h"
#include "route_files.h"
#include "route_models.h"
#include "route_tunings.h"
#include "route_veo.h"

static const emu_resource_route routes[] = {
    /* the model catalogue and tuned models (route_models.c) */
    {"GET", "models", EMU_ON_BOTH, emu_route_models_list},
    {"GET", "tunedModels", EMU_ON_MLDEV, emu_route_models_list},
    {"GET", "publishers/*/models", EMU_ON_VERTEX, emu_route_models_list},
    {"GET", "models/*", EMU_ON_BOTH, emu_route_models_get},
    {"GET", "tunedModels/*", EMU_ON_MLDEV, emu_route_models_get},
    {"GET", "publishers/*/models/*", EMU_ON_VERTEX, emu_route_models_get},
    {"PATCH", "models/*", EMU_ON_BOTH, emu_route_models_update},
    {"PATCH", "tunedModels/*", EMU_ON_MLDEV, emu_route_models_update},
    {"DELETE", "models/*", EMU_ON_BOTH, emu_route_models_delete},
    {"DELETE", "tunedModels/*", EMU_ON_MLDEV, emu_route_models_delete},
    /* cached contents (route_caches.c) */
    {"POST", "cachedContents", EMU_ON_BOTH, emu_route_caches_create},
    {"GET", "cachedContents", EMU_ON_BOTH, emu_route_caches_list},
    {"GET", "cachedContents/*", EMU_ON_BOTH, emu_route_caches_get},
    {"PATCH", "cachedContents/*", EMU_ON_BOTH, emu_route_caches_update},
    {"DELETE", "cachedContents/*", EMU_ON_BOTH, emu_route_caches_delete},
    /* files and the resumable upload protocol (route_files.c) */
    {"POST", "files", EMU_ON_MLDEV, emu_route_files_upload},
    {"GET", "files", EMU_ON_MLDEV, emu_route_files_list},
    {"GET", "files/*", EMU_ON_MLDEV, emu_route_files_get},
    {"DELETE", "files/*", EMU_ON_MLDEV, emu_route_files_delete},
    /* video generation operations and generated files (route_veo.c) */
    {"GET", "models/*/operations/*", EMU_ON_MLDEV, emu_route_operation_get},
    {"GET", "files/*:download", EMU_ON_MLDEV, emu_route_file_download},
    /* batch jobs (route_batches.c) */
    {"GET", "batches", EMU_ON_MLDEV, emu_route_batches_list},
    {"GET", "batches/*", EMU_ON_MLDEV, emu_route_batches_get},
    {"DELETE", "batches/*", EMU_ON_MLDEV, emu_route_batches_delete},
    {"POST", "batches/*:cancel", EMU_ON_MLDEV, emu_route_batches_cancel},
    {"POST", "batchPredictionJobs", EMU_ON_VERTEX, emu_route_batch_prediction_create},
    {"GET", "batchPredictionJobs", EMU_ON_VERTEX, emu_route_batches_list},
    {"GET", "batchPredictionJobs/*", EMU_ON_VERTEX, emu_route_batches_get},
    {"DELETE", "batchPredictionJobs/*", EMU_ON_VERTEX, emu_route_batches_delete},
    {"POST", "batchPredictionJobs/*:cancel", EMU_ON_VERTEX, emu_route_batches_cancel},
    /* tuning (route_tunings.c) */
    {"POST", "tunedModels", EMU_ON_MLDEV, emu_route_tuned_models_create},
    {"GET", "tunedModels/*/operations/*", EMU_ON_MLDEV, emu_route_tuning_operation_get},
    {"POST", "tuningJobs", EMU_ON_VERTEX, emu_route_tuning_jobs_create},
    {"GET", "tuningJobs", EMU_ON_VERTEX, emu_route_tuning_jobs_list},
    {"GET", "tuningJobs/*", EMU_ON_VERTEX, emu_route_tuning_jobs_get},
    {"POST", "tuningJobs/*:cancel", EMU_ON_VERTEX, emu_route_tuning_jobs_cancel},
    {"POST", "endpoints/*:generateContent", EMU_ON_VERTEX, emu_route_endpoint_generate_content},
};

int emu_resource_pattern_match(const char *pattern, const char *text) {
  while (*pattern) {
    if (*pattern == '*') {
      size_t n = strcspn(text, "/:");
      if (n == 0) return 0;
      text += n;
      pattern++;
      continue;
    }
    if (*pattern != *text) return 0;
    pattern++;
    text++;
  }
  return *text == '\0';
}

const emu_resource_route *emu_resource_route_find(const char *method, const emu_api_path *path) {
  char target[sizeof path->resource + sizeof path->rpc + 1];
  snprintf(target, sizeof target, "%s%s%s", emu_api_path_local(path), path->rpc[0] ? ":" : "", path->rpc);
  unsigned bit = path->backend == EMU_BACKEND_MLDEV ? EMU_ON_MLDEV : EMU_ON_VERTEX;
  for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
    if ((routes[i].backends & bit) && strcmp(routes[i].method, method) == 0 &&
        emu_resource_pattern_match(routes[i].pattern, target))
      return &routes[i];
  return NULL;
}
