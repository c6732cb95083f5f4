#include "ws_frame.h"

#include <stdint.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

long emu_ws_parse(unsigned char *buf, size_t len, size_t max_payload, emu_ws_frame *out,
                  int *close_code) {
  if (len < 2) return 0;
  int fin = buf[0] >> 7;
  int opcode = buf[0] & 0x0F;
  if (buf[0] & 0x70) goto protocol; /* no extension was negotiated */
  if (!(buf[1] & 0x80)) goto protocol; /* section 5.1: clients must mask */
  if (opcode > EMU_WS_BINARY && opcode < EMU_WS_CLOSE) goto protocol;
  if (opcode > EMU_WS_PONG) goto protocol;
  uint64_t n = buf[1] & 0x7F;
  size_t at = 2;
  if (n == 126) {
    if (len < 4) return 0;
    n = (uint64_t)buf[2] << 8 | buf[3];
    at = 4;
  } else if (n == 127) {
    if (len < 10) return 0;
    n = 0;
    for (int i = 0; i < 8; i++) n = n << 8 | buf[2 + i];
    if (n >> 63) goto protocol;
    at = 10;
  }
  if (opcode >= EMU_WS_CLOSE && (!fin || n > 125)) goto protocol;
  if (n > max_payload) {
    *close_code = EMU_WS_CLOSE_TOO_BIG;
    return -1;
  }
  if (len - at < 4 || len - at - 4 < n) return 0;
  const unsigned char *mask = buf + at;
  unsigned char *payload = buf + at + 4;
  for (size_t i = 0; i < (size_t)n; i++) payload[i] ^= mask[i & 3];
  out->fin = fin;
  out->opcode = opcode;
  out->payload = payload;
  out->len = (size_t)n;
  return (long)(at + 4 + n);
protocol:
  *close_code = EMU_WS_CLOSE_PROTOCOL;
  return -1;
}

size_t emu_ws_header(unsigned char hdr[10], int opcode, size_t len) {
  hdr[0] = (unsigned char)(0x80 | (opcode & 0x0F));
  if (len < 126) {
    hdr[1] = (unsigned char)len;
    return 2;
  }
  if (len <= 0xFFFF) {
    hdr[1] = 126;
    hdr[2] = (unsigned char)(len >> 8);
    hdr[3] = (unsigned char)len;
    return 4;
  }
  hdr[1] = 127;
  uint64_t v = len;
  for (int i = 9; i >= 2; i--) {
    hdr[i] = (unsigned char)v;
    v >>= 8;
  }
  return 10;
}

int emu_ws_accept_key(const char *key, char out[29]) {
  static const char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  unsigned char digest[SHA_DIGEST_LENGTH];
  unsigned int dlen = 0;
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  int ok = md && EVP_DigestInit_ex(md, EVP_sha1(), NULL) == 1 &&
           EVP_DigestUpdate(md, key, strlen(key)) == 1 &&
           EVP_DigestUpdate(md, guid, sizeof guid - 1) == 1 &&
           EVP_DigestFinal_ex(md, digest, &dlen) == 1 && dlen == SHA_DIGEST_LENGTH;
  EVP_MD_CTX_free(md);
  if (!ok) return -1;
  return EVP_EncodeBlock((unsigned char *)out, digest, SHA_DIGEST_LENGTH) == 28 ? 0 : -1;
}
