#include "faults.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <genai/sys/auth.h>

#include "api/client_internal.h" /* white box: the response size limit (see lower_size_limit) */

#define MODEL "gemini-2.0-flash"
#define EMBED_MODEL "text-embedding-004"
#define PROMPT "ping"
/* What the emulator answers PROMPT with (docs/emulator.md, deterministic replies). */
#define ANSWER_TEXT "Echo from " MODEL ": " PROMPT

/* Each test gets this long before the process gives up on it: far above
 * what any fault needs (the slowest waits about 1 s), so only a hang trips it. */
#define TEST_DEADLINE_S 30
/* An asynchronous operation that has not ended by then has hung. */
#define ASYNC_DEADLINE_MS 20000

const genai_http_retry_options fault_retry = {GENAI_INIT(genai_http_retry_options), .attempts = &(int32_t){3},
                                              .initial_delay_s = &(double){0}, .jitter_s = &(double){0},
                                              .max_delay_s = &(double){0.5}};

static const char *const kind_names[FK_COUNT] = {"generate", "count_tokens", "embed",
                                                 "stream",   "async",        "async_stream"};
static const char *const backend_names[FB_COUNT] = {"mldev", "vertex_express", "vertex_token"};

const char *fault_kind_name(fault_kind k) { return kind_names[k]; }
const char *fault_backend_name(fault_backend b) { return backend_names[b]; }
bool fault_kind_streams(fault_kind k) { return k == FK_STREAM || k == FK_ASYNC_STREAM; }

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------- clients */

int fault_token_calls;

static genai_result give_token(void *user_data, genai_token_sink *sink) {
  (void)user_data;
  fault_token_calls++;
  return genai_token_sink_set(sink, FAULT_TOKEN, 0);
}

static const genai_token_provider token_provider = {GENAI_INIT(genai_token_provider), .get_token = give_token};

genai_client *fault_client(fault_backend b, const genai_http_retry_options *retry, int32_t idle_timeout_ms) {
  /* the client copies what it keeps: locals are fine */
  genai_http_options h = {GENAI_INIT(genai_http_options), .base_url = itest_emu.base_url,
                          .idle_timeout_ms = &idle_timeout_ms, .retry_options = retry};
  bool vertex = b != FB_MLDEV;
  genai_client_options o = {GENAI_INIT(genai_client_options), .http_options = &h, .no_env = true};
  if (b == FB_VERTEX_TOKEN) {
    o.vertexai = &vertex;
    o.project = "test-project";
    o.location = "us-central1";
    o.token_provider = &token_provider;
  } else {
    o.api_key = FAULT_KEY;
    if (vertex) o.vertexai = &vertex;
  }
  genai_client *c = NULL;
  if (genai_client_new(&o, &c) != GENAI_OK) fail_msg("genai_client_new: %s", genai_error_last()->message);
  return c;
}

void fault_url(fault_kind k, fault_backend b, char *out, size_t size) {
  static const char *const prefix[FB_COUNT] = {"/v1beta/models/", "/v1beta1/publishers/google/models/",
                                               "/v1beta1/projects/test-project/locations/us-central1/"
                                               "publishers/google/models/"};
  const char *method = ":generateContent";
  const char *model = MODEL;
  if (k == FK_COUNT_TOKENS) method = ":countTokens";
  if (fault_kind_streams(k)) method = ":streamGenerateContent?alt=sse";
  if (k == FK_EMBED) {
    model = EMBED_MODEL;
    method = b == FB_MLDEV ? ":batchEmbedContents" : ":predict";
  }
  snprintf(out, size, "%s%s%s%s", itest_emu.base_url, prefix[b], model, method);
}

/* -------------------------------------------------------------- calls */

static void copy_text(char *dst, size_t size, const char *src) { snprintf(dst, size, "%s", src ? src : ""); }

static void append_text(fault_outcome *o, const char *text) {
  if (text) strncat(o->text, text, sizeof(o->text) - strlen(o->text) - 1);
}

static void copy_error(fault_outcome *o, const genai_error *e) {
  o->error_code = e->code;
  o->http_status = e->http_status;
  copy_text(o->status, sizeof o->status, e->status);
  copy_text(o->message, sizeof o->message, e->message);
  o->has_body = e->body != NULL;
  copy_text(o->body, sizeof o->body, e->body);
  o->has_details = e->details_json != NULL;
  copy_text(o->details, sizeof o->details, e->details_json);
  o->retry_after_ms = e->retry_after_ms;
}

static void run_generate(genai_client *c, fault_outcome *o) {
  genai_generate_content_response *r = NULL;
  o->rc = genai_models_generate_content(c, MODEL, GENAI_TEXT(PROMPT), NULL, &r);
  if (o->rc == GENAI_OK) {
    append_text(o, genai_response_text(r));
  } else {
    assert_null(r); /* *out is NULL on failure (docs/memory.md rule 2) */
    copy_error(o, genai_error_last());
  }
  genai_generate_content_response_free(r);
}

static void run_count_tokens(genai_client *c, fault_outcome *o) {
  genai_count_tokens_response *r = NULL;
  o->rc = genai_models_count_tokens(c, MODEL, GENAI_TEXT(PROMPT), NULL, &r);
  if (o->rc == GENAI_OK) {
    o->total_tokens = r->total_tokens ? *r->total_tokens : -1;
  } else {
    assert_null(r);
    copy_error(o, genai_error_last());
  }
  genai_count_tokens_response_free(r);
}

static void run_embed(genai_client *c, fault_outcome *o) {
  genai_embed_content_response *r = NULL;
  o->rc = genai_models_embed_content(c, EMBED_MODEL, GENAI_TEXT(PROMPT), NULL, &r);
  if (o->rc == GENAI_OK) {
    if (r->embeddings_count == 1) o->embedding_values = r->embeddings[0]->values_count;
  } else {
    assert_null(r);
    copy_error(o, genai_error_last());
  }
  genai_embed_content_response_free(r);
}

static void run_stream(genai_client *c, fault_outcome *o) {
  genai_stream *s = NULL;
  o->open_rc = genai_models_generate_content_stream(c, MODEL, GENAI_TEXT(PROMPT), NULL, &s);
  if (o->open_rc != GENAI_OK) {
    o->rc = o->open_rc;
    assert_null(s);
    copy_error(o, genai_error_last());
    return;
  }
  const genai_generate_content_response *chunk = NULL;
  genai_result rc;
  while ((rc = genai_stream_next(s, &chunk)) == GENAI_OK && o->chunks < 1000) {
    o->chunks++;
    append_text(o, genai_response_text(chunk));
  }
  o->rc = rc;
  /* docs/streaming.md: the stream keeps its error, and every further call
   * returns the same result */
  const genai_error *kept = genai_stream_error(s);
  if (rc == GENAI_DONE) {
    assert_int_equal(kept->code, GENAI_OK);
  } else {
    copy_error(o, genai_error_last());
    assert_int_equal(kept->code, rc);
    assert_int_equal(kept->http_status, o->http_status);
    assert_string_equal(kept->message, o->message);
  }
  assert_int_equal(genai_stream_next(s, &chunk), rc);
  assert_null(chunk);
  genai_stream_free(s);
}

typedef struct async_state {
  int done;
  fault_outcome *o;
} async_state;

static void on_done(genai_op *op, void *user_data) {
  (void)op;
  ((async_state *)user_data)->done++;
}

static void on_chunk(genai_op *op, const genai_generate_content_response *chunk, void *user_data) {
  (void)op;
  async_state *st = user_data;
  st->o->chunks++;
  append_text(st->o, genai_response_text(chunk));
}

static void run_async(genai_client *c, bool stream, fault_outcome *o) {
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  async_state st = {0, o};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk,
                           .user_data = &st};
  genai_op *op = NULL;
  genai_result start = stream ? genai_models_generate_content_stream_async(m, MODEL, GENAI_TEXT(PROMPT), NULL, &cb, &op)
                              : genai_models_generate_content_async(m, MODEL, GENAI_TEXT(PROMPT), NULL, &cb, &op);
  assert_int_equal(start, GENAI_OK);
  int running = 1;
  int64_t deadline = now_ms() + ASYNC_DEADLINE_MS;
  while (running && now_ms() < deadline) assert_int_equal(genai_multi_poll(m, 200, &running), GENAI_OK);
  assert_int_equal(running, 0);
  assert_int_equal(st.done, 1); /* on_done exactly once */
  o->rc = genai_op_result(op);
  if (o->rc == GENAI_OK) {
    genai_generate_content_response *r = NULL;
    assert_int_equal(genai_op_take_generate_content_response(op, &r), GENAI_OK);
    append_text(o, genai_response_text(r));
    genai_generate_content_response_free(r);
  } else if (o->rc != GENAI_DONE) {
    copy_error(o, genai_op_error(op));
    assert_int_equal(o->error_code, o->rc);
  }
  genai_op_free(op);
  genai_multi_free(m);
}

void fault_run(fault_kind k, fault_backend b, genai_client *c, fault_outcome *o) {
  memset(o, 0, sizeof(*o));
  o->kind = k;
  o->backend = b;
  o->open_rc = GENAI_OK;
  o->total_tokens = -1;
  o->retry_after_ms = -1;
  int64_t start = now_ms();
  switch (k) {
    case FK_GENERATE: run_generate(c, o); break;
    case FK_COUNT_TOKENS: run_count_tokens(c, o); break;
    case FK_EMBED: run_embed(c, o); break;
    case FK_STREAM: run_stream(c, o); break;
    case FK_ASYNC: run_async(c, false, o); break;
    case FK_ASYNC_STREAM: run_async(c, true, o); break;
    case FK_COUNT: fail_msg("no such kind");
  }
  o->elapsed_ms = now_ms() - start;
  if (o->rc != GENAI_OK && o->rc != GENAI_DONE && k != FK_ASYNC && k != FK_ASYNC_STREAM)
    assert_int_equal(o->error_code, o->rc); /* genai_error.code is the code the call returned */
  o->requests = itest_request_count();
}

/* ------------------------------------------------------------- checks */

/* The answer of an unfaulted call of the outcome's kind. */
static void expect_answer(const fault_outcome *o) {
  switch (o->kind) {
    case FK_GENERATE:
    case FK_ASYNC:
      assert_int_equal(o->rc, GENAI_OK);
      assert_string_equal(o->text, ANSWER_TEXT);
      break;
    case FK_COUNT_TOKENS:
      assert_int_equal(o->rc, GENAI_OK);
      assert_int_equal(o->total_tokens, 1); /* "ping" is one token (the emulator's token rule) */
      break;
    case FK_EMBED:
      assert_int_equal(o->rc, GENAI_OK);
      assert_int_equal(o->embedding_values, 768); /* the emulator's default dimension */
      break;
    case FK_STREAM:
    case FK_ASYNC_STREAM:
      assert_int_equal(o->rc, GENAI_DONE);
      assert_string_equal(o->text, ANSWER_TEXT);
      break;
    case FK_COUNT: break;
  }
}

/* An error answer before any chunk: GENAI_EAPI with the service's details.
 * Streams report it from the call that opens them (docs/streaming.md). */
static void expect_api(const fault_outcome *o, int http_status, const char *status, const char *message,
                       size_t requests) {
  assert_int_equal(o->rc, GENAI_EAPI);
  assert_int_equal(o->http_status, http_status);
  assert_string_equal(o->status, status);
  assert_string_equal(o->message, message);
  assert_int_equal(o->requests, requests);
  assert_int_equal(o->chunks, 0);
  if (o->kind == FK_STREAM) assert_int_equal(o->open_rc, GENAI_EAPI);
}

/* "POST URL: " followed by the cause (docs/errors.md). */
static void expect_message_about(const fault_outcome *o, const char *cause) {
  char url[512], want[600];
  fault_url(o->kind, o->backend, url, sizeof url);
  snprintf(want, sizeof want, "POST %s: ", url);
  if (strncmp(o->message, want, strlen(want)) != 0) fail_msg("message '%s' does not start with '%s'", o->message, want);
  if (!strstr(o->message, cause)) fail_msg("message '%s' does not say '%s'", o->message, cause);
}

/* ------------------------------------------------------------- faults */

#define ERROR_JSON(code, message, status) \
  "{\"error\":{\"code\":" #code ",\"message\":\"" message "\",\"status\":\"" status "\"}}"
#define CHUNK(text) "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" text "\"}]}}]}"
#define LAST_CHUNK(text)                                                                       \
  "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" text "\"}]},"   \
  "\"finishReason\":\"STOP\"}]}"
#define RETRY_INFO(delay) \
  "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" delay "\"}]"

/* 408, 500, 503: retried (the default list), so 3 attempts, then the last
 * answer's error. */
static void check_408(const fault_outcome *o) { expect_api(o, 408, "DEADLINE_EXCEEDED", "Request timed out.", 3); }
static void check_500(const fault_outcome *o) {
  expect_api(o, 500, "INTERNAL", "Internal error encountered.", 3);
}
static void check_503(const fault_outcome *o) {
  expect_api(o, 503, "UNAVAILABLE", "The model is overloaded. Please try again later.", 3);
}

/* Retry-After: 1 s asked for, more than max_delay (0.5 s): the library
 * returns the error at once, with the wish in retry_after_ms (docs/http.md). */
static void check_429_retry_after(const fault_outcome *o) {
  expect_api(o, 429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", 1);
  assert_int_equal(o->retry_after_ms, 1000);
  assert_true(o->elapsed_ms < 900);
}

/* Retry-After: 1 s within max_delay (2 s here): one retry, 1 s later. */
static const genai_http_retry_options patient_retry = {GENAI_INIT(genai_http_retry_options),
                                                       .attempts = &(int32_t){3}, .initial_delay_s = &(double){0},
                                                       .jitter_s = &(double){0}, .max_delay_s = &(double){2}};
static void check_429_retry_after_waited(const fault_outcome *o) {
  expect_answer(o);
  assert_int_equal(o->requests, 2);
  assert_true(o->elapsed_ms >= 1000);
}

/* RetryInfo asks for 0.1 s, within max_delay: 3 attempts, 2 waits of 0.1 s. */
static void check_retry_info(const fault_outcome *o, int http_status, const char *status, const char *message) {
  expect_api(o, http_status, status, message, 3);
  assert_int_equal(o->retry_after_ms, 100);
  assert_true(o->has_details);
  assert_non_null(strstr(o->details, "google.rpc.RetryInfo"));
  assert_true(o->elapsed_ms >= 200);
}
static void check_429_retry_info(const fault_outcome *o) {
  check_retry_info(o, 429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Generate Content API requests'.");
}
static void check_503_retry_info(const fault_outcome *o) {
  check_retry_info(o, 503, "UNAVAILABLE", "The service is currently unavailable.");
}

#define HTML_PAGE                                                                                              \
  "<!DOCTYPE html>\\n<html lang=en>\\n  <meta charset=utf-8>\\n  <title>Error 502 (Server Error)!!1</title>\\n" \
  "  <p><b>502.</b> <ins>That's an error.</ins>\\n  <p>The server encountered a temporary error and could "     \
  "not complete your request.<p>Please try again in 30 seconds.  <ins>That's all we know.</ins>\\n"
/* The same page as the C string the library keeps. */
#define HTML_PAGE_TEXT                                                                                   \
  "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 502 (Server Error)!!1</title>\n" \
  "  <p><b>502.</b> <ins>That's an error.</ins>\n  <p>The server encountered a temporary error and could "   \
  "not complete your request.<p>Please try again in 30 seconds.  <ins>That's all we know.</ins>\n"

/* A proxy's HTML page on a retryable status: retried, then GENAI_EAPI with
 * the reason phrase as status and the page in `body` (docs/errors.md). */
static void check_html_502(const fault_outcome *o) {
  char message[256];
  snprintf(message, sizeof message,
           "HTTP 502 Bad Gateway: the service answered with a body that is not a JSON error of type text/html; "
           "charset=UTF-8 (%zu bytes)",
           strlen(HTML_PAGE_TEXT));
  expect_api(o, 502, "Bad Gateway", message, 3);
  assert_true(o->has_body);
  assert_string_equal(o->body, HTML_PAGE_TEXT);
  assert_int_equal(o->retry_after_ms, -1);
}

static bool starts_with(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

/* docs/errors.md on GENAI_EDECODE: "http_status is the status of the answer
 * that could not be decoded, and the message starts with `HTTP <status>
 * answer:`", streamed events and the size limits included. */
#define DECODE_PREFIX "HTTP 200 answer: "

/* A 2xx answer that could not be decoded, its message going on with `cause`. */
static void expect_decode_error(const fault_outcome *o, const char *cause) {
  assert_int_equal(o->rc, GENAI_EDECODE);
  assert_int_equal(o->requests, 1); /* decode errors are not retried */
  assert_string_equal(o->status, "");
  assert_int_equal(o->http_status, 200);
  char expected[700];
  snprintf(expected, sizeof expected, "%s%s", DECODE_PREFIX, cause);
  if (!starts_with(o->message, expected)) fail_msg("message '%s' does not start with '%s'", o->message, expected);
}

/* A 200 answer that is not JSON: GENAI_EDECODE, never retried. Streams hand
 * out the chunks before the bad event first. */
static void check_not_json(const fault_outcome *o, const char *parser_says) {
  if (fault_kind_streams(o->kind)) {
    assert_int_equal(o->chunks, 1);
    assert_string_equal(o->text, "a");
    if (o->kind == FK_STREAM) assert_int_equal(o->open_rc, GENAI_OK);
    expect_decode_error(o, "a streamed chunk is not valid JSON: ");
  } else {
    expect_decode_error(o, "the response is not valid JSON: ");
  }
  if (!strstr(o->message, parser_says)) fail_msg("message '%s' does not say '%s'", o->message, parser_says);
}

static void check_malformed_json_200(const fault_outcome *o) {
  check_not_json(o, fault_kind_streams(o->kind) ? "']' expected near end of file"
                                                : "unexpected token near end of file");
}

/* Invalid UTF-8 inside a JSON string of a 200 answer: not JSON (RFC 8259
 * requires UTF-8), so GENAI_EDECODE like any malformed body. */
static void check_invalid_utf8(const fault_outcome *o) { check_not_json(o, "unable to decode byte 0xff"); }

/* The limit on a whole answer is 1 GiB (DEFAULT_MAX_RESPONSE_BYTES in
 * src/api/client.c), too large to script, and genai_http_options has no field
 * for it: the test lowers it in the client itself (white box). Streams are
 * not bounded as a whole (their memory stays at one read); their limit is
 * 64 MiB per event (see big_event in test_body.c). */
#define SMALL_LIMIT 65536 /* above the emulator's ordinary answers (768 embedding values: about 20 KB) */
static void lower_size_limit(genai_client *c) { c->settings.max_response_bytes = SMALL_LIMIT; }

#define X64 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define X1K X64 X64 X64 X64 X64 X64 X64 X64 X64 X64 X64 X64 X64 X64 X64 X64
#define X16K X1K X1K X1K X1K X1K X1K X1K X1K X1K X1K X1K X1K X1K X1K X1K X1K
#define X80K X16K X16K X16K X16K X16K

static void check_oversize(const fault_outcome *o) {
  char url[512], cause[650];
  fault_url(o->kind, o->backend, url, sizeof url);
  snprintf(cause, sizeof cause, "the response to POST %s is larger than %d bytes", url, SMALL_LIMIT);
  expect_decode_error(o, cause);
  assert_string_equal(o->message + strlen(DECODE_PREFIX), cause);
}

/* A stream's limit is per event: 64 MiB (MAX_EVENT_BYTES in src/api/stream.c
 * and src/api/op.c). The emulator repeats one "data: xxx..." piece into a
 * single data line of about 67 MB, more than 64 MiB (67,108,864 bytes). */
static void check_event_over_limit(const fault_outcome *o) {
  assert_int_equal(o->chunks, 0);
  if (o->kind == FK_STREAM) assert_int_equal(o->open_rc, GENAI_OK);
  expect_decode_error(o, "a streamed event is larger than 67108864 bytes");
  assert_string_equal(o->message, DECODE_PREFIX "a streamed event is larger than 67108864 bytes");
}

/* The same lowered limit lets an ordinary answer through: the size is what failed above. */
static void check_under_size_limit(const fault_outcome *o) {
  expect_answer(o);
  assert_int_equal(o->requests, 1);
}

/* The status line arrived, then the body broke off: not retried
 * (docs/http.md retries only failures before a status line). */
static void check_broken_off(const fault_outcome *o, genai_result rc, const char *cause) {
  assert_int_equal(o->rc, rc);
  assert_int_equal(o->requests, 1);
  assert_string_equal(o->status, "");
  expect_message_about(o, cause);
  /* docs/errors.md: "http_status is 0, or the status of an answer that broke off" */
  assert_int_equal(o->http_status, 200);
  if (fault_kind_streams(o->kind)) {
    /* what arrived before the break is handed out first */
    assert_int_equal(o->chunks, 1);
    assert_string_equal(o->text, "a");
    if (o->kind == FK_STREAM) assert_int_equal(o->open_rc, GENAI_OK);
  }
}

static void check_truncated_body(const fault_outcome *o) {
  check_broken_off(o, GENAI_ETRANSPORT, "transfer closed with ");
}

static void check_cut_mid_stream(const fault_outcome *o) {
  check_broken_off(o, GENAI_ETRANSPORT, "transfer closed with outstanding read data remaining");
}

/* No answer at all: retried (docs/http.md), then GENAI_ETRANSPORT. */
static void check_reset_before_headers(const fault_outcome *o) {
  assert_int_equal(o->rc, GENAI_ETRANSPORT);
  assert_int_equal(o->requests, 3);
  assert_int_equal(o->http_status, 0);
  assert_string_equal(o->status, "");
  assert_int_equal(o->chunks, 0);
  if (o->kind == FK_STREAM) assert_int_equal(o->open_rc, GENAI_ETRANSPORT);
  expect_message_about(o, "Empty reply from server");
}

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#define IDLE_CAUSE "no data was sent or received for " STRINGIFY(FAULT_IDLE_MS) " ms (idle_timeout_ms)"

/* Silence before the headers: the idle timeout ends the call; it is not retried. */
static void check_stall_before_headers(const fault_outcome *o) {
  assert_int_equal(o->rc, GENAI_ETIMEOUT);
  assert_int_equal(o->requests, 1);
  assert_int_equal(o->http_status, 0);
  assert_string_equal(o->status, "");
  assert_int_equal(o->chunks, 0);
  if (o->kind == FK_STREAM) assert_int_equal(o->open_rc, GENAI_ETIMEOUT);
  expect_message_about(o, IDLE_CAUSE);
  assert_true(o->elapsed_ms >= FAULT_IDLE_MS && o->elapsed_ms < 2500); /* the idle limit, not the 3 s delay */
}

/* Silence in the middle of the body. */
static void check_stall_mid_body(const fault_outcome *o) {
  check_broken_off(o, GENAI_ETIMEOUT, IDLE_CAUSE);
  assert_true(o->elapsed_ms >= FAULT_IDLE_MS && o->elapsed_ms < 2500);
}

/* The service echoes a credential back (as the real one does in DebugInfo):
 * the library replaces it with [REDACTED] wherever it keeps it. */
static void check_echo(const fault_outcome *o, int http_status, const char *status) {
  assert_int_equal(o->rc, GENAI_EAPI);
  assert_int_equal(o->http_status, http_status);
  assert_string_equal(o->status, status);
  assert_int_equal(o->requests, 1);
}

static void check_echo_in_error(const fault_outcome *o) {
  check_echo(o, 400, "INVALID_ARGUMENT");
  assert_string_equal(o->message, "API key not valid: [REDACTED] (credential [REDACTED])");
  assert_true(o->has_details);
  assert_non_null(strstr(o->details, "\"detail\":\"credential=[REDACTED]\""));
  if (fault_kind_streams(o->kind)) {
    /* sent in the middle of the stream, after one chunk */
    assert_int_equal(o->chunks, 1);
    if (o->kind == FK_STREAM) assert_int_equal(o->open_rc, GENAI_OK);
  } else {
    assert_int_equal(o->chunks, 0);
  }
}

static void check_echo_in_html(const fault_outcome *o) {
  check_echo(o, 403, "Forbidden");
  assert_true(o->has_body);
  assert_string_equal(o->body, "<html><p>Forbidden for [REDACTED]</p></html>");
  assert_int_equal(o->chunks, 0);
}

/* A 401 to a request carrying a bearer token: a new token and one more
 * request (docs/http.md); with an API key it is an error like any 4xx. */
static void check_401(const fault_outcome *o) {
  if (o->backend == FB_VERTEX_TOKEN) {
    expect_answer(o);
    assert_int_equal(o->requests, 2);
    assert_int_equal(fault_token_calls, 2);
  } else {
    expect_api(o, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", 1);
  }
}

#define ECHO_ERROR(secret)                                                                        \
  "{\"error\":{\"code\":400,\"message\":\"API key not valid: " secret " (credential " secret ")\","     \
  "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.DebugInfo\"," \
  "\"detail\":\"credential=" secret "\"}]}}"
#define ECHO_SCRIPTS(secret)                                                                         \
  .unary_script = "{\"responses\":[{\"status\":400,\"json\":" ECHO_ERROR(secret) "}]}",               \
  .stream_script = "{\"responses\":[{\"stream\":{\"events\":[" CHUNK("a") "],\"error\":" ECHO_ERROR(secret) "}}]}"
#define ECHO_HTML(secret)                                                                             \
  "{\"responses\":[{\"status\":403,\"headers\":{\"Content-Type\":\"text/html\"},\"body\":"           \
  "\"<html><p>Forbidden for " secret "</p></html>\"}]}"

/* An SSE event inside a script's "body" string: quotes and line ends escaped. */
#define SSE(json) "data: " json "\\r\\n\\r\\n"
#define QCHUNK(text)                                                                                   \
  "{\\\"candidates\\\":[{\\\"content\\\":{\\\"role\\\":\\\"model\\\",\\\"parts\\\":[{\\\"text\\\":\\\"" \
  text "\\\"}]}}]}"

const fault_case fault_cases[] = {
    {.name = "http_408",
     .group = "status",
     .unary_script = "{\"responses\":[{\"status\":408,\"repeat\":3,\"json\":" ERROR_JSON(408, "Request timed out.",
                                                                                          "DEADLINE_EXCEEDED") "}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_408},
    {.name = "http_429_retry_after",
     .group = "status",
     .unary_script = "{\"responses\":[{\"status\":429,\"repeat\":3,\"headers\":{\"Retry-After\":\"1\"},"
                     "\"json\":" ERROR_JSON(429, "Resource has been exhausted (e.g. check quota).",
                                            "RESOURCE_EXHAUSTED") "}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_429_retry_after},
    {.name = "http_429_retry_after_waited",
     .group = "status",
     .unary_script = "{\"responses\":[{\"status\":429,\"headers\":{\"Retry-After\":\"1\"},\"json\":" ERROR_JSON(
         429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED") "}]}",
     .kinds = FK_BIT(FK_GENERATE) | FK_BIT(FK_STREAM) | FK_BIT(FK_ASYNC),
     .backends = FB_BIT(FB_MLDEV),
     .retry = &patient_retry,
     .check = check_429_retry_after_waited},
    {.name = "http_500",
     .group = "status",
     .unary_script = "{\"responses\":[{\"status\":500,\"repeat\":3,\"json\":" ERROR_JSON(
         500, "Internal error encountered.", "INTERNAL") "}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_500},
    {.name = "http_503",
     .group = "status",
     .unary_script = "{\"responses\":[{\"status\":503,\"repeat\":3,\"json\":" ERROR_JSON(
         503, "The model is overloaded. Please try again later.", "UNAVAILABLE") "}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_503},
    {.name = "http_429_retry_info",
     .group = "status",
     .unary_script = "{\"responses\":[{\"status\":429,\"repeat\":3,\"json\":{\"error\":{\"code\":429,\"message\":"
                     "\"Quota exceeded for quota metric 'Generate Content API requests'.\",\"status\":"
                     "\"RESOURCE_EXHAUSTED\"," RETRY_INFO("0.1s") "}}}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_429_retry_info},
    {.name = "http_503_retry_info_in_list",
     .group = "status",
     /* wrapped in a one-element array, as Vertex AI sends errors */
     .unary_script = "{\"responses\":[{\"status\":503,\"repeat\":3,\"json\":[{\"error\":{\"code\":503,\"message\":"
                     "\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"," RETRY_INFO("0.1s")
                     "}}]}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_503_retry_info},
    {.name = "html_502",
     .group = "status",
     .unary_script = "{\"responses\":[{\"status\":502,\"repeat\":3,\"headers\":{\"Content-Type\":\"text/html; "
                     "charset=UTF-8\"},\"body\":\"" HTML_PAGE "\"}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_html_502},
    {.name = "malformed_json_200",
     .group = "body",
     .unary_script = "{\"responses\":[{\"headers\":{\"Content-Type\":\"application/json; charset=UTF-8\"},"
                     "\"body\":\"{\\\"candidates\\\": [{\\\"content\\\": \"}]}",
     .stream_script = "{\"responses\":[{\"stream\":{\"events\":[" CHUNK("a") ",\"data: {\\\"candidates\\\": "
                      "[\\r\\n\\r\\n\"]}}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_malformed_json_200},
    {.name = "invalid_utf8_200",
     .group = "body",
     /* {"candidates":[{"content":{"role":"model","parts":[{"text":"caf\xc3\xa9 \xff\xfe broken"}]},
      *  "finishReason":"STOP"}]}, and as a stream the same after the event {CHUNK("a")} */
     .unary_script = "{\"responses\":[{\"headers\":{\"Content-Type\":\"application/json; charset=UTF-8\"},"
                     "\"body_base64\":\"eyJjYW5kaWRhdGVzIjpbeyJjb250ZW50Ijp7InJvbGUiOiJtb2RlbCIsInBhcnRzIjpbeyJ0ZXh0"
                     "IjoiY2Fmw6kg//4gYnJva2VuIn1dfSwiZmluaXNoUmVhc29uIjoiU1RPUCJ9XX0=\"}]}",
     .stream_script = "{\"responses\":[{\"headers\":{\"Content-Type\":\"text/event-stream\"},"
                      "\"body_base64\":\"ZGF0YTogeyJjYW5kaWRhdGVzIjpbeyJjb250ZW50Ijp7InJvbGUiOiJtb2RlbCIsInBhcnRzIjpb"
                      "eyJ0ZXh0IjoiYSJ9XX19XX0NCg0KZGF0YTogeyJjYW5kaWRhdGVzIjpbeyJjb250ZW50Ijp7InJvbGUiOiJtb2RlbCIsIn"
                      "BhcnRzIjpbeyJ0ZXh0IjoiY2Fmw6kg//4gYnJva2VuIn1dfSwiZmluaXNoUmVhc29uIjoiU1RPUCJ9XX0NCg0K\"}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_invalid_utf8},
    {.name = "over_size_limit",
     .group = "body",
     .unary_script = "{\"responses\":[{\"json\":" LAST_CHUNK(X80K) "}]}",
     .kinds = FK_UNARY,
     .backends = FB_ALL,
     .prepare = lower_size_limit,
     .check = check_oversize},
    {.name = "event_over_size_limit",
     .group = "body",
     .stream_script = "{\"responses\":[{\"headers\":{\"Content-Type\":\"text/event-stream\"},\"body\":\"data: " X1K
                      "\",\"body_repeat\":65200}]}",
     .kinds = FK_STREAMS,
     .backends = FB_ALL,
     .check = check_event_over_limit},
    {.name = "under_size_limit",
     .group = "body",
     .unary_script = "{\"responses\":[]}",
     .kinds = FK_UNARY,
     .backends = FB_ALL,
     .prepare = lower_size_limit,
     .check = check_under_size_limit},
    {.name = "truncated_body",
     .group = "connection",
     .unary_script = "{\"responses\":[{\"drop\":\"after_headers\",\"json\":" LAST_CHUNK(X1K) "}]}",
     .stream_script = "{\"responses\":[{\"drop\":\"after_headers\","
                      "\"headers\":{\"Content-Type\":\"text/event-stream\"},"
                      "\"body\":\"" SSE(QCHUNK("a")) SSE(QCHUNK(X1K)) "\"}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_truncated_body},
    {.name = "reset_before_headers",
     .group = "connection",
     .unary_script = "{\"responses\":[{\"drop\":\"before_headers\",\"repeat\":3}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_reset_before_headers},
    {.name = "cut_mid_stream",
     .group = "connection",
     /* a unary answer sent in two pieces, cut after the first */
     .unary_script = "{\"responses\":[{\"headers\":{\"Content-Type\":\"application/json; charset=UTF-8\"},"
                     "\"stream\":{\"events\":[\"{\\\"candidates\\\": [\",\"{\\\"index\\\": 0}]}\"],\"cut_after\":1}}]}",
     .stream_script = "{\"responses\":[{\"stream\":{\"events\":[" CHUNK("a") "," CHUNK("b") "," LAST_CHUNK("c")
                      "],\"cut_after\":1}}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_cut_mid_stream},
    {.name = "stall_before_headers",
     .group = "connection",
     .unary_script = "{\"responses\":[{\"delay_ms\":3000,\"json\":" LAST_CHUNK("late") "}]}",
     .stream_script = "{\"responses\":[{\"delay_ms\":3000,\"stream\":{\"events\":[" LAST_CHUNK("late") "]}}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .idle_timeout_ms = FAULT_IDLE_MS,
     .check = check_stall_before_headers},
    {.name = "stall_mid_body",
     .group = "connection",
     .unary_script = "{\"responses\":[{\"headers\":{\"Content-Type\":\"application/json; charset=UTF-8\"},"
                     "\"stream\":{\"events\":[\"{\\\"candidates\\\": \"],\"stall_ms\":3000}}]}",
     .stream_script = "{\"responses\":[{\"stream\":{\"events\":[" CHUNK("a") "],\"stall_ms\":3000}}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .idle_timeout_ms = FAULT_IDLE_MS,
     .check = check_stall_mid_body},
    {.name = "echoed_key_in_error",
     .group = "secrets",
     ECHO_SCRIPTS(FAULT_KEY),
     .kinds = FK_ALL,
     .backends = FB_KEYS,
     .check = check_echo_in_error},
    {.name = "echoed_token_in_error",
     .group = "secrets",
     ECHO_SCRIPTS(FAULT_TOKEN),
     .kinds = FK_ALL,
     .backends = FB_BIT(FB_VERTEX_TOKEN),
     .check = check_echo_in_error},
    {.name = "echoed_key_in_html",
     .group = "secrets",
     .unary_script = ECHO_HTML(FAULT_KEY),
     .kinds = FK_ALL,
     .backends = FB_KEYS,
     .check = check_echo_in_html},
    {.name = "echoed_token_in_html",
     .group = "secrets",
     .unary_script = ECHO_HTML(FAULT_TOKEN),
     .kinds = FK_ALL,
     .backends = FB_BIT(FB_VERTEX_TOKEN),
     .check = check_echo_in_html},
    {.name = "http_401",
     .group = "secrets",
     .unary_script = "{\"responses\":[{\"status\":401,\"json\":" ERROR_JSON(
         401, "Request had invalid authentication credentials.", "UNAUTHENTICATED") "}]}",
     .kinds = FK_ALL,
     .backends = FB_ALL,
     .check = check_401},
};
const size_t fault_case_count = sizeof(fault_cases) / sizeof(fault_cases[0]);

/* -------------------------------------------------------------- secrets */

/* The log of the current call, every level. */
static struct {
  char *text;
  size_t len, cap, lines;
} call_log;

static void on_log(genai_log_level level, const char *message, void *user_data) {
  (void)level;
  (void)user_data;
  size_t n = strlen(message);
  if (call_log.len + n + 2 > call_log.cap) {
    size_t cap = (call_log.len + n + 2) * 2;
    char *grown = realloc(call_log.text, cap);
    if (!grown) fail_msg("out of memory keeping the log");
    call_log.text = grown;
    call_log.cap = cap;
  }
  memcpy(call_log.text + call_log.len, message, n);
  call_log.len += n;
  call_log.text[call_log.len++] = '\n';
  call_log.text[call_log.len] = '\0';
  call_log.lines++;
}

static void call_log_reset(void) {
  call_log.len = call_log.lines = 0;
  if (call_log.text) call_log.text[0] = '\0';
}

static void expect_no_secret(const char *what, const char *text) {
  if (!text) return;
  if (strstr(text, FAULT_KEY)) fail_msg("the API key appears in %s: %s", what, text);
  if (strstr(text, FAULT_TOKEN)) fail_msg("the bearer token appears in %s: %s", what, text);
}

static const char *logged_header(json_t *request, const char *name) {
  return json_string_value(json_object_get(json_object_get(request, "headers"), name));
}

/* docs/errors.md "Secrets are redacted", docs/threading.md "Logging". */
static void expect_secrets_kept(const fault_outcome *o) {
  expect_no_secret("the message", o->message);
  expect_no_secret("the status", o->status);
  expect_no_secret("the body excerpt", o->body);
  expect_no_secret("the details", o->details);
  expect_no_secret("the log", call_log.text);
  /* the log was on and showed the credentials' headers, redacted */
  assert_true(call_log.lines > 0);
  const char *header_line =
      o->backend == FB_VERTEX_TOKEN ? "> Authorization: [REDACTED]" : "> x-goog-api-key: [REDACTED]";
  if (!strstr(call_log.text, header_line)) fail_msg("the log has no line '%s':\n%s", header_line, call_log.text);
  json_t *log = itest_requests();
  size_t i;
  json_t *request;
  assert_true(json_array_size(log) > 0);
  json_array_foreach(log, i, request) {
    expect_no_secret("a request's path", json_string_value(json_object_get(request, "path")));
    expect_no_secret("a request's query", json_string_value(json_object_get(request, "query")));
    /* the secrets went where they belong, so their absence above means something */
    if (o->backend == FB_VERTEX_TOKEN) {
      assert_string_equal(logged_header(request, "authorization"), "Bearer " FAULT_TOKEN);
      assert_null(logged_header(request, "x-goog-api-key"));
    } else {
      assert_string_equal(logged_header(request, "x-goog-api-key"), FAULT_KEY);
    }
  }
  json_decref(log);
}

/* -------------------------------------------------------------- runner */

typedef struct case_kind {
  const fault_case *fc;
  fault_kind kind;
} case_kind;

static const char *current_test = "";

/* A test that hangs stops the program: the emulator is stopped first, so
 * that nothing is left running, and ctest reports the failure. */
static void on_deadline(int sig) {
  (void)sig;
  static const char msg[] = "a fault test did not finish in time (a hang): ";
  ssize_t ignored = write(2, msg, sizeof msg - 1);
  ignored = write(2, current_test, strlen(current_test));
  (void)ignored;
  if (itest_emu.pid) kill(itest_emu.pid, SIGTERM);
  _exit(3);
}

static int group_setup(void **state) {
  (void)state;
  const char *args[] = {"--api-key", FAULT_KEY, "--bearer-token", FAULT_TOKEN, "--quiet", NULL};
  return emu_start(&itest_emu, args);
}

static int case_setup(void **state) {
  const case_kind *ck = *state;
  static char name[128];
  snprintf(name, sizeof name, "%s/%s\n", ck->fc->name, fault_kind_name(ck->kind));
  current_test = name;
  alarm(TEST_DEADLINE_S);
  return 0;
}

static int case_teardown(void **state) {
  (void)state;
  alarm(0);
  genai_error_clear();
  return 0;
}

static void run_case(void **state) {
  const case_kind *ck = *state;
  const fault_case *fc = ck->fc;
  for (int b = 0; b < FB_COUNT; b++) {
    if (!(fc->backends & FB_BIT(b))) continue;
    assert_int_equal(emu_reset(&itest_emu), 200);
    const char *script = fault_kind_streams(ck->kind) && fc->stream_script ? fc->stream_script : fc->unary_script;
    itest_script(script);
    genai_client *c = fault_client((fault_backend)b, fc->retry ? fc->retry : &fault_retry,
                                   fc->idle_timeout_ms ? fc->idle_timeout_ms : FAULT_IDLE_GUARD_MS);
    if (fc->prepare) fc->prepare(c);
    call_log_reset();
    fault_token_calls = 0;
    fault_outcome o;
    fault_run(ck->kind, (fault_backend)b, c, &o);
    genai_client_free(c);
    /* what happened, for docs/faults.md and for a failure's context */
    print_message("  %s/%s on %s: %s after %zu chunk(s), %zu request(s), %lld ms; http_status %d, status \"%s\", "
                  "retry_after_ms %lld, message: %s\n",
                  fc->name, fault_kind_name(ck->kind), fault_backend_name((fault_backend)b), genai_result_name(o.rc),
                  o.chunks, o.requests, (long long)o.elapsed_ms, o.http_status, o.status,
                  (long long)o.retry_after_ms, o.message);
    fc->check(&o);
    expect_secrets_kept(&o);
  }
}

int fault_main(const char *group) {
  signal(SIGALRM, on_deadline);
  genai_log_set_callback(on_log, NULL, GENAI_LOG_DEBUG);
  size_t n = 0;
  for (size_t i = 0; i < fault_case_count; i++)
    if (!strcmp(fault_cases[i].group, group))
      for (int k = 0; k < FK_COUNT; k++) n += (fault_cases[i].kinds & FK_BIT(k)) != 0;
  struct CMUnitTest *tests = calloc(n ? n : 1, sizeof(*tests));
  case_kind *cases = calloc(n ? n : 1, sizeof(*cases));
  char(*names)[96] = calloc(n ? n : 1, sizeof(*names));
  if (!tests || !cases || !names) return 1;
  size_t t = 0;
  for (size_t i = 0; i < fault_case_count; i++) {
    if (strcmp(fault_cases[i].group, group)) continue;
    for (int k = 0; k < FK_COUNT; k++) {
      if (!(fault_cases[i].kinds & FK_BIT(k))) continue;
      cases[t] = (case_kind){&fault_cases[i], (fault_kind)k};
      snprintf(names[t], sizeof names[t], "%s/%s", fault_cases[i].name, fault_kind_name((fault_kind)k));
      tests[t] = (struct CMUnitTest){.name = names[t], .test_func = run_case, .setup_func = case_setup,
                                     .teardown_func = case_teardown, .initial_state = &cases[t]};
      t++;
    }
  }
  int failed = _cmocka_run_group_tests(group, tests, n, group_setup, NULL);
  genai_log_set_callback(NULL, NULL, GENAI_LOG_ERROR);
  free(tests);
  free(cases);
  free(names);
  free(call_log.text);
  return itest_finish(failed);
}
