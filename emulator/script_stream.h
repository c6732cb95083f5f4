/* The "stream" member of a scripted response (POST /_emulator/script):
 *
 *   "stream": {
 *     "events": [EVENT, ...],   JSON value -> "data: " + one-line JSON + EOL EOL;
 *                               string     -> sent exactly as given
 *     "delay_ms": N,            pause before each item but the first
 *     "error": {...},           after the events: the object pretty-printed,
 *                               without "data: " (a mid-stream error)
 *     "cut_after": K,           send only the first K items, then close the
 *                               connection without ending the body
 *     "framing": "crlf"|"lf",   EOL of data events and comments (default crlf)
 *     "comment_lines": true,    ": keep-alive" EOL EOL before each item
 *     "stall_ms": N             after the last item, stay silent N ms
 *   }
 *
 * Items are the events followed by the error. See docs/emulator.md. */
#ifndef EMU_SCRIPT_STREAM_H
#define EMU_SCRIPT_STREAM_H

#include <stddef.h>

#include <jansson.h>

#include "stream.h"

/* Validates the member of responses[index]; NULL when valid, else a message
 * naming the bad field (caller frees; a generic message when out of
 * memory). */
char *emu_script_stream_check(size_t index, const json_t *stream);

/* The stream a validated member describes. NULL when out of memory. */
emu_stream *emu_script_stream_build(const json_t *stream);

#endif
