/* The SSE decoder (src/http/sse.c): framing, fields, raw JSON bodies,
 * limits and splits at every byte. The real .sse samples are fed through it
 * in tests/samples/test_sse_samples.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <genai/errors.h>

#include "core/buf.h"
#include "http/sse.h"

#define MAX_EVENTS 32

typedef struct events {
  char *items[MAX_EVENTS];
  size_t count;
  int fail_at; /* the callback fails on this event (1-based), 0: never */
} events;

static genai_result collect(void *data, const char *text, size_t len) {
  events *e = data;
  if (e->fail_at && (int)e->count + 1 == e->fail_at) return GENAI_EAPI;
  assert_true(e->count < MAX_EVENTS);
  e->items[e->count] = strndup(text, len);
  assert_non_null(e->items[e->count]);
  e->count++;
  return GENAI_OK;
}

static void events_clear(events *e) {
  for (size_t i = 0; i < e->count; i++) free(e->items[i]);
  memset(e, 0, sizeof(*e));
}

/* Decodes `text` fed in pieces of `step` bytes (0: all at once), then finishes. */
static genai_result decode(const char *text, size_t len, size_t step, size_t max_event, events *out) {
  genai__sse sse;
  genai__sse_init(&sse, max_event, collect, out);
  genai_result rc = GENAI_OK;
  if (!step) step = len ? len : 1;
  for (size_t off = 0; rc == GENAI_OK && off < len; off += step)
    rc = genai__sse_feed(&sse, text + off, len - off < step ? len - off : step);
  if (rc == GENAI_OK) rc = genai__sse_finish(&sse);
  genai__sse_free(&sse);
  return rc;
}

/* The same events whatever the split: whole, byte by byte, and in 2..7-byte pieces. */
static void expect_events(const char *text, const char *const *want, size_t want_count) {
  size_t len = strlen(text);
  for (size_t step = 0; step <= 7; step++) {
    events e = {0};
    assert_int_equal(decode(text, len, step, 1 << 20, &e), GENAI_OK);
    if (e.count != want_count) print_error("split %zu: %zu events, want %zu\n", step, e.count, want_count);
    assert_int_equal(e.count, want_count);
    for (size_t i = 0; i < want_count; i++) assert_string_equal(e.items[i], want[i]);
    events_clear(&e);
  }
}

#define EXPECT(text, ...)                                          \
  do {                                                             \
    const char *const want_[] = {__VA_ARGS__};                     \
    expect_events((text), want_, sizeof(want_) / sizeof(want_[0])); \
  } while (0)

static void test_line_ends(void **state) {
  (void)state;
  EXPECT("data: {\"a\":1}\n\ndata: {\"a\":2}\n\n", "{\"a\":1}", "{\"a\":2}");
  EXPECT("data: {\"a\":1}\r\n\r\ndata: {\"a\":2}\r\n\r\n", "{\"a\":1}", "{\"a\":2}");
  EXPECT("data: {\"a\":1}\r\rdata: {\"a\":2}\r\r", "{\"a\":1}", "{\"a\":2}");
  /* a CRLF is one line end: the data lines of one event stay together */
  EXPECT("data: {\"a\":\r\ndata: 1}\r\n\r\n", "{\"a\":\n1}");
  /* mixed within one stream */
  EXPECT("data: {\"a\":1}\r\n\ndata: {\"a\":2}\n\r\n", "{\"a\":1}", "{\"a\":2}");
}

static void test_fields(void **state) {
  (void)state;
  /* no space after the colon; several data lines joined with a line feed */
  EXPECT("data:{\"a\":1}\n\n", "{\"a\":1}");
  EXPECT("data: {\"a\":\ndata: 1}\n\n", "{\"a\":\n1}");
  /* only one leading space is removed */
  EXPECT("data:  {}\n\n", " {}");
  /* comments, event, id and retry lines are ignored */
  EXPECT(": keep-alive\n\nevent: message\nid: 7\nretry: 100\ndata: {}\n\n:x\n", "{}");
  /* an event without data, and one with blank data, deliver nothing */
  EXPECT("event: ping\n\ndata:\n\ndata: \n\ndata: {}\n\n", "{}");
  /* whitespace lines between events are keep-alives */
  EXPECT("   \n\t\ndata: {}\n\n", "{}");
}

static void test_unterminated_event_is_flushed(void **state) {
  (void)state;
  EXPECT("data: {\"a\":1}", "{\"a\":1}");
  EXPECT("data: {\"a\":1}\n", "{\"a\":1}");
  EXPECT("data: {\"a\":1}\r\n", "{\"a\":1}");
}

static void test_raw_json_between_events(void **state) {
  (void)state;
  /* an error object sent as plain JSON over several lines, braces in strings included */
  const char *text = "data: {\"a\":1}\r\n\r\n"
                     "{\n  \"error\": {\n    \"code\": 500,\n    \"message\": \"bad } and { \\\" here\"\n  }\n}\n";
  EXPECT(text, "{\"a\":1}", "{\n  \"error\": {\n    \"code\": 500,\n    \"message\": \"bad } and { \\\" here\"\n  }\n}");
  /* a whole error body instead of events (a list-wrapped Vertex AI error) */
  EXPECT("[{\n\"error\": {\"code\": 429}\n}\n]\n", "[{\n\"error\": {\"code\": 429}\n}\n]");
  /* blank lines inside raw JSON belong to it */
  EXPECT("{\n\n\"a\": 1}\n", "{\n\n\"a\": 1}");
  /* an unterminated raw value is handed over at the end */
  EXPECT("{\"error\": {\"code\": 5", "{\"error\": {\"code\": 5");
}

static void test_event_size_bound(void **state) {
  (void)state;
  events e = {0};
  const char *big = "data: 0123456789012345678901234567890123456789\n\n";
  assert_int_equal(decode(big, strlen(big), 0, 16, &e), GENAI_EDECODE);
  assert_non_null(strstr(genai_error_last()->message, "larger than 16 bytes"));
  events_clear(&e);
  assert_int_equal(decode(big, strlen(big), 1, 16, &e), GENAI_EDECODE);
  events_clear(&e);
  /* data lines adding up past the bound */
  const char *many = "data: 0123456789\ndata: 0123456789\n\n";
  assert_int_equal(decode(many, strlen(many), 3, 16, &e), GENAI_EDECODE);
  events_clear(&e);
  /* raw JSON past the bound */
  const char *raw = "{\"a\":\n\"0123456789012345678901234567890\"}\n";
  assert_int_equal(decode(raw, strlen(raw), 0, 16, &e), GENAI_EDECODE);
  events_clear(&e);
  /* an event whose lines fit the bound passes, split or not */
  const char *fits = "data: 0123456789\n\n";
  assert_int_equal(decode(fits, strlen(fits), 1, 16, &e), GENAI_OK);
  assert_int_equal(e.count, 1);
  events_clear(&e);
  assert_int_equal(decode(fits, strlen(fits), 0, 16, &e), GENAI_OK);
  assert_int_equal(e.count, 1);
  events_clear(&e);
}

static void test_callback_error_stops(void **state) {
  (void)state;
  events e = {.fail_at = 2};
  const char *text = "data: {}\n\ndata: {}\n\ndata: {}\n\n";
  assert_int_equal(decode(text, strlen(text), 0, 1 << 20, &e), GENAI_EAPI);
  assert_int_equal(e.count, 1);
  events_clear(&e);
}

/* Memory stays one event: a long stream decoded in pieces keeps the line
 * and data buffers at the size of the largest event. */
static void test_memory_is_one_event(void **state) {
  (void)state;
  events e = {0};
  genai__sse sse;
  genai__sse_init(&sse, 1 << 20, collect, &e);
  const char *ev = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}\r\n\r\n";
  size_t cap_after_first = 0;
  for (int i = 0; i < 20000; i++) {
    assert_int_equal(genai__sse_feed(&sse, ev, strlen(ev)), GENAI_OK);
    if (i == 0) cap_after_first = sse.data.cap + sse.line.cap;
    assert_int_equal(sse.data.cap + sse.line.cap, cap_after_first);
    assert_int_equal(e.count, 1);
    free(e.items[0]);
    e.count = 0;
  }
  assert_int_equal(genai__sse_finish(&sse), GENAI_OK);
  genai__sse_free(&sse);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_line_ends),
      cmocka_unit_test(test_fields),
      cmocka_unit_test(test_unterminated_event_is_flushed),
      cmocka_unit_test(test_raw_json_between_events),
      cmocka_unit_test(test_event_size_bound),
      cmocka_unit_test(test_callback_error_stops),
      cmocka_unit_test(test_memory_is_one_event),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
