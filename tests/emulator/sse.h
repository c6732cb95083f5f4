/* Strict reader of server-sent event bodies framed the way the services
 * frame them: "data: " + one JSON document + "\r\n\r\n" per event, nothing
 * else. */
#ifndef EMU_TEST_SSE_H
#define EMU_TEST_SSE_H

#include <stddef.h>

#include <jansson.h>

/* The events of body[0..len) as a JSON array of parsed documents, or NULL
 * when any byte does not fit the framing or an event is not one JSON
 * document on one line. When `offsets` is given, offsets[i] (for i < max)
 * receives the body offset where event i starts. Caller json_decref()s. */
json_t *sse_parse(const char *body, size_t len, size_t *offsets, size_t max);

#endif
