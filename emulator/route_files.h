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

/* Whether "files/{id}" exists (generateContent checks fileData URIs). */
int emu_files_exists(const emu_app *app, const char *name);

#endif
