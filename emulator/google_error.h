/* Error bodies the way Google APIs send them:
 *   {"error": {"code": N, "message": "...", "status": "...", "details": [...]}}
 * plus the HTML 404 page the Google front end serves for unknown URLs. */
#ifndef EMU_GOOGLE_ERROR_H
#define EMU_GOOGLE_ERROR_H

#include <jansson.h>

#include "response.h"

/* A new error envelope, or NULL when out of memory. */
json_t *emu_error_new(int code, const char *status, const char *message);

/* Appends `detail` to error.details. Consumes both references and returns the
 * envelope, or NULL if either was NULL or memory ran out, so calls chain. */
json_t *emu_error_with_detail(json_t *err, json_t *detail);

/* google.rpc.ErrorInfo; consumes `metadata` (may be NULL). */
json_t *emu_detail_error_info(const char *reason, const char *domain, json_t *metadata);
/* google.rpc.LocalizedMessage in en-US. */
json_t *emu_detail_localized_message(const char *message);
/* google.rpc.DebugInfo. */
json_t *emu_detail_debug_info(const char *detail);
/* google.rpc.BadRequest; consumes the fieldViolations array. */
json_t *emu_detail_bad_request(json_t *field_violations);

/* Sends the envelope with its code as the HTTP status. Consumes `err`; a NULL
 * envelope (failed build) becomes a 500. */
void emu_respond_error(emu_response *r, json_t *err);

/* An envelope without details. */
void emu_respond_simple_error(emu_response *r, int code, const char *status, const char *message);

/* 404 text/html page naming `path` (HTML-escaped), like the Google front end. */
void emu_respond_html_not_found(emu_response *r, const char *path);

#endif
