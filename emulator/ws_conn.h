/* One WebSocket connection on a socket that has already been upgraded (the
 * 101 answer is sent): reading whole messages (fragments joined, pings
 * answered, the closing handshake done) and sending messages and closes.
 * Blocking, for the connection's own thread; waits are sliced so that a
 * stopping server ends them. */
#ifndef EMU_WS_CONN_H
#define EMU_WS_CONN_H

#include <stddef.h>

#include "buf.h"

/* Messages larger than this are refused with close code 1009: the Live API
 * carries audio and video chunks, never whole files. */
#define EMU_WS_MAX_MESSAGE ((size_t)16 * 1024 * 1024)

typedef struct emu_ws_conn {
  int fd;
  unsigned char *in; /* received bytes not yet parsed */
  size_t in_len, in_cap;
  emu_buf message;  /* the data message being assembled from fragments */
  int message_opcode; /* its opcode, 0 when none is in progress */
  int close_sent;
  int (*stopping)(void *arg); /* true when the server shuts down */
  void *stopping_arg;
  void (*on_ping)(void *arg); /* told of each ping (answered already); may be NULL */
  void *on_ping_arg;
} emu_ws_conn;

/* Starts with the bytes MHD read past the request headers. 0, or -1 when
 * out of memory (then nothing needs disposing). */
int emu_ws_conn_init(emu_ws_conn *c, int fd, const char *extra, size_t extra_len,
                     int (*stopping)(void *), void *stopping_arg);
void emu_ws_conn_dispose(emu_ws_conn *c);

/* Waits up to timeout_ms (< 0: forever) for the next text or binary message.
 * Returns 1 with *opcode, *data and *len (borrowed until the next call);
 * 0 when no message came in time; 2 when the client closed (its close frame
 * is answered; *peer_code gets its code, 1005 when it sent none); -1 when
 * the connection broke, the server is stopping or the client broke the
 * protocol (a close frame with the reason was then sent). */
int emu_ws_read(emu_ws_conn *c, int timeout_ms, int *opcode, const char **data, size_t *len,
                int *peer_code);

/* Sends one unfragmented message. 0, or -1 when the connection broke. */
int emu_ws_send(emu_ws_conn *c, int opcode, const void *data, size_t len);

/* Sends a close frame with `code` and `reason` (cut to fit in 123 bytes), once. */
int emu_ws_send_close(emu_ws_conn *c, int code, const char *reason);

/* After a close frame: waits briefly for the client's answer, so that the
 * client closes the TCP connection first (RFC 6455 section 7.1.1). */
void emu_ws_await_close(emu_ws_conn *c);

#endif
