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
/* Request i of the log (0: the first since the last reset), borrowed until
 * the next call; and a header of a logged request (names in lower case). */
json_t *itest_request_at(size_t i);
const char *itest_header(const json_t *request, const char *name);

/* Asserts that two JSON texts are equal as JSON values. */
void itest_assert_json_equal(const char *actual, const char *expected);
/* Asserts the JSON value equals the JSON text. */
void itest_assert_json_value(const json_t *actual, const char *expected);

/* Queues scripted responses ({"responses":[...]}). */
void itest_script(const char *json);

/* Files: n bytes of a pattern that depends on seed (free() it); a new file
 * of those bytes named /tmp/genai_itest_PID_K<suffix> (its name in path);
 * and the sha256Hash the files service writes for them (base64 of the
 * lower-case hex SHA-256), asserted equal to an uploaded File's. */
unsigned char *itest_pattern(size_t n, unsigned seed);
void itest_pattern_file(char *path, size_t size, const char *suffix, size_t n, unsigned seed);
void itest_sha256_hash(const void *data, size_t n, char out[128]);
void itest_assert_upload_hash(const genai_file *f, size_t n, unsigned seed);

/* An application's event loop on epoll for a genai_multi: the options that
 * hand it the descriptors and the timer, and one turn (wait, then
 * genai_multi_socket_action with what happened). */
typedef struct itest_epoll {
  int epfd;
  long timer_ms; /* -1: none */
  int watched;   /* descriptors the multi asked to watch and has not given back */
} itest_epoll;
genai_multi_options itest_epoll_open(itest_epoll *l);
/* Returns how many descriptors were ready; 0 when the wait ran out and the
 * timer action was done. */
int itest_epoll_turn(itest_epoll *l, genai_multi *m, int *running);
void itest_epoll_close(itest_epoll *l);

#endif
