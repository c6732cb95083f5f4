/* RFC 6455 framing, server side: parsing the masked frames clients send and
 * writing the unmasked frames servers send. Pure functions on buffers, so
 * every corner (lengths, masks, control frames) is unit-testable without a
 * socket. docs/emulator.md ("Live API") says why the emulator frames
 * WebSocket itself rather than through a library. */
#ifndef EMU_WS_FRAME_H
#define EMU_WS_FRAME_H

#include <stddef.h>

enum {
  EMU_WS_CONTINUATION = 0x0,
  EMU_WS_TEXT = 0x1,
  EMU_WS_BINARY = 0x2,
  EMU_WS_CLOSE = 0x8,
  EMU_WS_PING = 0x9,
  EMU_WS_PONG = 0xA
};

/* Close codes of RFC 6455 section 7.4.1 the emulator sends itself. */
enum {
  EMU_WS_CLOSE_NORMAL = 1000,
  EMU_WS_CLOSE_PROTOCOL = 1002,
  EMU_WS_CLOSE_INVALID = 1007,
  EMU_WS_CLOSE_POLICY = 1008,
  EMU_WS_CLOSE_TOO_BIG = 1009,
  EMU_WS_CLOSE_INTERNAL = 1011
};

typedef struct emu_ws_frame {
  int fin;
  int opcode;
  unsigned char *payload; /* points into the parsed buffer, already unmasked */
  size_t len;
} emu_ws_frame;

/* Parses the frame at buf[0..len), unmasking its payload in place. Returns
 * the bytes the frame takes (> 0), 0 when more bytes are needed, or -1 for
 * a frame a server must reject (unmasked, reserved bits or opcodes, a
 * fragmented or oversized control frame: *close_code = 1002; a payload over
 * `max_payload`: *close_code = 1009). */
long emu_ws_parse(unsigned char *buf, size_t len, size_t max_payload, emu_ws_frame *out,
                  int *close_code);

/* Writes the header of a final, unmasked frame carrying `len` bytes into
 * hdr and returns its size (2, 4 or 10). */
size_t emu_ws_header(unsigned char hdr[10], int opcode, size_t len);

/* The Sec-WebSocket-Accept value for a Sec-WebSocket-Key (28 characters and
 * a NUL). Returns 0, or -1 when hashing fails. */
int emu_ws_accept_key(const char *key, char out[29]);

#endif
