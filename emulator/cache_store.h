/* Cached contents in the store: their names, expiry and the services'
 * not-found answers, shared by the cachedContents routes and by the
 * generate routes that use a cache.
 *
 * A cached content is stored as the CachedContent the service returns
 * (never its contents) under "cachedContents/{id}", or on Vertex AI
 * "projects/{p}/locations/{l}/cachedContents/{id}". One past its
 * expireTime is removed the first time it is looked up, and never listed. */
#ifndef EMU_CACHE_STORE_H
#define EMU_CACHE_STORE_H

#include <jansson.h>
#include <stddef.h>

#include "router.h"

/* The store name for `name` as the request gave it ("cachedContents/x" or a
 * full Vertex AI name). 0, or -1 when it does not fit. */
int emu_cache_store_name(const emu_call *call, const char *name, char *out, size_t size);

/* A copy of the live cached content stored as `store_name`, or NULL when
 * there is none or it has expired (then it is removed). */
json_t *emu_cache_lookup(const emu_call *call, const char *store_name);

/* Whether a stored cached content is still live and belongs to the
 * backend (`backend` points to an emu_backend), for list filters. mldev and
 * Vertex AI express mode share store names; the model's form ("models/..."
 * on mldev) tells them apart. */
int emu_cache_live(const json_t *cache, void *backend);

/* The backend's answer for a cache that does not exist: 403
 * PERMISSION_DENIED "CachedContent not found (or permission denied)" on the
 * Gemini API, 404 NOT_FOUND on Vertex AI. */
void emu_respond_cache_not_found(const emu_call *call, emu_response *out);

/* Parses an RFC 3339 timestamp ("2024-07-11T18:07:47.635193373Z", or with
 * a "+hh:mm" offset) into milliseconds since the epoch. 0 or -1. */
int emu_cache_parse_timestamp(const char *s, long long *ms);

/* Parses a protobuf Duration in JSON form ("3600s", "1.5s") into
 * milliseconds. 0 or -1. */
int emu_cache_parse_duration(const char *s, long long *ms);

#endif
