/* The emulator's RFC 6455 framing (emulator/ws_frame.c) on buffers: the
 * three length forms, masking, partial frames, the frames a server must
 * refuse, server frame headers and the handshake's accept key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ws_frame.h"

static const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};

/* A masked client frame carrying `len` bytes of `payload` (repeated). */
static size_t client_frame(unsigned char *out, int fin, int opcode, const unsigned char *payload, size_t len) {
  size_t h = 0;
  out[h++] = (unsigned char)((fin ? 0x80 : 0) | opcode);
  if (len < 126) {
    out[h++] = (unsigned char)(0x80 | len);
  } else if (len <= 0xFFFF) {
    out[h++] = 0x80 | 126;
    out[h++] = (unsigned char)(len >> 8);
    out[h++] = (unsigned char)len;
  } else {
    out[h++] = 0x80 | 127;
    for (int i = 7; i >= 0; i--) out[h++] = (unsigned char)((uint64_t)len >> (8 * i));
  }
  memcpy(out + h, mask, 4);
  h += 4;
  for (size_t i = 0; i < len; i++) out[h + i] = payload[i] ^ mask[i & 3];
  return h + len;
}

static void lengths(void **state) {
  (void)state;
  size_t sizes[] = {0, 1, 125, 126, 65535, 65536, 200000};
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    size_t n = sizes[k];
    unsigned char *payload = malloc(n + 1), *buf = malloc(n + 14);
    assert_non_null(payload);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++) payload[i] = (unsigned char)(i * 7);
    size_t total = client_frame(buf, 1, EMU_WS_BINARY, payload, n);
    emu_ws_frame f;
    int code = 0;
    /* every prefix is "need more" */
    for (size_t cut = 0; cut < total; cut += (total > 300 ? total / 97 + 1 : 1))
      assert_int_equal(emu_ws_parse(buf, cut, 1 << 20, &f, &code), 0);
    assert_int_equal(emu_ws_parse(buf, total, 1 << 20, &f, &code), (long)total);
    assert_int_equal(f.fin, 1);
    assert_int_equal(f.opcode, EMU_WS_BINARY);
    assert_int_equal(f.len, n);
    if (n) assert_memory_equal(f.payload, payload, n);
    free(payload);
    free(buf);
  }
}

static void refused_frames(void **state) {
  (void)state;
  unsigned char buf[300];
  emu_ws_frame f;
  int code = 0;
  /* unmasked */
  unsigned char unmasked[] = {0x81, 0x02, 'h', 'i'};
  assert_int_equal(emu_ws_parse(unmasked, sizeof unmasked, 1024, &f, &code), -1);
  assert_int_equal(code, EMU_WS_CLOSE_PROTOCOL);
  /* a reserved bit */
  size_t n = client_frame(buf, 1, EMU_WS_TEXT, (const unsigned char *)"x", 1);
  buf[0] |= 0x40;
  code = 0;
  assert_int_equal(emu_ws_parse(buf, n, 1024, &f, &code), -1);
  assert_int_equal(code, EMU_WS_CLOSE_PROTOCOL);
  /* reserved opcodes */
  int reserved[] = {3, 7, 0xB, 0xF};
  for (size_t i = 0; i < 4; i++) {
    n = client_frame(buf, 1, reserved[i], (const unsigned char *)"x", 1);
    code = 0;
    assert_int_equal(emu_ws_parse(buf, n, 1024, &f, &code), -1);
    assert_int_equal(code, EMU_WS_CLOSE_PROTOCOL);
  }
  /* a fragmented or oversized control frame */
  n = client_frame(buf, 0, EMU_WS_PING, (const unsigned char *)"x", 1);
  code = 0;
  assert_int_equal(emu_ws_parse(buf, n, 1024, &f, &code), -1);
  assert_int_equal(code, EMU_WS_CLOSE_PROTOCOL);
  static const unsigned char big[126];
  n = client_frame(buf, 1, EMU_WS_PING, big, sizeof big);
  code = 0;
  assert_int_equal(emu_ws_parse(buf, n, 1024, &f, &code), -1);
  assert_int_equal(code, EMU_WS_CLOSE_PROTOCOL);
  /* over the limit: 1009, known from the header alone */
  n = client_frame(buf, 1, EMU_WS_TEXT, big, 100);
  code = 0;
  assert_int_equal(emu_ws_parse(buf, 4, 99, &f, &code), -1);
  assert_int_equal(code, EMU_WS_CLOSE_TOO_BIG);
  /* a 64-bit length with the top bit set */
  unsigned char huge[14] = {0x82, 0x80 | 127, 0x80, 0, 0, 0, 0, 0, 0, 1};
  code = 0;
  assert_int_equal(emu_ws_parse(huge, sizeof huge, 1024, &f, &code), -1);
  assert_int_equal(code, EMU_WS_CLOSE_PROTOCOL);
}

static void two_frames_in_one_buffer(void **state) {
  (void)state;
  unsigned char buf[64];
  size_t a = client_frame(buf, 0, EMU_WS_TEXT, (const unsigned char *)"hel", 3);
  size_t b = client_frame(buf + a, 1, EMU_WS_CONTINUATION, (const unsigned char *)"lo", 2);
  emu_ws_frame f;
  int code = 0;
  assert_int_equal(emu_ws_parse(buf, a + b, 1024, &f, &code), (long)a);
  assert_int_equal(f.fin, 0);
  assert_memory_equal(f.payload, "hel", 3);
  assert_int_equal(emu_ws_parse(buf + a, b, 1024, &f, &code), (long)b);
  assert_int_equal(f.fin, 1);
  assert_int_equal(f.opcode, EMU_WS_CONTINUATION);
  assert_memory_equal(f.payload, "lo", 2);
}

static void server_headers(void **state) {
  (void)state;
  unsigned char h[10];
  assert_int_equal(emu_ws_header(h, EMU_WS_TEXT, 5), 2);
  assert_int_equal(h[0], 0x81);
  assert_int_equal(h[1], 5);
  assert_int_equal(emu_ws_header(h, EMU_WS_CLOSE, 126), 4);
  assert_int_equal(h[0], 0x88);
  assert_int_equal(h[1], 126);
  assert_int_equal(h[2] << 8 | h[3], 126);
  assert_int_equal(emu_ws_header(h, EMU_WS_BINARY, 70000), 10);
  assert_int_equal(h[1], 127);
  uint64_t v = 0;
  for (int i = 2; i < 10; i++) v = v << 8 | h[i];
  assert_int_equal(v, 70000);
}

/* RFC 6455 section 1.3's example. */
static void accept_key(void **state) {
  (void)state;
  char out[29];
  assert_int_equal(emu_ws_accept_key("dGhlIHNhbXBsZSBub25jZQ==", out), 0);
  assert_string_equal(out, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lengths),           cmocka_unit_test(refused_frames), cmocka_unit_test(two_frames_in_one_buffer),
      cmocka_unit_test(server_headers),    cmocka_unit_test(accept_key),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
