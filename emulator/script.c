#include "script.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_util.h"
#include "script_stream.h"

/* Long enough for any client timeout test, short enough that a typo cannot
 * wedge a connection thread for hours. */
#define MAX_DELAY_MS 600000LL
#define MAX_REPEAT 1000000LL
/* A repeated body ("body_repeat") is built in memory: large enough to
 * exceed the SDK's 64 MiB event limit, small enough for any test machine. */
#define MAX_REPEATED_BODY ((long long)256 << 20)
/* "body_base64" is arbitrary bytes: nothing more specific can be claimed. */
#define OCTET_CONTENT_TYPE "application/octet-stream"

typedef struct entry {
  json_t *source;            /* the entry as submitted, for GET /_emulator/script */
  long long remaining;       /* uses left */
  const char *path_contains; /* borrowed from source; NULL matches every path */
  const char *upload_command; /* borrowed; NULL: any request, else one whose X-Goog-Upload-Command contains it */
  struct entry *next;
} entry;

struct emu_script {
  pthread_mutex_t lock;
  entry *head;
  entry *tail;
  size_t count;
};

emu_script *emu_script_new(void) {
  emu_script *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  if (pthread_mutex_init(&s->lock, NULL) != 0) {
    free(s);
    return NULL;
  }
  return s;
}

static void free_entries(entry *e) {
  while (e) {
    entry *next = e->next;
    json_decref(e->source);
    free(e);
    e = next;
  }
}

void emu_script_free(emu_script *s) {
  if (!s) return;
  free_entries(s->head);
  pthread_mutex_destroy(&s->lock);
  free(s);
}

/* Formats "responses[i].FIELD: PROBLEM" into a fresh string. */
static char *field_error(size_t index, const char *field, const char *problem) {
  int n = snprintf(NULL, 0, "responses[%zu]%s%s: %s", index, field ? "." : "", field ? field : "",
                   problem);
  char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (msg)
    snprintf(msg, (size_t)n + 1, "responses[%zu]%s%s: %s", index, field ? "." : "",
             field ? field : "", problem);
  return msg;
}

static char *dup_message(const char *text) {
  size_t n = strlen(text);
  char *msg = malloc(n + 1);
  if (msg) memcpy(msg, text, n + 1);
  return msg;
}

/* Standard base64 (RFC 4648 section 4) with padding, as "body_base64" takes
 * it: JSON strings cannot carry arbitrary bytes (invalid UTF-8 above all),
 * so a body that must be exactly some bytes comes in this form. Decodes into
 * out (at least strlen(text) / 4 * 3 bytes) when out is not NULL; returns
 * the decoded length, or -1 when the text is not padded standard base64. */
static long long base64_decode(const char *text, size_t len, unsigned char *out) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (len % 4 != 0) return -1;
  size_t n = 0;
  for (size_t i = 0; i < len; i += 4) {
    unsigned v = 0;
    int pad = 0;
    for (size_t k = 0; k < 4; k++) {
      char c = text[i + k];
      const char *at = c ? strchr(alphabet, c) : NULL;
      if (c == '=' && i + 4 == len && k >= 2 && (k == 3 || text[i + 3] == '=')) {
        pad++;
        v <<= 6;
      } else if (at && !pad) {
        v = v << 6 | (unsigned)(at - alphabet);
      } else {
        return -1;
      }
    }
    unsigned char bytes[3] = {(unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v};
    if (out) memcpy(out + n, bytes, (size_t)(3 - pad));
    n += (size_t)(3 - pad);
  }
  return (long long)n;
}

static int int_in_range(const json_t *v, long long lo, long long hi) {
  long long n;
  return json_is_integer(v) && emu_json_int(v, &n) == 0 && n >= lo && n <= hi;
}

static char *check_headers(size_t i, const json_t *headers) {
  if (!json_is_object(headers))
    return field_error(i, "headers", "must be an object of header name to string value");
  const char *name;
  json_t *value;
  json_object_foreach((json_t *)headers, name, value) {
    if (!json_is_string(value) || *name == '\0' || strpbrk(name, " :\r\n") ||
        strpbrk(json_string_value(value), "\r\n"))
      return field_error(i, "headers",
                         "names must be non-empty tokens and values single-line strings");
  }
  return NULL;
}

static char *check_match(size_t i, const json_t *match) {
  if (!json_is_object(match)) return field_error(i, "match", "must be an object");
  const char *key;
  json_t *value;
  json_object_foreach((json_t *)match, key, value) {
    if (strcmp(key, "path_contains") != 0 && strcmp(key, "upload_command") != 0)
      return field_error(i, "match", "unknown field (known: path_contains, upload_command)");
    if (!json_is_string(value))
      return field_error(i, strcmp(key, "path_contains") ? "match.upload_command" : "match.path_contains",
                         "must be a string");
  }
  return NULL;
}

static char *check_live_close(size_t i, const json_t *v) {
  if (!json_is_object(v)) return field_error(i, "live_close", "must be an object");
  const char *key;
  json_t *value;
  json_object_foreach((json_t *)v, key, value) {
    if (strcmp(key, "code") == 0) {
      if (!int_in_range(value, 1000, 4999))
        return field_error(i, "live_close.code", "must be an integer from 1000 to 4999");
    } else if (strcmp(key, "reason") == 0) {
      if (!json_is_string(value) || json_string_length(value) > 123)
        return field_error(i, "live_close.reason", "must be a string of at most 123 bytes");
    } else if (strcmp(key, "before_setup") == 0) {
      if (!json_is_boolean(value)) return field_error(i, "live_close.before_setup", "must be a boolean");
    } else if (strcmp(key, "go_away") == 0) {
      const char *t = json_string_value(value);
      size_t n = t ? strlen(t) : 0;
      if (n < 2 || n > 32 || t[n - 1] != 's' || strspn(t, "0123456789.") != n - 1)
        return field_error(i, "live_close.go_away", "must be a duration such as \"5s\"");
    } else {
      return field_error(i, "live_close", "unknown field (known: code, reason, before_setup, go_away)");
    }
  }
  if (!json_object_get(v, "code")) return field_error(i, "live_close.code", "is required");
  return NULL;
}

/* "live_messages": raw server messages sent instead of a Live answer; the
 * only rule is that each is a JSON object (docs/emulator.md). */
static char *check_live_messages(size_t i, const json_t *e, const json_t *v) {
  if (!json_is_array(v)) return field_error(i, "live_messages", "must be an array of JSON objects");
  for (size_t k = 0; k < json_array_size(v); k++)
    if (!json_is_object(json_array_get(v, k))) {
      char field[48];
      snprintf(field, sizeof field, "live_messages[%zu]", k);
      return field_error(i, field, "must be a JSON object");
    }
  if (json_is_true(json_object_get(json_object_get(e, "live_close"), "before_setup")))
    return field_error(i, "live_messages", "cannot be combined with \"live_close\".before_setup");
  return NULL;
}

/* Checks one entry; returns NULL when valid, else a message (caller frees). */
static char *check_entry(size_t i, const json_t *e) {
  if (!json_is_object(e)) return field_error(i, NULL, "must be an object");
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)e, key, v) {
    char *err = NULL;
    if (strcmp(key, "status") == 0) {
      if (!int_in_range(v, 200, 599))
        err = field_error(i, key, "must be an integer from 200 to 599");
    } else if (strcmp(key, "headers") == 0) {
      err = check_headers(i, v);
    } else if (strcmp(key, "body") == 0) {
      if (!json_is_string(v))
        err = field_error(i, key, "must be a string (use \"json\" for a JSON value)");
    } else if (strcmp(key, "json") == 0) {
      if (json_object_get(e, "body")) err = field_error(i, key, "cannot be combined with \"body\"");
    } else if (strcmp(key, "body_base64") == 0) {
      if (!json_is_string(v) ||
          base64_decode(json_string_value(v), json_string_length(v), NULL) < 0)
        err = field_error(i, key, "must be a string of standard, padded base64");
      else if (json_object_get(e, "body") || json_object_get(e, "json") ||
               json_object_get(e, "stream"))
        err = field_error(i, key, "cannot be combined with \"body\", \"json\" or \"stream\"");
    } else if (strcmp(key, "body_repeat") == 0) {
      const json_t *text = json_object_get(e, "body");
      const json_t *b64 = json_object_get(e, "body_base64");
      long long n = 0, len = -1;
      if (json_is_string(text))
        len = (long long)json_string_length(text);
      else if (json_is_string(b64))
        len = base64_decode(json_string_value(b64), json_string_length(b64), NULL);
      if (!int_in_range(v, 1, MAX_REPEAT))
        err = field_error(i, key, "must be an integer from 1 to 1000000");
      else if (len < 0)
        err = field_error(i, key, "needs \"body\" or \"body_base64\"");
      else if (emu_json_int(v, &n) == 0 && len * n > MAX_REPEATED_BODY)
        err = field_error(i, key, "the repeated body must be at most 256 MiB");
    } else if (strcmp(key, "delay_ms") == 0) {
      if (!int_in_range(v, 0, MAX_DELAY_MS))
        err = field_error(i, key, "must be an integer from 0 to 600000");
    } else if (strcmp(key, "drop") == 0) {
      if (!json_is_string(v) || (strcmp(json_string_value(v), "before_headers") != 0 &&
                                 strcmp(json_string_value(v), "after_headers") != 0))
        err = field_error(i, key, "must be \"before_headers\" or \"after_headers\"");
    } else if (strcmp(key, "upload_cut_after_bytes") == 0) {
      if (!int_in_range(v, 0, 1LL << 40))
        err = field_error(i, key, "must be a non-negative integer");
    } else if (strcmp(key, "repeat") == 0) {
      if (!int_in_range(v, 1, MAX_REPEAT))
        err = field_error(i, key, "must be an integer from 1 to 1000000");
    } else if (strcmp(key, "match") == 0) {
      err = check_match(i, v);
    } else if (strcmp(key, "live_close") == 0) {
      err = check_live_close(i, v);
    } else if (strcmp(key, "live_messages") == 0) {
      err = check_live_messages(i, e, v);
    } else if (strcmp(key, "stream") == 0) {
      err = emu_script_stream_check(i, v);
      if (!err &&
          (json_object_get(e, "body") || json_object_get(e, "json") || json_object_get(e, "drop")))
        err = field_error(i, key, "cannot be combined with \"body\", \"json\" or \"drop\"");
    } else {
      err = field_error(i, key,
                        "unknown field (known: status, headers, body, body_base64, body_repeat, "
                        "json, stream, delay_ms, drop, upload_cut_after_bytes, live_close, live_messages, "
                        "repeat, match)");
    }
    if (err) return err;
  }
  return NULL;
}

static char *check_document(const json_t *doc) {
  if (!json_is_object(doc))
    return dup_message("script must be a JSON object {\"responses\": [...]}");
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)doc, key, v) {
    if (strcmp(key, "responses") != 0) {
      char buf[160];
      snprintf(buf, sizeof buf, "%.64s: unknown field (known: responses)", key);
      return dup_message(buf);
    }
  }
  const json_t *list = json_object_get(doc, "responses");
  if (!json_is_array(list)) return dup_message("responses: must be an array");
  for (size_t i = 0; i < json_array_size(list); i++) {
    char *err = check_entry(i, json_array_get(list, i));
    if (err) return err;
  }
  return NULL;
}

static entry *entry_new(const json_t *src) {
  entry *e = calloc(1, sizeof *e);
  if (!e) return NULL;
  e->source = json_deep_copy(src);
  if (!e->source) {
    free(e);
    return NULL;
  }
  long long repeat = 1;
  emu_json_int(json_object_get(e->source, "repeat"), &repeat);
  e->remaining = repeat;
  const json_t *match = json_object_get(e->source, "match");
  e->path_contains = json_string_value(json_object_get(match, "path_contains"));
  e->upload_command = json_string_value(json_object_get(match, "upload_command"));
  return e;
}

int emu_script_append(emu_script *s, const json_t *doc, char **out_error) {
  *out_error = check_document(doc);
  if (*out_error) return -1;
  const json_t *list = json_object_get(doc, "responses");
  entry *first = NULL, *last = NULL;
  size_t n = json_array_size(list);
  for (size_t i = 0; i < n; i++) {
    entry *e = entry_new(json_array_get(list, i));
    if (!e) {
      free_entries(first);
      return -2;
    }
    if (last)
      last->next = e;
    else
      first = e;
    last = e;
  }
  if (!first) return 0;
  pthread_mutex_lock(&s->lock);
  if (s->tail)
    s->tail->next = first;
  else
    s->head = first;
  s->tail = last;
  s->count += n;
  pthread_mutex_unlock(&s->lock);
  return 0;
}

/* Builds the HTTP reply an entry describes. */
static int entry_response(const json_t *src, emu_response *out) {
  long long n = 200;
  emu_json_int(json_object_get(src, "status"), &n);
  int status = (int)n;
  const json_t *json_value = json_object_get(src, "json");
  const json_t *body = json_object_get(src, "body");
  const json_t *base64 = json_object_get(src, "body_base64");
  const json_t *stream = json_object_get(src, "stream");
  long long copies = 1;
  emu_json_int(json_object_get(src, "body_repeat"), &copies);
  if (stream) {
    emu_stream *built = emu_script_stream_build(stream);
    if (!built || emu_response_set_stream(out, status, EMU_SSE_CONTENT_TYPE, built) != 0) return -1;
  } else if (json_value) {
    size_t len;
    char *text = emu_json_pretty(json_value, &len);
    int rc = text ? emu_response_set_body(out, status, EMU_JSON_CONTENT_TYPE, text, len) : -1;
    free(text);
    if (rc != 0) return -1;
  } else if (base64) {
    /* validated when queued; +1 so that an empty body still gets a buffer */
    size_t len = json_string_length(base64);
    unsigned char *bytes = malloc(len / 4 * 3 + 1);
    long long decoded = bytes ? base64_decode(json_string_value(base64), len, bytes) : -1;
    int rc = decoded >= 0 ? emu_response_set_body(out, status, OCTET_CONTENT_TYPE,
                                                  (const char *)bytes, (size_t)decoded)
                          : -1;
    free(bytes);
    if (rc != 0) return -1;
  } else if (emu_response_set_body(out, status, body ? EMU_TEXT_CONTENT_TYPE : NULL,
                                   body ? json_string_value(body) : "",
                                   body ? json_string_length(body) : 0) != 0) {
    return -1;
  }
  if (copies > 1) { /* validated: body or body_base64, at most MAX_REPEATED_BODY in all */
    size_t one = out->body_len, total = one * (size_t)copies;
    char *big = malloc(total + 1);
    if (!big) return -1;
    for (long long k = 0; k < copies; k++) memcpy(big + (size_t)k * one, out->body, one);
    big[total] = '\0';
    free(out->body);
    out->body = big;
    out->body_len = total;
  }
  const char *name;
  json_t *value;
  json_object_foreach((json_t *)json_object_get(src, "headers"), name, value) {
    if (emu_headers_set(&out->headers, name, json_string_value(value)) != 0) return -1;
  }
  n = 0;
  emu_json_int(json_object_get(src, "delay_ms"), &n);
  out->delay_ms = (unsigned)n;
  long long cut = 0;
  if (emu_json_int(json_object_get(src, "upload_cut_after_bytes"), &cut) == 0) {
    out->upload_cut_set = 1;
    out->upload_cut = (size_t)cut;
  }
  const json_t *live_close = json_object_get(src, "live_close");
  if (live_close) {
    long long code = 0;
    emu_json_int(json_object_get(live_close, "code"), &code);
    out->live_close_code = (int)code;
    out->live_close_before_setup = json_is_true(json_object_get(live_close, "before_setup"));
    const char *go_away = json_string_value(json_object_get(live_close, "go_away"));
    if (go_away && !(out->live_go_away = strdup(go_away))) return -1;
    const char *reason = json_string_value(json_object_get(live_close, "reason"));
    if (reason) {
      out->live_close_reason = strdup(reason);
      if (!out->live_close_reason) return -1;
    }
  }
  const json_t *live_messages = json_object_get(src, "live_messages");
  if (live_messages && !(out->live_messages = json_deep_copy(live_messages))) return -1;
  const char *drop = json_string_value(json_object_get(src, "drop"));
  if (drop)
    out->drop =
        strcmp(drop, "before_headers") == 0 ? EMU_DROP_BEFORE_HEADERS : EMU_DROP_AFTER_HEADERS;
  return 0;
}

static int entry_matches(const entry *e, const char *path, const char *upload_command) {
  if (e->path_contains && !strstr(path, e->path_contains)) return 0;
  return !e->upload_command || (upload_command && strstr(upload_command, e->upload_command));
}

int emu_script_take(emu_script *s, const char *path, const char *upload_command, emu_response *out) {
  pthread_mutex_lock(&s->lock);
  entry *prev = NULL, *e = s->head;
  while (e && !entry_matches(e, path, upload_command)) {
    prev = e;
    e = e->next;
  }
  int rc = 0;
  if (e) {
    rc = entry_response(e->source, out) == 0 ? 1 : -1;
    if (rc == 1 && --e->remaining == 0) {
      if (prev)
        prev->next = e->next;
      else
        s->head = e->next;
      if (s->tail == e) s->tail = prev;
      s->count--;
      e->next = NULL;
      free_entries(e);
    }
  }
  pthread_mutex_unlock(&s->lock);
  return rc;
}

json_t *emu_script_snapshot(emu_script *s) {
  json_t *list = json_array();
  if (!list) return NULL;
  int ok = 1;
  pthread_mutex_lock(&s->lock);
  for (entry *e = s->head; e && ok; e = e->next) {
    json_t *copy = json_deep_copy(e->source);
    if (!copy || json_object_set_new(copy, "repeat", json_integer(e->remaining)) != 0) {
      json_decref(copy);
      ok = 0;
    } else {
      /* json_array_append_new releases `copy` itself when it fails. */
      ok = json_array_append_new(list, copy) == 0;
    }
  }
  pthread_mutex_unlock(&s->lock);
  if (!ok) {
    json_decref(list);
    return NULL;
  }
  return json_pack("{s:o}", "responses", list);
}

size_t emu_script_size(emu_script *s) {
  pthread_mutex_lock(&s->lock);
  size_t n = s->count;
  pthread_mutex_unlock(&s->lock);
  return n;
}

void emu_script_clear(emu_script *s) {
  pthread_mutex_lock(&s->lock);
  entry *all = s->head;
  s->head = s->tail = NULL;
  s->count = 0;
  pthread_mutex_unlock(&s->lock);
  free_entries(all);
}
