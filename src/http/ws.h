/* A WebSocket client connection for the Live API, on libwebsockets.
 *
 * No thread of its own: libwebsockets is serviced only inside these calls,
 * on the calling thread, each bounded by a deadline. Between calls nothing
 * runs, so keepalive pings go out (and server pings are answered) only while
 * the caller is inside genai__ws_send or genai__ws_recv. One connection per
 * libwebsockets context keeps sessions fully independent; a connection is
 * used by one thread at a time. */
#ifndef GENAI_HTTP_WS_H
#define GENAI_HTTP_WS_H

#include <stddef.h>
#include <stdint.h>

#include <genai/errors.h>

#include "core/redact.h"
#include "http/headers.h"

typedef struct genai__ws genai__ws;

typedef struct genai__ws_options {
  const char *url;                /* ws://host[:port]/path or wss://... */
  const genai__headers *headers;  /* sent with the upgrade request (may hold secrets) */
  const genai__secrets *secrets;  /* kept out of error messages */
  int64_t connect_timeout_ms;     /* TCP + TLS + handshake; > 0 */
  int ping_interval_s;            /* idle seconds before a ping; 0: none */
} genai__ws_options;

/* Connects and completes the WebSocket handshake. Errors: GENAI_EINVAL (bad
 * URL), GENAI_ETRANSPORT, GENAI_ETIMEOUT, GENAI_EAPI when the server answered
 * the upgrade with an HTTP error (http_status set). */
genai_result genai__ws_connect(const genai__ws_options *o, genai__ws **out);

/* Sends one text message; waits until libwebsockets has taken all of it. */
genai_result genai__ws_send(genai__ws *ws, const char *data, size_t len, int64_t timeout_ms);

/* Waits up to timeout_ms (<= 0: no limit) for the next whole message.
 * GENAI_OK with *data and *len (borrowed until the next call on ws); GENAI_DONE
 * when the server closed with 1000 or without a code; GENAI_EAPI with the
 * close code as the error's http_status and its reason as the message for
 * any other close; GENAI_ETRANSPORT when the connection broke;
 * GENAI_ETIMEOUT. */
genai_result genai__ws_recv(genai__ws *ws, int64_t timeout_ms, const char **data, size_t *len);

/* The close code the server sent (0 while open; 1006 when the connection
 * ended without a close frame). */
int genai__ws_close_code(const genai__ws *ws);

/* Sends a normal close (1000), waits briefly for the answer and frees.
 * NULL-safe. */
void genai__ws_free(genai__ws *ws);

#endif
