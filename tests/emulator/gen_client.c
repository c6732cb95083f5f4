#include "gen_client.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http_client.h"
#include "json_path.h"
#include "sse.h"

const gen_backend gen_backends[2] = {GEN_MLDEV, GEN_VERTEX};

void gen_path(gen_backend b, const char *model, const char *rpc, char *out, size_t size) {
  int n = b == GEN_MLDEV
              ? snprintf(out, size, "/v1beta/models/%s:%s", model, rpc)
              : snprintf(out, size,
                         "/v1beta1/projects/test-project/locations/us-central1/publishers/google/"
                         "models/%s:%s",
                         model, rpc);
  assert_true(n > 0 && (size_t)n < size);
}

static const char *auth(gen_backend b) { return b == GEN_MLDEV ? API_KEY_HEADER : BEARER_HEADER; }

json_t *gen_call(const emu_harness *h, gen_backend b, const char *model, const char *body,
                 long want_status) {
  char path[256];
  gen_path(b, model, "generateContent", path, sizeof path);
  long status;
  json_t *doc = http_post_json(h, path, auth(b), body, &status);
  if (status != want_status) {
    char *shown = doc ? json_dumps(doc, JSON_INDENT(2)) : NULL;
    print_error("status %ld (wanted %ld): %s\n", status, want_status, shown ? shown : "?");
    free(shown);
    json_decref(doc);
    fail();
  }
  assert_non_null(doc);
  return doc;
}

json_t *gen_stream(const emu_harness *h, gen_backend b, const char *model, const char *body) {
  char path[256];
  gen_path(b, model, "streamGenerateContent?alt=sse", path, sizeof path);
  const char *headers[] = {auth(b), NULL};
  http_reply r;
  http_call(NULL, h, "POST", path, headers, body, &r);
  char ct[128] = "";
  http_reply_header(&r, "Content-Type", ct, sizeof ct);
  json_t *events = r.status == 200 ? sse_parse(r.body, r.body_len, NULL, 0) : NULL;
  if (!events)
    print_error("status %ld, not an SSE stream framed like the service: %s\n", r.status, r.body);
  CURLcode result = r.result;
  http_reply_dispose(&r);
  assert_int_equal(result, CURLE_OK);
  assert_non_null(events);
  if (strcmp(ct, "text/event-stream") != 0) json_decref(events);
  assert_string_equal(ct, "text/event-stream");
  return events;
}

json_t *gen_expect_400(const emu_harness *h, gen_backend b, const char *model, const char *body,
                       const char *message) {
  json_t *doc = gen_call(h, b, model, body, 400);
  assert_int_equal(jp_int(doc, "error.code"), 400);
  assert_string_equal(jp_str(doc, "error.status"), "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"), message);
  return doc;
}

void gen_assert_json(const json_t *actual, const char *expected) {
  json_error_t err;
  json_t *want = json_loads(expected, JSON_DECODE_ANY, &err);
  if (!want) {
    print_error("bad expected JSON (%s): %s\n", err.text, expected);
    fail();
  }
  if (!json_equal(actual, want)) {
    char *got = actual ? json_dumps(actual, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    print_error("expected %s\n     got %s\n", expected, got ? got : "(nothing)");
    free(got);
    json_decref(want);
    fail();
  }
  json_decref(want);
}

char *gen_stream_text(const json_t *events, int cand) {
  size_t len = 0;
  char *out = calloc(1, 1);
  assert_non_null(out);
  for (size_t e = 0; e < json_array_size(events); e++) {
    const json_t *cands = jp(json_array_get(events, e), "candidates");
    for (size_t c = 0; c < json_array_size(cands); c++) {
      const json_t *cj = json_array_get(cands, c);
      json_int_t index = json_integer_value(json_object_get(cj, "index")); /* 0 when absent */
      if (index != cand) continue;
      const char *text = jp_str(cj, "content.parts.0.text");
      size_t n = text ? strlen(text) : 0;
      char *grown = realloc(out, len + n + 1);
      assert_non_null(grown);
      out = grown;
      memcpy(out + len, text ? text : "", n);
      len += n;
      out[len] = '\0';
    }
  }
  return out;
}
