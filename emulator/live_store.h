/* Live API session resumption: the conversation of a session saved under a
 * handle (sessionResumptionUpdate.newHandle), so that a new connection whose
 * setup names the handle carries on from there. Shared by all connection
 * threads; locks itself. */
#ifndef EMU_LIVE_STORE_H
#define EMU_LIVE_STORE_H

#include <jansson.h>

typedef struct emu_live_store emu_live_store;

emu_live_store *emu_live_store_new(void);
void emu_live_store_free(emu_live_store *s);
void emu_live_store_clear(emu_live_store *s);

/* Saves a copy of `history` (a JSON array of Content) under a new handle,
 * which it returns (caller frees); NULL when out of memory. The oldest
 * handles are forgotten beyond EMU_LIVE_STORE_MAX. */
char *emu_live_store_save(emu_live_store *s, const json_t *history);

/* A copy of the history saved under `handle` (caller json_decref()s), or
 * NULL when the handle is unknown (or out of memory). */
json_t *emu_live_store_load(emu_live_store *s, const char *handle);

#define EMU_LIVE_STORE_MAX 1024

#endif
