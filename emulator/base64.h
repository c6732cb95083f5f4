/* Standard base64 (RFC 4648 §4, padded). */
#ifndef EMU_BASE64_H
#define EMU_BASE64_H

#include <stddef.h>

/* Caller frees; NULL when out of memory. */
char *emu_base64_encode(const char *data, size_t len);

#endif
