/* Routes for resources (files, cachedContents, tunedModels, batches, jobs,
 * operations, the model catalogue): a method, a backend set and a pattern
 * matched against the resource name without the Vertex AI project and
 * location, followed by ":rpc" when the path has one. A '*' in a pattern
 * matches one non-empty path segment (no '/' and no ':'), so that
 * "cachedContents" names the collection (create, list), "cachedContents/" +
 * '*' one member (get, update, delete), and "files/" + '*' + ":download" a
 * member's rpc. */
#ifndef EMU_RESOURCE_ROUTER_H
#define EMU_RESOURCE_ROUTER_H

#include "router.h"

typedef struct emu_resource_route {
  const char *method;
  const char *pattern;
  unsigned backends; /* EMU_ON_MLDEV | EMU_ON_VERTEX */
  emu_route_fn handler;
} emu_resource_route;

/* The route for the request, or NULL. */
const emu_resource_route *emu_resource_route_find(const char *method, const emu_api_path *path);

/* Whether `pattern` matches `text` (exposed for tests). */
int emu_resource_pattern_match(const char *pattern, const char *text);

#endif
