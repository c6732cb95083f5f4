/* Shared fixtures of the integration tests: one emulator per test group,
 * clients pointed at it, and access to what the SDK sent. */
#ifndef GENAI_ITEST_H
#define GENAI_ITEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include <genai/genai.h>

#include "emulator_harness.h"

#define ITEST_KEY "test-key-0123456789"
#define ITEST_TOKEN "test-token-abcdef"

extern emu_harness itest_emu;

/* cmocka group setup: starts an emulator accepting ITEST_KEY and the bearer
 * token ITEST_TOKEN. */
int itest_group_setup(void **state);
/* Stops the emulator and folds an unclean exit (a crash, or a leak in a
 * sanitizer build) into the result: `return itest_finish(failed);` ends
 * main, since cmocka ignores group teardown failures. */
int itest_finish(int failed);
/* Per test: clears the emulator's log and script. */
int itest_reset(void **state);

/* A Gemini API client on the emulator; http may be NULL. */
genai_client *itest_mldev_client(const genai_http_options *http);
/* A Vertex AI express-mode (API key) client on the emulator. */
genai_client *itest_vertex_express_client(const genai_http_options *http);
/* A Vertex AI client with project/location and a token provider (NULL: one
 * that always gives ITEST_TOKEN). */
genai_client *itest_vertex_client(const genai_token_provider *provider);

/* The log of API requests, and its last entry (borrowed from the log). */
json_t *itest_requests(void);
size_t itest_request_count(void);
/* The last request; the caller json_decref()s it. */
json_t *itest_last_request(void);

/* Asserts that two JSON texts are equal as JSON values. */
void itest_assert_json_equal(const char *actual, const char *expected);
/* Asserts the JSON value equals the JSON text. */
void itest_assert_json_value(const json_t *actual, const char *expected);

/* Queues scripted responses ({"responses":[...]}). */
void itest_script(const char *json);

#endif
