/* The deterministic streamGenerateContent reply: the generateContent reply's
 * candidate texts cut into chunks, one GenerateContentResponse per chunk.
 * The rules are documented in docs/emulator.md ("Streaming"); keep the two
 * in step.
 *
 * Chunking: a candidate's first chunk is its first token; each following
 * chunk holds the next EMU_STREAM_CHUNK_TOKENS tokens (the last may hold
 * fewer). A chunk starts right after the previous token, so it carries the
 * whitespace before its first token; the last chunk also carries any
 * trailing whitespace. A text of one token gets a second, empty chunk, so a
 * non-empty reply always takes at least two events; an empty text is one
 * empty chunk. A function-call answer is not cut: all its calls go in one
 * event, as the services send them. */
#ifndef EMU_STREAM_REPLY_H
#define EMU_STREAM_REPLY_H

#include <jansson.h>

#include "generate_request.h"

#define EMU_STREAM_CHUNK_TOKENS 4

/* A JSON array of the events' GenerateContentResponse documents, in order,
 * for a decoded and checked request. NULL when out of memory. */
json_t *emu_stream_reply_events(const emu_call *call, const emu_gen_request *gr);

#endif
