/* A response body sent as a sequence of chunks, each flushed to the client
 * on its own, optionally after a pause: server-sent events, streamed JSON
 * arrays, and the scripted streams of the control plane. server.c sends it
 * with chunked transfer encoding; handlers only describe it. */
#ifndef EMU_STREAM_H
#define EMU_STREAM_H

#include <stddef.h>

typedef struct emu_stream_chunk {
  char *data; /* owned */
  size_t len;
  unsigned delay_ms; /* pause before the first byte of this chunk */
} emu_stream_chunk;

typedef struct emu_stream {
  emu_stream_chunk *chunks;
  size_t count;
  size_t cap;
  unsigned stall_ms; /* after the last chunk: keep the connection silent this long */
  int cut;           /* then close the connection instead of ending the body */
} emu_stream;

/* NULL when out of memory. */
emu_stream *emu_stream_new(void);
void emu_stream_free(emu_stream *s);

/* Appends a copy of data[0..len). 0 or -1 (out of memory). */
int emu_stream_add(emu_stream *s, unsigned delay_ms, const char *data, size_t len);

/* Total bytes of all chunks. */
size_t emu_stream_size(const emu_stream *s);

#endif
