/* The Gemini API's files service: the resumable upload protocol on
 * /upload/v1beta/files (start, then chunks, queries and finalize on the
 * session URL it hands out) and files.get, files.list and files.delete.
 * Files are kept in the store as "files/{id}"; their bytes are not kept
 * (only size and SHA-256). A file is PROCESSING for --file-processing-ms
 * after its upload completed, then ACTIVE. See docs/emulator.md. */
#ifndef EMU_ROUTE_FILES_H
#define EMU_ROUTE_FILES_H

#include "router.h"

/* POST files: on /upload/..., the start request or (with ?upload_id=) a
 * session command. */
void emu_route_files_upload(const emu_call *call, emu_response *out);
void emu_route_files_list(const emu_call *call, emu_response *out);
void emu_route_files_get(const emu_call *call, emu_response *out);
void emu_route_files_delete(const emu_call *call, emu_response *out);

/* Whether "files/{id}" exists. */
int emu_files_exists(const emu_app *app, const char *name);

/* On the Gemini API, every fileData URI of `contents` that names a file of
 * this service (".../v1beta/files/{id}") must name an ACTIVE file: else the
 * service's 403 (unknown) or 400 (still processing) goes to `out` and -1 is
 * returned. Other URIs (gs://, YouTube) pass. */
int emu_files_check_uris(const emu_call *call, const json_t *contents, emu_response *out);

#endif
