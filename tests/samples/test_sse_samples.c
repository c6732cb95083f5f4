/* Every .sse sample of shared/reference/samples through the SSE decoder
 * (src/http/sse.c): fed whole, one byte at a time and in random splits,
 * with its line ends as recorded and rewritten as LF, CRLF and CR. The
 * events must equal what a line-by-line reading of the file gives (each
 * `data:` line an event; lines outside the SSE format one JSON document),
 * and each must decode as a GenerateContentResponse or raise an API error
 * with the code of the error object. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include <genai/errors.h>

#include "http/api_error.h"
#include "http/sse.h"
#include "wire/codec.h"
#include "wire/types_gen.h"

#ifndef GENAI_SAMPLES_DIR_DEFAULT
#error "GENAI_SAMPLES_DIR_DEFAULT must be defined by tests/samples/CMakeLists.txt"
#endif

typedef struct doc_list {
  char **items;
  size_t count, cap;
} doc_list;

static void docs_push(doc_list *l, const char *text, size_t len) {
  if (l->count == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 16;
    l->items = realloc(l->items, l->cap * sizeof(*l->items));
    assert_non_null(l->items);
  }
  l->items[l->count] = strndup(text, len);
  assert_non_null(l->items[l->count]);
  l->count++;
}

static void docs_clear(doc_list *l) {
  for (size_t i = 0; i < l->count; i++) free(l->items[i]);
  free(l->items);
  memset(l, 0, sizeof(*l));
}

static genai_result collect(void *data, const char *text, size_t len) {
  docs_push(data, text, len);
  return GENAI_OK;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0, r;
  do {
    if (n == cap) buf = realloc(buf, (cap = cap ? cap * 2 : 4096) + 1);
    r = fread(buf + n, 1, cap - n, f);
    n += r;
  } while (r);
  fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* The oracle: the file read line by line, independently of the decoder. */
static void expected_events(const char *text, doc_list *out) {
  char *copy = strdup(text), *save = NULL;
  assert_non_null(copy);
  char raw[65536];
  size_t raw_len = 0;
  for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    size_t n = strlen(line);
    if (n && line[n - 1] == '\r') line[--n] = '\0';
    if (!strncmp(line, "data: ", 6)) {
      if (raw_len) docs_push(out, raw, raw_len);
      raw_len = 0;
      docs_push(out, line + 6, n - 6);
    } else if (n) {
      assert_true(raw_len + n + 2 < sizeof(raw));
      if (raw_len) raw[raw_len++] = '\n';
      memcpy(raw + raw_len, line, n);
      raw_len += n;
    }
  }
  if (raw_len) docs_push(out, raw, raw_len);
  free(copy);
}

/* The line ends rewritten: "\n", "\r\n" or "\r". */
static char *with_line_ends(const char *text, const char *eol) {
  size_t len = strlen(text), el = strlen(eol);
  char *out = malloc(len * 2 + 1), *o = out;
  assert_non_null(out);
  for (size_t i = 0; i < len; i++) {
    if (text[i] == '\r' && text[i + 1] == '\n') continue;
    if (text[i] == '\n' || text[i] == '\r') {
      memcpy(o, eol, el);
      o += el;
    } else {
      *o++ = text[i];
    }
  }
  *o = '\0';
  return out;
}

/* Feeds `text` in pieces chosen by `next_step` and returns the events. */
static void decode(const char *text, size_t len, size_t (*next_step)(size_t), doc_list *out) {
  genai__sse sse;
  genai__sse_init(&sse, (size_t)64 << 20, collect, out);
  for (size_t off = 0; off < len;) {
    size_t step = next_step(len - off);
    if (step > len - off) step = len - off;
    assert_int_equal(genai__sse_feed(&sse, text + off, step), GENAI_OK);
    off += step;
  }
  assert_int_equal(genai__sse_finish(&sse), GENAI_OK);
  genai__sse_free(&sse);
}

static size_t whole(size_t left) { return left; }
static size_t one_byte(size_t left) { (void)left; return 1; }
static uint64_t rng_state;
static size_t random_split(size_t left) {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  size_t step = 1 + (size_t)(rng_state >> 33) % 97;
  return step < left ? step : left;
}

static void assert_same(const doc_list *want, const doc_list *got, const char *name, const char *how) {
  if (want->count != got->count)
    print_error("%s (%s): %zu events, the file has %zu\n", name, how, got->count, want->count);
  assert_int_equal(got->count, want->count);
  for (size_t i = 0; i < want->count; i++) {
    if (strcmp(want->items[i], got->items[i]))
      print_error("%s (%s): event %zu differs\n  want: %.200s\n  got:  %.200s\n", name, how, i, want->items[i],
                  got->items[i]);
    assert_string_equal(got->items[i], want->items[i]);
  }
}

/* What genai_stream_next does with an event. */
static void assert_event_decodes(const char *name, const char *text, int *api_errors) {
  json_error_t jerr;
  json_t *root = json_loads(text, 0, &jerr);
  if (!root) print_error("%s: an event is not JSON: %s\n", name, jerr.text);
  assert_non_null(root);
  json_t *err = json_is_array(root) ? json_object_get(json_array_get(root, 0), "error") : json_object_get(root, "error");
  if (err) {
    assert_int_equal(genai__api_error_raise_json(text, strlen(text), NULL), GENAI_EAPI);
    assert_int_equal(genai_error_last()->http_status, json_integer_value(json_object_get(err, "code")));
    (*api_errors)++;
  } else {
    void *value = NULL;
    genai_result rc = genai__decode_owned(&genai__type_generate_content_response, GENAI__BACKEND_MLDEV, text,
                                          strlen(text), &value);
    if (rc != GENAI_OK) print_error("%s: %s\n", name, genai_error_last()->message);
    assert_int_equal(rc, GENAI_OK);
    genai__value_free(value);
  }
  json_decref(root);
}

static void test_every_sse_sample(void **state) {
  (void)state;
  const char *dir = getenv("GENAI_SAMPLES_DIR");
  if (!dir || !*dir) dir = GENAI_SAMPLES_DIR_DEFAULT;
  DIR *d = opendir(dir);
  if (!d) print_error("*** The samples directory %s cannot be opened (%s)\n", dir, strerror(errno));
  assert_non_null(d);
  size_t files = 0, events = 0;
  int api_errors = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    size_t nl = strlen(e->d_name);
    if (nl < 5 || strcmp(e->d_name + nl - 4, ".sse")) continue;
    char path[8192];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    size_t len = 0;
    char *text = read_file(path, &len);
    assert_non_null(text);
    doc_list want = {0};
    expected_events(text, &want);
    assert_true(want.count > 0);
    const char *eols[] = {NULL, "\n", "\r\n", "\r"};
    for (size_t v = 0; v < 4; v++) {
      char *variant = eols[v] ? with_line_ends(text, eols[v]) : strdup(text);
      size_t vlen = strlen(variant);
      doc_list got = {0};
      decode(variant, vlen, whole, &got);
      assert_same(&want, &got, e->d_name, "whole");
      docs_clear(&got);
      decode(variant, vlen, one_byte, &got);
      assert_same(&want, &got, e->d_name, "byte by byte");
      docs_clear(&got);
      for (int round = 0; round < 25; round++) {
        rng_state = (uint64_t)round * 7919 + v;
        decode(variant, vlen, random_split, &got);
        assert_same(&want, &got, e->d_name, "random splits");
        docs_clear(&got);
      }
      free(variant);
    }
    for (size_t i = 0; i < want.count; i++) assert_event_decodes(e->d_name, want.items[i], &api_errors);
    events += want.count;
    files++;
    docs_clear(&want);
    free(text);
  }
  closedir(d);
  print_message("%zu .sse samples, %zu events, %d error objects\n", files, events, api_errors);
  assert_true(files >= 17);
  assert_true(api_errors >= 1); /* the mid-stream error sample */
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_sse_sample)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
