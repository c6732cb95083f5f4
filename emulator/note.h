/* Diagnostics on stderr. stdout is reserved for the single "listening" line
 * that harnesses parse. */
#ifndef EMU_NOTE_H
#define EMU_NOTE_H

/* Silences emu_note (not emu_warn); set once before any thread starts. */
void emu_note_set_quiet(int quiet);

/* Informational line, e.g. one per request; suppressed by --quiet. */
void emu_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Problems the operator should see even with --quiet. */
void emu_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
