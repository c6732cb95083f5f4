/* libFuzzer target: the SSE decoder (src/http/sse.c).
 *
 * Input layout (make_seeds.py writes seeds in it):
 *   byte 0   the event size bound: one of bounds[] below (low 3 bits)
 *   byte 1   high 4 bits: after how many events the callback stops the
 *            decoder with an error (0: never); low 4 bits: n, the number
 *            of piece-size bytes that follow
 *   n bytes  the sizes of the pieces the stream is fed in, used in turn
 *            (0: a zero-length feed, then 1 byte); none: the stream in one
 *            piece
 *   the rest the stream
 *
 * The stream is decoded twice: in one piece, and in the pieces. Checked:
 * - every event has 1..max_event bytes, contains no CR and is not blank
 *   (blank events are skipped, CR always ends a line);
 * - splitting never changes the events: the split run's events are a
 *   prefix of the one-piece run's, and equal to them when it succeeds;
 *   the split run may fail where the one-piece run did not only with
 *   GENAI_EDECODE (a partial line is bounded by max_event too);
 * - a callback's error stops the decoder at once and is returned as is;
 * - after a successful finish nothing is pending, and finishing again
 *   delivers nothing and succeeds;
 * - a failure is described by genai_error_last();
 * - nothing leaks (LeakSanitizer), whatever the outcome. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <genai/errors.h>

#include "core/error.h"
#include "fuzz_util.h"
#include "http/sse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const size_t bounds[8] = {(size_t)1 << 20, (size_t)1 << 20, 65536, 4096, 256, 64, 8, 1};

typedef struct event {
  char *data;
  size_t len;
} event;

typedef struct run {
  size_t max_event;
  size_t stop_after; /* 0: never */
  event *events;
  size_t count, cap;
  bool stopped;
  bool finished; /* finish() returned: no event may arrive any more */
} run;

static genai_result on_event(void *user_data, const char *data, size_t len) {
  run *r = user_data;
  FUZZ_CHECK(!r->stopped, "an event arrived after the callback stopped the decoder");
  FUZZ_CHECK(!r->finished, "an event arrived from a second finish");
  FUZZ_CHECK(len > 0 && len <= r->max_event, "event of %zu bytes, bound %zu", len, r->max_event);
  FUZZ_CHECK(memchr(data, '\r', len) == NULL, "an event contains a CR");
  bool blank = true;
  for (size_t i = 0; i < len && blank; i++) blank = data[i] == ' ' || data[i] == '\t' || data[i] == '\n';
  FUZZ_CHECK(!blank, "a blank event was delivered (%zu bytes)", len);
  if (r->count == r->cap) {
    r->cap = r->cap ? r->cap * 2 : 8;
    r->events = realloc(r->events, r->cap * sizeof(*r->events));
    if (!r->events) abort();
  }
  char *copy = malloc(len);
  if (!copy) abort();
  memcpy(copy, data, len);
  r->events[r->count++] = (event){copy, len};
  if (r->stop_after && r->count == r->stop_after) {
    r->stopped = true;
    /* as the stream's callback does: the error is recorded, then returned */
    return genai__err(GENAI_ECANCELED, "stopped after %zu events", r->count);
  }
  return GENAI_OK;
}

static void run_free(run *r) {
  for (size_t i = 0; i < r->count; i++) free(r->events[i].data);
  free(r->events);
}

/* Feeds the stream in the given piece sizes (none: one piece), then
 * finishes twice; returns the first error. */
static genai_result decode(run *r, const char *stream, size_t len, const uint8_t *sizes, size_t nsizes) {
  genai__sse s;
  genai__sse_init(&s, r->max_event, on_event, r);
  genai_result rc = GENAI_OK;
  size_t off = 0, k = 0;
  while (rc == GENAI_OK && off < len) {
    size_t piece = nsizes ? sizes[k++ % nsizes] : len - off;
    if (piece == 0) { /* a zero-length feed, then one byte, so that the run ends */
      rc = genai__sse_feed(&s, stream + off, 0);
      piece = 1;
    }
    if (piece > len - off) piece = len - off;
    if (rc == GENAI_OK) rc = genai__sse_feed(&s, stream + off, piece);
    off += piece;
  }
  if (rc == GENAI_OK) rc = genai__sse_finish(&s);
  if (rc == GENAI_OK) {
    FUZZ_CHECK(s.line.len == 0 && s.data.len == 0 && !s.has_data && s.raw.len == 0,
               "finish left a partial line (%zu), data (%zu) or raw JSON (%zu)", s.line.len, s.data.len,
               s.raw.len);
    r->finished = true;
    genai_result again = genai__sse_finish(&s);
    FUZZ_CHECK(again == GENAI_OK, "a second finish failed: %s", genai_result_name(again));
  } else {
    fuzz_check_error(rc, "genai__sse_feed/finish");
    if (r->stopped) FUZZ_CHECK(rc == GENAI_ECANCELED, "the callback's error came back as %s", genai_result_name(rc));
    else FUZZ_CHECK(rc == GENAI_EDECODE, "unexpected error %s", genai_result_name(rc));
  }
  genai__sse_free(&s);
  return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  size_t max_event = bounds[data[0] & 7];
  size_t stop_after = data[1] >> 4, nsizes = data[1] & 15;
  if (size < 2 + nsizes) return 0;
  const uint8_t *sizes = data + 2;
  const char *stream = (const char *)data + 2 + nsizes;
  size_t len = size - 2 - nsizes;

  genai_error_clear();
  run whole = {.max_event = max_event, .stop_after = stop_after};
  run split = {.max_event = max_event, .stop_after = stop_after};
  genai_result rc_whole = decode(&whole, stream, len, NULL, 0);
  genai_result rc_split = decode(&split, stream, len, sizes, nsizes);

  FUZZ_CHECK(split.count <= whole.count, "split run: %zu events, one piece: %zu", split.count, whole.count);
  for (size_t i = 0; i < split.count; i++)
    FUZZ_CHECK(split.events[i].len == whole.events[i].len &&
                   !memcmp(split.events[i].data, whole.events[i].data, whole.events[i].len),
               "event %zu differs between the one-piece and the split run", i);
  if (rc_split == GENAI_OK)
    FUZZ_CHECK(rc_whole == GENAI_OK && split.count == whole.count,
               "split run succeeded with %zu events, one piece gave %s with %zu", split.count,
               genai_result_name(rc_whole), whole.count);
  if (rc_whole != GENAI_OK)
    FUZZ_CHECK(rc_split != GENAI_OK, "one piece failed with %s, the split run succeeded", genai_result_name(rc_whole));
  if (rc_whole == GENAI_OK && rc_split != GENAI_OK)
    FUZZ_CHECK(rc_split == GENAI_EDECODE, "the split run alone failed, with %s", genai_result_name(rc_split));

  run_free(&whole);
  run_free(&split);
  return 0;
}
