/* libFuzzer target: the error decoder (src/http/api_error.c).
 *
 * The input is the body of an error answer. It goes through
 * - genai__api_error_raise for several HTTP statuses, with and without a
 *   Content-Type header and a Retry-After delay,
 * - genai__api_error_raise_json (an error object inside a 200 stream),
 * - genai__api_error_retry_info_ms (RetryInfo of the body),
 * - genai__retry_after_header_ms (the input as a Retry-After value).
 * Checked after each raise: the call returns GENAI_EAPI (raise_json may
 * also say GENAI_EDECODE for an unknown shape) and genai_error_last() says
 * the same code, has a message and a status, keeps the HTTP status it was
 * given and the Retry-After delay it was given; the API key given as a
 * secret appears in none of message, details and body (a body that echoes
 * the request must not leak it); the body excerpt stays within its bound.
 * Delays are -1 (none) or more. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <genai/errors.h>

#include "core/redact.h"
#include "fuzz_util.h"
#include "http/api_error.h"
#include "http/headers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A key-shaped secret, and the seeds contain it (make_seeds.py) so that the
 * fuzzer starts from bodies that echo it. */
#define SECRET "AIzaFuzzSecretKey0123456789"

/* api_error.c cuts a body that is not a JSON error to 2048 bytes, plus a
 * note of the bytes left out; a message to 8192. */
#define BODY_BOUND (2048 + 64)
#define MESSAGE_BOUND (8192 + 64)

static void check_no_secret(const char *text, const char *what) {
  FUZZ_CHECK(!text || !strstr(text, SECRET), "the secret leaked into the error's %s: %s", what, text);
}

static void check_raised(genai_result rc, long http_status, int64_t retry_after_ms, const char *how) {
  FUZZ_CHECK(rc == GENAI_EAPI, "%s returned %s", how, genai_result_name(rc));
  fuzz_check_error(rc, how);
  const genai_error *e = genai_error_last();
  if (http_status) FUZZ_CHECK(e->http_status == http_status, "%s: HTTP status %d, given %ld", how, e->http_status,
                              http_status);
  if (retry_after_ms >= 0)
    FUZZ_CHECK(e->retry_after_ms == retry_after_ms, "%s: retry_after_ms %lld, given %lld", how,
               (long long)e->retry_after_ms, (long long)retry_after_ms);
  else FUZZ_CHECK(e->retry_after_ms >= -1, "%s: retry_after_ms %lld", how, (long long)e->retry_after_ms);
  check_no_secret(e->message, "message");
  check_no_secret(e->details_json, "details");
  check_no_secret(e->body, "body");
  FUZZ_CHECK(strlen(e->message) <= MESSAGE_BOUND, "%s: a message of %zu bytes", how, strlen(e->message));
  FUZZ_CHECK(!e->body || strlen(e->body) <= BODY_BOUND, "%s: a body excerpt of %zu bytes", how, strlen(e->body));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *body = (const char *)data;
  genai__secrets secrets = {0};
  genai__secrets_add(&secrets, SECRET);

  genai__headers html = {0};
  if (genai__headers_set(&html, "Content-Type", "text/html; charset=UTF-8") != GENAI_OK) abort();

  static const struct {
    long status;
    bool html;
    int64_t retry_after_ms;
  } cases[] = {{400, false, -1}, {404, true, -1}, {429, false, 2000}, {500, false, -1}, {503, true, 0}, {418, false, -1}};
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    genai_error_clear();
    genai_result rc = genai__api_error_raise(cases[i].status, body, size, cases[i].html ? &html : NULL,
                                             cases[i].retry_after_ms, &secrets);
    check_raised(rc, cases[i].status, cases[i].retry_after_ms, "genai__api_error_raise");
  }
  genai__headers_clear(&html);

  genai_error_clear();
  genai_result rc = genai__api_error_raise_json(body, size, &secrets);
  if (rc == GENAI_EDECODE) fuzz_check_error(rc, "genai__api_error_raise_json");
  else check_raised(rc, 0, -1, "genai__api_error_raise_json");

  int64_t info = genai__api_error_retry_info_ms(body, size);
  FUZZ_CHECK(info >= -1, "RetryInfo delay %lld", (long long)info);

  char *value = fuzz_cstr(data, size);
  int64_t after = genai__retry_after_header_ms(value);
  FUZZ_CHECK(after >= -1, "Retry-After delay %lld for \"%s\"", (long long)after, value);
  free(value);

  genai_error_clear();
  return 0;
}
