/**
 * @file stream.h
 * Streams: the C form of the Python SDK's response iterators
 * (`for chunk in client.models.generate_content_stream(...)`).
 *
 * A stream is a pull iterator in the style of sqlite3_step:
 * @code
 *   const genai_generate_content_response *chunk;
 *   genai_result rc;
 *   while ((rc = genai_stream_next(stream, &chunk)) == GENAI_OK)
 *     fputs(genai_response_text(chunk) ? genai_response_text(chunk) : "", stdout);
 *   if (rc != GENAI_DONE) report(genai_stream_error(stream));
 *   genai_stream_free(stream);
 * @endcode
 * Each chunk is delivered as soon as the service sent it; the stream holds
 * one chunk at a time, so memory stays flat however long it runs.
 *
 * Thread safety: a stream is used by one thread at a time. It must not
 * outlive its client.
 */
#ifndef GENAI_STREAM_H
#define GENAI_STREAM_H

#include <genai/common.h>
#include <genai/errors.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct genai_stream genai_stream;

/**
 * Waits for the next chunk.
 * @param[out] chunk [borrowed] valid until the next genai_stream_next() or
 *             genai_stream_free() on this stream.
 * @return GENAI_OK with a chunk; GENAI_DONE when the stream ended normally;
 *         an error otherwise (GENAI_EAPI for an error the service sent in the
 *         stream, GENAI_ETIMEOUT when nothing arrived for idle_timeout_ms,
 *         GENAI_ETRANSPORT when the connection broke, GENAI_EDECODE). After
 *         an error or GENAI_DONE every call returns the same result.
 */
GENAI_API GENAI_NODISCARD genai_result genai_stream_next(genai_stream *stream,
                                                         const genai_generate_content_response **chunk);

/** The error that ended the stream (never NULL; code GENAI_OK while none). */
GENAI_API const genai_error *genai_stream_error(const genai_stream *stream);

/** Frees the stream, aborting its transfer if it is still running. NULL is a no-op. */
GENAI_API void genai_stream_free(genai_stream *stream);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_STREAM_H */
