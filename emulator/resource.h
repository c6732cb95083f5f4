/* What every resource handler needs: store names, list pages and the
 * services' common errors. */
#ifndef EMU_RESOURCE_H
#define EMU_RESOURCE_H

#include <jansson.h>
#include <stddef.h>

#include "router.h"

/* The store name of a resource: "projects/{p}/locations/{l}/" + local on a
 * Vertex AI path with a project, else `local`. 0, or -1 when it does not fit. */
int emu_resource_name(const emu_call *call, const char *local, char *out, size_t size);

/* Answers a list request from the store: the direct members of `prefix`
 * (a store name ending in '/'), paged with the request's pageSize and
 * pageToken queries (default page size `default_size`), as
 * {"<key>": [...], "nextPageToken": "..."}; the key is left out on an empty
 * page, as the services do. `keep` filters (may be NULL). An unknown page
 * token is 400 INVALID_ARGUMENT. */
void emu_respond_page(const emu_call *call, emu_response *out, const char *prefix, const char *key,
                      int (*keep)(const json_t *value, void *data), void *data, long default_size);

/* The same for a list the handler built (a catalogue): tokens are "c<index>". */
void emu_respond_array_page(const emu_call *call, emu_response *out, json_t *items, const char *key,
                            long default_size);

/* 404 NOT_FOUND for a resource that does not exist (the services' wording). */
void emu_respond_resource_not_found(emu_response *out, const char *name);

/* The request's query parameter as a number: `fallback` when absent, -1 when not a number. */
long emu_query_long(const emu_request *req, const char *name, long fallback);

/* An RFC 3339 UTC timestamp with microseconds for `ms` since the epoch
 * (0: now), as the services write them. */
void emu_timestamp(long long ms, char out[32]);

/* Milliseconds since the epoch. */
long long emu_now_ms(void);

#endif
