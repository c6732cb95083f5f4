/* The log of API requests served so far, shared by all connection threads;
 * tests read it through GET /_emulator/requests. */
#ifndef EMU_REQUEST_LOG_H
#define EMU_REQUEST_LOG_H

#include <jansson.h>

#include "request.h"

typedef struct emu_request_log emu_request_log;

emu_request_log *emu_request_log_new(void);
void emu_request_log_free(emu_request_log *log);

/* Records `req`; `backend` is "mldev", "vertex" or NULL (unknown path).
 * Returns 0 or -1 (out of memory; the request is then missing from the log). */
int emu_request_log_append(emu_request_log *log, const emu_request *req, const char *backend);

/* A copy of the whole log as a JSON array, oldest first. Caller json_decref()s;
 * NULL when out of memory. */
json_t *emu_request_log_snapshot(emu_request_log *log);

/* Forgets every entry; numbering restarts at 1. */
void emu_request_log_clear(emu_request_log *log);

#endif
