#include "media_bytes.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

static void put32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

static uint32_t crc32_of(const unsigned char *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return c ^ 0xFFFFFFFFu;
}

static uint32_t adler32_of(const unsigned char *p, size_t n) {
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < n; i++) {
    a = (a + p[i]) % 65521u;
    b = (b + a) % 65521u;
  }
  return (b << 16) | a;
}

/* Writes chunk `type` with `len` bytes of data at p (data already at p + 8);
 * returns the chunk's size. */
static size_t png_chunk(unsigned char *p, const char *type, size_t len) {
  put32(p, (uint32_t)len);
  memcpy(p + 4, type, 4);
  put32(p + 8 + len, crc32_of(p + 4, len + 4));
  return len + 12;
}

unsigned char *emu_png_make(unsigned width, unsigned height, uint32_t rgb, size_t *len) {
  size_t row = 1 + (size_t)width * 3, raw_len = row * height;
  if (!width || !height || raw_len > 65535) return NULL;
  /* zlib: header, one final stored block (5 bytes), data, adler32 */
  size_t idat_len = 2 + 5 + raw_len + 4;
  size_t total = 8 + (12 + 13) + (12 + idat_len) + 12;
  unsigned char *png = calloc(1, total);
  unsigned char *raw = malloc(raw_len);
  if (!png || !raw) {
    free(png);
    free(raw);
    return NULL;
  }
  for (size_t y = 0; y < height; y++) {
    unsigned char *r = raw + y * row;
    r[0] = 0; /* filter: none */
    for (size_t x = 0; x < width; x++) {
      r[1 + x * 3] = (unsigned char)(rgb >> 16);
      r[2 + x * 3] = (unsigned char)(rgb >> 8);
      r[3 + x * 3] = (unsigned char)rgb;
    }
  }
  static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  memcpy(png, signature, 8);
  unsigned char *p = png + 8;
  put32(p + 8, width);
  put32(p + 12, height);
  p[16] = 8; /* bit depth */
  p[17] = 2; /* colour type: RGB */
  p += png_chunk(p, "IHDR", 13);
  unsigned char *z = p + 8;
  z[0] = 0x78; /* deflate, 32 KiB window */
  z[1] = 0x01; /* (0x7801 % 31 == 0) */
  z[2] = 1;    /* BFINAL, stored */
  z[3] = (unsigned char)(raw_len & 0xFF);
  z[4] = (unsigned char)(raw_len >> 8);
  z[5] = (unsigned char)(~raw_len & 0xFF);
  z[6] = (unsigned char)((~raw_len >> 8) & 0xFF);
  memcpy(z + 7, raw, raw_len);
  put32(z + 7 + raw_len, adler32_of(raw, raw_len));
  p += png_chunk(p, "IDAT", idat_len);
  png_chunk(p, "IEND", 0);
  free(raw);
  *len = total;
  return png;
}

static unsigned char *box(unsigned char *p, size_t size, const char *type) {
  put32(p, (uint32_t)size);
  memcpy(p + 4, type, 4);
  return p + 8;
}

unsigned char *emu_mp4_make(unsigned seconds, uint64_t seed, size_t *len) {
  if (seconds < 1) seconds = 1;
  if (seconds > 60) seconds = 60;
  size_t ftyp = 8 + 16, mvhd = 8 + 100, moov = 8 + mvhd, free_box = 8 + 8;
  size_t payload = (size_t)seconds * 16384, mdat = 8 + payload;
  size_t total = ftyp + moov + free_box + mdat;
  unsigned char *mp4 = calloc(1, total);
  if (!mp4) return NULL;
  unsigned char *p = box(mp4, ftyp, "ftyp");
  memcpy(p, "isom", 4);
  put32(p + 4, 0x200);
  memcpy(p + 8, "isommp41", 8);
  p += 16;
  p = box(p, moov, "moov");
  p = box(p, mvhd, "mvhd");
  /* version 0 and flags, creation and modification time: zero */
  put32(p + 12, 1000);                  /* timescale */
  put32(p + 16, seconds * 1000u);       /* duration */
  put32(p + 20, 0x00010000);            /* rate 1.0 */
  p[24] = 0x01;                         /* volume 1.0 */
  put32(p + 36, 0x00010000);            /* unity matrix */
  put32(p + 52, 0x00010000);
  put32(p + 68, 0x40000000);
  put32(p + 96, 1);                     /* next track id */
  p += 100;
  p = box(p, free_box, "free");
  memcpy(p, "genai-em", 8);
  p += 8;
  p = box(p, mdat, "mdat");
  uint64_t x = seed | 1;
  for (size_t i = 0; i < payload; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    p[i] = (unsigned char)x;
  }
  *len = total;
  return mp4;
}

uint32_t emu_media_colour(const char *text) {
  return emu_fnv1a32(text ? text : "", text ? strlen(text) : 0) & 0xFFFFFFu;
}
