#include "hash.h"

uint64_t emu_fnv1a64(const char *data, size_t len, uint64_t basis) {
  uint64_t h = basis;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)data[i];
    h *= UINT64_C(0x100000001b3);
  }
  return h;
}

uint32_t emu_fnv1a32(const char *data, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)data[i];
    h *= 16777619u;
  }
  return h;
}
