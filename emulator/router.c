#include "router.h"

#include <string.h>

#include "auth.h"
#include "field_check.h"
#include "google_error.h"
#include "resource_router.h"
#include "route_batches.h"
#include "route_compute_tokens.h"
#include "route_count_tokens.h"
#include "route_embed.h"
#include "route_generate_content.h"
#include "route_imagen.h"
#include "route_stream_generate_content.h"
#include "route_veo.h"

typedef struct route {
  const char *method; /* HTTP method */
  const char *rpc;    /* the part after ':' in the last path segment */
  unsigned backends;  /* EMU_ON_MLDEV | EMU_ON_VERTEX */
  emu_route_fn handler;
  /* Optional: rewrites an error answered before the handler runs (the
   * credential check), for methods whose errors look different. */
  emu_route_fn on_error;
} route;

static const route routes[] = {
    {"POST", "generateContent", EMU_ON_BOTH, emu_route_generate_content, NULL},
    {"POST", "streamGenerateContent", EMU_ON_BOTH, emu_route_stream_generate_content,
     emu_route_stream_error},
    {"POST", "countTokens", EMU_ON_BOTH, emu_route_count_tokens, NULL},
    {"POST", "computeTokens", EMU_ON_VERTEX, emu_route_compute_tokens, NULL},
    {"POST", "batchEmbedContents", EMU_ON_MLDEV, emu_route_batch_embed_contents, NULL},
    {"POST", "embedContent", EMU_ON_BOTH, emu_route_embed_content, NULL},
    {"POST", "predict", EMU_ON_VERTEX, emu_route_predict, NULL},
    {"POST", "predict", EMU_ON_MLDEV, emu_route_mldev_predict, NULL},
    {"POST", "predictLongRunning", EMU_ON_BOTH, emu_route_predict_long_running, NULL},
    {"POST", "fetchPredictOperation", EMU_ON_VERTEX, emu_route_fetch_predict_operation, NULL},
    {"POST", "batchGenerateContent", EMU_ON_MLDEV, emu_route_batch_generate_content, NULL},
    {"POST", "asyncBatchEmbedContent", EMU_ON_MLDEV, emu_route_async_batch_embed_content, NULL},
};

static const route *find_route(const char *method, const emu_api_path *path) {
  unsigned bit = path->backend == EMU_BACKEND_MLDEV ? EMU_ON_MLDEV : EMU_ON_VERTEX;
  for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
    if ((routes[i].backends & bit) && strcmp(routes[i].method, method) == 0 &&
        strcmp(routes[i].rpc, path->rpc) == 0)
      return &routes[i];
  return NULL;
}

void emu_router_handle(const emu_app *app, const emu_request *req, const emu_api_path *path,
                       emu_response *out) {
  const route *r = path && path->is_model_method ? find_route(req->method, path) : NULL;
  const emu_resource_route *rr = path && !r ? emu_resource_route_find(req->method, path) : NULL;
  if (!r && !rr) {
    emu_respond_html_not_found(out, req->path);
    return;
  }
  emu_call call = {app, req, path};
  if (!emu_auth_check(&call, out)) {
    if (r && r->on_error) r->on_error(&call, out);
    return;
  }
  if (r)
    r->handler(&call, out);
  else
    rr->handler(&call, out);
}
