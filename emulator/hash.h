/* FNV-1a hashes: the emulator's source of deterministic values (response
 * ids, token ids, embedding vectors). */
#ifndef EMU_HASH_H
#define EMU_HASH_H

#include <stddef.h>
#include <stdint.h>

#define EMU_FNV64_BASIS UINT64_C(0xcbf29ce484222325)

/* FNV-1a-64 of data[0..len) starting from `basis` (EMU_FNV64_BASIS for the
 * standard hash). */
uint64_t emu_fnv1a64(const char *data, size_t len, uint64_t basis);

/* Standard FNV-1a-32 of data[0..len). */
uint32_t emu_fnv1a32(const char *data, size_t len);

#endif
