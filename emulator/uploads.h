/* Resumable upload sessions of the Gemini API's upload endpoint: what was
 * announced at the start, how many bytes arrived and their running SHA-256.
 * The bytes themselves are never kept. Every function locks. */
#ifndef EMU_UPLOADS_H
#define EMU_UPLOADS_H

#include <jansson.h>
#include <stddef.h>

typedef struct emu_uploads emu_uploads;

emu_uploads *emu_uploads_new(void);
void emu_uploads_free(emu_uploads *u);
/* Forgets every session (POST /_emulator/reset). */
void emu_uploads_clear(emu_uploads *u);

/* A new session for `size` bytes; `file` (borrowed, copied) is the File
 * resource to create when it completes. Writes the session id (12 chars).
 * 0, or -1 when out of memory. */
int emu_uploads_start(emu_uploads *u, unsigned long long size, const json_t *file, char id[13]);

typedef enum emu_upload_state { EMU_UPLOAD_NONE, EMU_UPLOAD_ACTIVE, EMU_UPLOAD_FINAL } emu_upload_state;

typedef struct emu_upload_view {
  emu_upload_state state;
  unsigned long long size, received;
  json_t *file; /* the caller's own copy of the File (final sessions) or its draft; NULL: out of memory */
} emu_upload_view;

/* The session's state now; NONE when there is no such session. */
emu_upload_view emu_uploads_get(emu_uploads *u, const char *id);

/* Appends bytes at `offset` (which must equal what was received). Returns
 * 0; 1 when the offset is wrong or the session is not active (nothing
 * appended); -1 when out of memory. *view describes the session after. */
int emu_uploads_append(emu_uploads *u, const char *id, unsigned long long offset, const char *data, size_t len,
                       emu_upload_view *view);

/* Completes an active session whose bytes all arrived: the File gets its
 * sha256Hash (base64 of the lower-case hex digest, as the service writes
 * it) and the session turns final. 0; 1 when the session is missing, not
 * active or incomplete; -1 when out of memory. *view as above. */
int emu_uploads_finalize(emu_uploads *u, const char *id, emu_upload_view *view);

#endif
