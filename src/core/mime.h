/* MIME types from file extensions, for Part.from_uri and file uploads when
 * the caller gives none (the Python SDK asks mimetypes.guess_type). */
#ifndef GENAI_CORE_MIME_H
#define GENAI_CORE_MIME_H

/* The MIME type of a path or URI by its extension (case-insensitive; a URI's
 * query and fragment are ignored), or NULL when unknown. */
const char *genai__mime_from_name(const char *name);

#endif
