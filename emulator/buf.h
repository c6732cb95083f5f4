/* Growable, always NUL-terminated byte buffer. */
#ifndef EMU_BUF_H
#define EMU_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct emu_buf {
  char *data; /* NULL until the first append */
  size_t len;
  size_t cap;
} emu_buf;

/* All appenders return 0, or -1 when out of memory (the buffer is unchanged). */
int emu_buf_append(emu_buf *b, const char *data, size_t len);
int emu_buf_append_str(emu_buf *b, const char *s);
int emu_buf_printf(emu_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int emu_buf_vprintf(emu_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Hands the bytes to the caller (free() them; never NULL unless out of memory)
 * and leaves the buffer empty. */
char *emu_buf_take(emu_buf *b);

void emu_buf_dispose(emu_buf *b);

#endif
