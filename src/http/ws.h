/* A WebSocket client connection for the Live API, on libwebsockets.
 *
 * No thread of its own. Two ways to run it:
 * - blocking: genai__ws_connect / _send / _recv service libwebsockets on the
 *   calling thread until they are done, each bounded by a deadline; between
 *   calls nothing runs, so keepalive pings go out (and server pings are
 *   answered) only while the caller is inside one of them;
 * - event-driven: genai__ws_start begins the connection at once; the owner
 *   watches genai__ws_fd for genai__ws_events, calls genai__ws_service when
 *   it is ready (and about once a second, for libwebsockets' timers: pings,
 *   its own timeouts), and collects what happened with genai__ws_state_of
 *   and genai__ws_take. Sends are queued with genai__ws_queue.
 * One connection per libwebsockets context keeps sessions fully
 * independent; a connection is used by one thread at a time. */
#ifndef GENAI_HTTP_WS_H
#define GENAI_HTTP_WS_H

#include <stddef.h>
#include <stdint.h>

#include <genai/errors.h>

#include "core/redact.h"
#include "http/headers.h"

#include <stdbool.h>

typedef struct genai__ws genai__ws;

typedef enum genai__ws_state { GENAI__WS_CONNECTING, GENAI__WS_OPEN, GENAI__WS_CLOSED } genai__ws_state;

typedef struct genai__ws_options {
  const char *url;                /* ws://host[:port]/path or wss://... */
  const genai__headers *headers;  /* sent with the upgrade request (may hold secrets) */
  const genai__secrets *secrets;  /* kept out of error messages */
  int64_t connect_timeout_ms;     /* TCP + TLS + handshake; > 0 */
  int ping_interval_s;            /* idle seconds before a ping; 0: none */
} genai__ws_options;

/* Begins connecting (name resolution and connect() are done here; the
 * handshake happens in genai__ws_service). Errors: GENAI_EINVAL, GENAI_ENOMEM,
 * GENAI_ETRANSPORT (an unusable proxy). A connection that fails later is
 * GENAI__WS_CLOSED with its reason in genai__ws_failure. */
genai_result genai__ws_start(const genai__ws_options *o, genai__ws **out);

/* Connects and completes the WebSocket handshake. Errors: GENAI_EINVAL (bad
 * URL), GENAI_ETRANSPORT, GENAI_ETIMEOUT, GENAI_EAPI when the server answered
 * the upgrade with an HTTP error (http_status set). */
genai_result genai__ws_connect(const genai__ws_options *o, genai__ws **out);

/* Queues one text message (copied) and returns: it goes out, in order,
 * once the connection is open and writable. GENAI_ETRANSPORT (or the close
 * error) when the connection is closed or closing. */
genai_result genai__ws_queue(genai__ws *ws, const char *data, size_t len);

/* Sends one text message; waits until libwebsockets has taken all of it. */
genai_result genai__ws_send(genai__ws *ws, const char *data, size_t len, int64_t timeout_ms);

/* Waits up to timeout_ms (<= 0: no limit) for the next whole message.
 * GENAI_OK with *data and *len (borrowed until the next call on ws); GENAI_DONE
 * when the server closed with 1000 or without a code; GENAI_EAPI with the
 * close code as the error's http_status and its reason as the message for
 * any other close; GENAI_ETRANSPORT when the connection broke;
 * GENAI_ETIMEOUT. */
genai_result genai__ws_recv(genai__ws *ws, int64_t timeout_ms, const char **data, size_t *len);

/* The next received message without waiting: GENAI_OK with *data and *len
 * (borrowed until the next take or recv); GENAI_EINPROGRESS when none came
 * yet; once closed, what genai__ws_failure says. */
genai_result genai__ws_take(genai__ws *ws, const char **data, size_t *len);

/* Event-driven use: services what is ready, without waiting. */
void genai__ws_service(genai__ws *ws);
genai__ws_state genai__ws_state_of(const genai__ws *ws);
/* The socket to watch (-1: none now) and for what: 1 in, 2 out. */
int genai__ws_fd(const genai__ws *ws);
int genai__ws_events(const genai__ws *ws);
/* The error of a closed connection: the handshake's failure (GENAI_EAPI
 * with the HTTP status, GENAI_ETRANSPORT), GENAI_DONE for a normal close,
 * else as genai__ws_recv describes. */
genai_result genai__ws_failure(const genai__ws *ws);
/* How long the handshake may take (the options' connect timeout, or the
 * default when none was given). */
int64_t genai__ws_connect_timeout_ms(const genai__ws *ws);
/* GENAI_ETIMEOUT naming the host and the connect timeout. */
genai_result genai__ws_timeout_error(const genai__ws *ws);
/* Sends a normal close (1000) after the queued messages, without waiting. */
void genai__ws_start_close(genai__ws *ws);

/* Frees at once: the socket is dropped without a close frame. NULL-safe. */
void genai__ws_abort(genai__ws *ws);

/* Sends a normal close (1000), waits briefly for the answer and frees.
 * NULL-safe. */
void genai__ws_free(genai__ws *ws);

#endif
