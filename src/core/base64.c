#include "core/base64.h"

static const char std_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char url_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t genai__base64_encoded_len(size_t n) { return (n + 2) / 3 * 4; }

void genai__base64_encode(const uint8_t *data, size_t n, bool url_safe, char *out) {
  const char *a = url_safe ? url_alphabet : std_alphabet;
  size_t i = 0;
  char *o = out;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8 | data[i + 2];
    *o++ = a[v >> 18 & 63];
    *o++ = a[v >> 12 & 63];
    *o++ = a[v >> 6 & 63];
    *o++ = a[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)data[i] << 16;
    *o++ = a[v >> 18 & 63];
    *o++ = a[v >> 12 & 63];
    *o++ = '=';
    *o++ = '=';
  } else if (n - i == 2) {
    uint32_t v = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8;
    *o++ = a[v >> 18 & 63];
    *o++ = a[v >> 12 & 63];
    *o++ = a[v >> 6 & 63];
    *o++ = '=';
  }
  *o = '\0';
}

static int decode_char(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

bool genai__base64_decode(const char *text, size_t len, uint8_t *out, size_t *out_len) {
  while (len > 0 && text[len - 1] == '=') len--;
  if (len % 4 == 1) return false;
  uint32_t acc = 0;
  int bits = 0;
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    int v = decode_char(text[i]);
    if (v < 0) return false;
    acc = acc << 6 | (uint32_t)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (uint8_t)(acc >> bits & 0xff);
    }
  }
  *out_len = n;
  return true;
}
