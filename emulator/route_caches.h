/* cachedContents on both backends (caches.create, get, update, delete,
 * list), with real lifecycles: a cache lives until its expireTime (its ttl,
 * one hour by default), update moves that time, and an expired cache is
 * gone. See cache_store.h for names and not-found answers, and
 * docs/emulator.md ("Cached contents") for every rule. */
#ifndef EMU_ROUTE_CACHES_H
#define EMU_ROUTE_CACHES_H

#include "router.h"

void emu_route_caches_create(const emu_call *call, emu_response *out);
void emu_route_caches_list(const emu_call *call, emu_response *out);
void emu_route_caches_get(const emu_call *call, emu_response *out);
void emu_route_caches_update(const emu_call *call, emu_response *out);
void emu_route_caches_delete(const emu_call *call, emu_response *out);

#endif
