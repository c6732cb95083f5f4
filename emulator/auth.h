/* Credential checks, answered with the same statuses and messages as the
 * real services:
 *   mldev   x-goog-api-key header (or ?key=): missing -> 403, unknown -> 400.
 *   vertex  Authorization: Bearer on every path; x-goog-api-key only on the
 *           express-mode path (no projects/...). Missing/invalid -> 401. */
#ifndef EMU_AUTH_H
#define EMU_AUTH_H

#include "router.h"

/* Returns 1 when the request may proceed; otherwise fills `out` with the
 * error response and returns 0. */
int emu_auth_check(const emu_call *call, emu_response *out);

#endif
