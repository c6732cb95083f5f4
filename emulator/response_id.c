#include "response_id.h"

#include <stdint.h>

#include "hash.h"

void emu_response_id(const char *body, size_t len, char out[EMU_RESPONSE_ID_LEN + 1]) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  /* Two hashes with different offset bases give 128 bits, about the size of
   * the service's ids (which are 22-23 URL-safe base64 characters). */
  uint64_t h[2] = {emu_fnv1a64(body, len, EMU_FNV64_BASIS),
                   emu_fnv1a64(body, len, UINT64_C(0x84222325cbf29ce4))};
  unsigned char bytes[16];
  for (int i = 0; i < 16; i++) bytes[i] = (unsigned char)(h[i / 8] >> (8 * (i % 8)));
  size_t o = 0;
  unsigned acc = 0;
  int bits = 0;
  for (int i = 0; i < 16; i++) {
    acc = (acc << 8) | bytes[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out[o++] = alphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out[o++] = alphabet[(acc << (6 - bits)) & 63];
  out[o] = '\0';
}
