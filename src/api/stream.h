/* The stream behind genai_stream: an open exchange whose body runs through
 * the SSE decoder, one decoded chunk handed out at a time. */
#ifndef GENAI_API_STREAM_H
#define GENAI_API_STREAM_H

#include <genai/client.h>
#include <genai/stream.h>

#include "api/method.h"
#include "wire/codec.h"

/* Observers of a stream (chats record history, AFC gathers calls): called
 * from genai_stream_next with each chunk, and once at the end with the
 * final result (GENAI_DONE or an error). An error they return ends the
 * stream with it (GENAI_ENOMEM when history could not be kept). */
typedef struct genai__stream_hooks {
  genai_result (*on_chunk)(void *data, void *chunk);
  genai_result (*on_end)(void *data, genai_result rc, void *value); /* value: NULL for streams */
  /* When a request's answer ended normally: *params (and *opts) for the
   * next request of the same method, valid until the call returns, or
   * *params NULL to end the stream. NULL: one request. */
  genai_result (*next_round)(void *data, const void **params, genai__call_options *opts);
  void (*release)(void *data); /* frees data when the stream is freed */
  void *data;
} genai__stream_hooks;

/* Sends method m (a streaming method) and returns the stream once the
 * answer began. Errors before that (rejections, HTTP errors, retries spent)
 * are returned here. */
genai_result genai__stream_open(genai_client *client, const genai__method *m, const void *params,
                                const genai__call_options *opts, const genai__stream_hooks *hooks,
                                genai_stream **out);

#endif
