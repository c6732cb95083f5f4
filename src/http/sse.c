#include "http/sse.h"

#include <string.h>

#include "core/error.h"

void genai__sse_init(genai__sse *s, size_t max_event, genai__sse_event_fn on_event, void *user_data) {
  memset(s, 0, sizeof(*s));
  s->max_event = max_event;
  s->on_event = on_event;
  s->user_data = user_data;
}

void genai__sse_free(genai__sse *s) {
  genai__buf_free(&s->line);
  genai__buf_free(&s->data);
  genai__buf_free(&s->raw);
}

static genai_result too_big(const genai__sse *s) {
  return genai__err(GENAI_EDECODE, "a streamed event is larger than %zu bytes", s->max_event);
}

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

static bool is_blank(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n') return false;
  return true;
}

/* An event whose data is empty or blank carries nothing to decode: skipped,
 * as the SSE specification skips events with an empty data buffer. */
static genai_result dispatch_data(genai__sse *s) {
  if (!s->has_data) return GENAI_OK;
  genai_result rc = is_blank(s->data.data, s->data.len)
                        ? GENAI_OK
                        : s->on_event(s->user_data, s->data.data, s->data.len);
  genai__buf_reset(&s->data);
  s->has_data = false;
  return rc;
}

/* Follows the nesting of raw JSON text, strings and escapes included, so
 * that braces inside strings do not count (unlike a plain brace count). */
static void track_json(genai__sse *s, const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (s->raw_in_string) {
      if (s->raw_escape) s->raw_escape = false;
      else if (c == '\\') s->raw_escape = true;
      else if (c == '"') s->raw_in_string = false;
    } else if (c == '"') {
      s->raw_in_string = true;
    } else if (c == '{' || c == '[') {
      s->raw_depth++;
    } else if (c == '}' || c == ']') {
      s->raw_depth--;
    }
  }
}

static genai_result raw_line(genai__sse *s, const char *p, size_t n) {
  if (s->raw.len + n + 1 > s->max_event) return too_big(s);
  if ((s->raw.len && genai__buf_append(&s->raw, "\n", 1) != GENAI_OK) || genai__buf_append(&s->raw, p, n) != GENAI_OK)
    return oom();
  track_json(s, p, n);
  if (s->raw_depth > 0 || s->raw_in_string) return GENAI_OK;
  genai_result rc = s->on_event(s->user_data, s->raw.data, s->raw.len);
  genai__buf_reset(&s->raw);
  s->raw_depth = 0;
  return rc;
}

static bool field_is(const char *p, size_t n, const char *name) {
  size_t k = strlen(name);
  return n >= k && !memcmp(p, name, k) && (n == k || p[k] == ':');
}

static genai_result handle_line(genai__sse *s, const char *p, size_t n) {
  if (s->raw.len) return raw_line(s, p, n); /* inside a raw JSON value, every line belongs to it */
  if (n == 0) return dispatch_data(s);
  if (p[0] == ':') return GENAI_OK; /* comment */
  if (field_is(p, n, "data")) {
    const char *v = p + 4;
    size_t vn = n - 4;
    if (vn && *v == ':') v++, vn--;
    if (vn && *v == ' ') v++, vn--;
    if (s->data.len + vn + 1 > s->max_event) return too_big(s);
    if ((s->has_data && genai__buf_append(&s->data, "\n", 1) != GENAI_OK) ||
        genai__buf_append(&s->data, v, vn) != GENAI_OK)
      return oom();
    s->has_data = true;
    return GENAI_OK;
  }
  if (field_is(p, n, "event") || field_is(p, n, "id") || field_is(p, n, "retry")) return GENAI_OK;
  if (is_blank(p, n)) return GENAI_OK; /* keep-alive whitespace */
  return raw_line(s, p, n);
}

genai_result genai__sse_feed(genai__sse *s, const char *bytes, size_t len) {
  size_t start = 0;
  for (size_t i = 0; i < len; i++) {
    char c = bytes[i];
    if (c != '\n' && c != '\r') {
      s->after_cr = false;
      continue;
    }
    bool lf_after_cr = c == '\n' && s->after_cr && i == start && s->line.len == 0;
    s->after_cr = c == '\r';
    if (lf_after_cr) { /* the LF of a CRLF whose CR ended the previous line */
      start = i + 1;
      continue;
    }
    genai_result rc;
    if (s->line.len) {
      if (s->line.len + (i - start) > s->max_event) return too_big(s);
      if (genai__buf_append(&s->line, bytes + start, i - start) != GENAI_OK) return oom();
      rc = handle_line(s, s->line.data, s->line.len);
      genai__buf_reset(&s->line);
    } else {
      rc = handle_line(s, bytes + start, i - start);
    }
    if (rc != GENAI_OK) return rc;
    start = i + 1;
  }
  if (start < len) {
    if (s->line.len + (len - start) > s->max_event) return too_big(s);
    if (genai__buf_append(&s->line, bytes + start, len - start) != GENAI_OK) return oom();
  }
  return GENAI_OK;
}

genai_result genai__sse_finish(genai__sse *s) {
  genai_result rc = GENAI_OK;
  if (s->line.len) {
    rc = handle_line(s, s->line.data, s->line.len);
    genai__buf_reset(&s->line);
  }
  if (rc == GENAI_OK) rc = dispatch_data(s);
  if (rc == GENAI_OK && s->raw.len) {
    /* an unterminated JSON value: hand it over, the decoder will say what is wrong */
    rc = s->on_event(s->user_data, s->raw.data, s->raw.len);
    genai__buf_reset(&s->raw);
  }
  return rc;
}
