#include "script_stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json_util.h"
#include "stream_format.h"

#define MAX_MS 600000LL
#define MAX_CUT 1000000LL
#define KNOWN "events, delay_ms, error, cut_after, framing, comment_lines, stall_ms"

static char *problem(size_t index, const char *field, const char *what) {
  emu_buf msg = {0};
  if (emu_buf_printf(&msg, "responses[%zu].stream%s%s: %s", index, field ? "." : "",
                     field ? field : "", what) != 0) {
    emu_buf_dispose(&msg);
    return NULL;
  }
  return emu_buf_take(&msg);
}

static int int_in_range(const json_t *v, long long lo, long long hi) {
  long long n;
  return json_is_integer(v) && emu_json_int(v, &n) == 0 && n >= lo && n <= hi;
}

/* One member; NULL when valid. `*bad` is set when a message is due even if
 * it could not be allocated. */
static char *check_member(size_t index, const char *key, const json_t *v, int *bad) {
  const char *what = NULL;
  if (strcmp(key, "events") == 0) {
    if (!json_is_array(v)) what = "must be an array of JSON values and strings";
  } else if (strcmp(key, "delay_ms") == 0 || strcmp(key, "stall_ms") == 0) {
    if (!int_in_range(v, 0, MAX_MS)) what = "must be an integer from 0 to 600000";
  } else if (strcmp(key, "error") == 0) {
    if (!json_is_object(v)) what = "must be a JSON object (an error envelope)";
  } else if (strcmp(key, "cut_after") == 0) {
    if (!int_in_range(v, 0, MAX_CUT)) what = "must be an integer from 0 to 1000000";
  } else if (strcmp(key, "framing") == 0) {
    if (!json_is_string(v) ||
        (strcmp(json_string_value(v), "crlf") != 0 && strcmp(json_string_value(v), "lf") != 0))
      what = "must be \"crlf\" or \"lf\"";
  } else if (strcmp(key, "comment_lines") == 0) {
    if (!json_is_boolean(v)) what = "must be true or false";
  } else {
    what = "unknown field (known: " KNOWN ")";
  }
  if (!what) return NULL;
  *bad = 1;
  return problem(index, key, what);
}

char *emu_script_stream_check(size_t index, const json_t *stream) {
  int bad = 0;
  char *msg = NULL;
  if (!json_is_object(stream)) {
    bad = 1;
    msg = problem(index, NULL, "must be an object (known fields: " KNOWN ")");
  } else {
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)stream, key, v) {
      msg = check_member(index, key, v, &bad);
      if (bad) break;
    }
  }
  if (bad && !msg) {
    static const char oom[] = "invalid stream (out of memory describing it)";
    msg = malloc(sizeof oom);
    if (msg) memcpy(msg, oom, sizeof oom);
  }
  return msg;
}

static long long int_member(const json_t *stream, const char *name, long long fallback) {
  long long n = fallback;
  emu_json_int(json_object_get(stream, name), &n);
  return n;
}

/* The bytes of item i: an event or, after them, the error. */
static int item_bytes(const json_t *stream, size_t i, const char *eol, emu_buf *out) {
  const json_t *events = json_object_get(stream, "events");
  if (i < json_array_size(events)) {
    const json_t *event = json_array_get(events, i);
    if (json_is_string(event))
      return emu_buf_append(out, json_string_value(event), json_string_length(event));
    return emu_sse_append_event(out, event, eol);
  }
  char *text = emu_json_pretty(json_object_get(stream, "error"), NULL);
  int rc = text ? emu_buf_append_str(out, text) : -1;
  free(text);
  return rc;
}

emu_stream *emu_script_stream_build(const json_t *stream) {
  const json_t *framing = json_object_get(stream, "framing");
  const char *eol = framing && strcmp(json_string_value(framing), "lf") == 0 ? "\n" : "\r\n";
  int comments = json_is_true(json_object_get(stream, "comment_lines"));
  unsigned delay = (unsigned)int_member(stream, "delay_ms", 0);
  size_t items = json_array_size(json_object_get(stream, "events")) +
                 (json_object_get(stream, "error") ? 1 : 0);
  long long cut = int_member(stream, "cut_after", -1);
  if (cut >= 0 && (size_t)cut < items) items = (size_t)cut;
  emu_stream *s = emu_stream_new();
  if (!s) return NULL;
  s->stall_ms = (unsigned)int_member(stream, "stall_ms", 0);
  s->cut = cut >= 0;
  int ok = 1;
  for (size_t i = 0; ok && i < items; i++) {
    unsigned pause = i ? delay : 0;
    if (comments) {
      emu_buf comment = {0};
      ok = emu_buf_printf(&comment, ": keep-alive%s%s", eol, eol) == 0 &&
           emu_stream_add(s, pause, comment.data, comment.len) == 0;
      emu_buf_dispose(&comment);
      pause = 0;
    }
    emu_buf item = {0};
    ok = ok && item_bytes(stream, i, eol, &item) == 0 &&
         emu_stream_add(s, pause, item.data ? item.data : "", item.len) == 0;
    emu_buf_dispose(&item);
  }
  if (!ok) {
    emu_stream_free(s);
    return NULL;
  }
  return s;
}
