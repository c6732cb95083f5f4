/* A Server-Sent Events decoder for the streaming endpoints.
 *
 * Bytes go in as they arrive, split anywhere; each complete event comes out
 * through the callback as soon as its blank line is seen. It accepts CRLF,
 * LF and CR line ends, `data:` with or without the space, several `data:`
 * lines per event (joined with "\n"), and ignores comment lines (":...")
 * and the `event:`, `id:` and `retry:` fields; an event whose data is
 * empty or blank is skipped. Lines that are none of these
 * are the plain JSON body some servers send instead of events (an error
 * object mid-stream, or a whole error body): they are gathered until they
 * form one complete JSON value, which is delivered as an event too. An
 * event larger than the bound is an error, so a runaway stream cannot
 * exhaust memory. Memory use is one event, whatever the stream's length. */
#ifndef GENAI_HTTP_SSE_H
#define GENAI_HTTP_SSE_H

#include <stdbool.h>
#include <stddef.h>

#include <genai/errors.h>

#include "core/buf.h"

/* Receives one event's data. Returning an error stops the decoder. */
typedef genai_result (*genai__sse_event_fn)(void *user_data, const char *data, size_t len);

typedef struct genai__sse {
  genai__sse_event_fn on_event;
  void *user_data;
  size_t max_event;
  genai__buf line;   /* the line being read */
  genai__buf data;   /* the data lines of the current event */
  bool has_data;     /* a data: line was seen (an event may have empty data) */
  genai__buf raw;    /* JSON gathered from lines outside the SSE format */
  int raw_depth;     /* nesting depth of the raw JSON so far */
  bool raw_in_string, raw_escape;
  bool after_cr;     /* the previous byte ended a line with CR */
} genai__sse;

void genai__sse_init(genai__sse *s, size_t max_event, genai__sse_event_fn on_event, void *user_data);
/* Feeds bytes; calls on_event for every event they complete. */
genai_result genai__sse_feed(genai__sse *s, const char *bytes, size_t len);
/* End of the stream: delivers an event the stream did not terminate. */
genai_result genai__sse_finish(genai__sse *s);
void genai__sse_free(genai__sse *s);

#endif
