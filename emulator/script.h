/* The queue of scripted responses (POST /_emulator/script), shared by all
 * connection threads. A scripted response replaces the normal handling of the
 * next API request it matches. */
#ifndef EMU_SCRIPT_H
#define EMU_SCRIPT_H

#include <jansson.h>

#include "response.h"

typedef struct emu_script emu_script;

emu_script *emu_script_new(void);
void emu_script_free(emu_script *s);

/* Validates a {"responses":[...]} document and appends its entries, all or
 * nothing. On a validation error returns -1 and sets *out_error to a message
 * naming the bad field (caller frees); returns -2 when out of memory. */
int emu_script_append(emu_script *s, const json_t *doc, char **out_error);

/* If an entry matches `path` (and, when it asks, the request's
 * X-Goog-Upload-Command value `upload_command`, NULL when absent), consumes
 * one use of it, fills *out with the response to send and returns 1. Returns 0 when nothing matches, -1 when out
 * of memory (the entry is then not consumed). */
int emu_script_take(emu_script *s, const char *path, const char *upload_command, emu_response *out);

/* The remaining queue as {"responses":[...]}, each entry as submitted but with
 * "repeat" set to its remaining uses. Caller json_decref()s; NULL on OOM. */
json_t *emu_script_snapshot(emu_script *s);

/* Number of entries still queued. */
size_t emu_script_size(emu_script *s);

void emu_script_clear(emu_script *s);

#endif
