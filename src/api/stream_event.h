/* One event of a streamed answer: a chunk, or the error object a service
 * sends instead (raised as GENAI_EAPI with its code). Shared by the pull
 * streams (stream.c) and the streamed operations (op.c). */
#ifndef GENAI_API_STREAM_EVENT_H
#define GENAI_API_STREAM_EVENT_H

#include <stddef.h>

#include "core/redact.h"
#include "http/engine.h"
#include "wire/codec.h"

/* Decodes an event into an owned value of type t that carries the answer's
 * headers (as every chunk does in the Python SDK) and the event's bytes. */
genai_result genai__decode_stream_event(const genai__type *t, genai__backend backend, const genai__response *resp,
                                        const genai__secrets *secrets, const char *data, size_t len, void **out);

#endif
