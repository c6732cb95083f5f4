/* Deterministic responseId values: the same request body always gets the
 * same id, so recorded expectations stay stable across runs. */
#ifndef EMU_RESPONSE_ID_H
#define EMU_RESPONSE_ID_H

#include <stddef.h>

#define EMU_RESPONSE_ID_LEN 22

/* Writes a 22-character URL-safe base64 id (plus NUL) derived from two
 * FNV-1a-64 hashes of the body into out[EMU_RESPONSE_ID_LEN + 1]. */
void emu_response_id(const char *body, size_t len, char out[EMU_RESPONSE_ID_LEN + 1]);

#endif
