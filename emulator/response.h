/* The reply the emulator will send for one request, independent of the HTTP
 * library: handlers fill it, server.c turns it into bytes on the wire. */
#ifndef EMU_RESPONSE_H
#define EMU_RESPONSE_H

#include <stddef.h>

#include <jansson.h>

#include "headers.h"
#include "stream.h"

typedef enum emu_drop {
  EMU_DROP_NONE = 0,
  EMU_DROP_BEFORE_HEADERS, /* close the connection without answering */
  EMU_DROP_AFTER_HEADERS   /* send headers and half the body, then close */
} emu_drop;

typedef struct emu_response {
  int status;
  emu_headers headers;
  char *body;
  size_t body_len;
  unsigned delay_ms; /* wait this long before sending anything */
  emu_drop drop;
  emu_stream *stream; /* when set (owned), the body is sent as these chunks instead of `body` */
  /* A scripted cut of an upload chunk: the request is served with only its
   * first upload_cut bytes, then the connection is closed unanswered. */
  int upload_cut_set;
  size_t upload_cut;
  /* A scripted end of a Live API session (WebSocket close code 1000..4999,
   * 0 when none) and its reason (owned, may be NULL): the handshake
   * succeeds, then the session is closed with them, before the setup is
   * answered or at the first client message after it. */
  int live_close_code;
  char *live_close_reason;
  int live_close_before_setup;
  char *live_go_away; /* owned; when set, a goAway with this timeLeft precedes the close */
  /* Scripted server messages of a Live API session (owned JSON array of
   * objects, NULL when none): the handshake succeeds, and the first client
   * message after setupComplete that would be answered gets these instead
   * of the computed answer. */
  json_t *live_messages;
} emu_response;

#define EMU_JSON_CONTENT_TYPE "application/json; charset=UTF-8"
#define EMU_HTML_CONTENT_TYPE "text/html; charset=UTF-8"
#define EMU_TEXT_CONTENT_TYPE "text/plain; charset=UTF-8"
#define EMU_SSE_CONTENT_TYPE "text/event-stream"

void emu_response_init(emu_response *r);
void emu_response_dispose(emu_response *r);

/* Copies `len` bytes as the body and sets Content-Type. 0 or -1 (out of memory). */
int emu_response_set_body(emu_response *r, int status, const char *content_type, const char *body,
                          size_t len);

/* Serialises `doc` the way the service does (2-space indent, trailing newline)
 * as an application/json body. Borrows `doc`; a NULL doc (a failed build
 * upstream) becomes a 500. Never fails: out of memory also becomes a 500. */
void emu_response_set_json(emu_response *r, int status, const json_t *doc);

/* Like emu_response_set_json but takes ownership of `doc`. */
void emu_response_take_json(emu_response *r, int status, json_t *doc);

/* Makes `stream` (ownership taken, also on failure) the body, with this
 * status and Content-Type. 0, or -1 when out of memory. */
int emu_response_set_stream(emu_response *r, int status, const char *content_type,
                            emu_stream *stream);

/* A plain 500 that needs no allocation beyond the copy; used when building the
 * real answer ran out of memory. */
void emu_response_internal_error(emu_response *r);

#endif
