#include "note.h"

#include <stdarg.h>
#include <stdio.h>

/* Written once by main() before the server threads exist, then only read. */
static int quiet_mode;

void emu_note_set_quiet(int quiet) { quiet_mode = quiet; }

__attribute__((format(printf, 1, 0))) static void emit(const char *fmt, va_list ap) {
  /* One fprintf call per line keeps lines from different threads whole. */
  char line[1024];
  vsnprintf(line, sizeof line, fmt, ap);
  fprintf(stderr, "genai-emulator: %s\n", line);
}

void emu_note(const char *fmt, ...) {
  if (quiet_mode) return;
  va_list ap;
  va_start(ap, fmt);
  emit(fmt, ap);
  va_end(ap);
}

void emu_warn(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(fmt, ap);
  va_end(ap);
}
