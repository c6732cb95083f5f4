/* How streamGenerateContent answers go on the wire.
 *
 *   ?alt=sse   server-sent events: "data: " + one-line JSON + "\r\n\r\n" per
 *              event, Content-Type text/event-stream. Errors before the
 *              stream starts are the usual pretty-printed JSON envelope, but
 *              with Content-Type text/event-stream, as the services send them.
 *   otherwise  one JSON array, streamed element by element:
 *              "[" + doc1 + ",\r\n" + doc2 + ... + "]", each doc
 *              pretty-printed (2-space indent, trailing newline),
 *              Content-Type application/json; errors are one-element arrays.
 */
#ifndef EMU_STREAM_FORMAT_H
#define EMU_STREAM_FORMAT_H

#include <jansson.h>

#include "buf.h"
#include "request.h"
#include "response.h"
#include "stream.h"

typedef enum emu_stream_format { EMU_STREAM_SSE, EMU_STREAM_JSON_ARRAY } emu_stream_format;

/* SSE when the query has alt=sse; any other alt (or none) is the JSON array. */
emu_stream_format emu_stream_format_of(const emu_request *req);

/* Appends one event, "data: " + emu_json_wire(doc) + eol + eol. 0 or -1. */
int emu_sse_append_event(emu_buf *b, const json_t *doc, const char *eol);

/* The stream for `events` (a JSON array of documents) in `format`, one
 * chunk per event, each but the first after `delay_ms`. NULL when out of
 * memory. */
emu_stream *emu_stream_format_events(const json_t *events, emu_stream_format format,
                                     unsigned delay_ms);

/* Turns an error answer (a pretty-printed JSON envelope in out->body) into
 * what the streaming endpoint sends in `format`. Other answers are left
 * alone. */
void emu_stream_format_error(emu_stream_format format, emu_response *out);

#endif
