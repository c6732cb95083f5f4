/* A minimal WebSocket client for the emulator's own tests, on a plain
 * socket: it writes frames byte by byte as the test wants them (fragmented,
 * unmasked, pings), which a full client library would not let a test do. */
#ifndef EMU_TEST_WS_CLIENT_H
#define EMU_TEST_WS_CLIENT_H

#include <stddef.h>

#include <jansson.h>

#include "emulator_harness.h"

typedef struct ws_client {
  int fd;
  int status; /* HTTP status of the handshake answer */
  char head[2048]; /* the handshake answer's status line and headers */
  unsigned char *in;
  size_t in_len, in_cap;
} ws_client;

/* Sends the upgrade request for `path` with extra header lines (each
 * "Name: value", NULL-terminated list or NULL) and reads the answer's head.
 * Returns 0 (see c->status), or -1 when the connection failed. */
int ws_connect(ws_client *c, const emu_harness *h, const char *path, const char *const *headers);
void ws_close_socket(ws_client *c);

/* Sends one frame: `fin`, `opcode`, masked unless `unmasked`. 0 or -1. */
int ws_send_frame(ws_client *c, int fin, int opcode, const void *data, size_t len, int unmasked);
/* Sends a text message of compact JSON. 0 or -1. */
int ws_send_json(ws_client *c, const char *json);

/* Reads one frame (waits up to 5 s). Returns its opcode with the payload in
 * *data (caller frees, NUL-terminated) and *len, or -1 on EOF or timeout. */
int ws_read_frame(ws_client *c, char **data, size_t *len);
/* Reads the next text frame as JSON (pings and pongs skipped); NULL when a
 * close or the end came instead; then *close_code gets the close code (0 for
 * the end) and close_reason the reason. */
json_t *ws_read_json(ws_client *c, int *close_code, char *close_reason, size_t reason_size);

#endif
