/* generateContent / streamGenerateContent calls on either backend, for the
 * emulator's tests of function calling and structured output. Every helper
 * fails the running cmocka test on transport problems. */
#ifndef EMU_TEST_GEN_CLIENT_H
#define EMU_TEST_GEN_CLIENT_H

#include <stddef.h>

#include <jansson.h>

#include "emulator_harness.h"

typedef enum gen_backend { GEN_MLDEV, GEN_VERTEX } gen_backend;

/* Both backends, for loops: for (size_t b = 0; b < 2; b++) ... gen_backends[b]. */
extern const gen_backend gen_backends[2];

/* "/v1beta/models/MODEL:RPC" or the Vertex AI project path, into out. */
void gen_path(gen_backend b, const char *model, const char *rpc, char *out, size_t size);

/* POSTs `body` to MODEL:generateContent with the backend's credentials;
 * asserts the status and returns the parsed body (json_decref it). */
json_t *gen_call(const emu_harness *h, gen_backend b, const char *model, const char *body,
                 long want_status);

/* The same on :streamGenerateContent?alt=sse: asserts 200, the SSE framing
 * and Content-Type, and returns the events as a JSON array. */
json_t *gen_stream(const emu_harness *h, gen_backend b, const char *model, const char *body);

/* A 400 INVALID_ARGUMENT from generateContent with exactly this message;
 * returns the parsed body for further checks (json_decref it). */
json_t *gen_expect_400(const emu_harness *h, gen_backend b, const char *model, const char *body,
                       const char *message);

/* Asserts that `actual` equals the JSON text `expected` (as values: key order
 * is not compared), printing both when not. */
void gen_assert_json(const json_t *actual, const char *expected);

/* The text parts of candidate `cand` of every event, concatenated (caller
 * frees). */
char *gen_stream_text(const json_t *events, int cand);

#endif
