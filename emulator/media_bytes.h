/* Small but valid media files for the Imagen and Veo emulation.
 *
 *   PNG  signature, IHDR (8-bit RGB), one IDAT holding a zlib stream of
 *        stored (uncompressed) deflate blocks with its Adler-32, IEND; every
 *        chunk with its CRC-32. One colour fills the picture.
 *   MP4  ISO BMFF boxes: ftyp (isom, compatible isom/iso2/mp41), moov with
 *        an mvhd (version 0, timescale 1000, the duration asked for), free,
 *        and an mdat of deterministic filler bytes (16 KiB per second of
 *        duration). No tracks: players open it but show nothing. */
#ifndef EMU_MEDIA_BYTES_H
#define EMU_MEDIA_BYTES_H

#include <stddef.h>
#include <stdint.h>

/* A width x height PNG of colour rgb (0xRRGGBB). malloc'd; NULL when out of
 * memory or the picture is too large (more than 65535 bytes of pixels). */
unsigned char *emu_png_make(unsigned width, unsigned height, uint32_t rgb, size_t *len);

/* An MP4 of `seconds` seconds (1-60) whose filler derives from `seed`. malloc'd. */
unsigned char *emu_mp4_make(unsigned seconds, uint64_t seed, size_t *len);

/* The colour the emulator paints a prompt with: a hash of its text. */
uint32_t emu_media_colour(const char *text);

#endif
