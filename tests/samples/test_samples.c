/* The real request/response bodies of shared/reference/samples, used in
 * place:
 * - every generateContent / streamGenerateContent response document (a
 *   unary .json, each `data:` event of an .sse file, each element of a
 *   .chunks.json array) decodes for its backend, re-encodes for the same
 *   backend to the same JSON value, and its decoded values match the JSON;
 * - every error body (JSON envelopes, the HTML page, the error object in a
 *   stream) gives the right HTTP status, status and message;
 * - every generateContent request body is rebuilt exactly from its contents
 *   and config.
 * Backends come from the file name: mldev_ and firebase_googleai_ are the
 * Gemini Developer API, vertex_ and firebase_vertexai_ are Vertex AI. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <jansson.h>

#include <genai/errors.h>
#include <genai/helpers.h>
#include <genai/models.h>
#include <genai/types.h>

#include "core/arena.h"
#include "core/redact.h"
#include "http/api_error.h"
#include "http/headers.h"
#include "wire/codec.h"
#include "api/method.h"
#include "wire/types_gen.h"

#ifndef GENAI_SAMPLES_DIR_DEFAULT
#error "GENAI_SAMPLES_DIR_DEFAULT must be defined by tests/samples/CMakeLists.txt"
#endif

/* ------------------------------------------------------------ the corpus */

typedef enum sample_kind {
  SAMPLE_INDEX,       /* INDEX.md / INDEX.json: documentation of the corpus */
  SAMPLE_GC,          /* a unary generateContent response */
  SAMPLE_GC_SSE,      /* a streamGenerateContent SSE body */
  SAMPLE_GC_CHUNKS,   /* a stream stored as a JSON array of events */
  SAMPLE_ERROR_JSON,  /* an error envelope */
  SAMPLE_ERROR_HTML,  /* an HTML error page */
  SAMPLE_GC_REQUEST,  /* a generateContent request body */
  SAMPLE_UNCLASSIFIED /* another endpoint, a Live session log, ... */
} sample_kind;

static const char *const kind_names[] = {"index", "generateContent response", "SSE stream", "stream chunks",
                                         "error body", "HTML error page", "generateContent request",
                                         "not classified"};

typedef struct sample {
  char *name;
  char *data;
  size_t len;
  sample_kind kind;
  bool backend_known;
  genai__backend backend;
  const char *why; /* for SAMPLE_UNCLASSIFIED */
} sample;

/* One JSON document of a sample: the whole file, or one stream event. */
typedef struct document {
  const sample *s;
  int event; /* -1 for a whole file */
  char *text;
  size_t len;
  json_t *json;
  bool is_error;
} document;

static char samples_dir[4096];
static sample *samples;
static size_t nsamples;
static document *docs;
static size_t ndocs, docs_cap;
/* Problems found while classifying: they fail samples_are_all_classified. */
static char problems[8192];
static size_t nproblems;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...) {
  size_t used = strlen(problems);
  va_list ap;
  va_start(ap, fmt);
  if (used + 2 < sizeof(problems)) vsnprintf(problems + used, sizeof(problems) - used - 1, fmt, ap);
  va_end(ap);
  used = strlen(problems);
  if (used + 1 < sizeof(problems)) strcat(problems, "\n");
  nproblems++;
}

static bool starts_with(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }
static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && !strcmp(s + n - m, suffix);
}

static bool backend_of(const char *name, genai__backend *b) {
  if (starts_with(name, "mldev_") || starts_with(name, "firebase_googleai_")) *b = GENAI__BACKEND_MLDEV;
  else if (starts_with(name, "vertex_") || starts_with(name, "firebase_vertexai_")) *b = GENAI__BACKEND_VERTEX;
  else return false;
  return true;
}

static bool named_generate_content(const char *name) {
  return strstr(name, "generateContent") || strstr(name, "GenerateContent") || starts_with(name, "firebase_");
}

static bool is_error_envelope(const json_t *v) {
  if (json_is_array(v) && json_array_size(v) == 1) v = json_array_get(v, 0);
  return json_is_object(json_object_get(v, "error"));
}

static bool looks_like_gc_response(const json_t *v) {
  return json_is_object(v) && (json_object_get(v, "candidates") || json_object_get(v, "promptFeedback"));
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n + 4096 + 1 > cap) {
      cap = cap ? cap * 2 : 65536;
      char *grown = realloc(buf, cap);
      if (!grown) break;
      buf = grown;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  if (buf) buf[n] = '\0';
  *len = n;
  return buf;
}

static void add_document(const sample *s, int event, const char *text, size_t len, json_t *json) {
  if (ndocs == docs_cap) {
    docs_cap = docs_cap ? docs_cap * 2 : 256;
    docs = realloc(docs, docs_cap * sizeof(*docs));
    if (!docs) abort();
  }
  document *d = &docs[ndocs++];
  d->s = s;
  d->event = event;
  d->text = malloc(len + 1);
  if (!d->text) abort();
  memcpy(d->text, text, len);
  d->text[len] = '\0';
  d->len = len;
  d->json = json;
  d->is_error = is_error_envelope(json);
}

/* An SSE body into documents: the `data:` lines of an event (joined with
 * "\n"); a block without `data:` lines is a bare JSON document (the error
 * object the service may append to a stream). CRLF or LF line ends. */
static void split_sse(sample *s) {
  char *data = NULL, *bare = NULL;
  size_t dlen = 0, blen = 0;
  int event = 0;
  const char *p = s->data, *end = s->data + s->len;
  data = malloc(s->len + 1);
  bare = malloc(s->len + 1);
  if (!data || !bare) abort();
  while (p <= end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *line_end = nl ? nl : end;
    size_t n = (size_t)(line_end - p);
    if (n && p[n - 1] == '\r') n--;
    bool blank = n == 0;
    if (!blank && n >= 5 && !strncmp(p, "data:", 5)) {
      const char *v = p + 5;
      size_t vn = n - 5;
      if (vn && *v == ' ') v++, vn--;
      if (dlen) data[dlen++] = '\n';
      memcpy(data + dlen, v, vn);
      dlen += vn;
    } else if (!blank && (*p == ':' || starts_with(p, "event:") || starts_with(p, "id:") || starts_with(p, "retry:"))) {
      /* SSE fields without a payload */
    } else if (!blank) {
      if (blen) bare[blen++] = '\n';
      memcpy(bare + blen, p, n);
      blen += n;
    }
    if (blank || !nl) {
      const char *texts[2] = {data, bare};
      size_t lens[2] = {dlen, blen};
      for (int i = 0; i < 2; i++) {
        if (!lens[i]) continue;
        json_error_t jerr;
        json_t *j = json_loadb(texts[i], lens[i], 0, &jerr);
        if (!j) problem("%s: event %d is not JSON: %s", s->name, event, jerr.text);
        else add_document(s, event, texts[i], lens[i], j);
        event++;
      }
      dlen = blen = 0;
    }
    if (!nl) break;
    p = nl + 1;
  }
  free(data);
  free(bare);
}

static void classify(sample *s) {
  s->backend_known = backend_of(s->name, &s->backend);
  if (!strcmp(s->name, "INDEX.md") || !strcmp(s->name, "INDEX.json")) {
    s->kind = SAMPLE_INDEX;
    return;
  }
  if (ends_with(s->name, ".websocket.log")) {
    s->kind = SAMPLE_UNCLASSIFIED;
    s->why = "Live API websocket session (no Live decoder yet)";
    return;
  }
  if (ends_with(s->name, ".html")) {
    s->kind = SAMPLE_ERROR_HTML;
    return;
  }
  if (ends_with(s->name, ".sse")) {
    s->kind = SAMPLE_GC_SSE;
    split_sse(s);
    return;
  }
  if (!ends_with(s->name, ".json")) {
    s->kind = SAMPLE_UNCLASSIFIED;
    s->why = "unknown file type";
    if (named_generate_content(s->name)) problem("%s: a generateContent sample of an unknown file type", s->name);
    return;
  }
  json_error_t jerr;
  json_t *root = json_loadb(s->data, s->len, 0, &jerr);
  if (!root) {
    s->kind = SAMPLE_UNCLASSIFIED;
    s->why = "not JSON";
    problem("%s: not JSON: %s", s->name, jerr.text);
    return;
  }
  if (ends_with(s->name, ".request.json")) {
    bool gc = named_generate_content(s->name) && json_object_get(root, "contents");
    s->kind = gc ? SAMPLE_GC_REQUEST : SAMPLE_UNCLASSIFIED;
    s->why = "request body of another endpoint";
    json_decref(root);
    return;
  }
  if (ends_with(s->name, ".chunks.json")) {
    s->kind = SAMPLE_GC_CHUNKS;
    if (!json_is_array(root)) problem("%s: a .chunks.json file that is not an array", s->name);
    size_t i;
    json_t *item;
    json_array_foreach(root, i, item) {
      char *text = json_dumps(item, JSON_COMPACT);
      if (!text) abort();
      add_document(s, (int)i, text, strlen(text), json_incref(item));
      free(text);
    }
    json_decref(root);
    return;
  }
  if (is_error_envelope(root)) {
    s->kind = SAMPLE_ERROR_JSON;
    add_document(s, -1, s->data, s->len, root);
    return;
  }
  if (named_generate_content(s->name) || looks_like_gc_response(root)) {
    /* A new sample named like generateContent, or that looks like one, must decode. */
    s->kind = SAMPLE_GC;
    add_document(s, -1, s->data, s->len, root);
    return;
  }
  s->kind = SAMPLE_UNCLASSIFIED;
  s->why = "response of another endpoint (no SDK type for it yet)";
  json_decref(root);
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(((const sample *)a)->name, ((const sample *)b)->name);
}

static int load_corpus(void **state) {
  (void)state;
  const char *dir = getenv("GENAI_SAMPLES_DIR");
  if (!dir || !*dir) dir = GENAI_SAMPLES_DIR_DEFAULT;
  snprintf(samples_dir, sizeof(samples_dir), "%s", dir);
  DIR *d = opendir(samples_dir);
  if (!d) {
    print_error("\n*** The samples directory %s cannot be opened (%s).\n*** It must exist: set GENAI_SAMPLES_DIR "
                "or check out shared/reference/samples next to the repository.\n\n",
                samples_dir, strerror(errno));
    return -1;
  }
  size_t cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    if (nsamples == cap) {
      cap = cap ? cap * 2 : 128;
      samples = realloc(samples, cap * sizeof(*samples));
      if (!samples) abort();
    }
    sample *s = &samples[nsamples];
    memset(s, 0, sizeof(*s));
    s->name = strdup(e->d_name);
    char path[8192];
    snprintf(path, sizeof(path), "%s/%s", samples_dir, e->d_name);
    s->data = read_file(path, &s->len);
    if (!s->name || !s->data) {
      free(s->name);
      free(s->data);
      continue; /* a directory or an unreadable entry */
    }
    nsamples++;
  }
  closedir(d);
  if (nsamples == 0) {
    print_error("\n*** The samples directory %s is empty.\n\n", samples_dir);
    return -1;
  }
  qsort(samples, nsamples, sizeof(*samples), cmp_names);
  for (size_t i = 0; i < nsamples; i++) classify(&samples[i]);
  return 0;
}

static int free_corpus(void **state) {
  (void)state;
  for (size_t i = 0; i < ndocs; i++) {
    free(docs[i].text);
    json_decref(docs[i].json);
  }
  free(docs);
  for (size_t i = 0; i < nsamples; i++) {
    free(samples[i].name);
    free(samples[i].data);
  }
  free(samples);
  return 0;
}

static const char *where(const document *d) {
  static char buf[512];
  if (d->event < 0) snprintf(buf, sizeof(buf), "%s", d->s->name);
  else snprintf(buf, sizeof(buf), "%s event %d", d->s->name, d->event);
  return buf;
}

/* Failures are collected so that one run reports every sample that breaks. */
static int failures;
#define CHECK(cond, ...)                                                    \
  do {                                                                      \
    if (!(cond)) {                                                          \
      failures++;                                                           \
      print_error("  %s: ", where(d));                                      \
      print_error(__VA_ARGS__);                                             \
      print_error("  [%s:%d: %s]\n", __FILE__, __LINE__, #cond);            \
    }                                                                       \
  } while (0)

/* ------------------------------------------------- JSON value comparison */

static bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' ||
         c == '-' || c == '_' || c == '=';
}

/* The same bytes in the other base64 alphabet, or with(out) padding. */
static bool same_base64(const char *a, const char *b) {
  size_t i = 0, j = 0;
  for (;; i++, j++) {
    while (a[i] == '=') i++;
    while (b[j] == '=') j++;
    if (!a[i] || !b[j]) return !a[i] && !b[j];
    if (!is_base64_char(a[i]) || !is_base64_char(b[j])) return false;
    char x = a[i] == '-' ? '+' : a[i] == '_' ? '/' : a[i];
    char y = b[j] == '-' ? '+' : b[j] == '_' ? '/' : b[j];
    if (x != y) return false;
  }
}

static bool integer_text(const char *s, long long *out) {
  char *end = NULL;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (!*s || *end || errno) return false;
  *out = v;
  return true;
}

/* The members of the response types that are bytes (base64 on the wire). */
static bool is_bytes_member(const char *key) {
  static const char *const names[] = {"thoughtSignature", "data", "sdkBlob", "voiceSampleAudio", "consentAudio"};
  for (size_t i = 0; key && i < sizeof(names) / sizeof(names[0]); i++)
    if (!strcmp(key, names[i])) return true;
  return false;
}

/* `ours` equals `orig` as a JSON value, allowing only what proto3 JSON
 * allows: bytes in either base64 alphabet with or without padding, numbers
 * equal as doubles, and int64 written as a string. Writes the first
 * difference. `key` is the member name of the values (NULL in arrays). */
static bool same_json_at(const json_t *orig, const json_t *ours, const char *key, char *path, size_t cap, char *why,
                         size_t whycap) {
  size_t mark = strlen(path);
  if (json_is_object(orig) && json_is_object(ours)) {
    const char *member;
    json_t *v;
    json_object_foreach((json_t *)orig, member, v) {
      snprintf(path + mark, cap - mark, ".%s", member);
      json_t *w = json_object_get(ours, member);
      if (!w) {
        snprintf(why, whycap, "missing after re-encoding");
        return false;
      }
      if (!same_json_at(v, w, member, path, cap, why, whycap)) return false;
    }
    json_object_foreach((json_t *)ours, member, v) {
      if (!json_object_get(orig, member)) {
        snprintf(path + mark, cap - mark, ".%s", member);
        snprintf(why, whycap, "added by re-encoding");
        return false;
      }
    }
    path[mark] = '\0';
    return true;
  }
  if (json_is_array(orig) && json_is_array(ours)) {
    if (json_array_size(orig) != json_array_size(ours)) {
      snprintf(why, whycap, "%zu items became %zu", json_array_size(orig), json_array_size(ours));
      return false;
    }
    for (size_t i = 0; i < json_array_size(orig); i++) {
      snprintf(path + mark, cap - mark, "[%zu]", i);
      if (!same_json_at(json_array_get(orig, i), json_array_get(ours, i), key, path, cap, why, whycap)) return false;
    }
    path[mark] = '\0';
    return true;
  }
  if (json_is_string(orig) && json_is_string(ours)) {
    const char *a = json_string_value(orig), *b = json_string_value(ours);
    if (json_string_length(orig) == json_string_length(ours) && !memcmp(a, b, json_string_length(orig))) return true;
    if (is_bytes_member(key) && same_base64(a, b)) return true;
    snprintf(why, whycap, "\"%.60s\" became \"%.60s\"", a, b);
    return false;
  }
  if (json_is_number(orig) && json_is_number(ours)) {
    if (json_number_value(orig) == json_number_value(ours)) return true;
    snprintf(why, whycap, "%.17g became %.17g", json_number_value(orig), json_number_value(ours));
    return false;
  }
  long long n;
  if (json_is_string(orig) && json_is_integer(ours) && integer_text(json_string_value(orig), &n) &&
      n == json_integer_value(ours))
    return true;
  if (json_is_integer(orig) && json_is_string(ours) && integer_text(json_string_value(ours), &n) &&
      n == json_integer_value(orig))
    return true;
  if (json_typeof(orig) == json_typeof(ours) && (json_is_boolean(orig) || json_is_null(orig))) return true;
  if (json_is_boolean(orig) && json_is_boolean(ours)) {
    snprintf(why, whycap, "%s became %s", json_is_true(orig) ? "true" : "false", json_is_true(ours) ? "true" : "false");
    return false;
  }
  char *a = json_dumps(orig, JSON_ENCODE_ANY), *b = json_dumps(ours, JSON_ENCODE_ANY);
  snprintf(why, whycap, "%.60s became %.60s", a ? a : "?", b ? b : "?");
  free(a);
  free(b);
  return false;
}

static bool same_json(const json_t *orig, const json_t *ours, char *path, size_t cap, char *why, size_t whycap) {
  return same_json_at(orig, ours, NULL, path, cap, why, whycap);
}

static bool same_text(const char *orig, const char *ours, const char *want_path) {
  json_t *a = json_loads(orig, JSON_DECODE_ANY, NULL), *b = json_loads(ours, JSON_DECODE_ANY, NULL);
  assert_non_null(a);
  assert_non_null(b);
  char path[256] = "", why[256] = "";
  bool same = same_json(a, b, path, sizeof(path), why, sizeof(why));
  json_decref(a);
  json_decref(b);
  if (want_path) assert_string_equal(path, want_path);
  return same;
}

/* The comparison allows only what proto3 JSON allows. */
static void the_comparison_accepts_only_proto3_equivalences(void **state) {
  (void)state;
  assert_true(same_text("{\"a\":1,\"b\":[true,null]}", "{\"b\":[true,null],\"a\":1.0}", NULL));
  assert_true(same_text("{\"a\":\"9007199254740993\"}", "{\"a\":9007199254740993}", NULL));
  assert_true(same_text("{\"data\":\"+/+/YQ==\"}", "{\"data\":\"-_-_YQ\"}", NULL));
  assert_true(same_text("{\"p\":[{\"thoughtSignature\":\"a+b/\"}]}", "{\"p\":[{\"thoughtSignature\":\"a-b_\"}]}", NULL));
  assert_false(same_text("{\"text\":\"+/+/YQ==\"}", "{\"text\":\"-_-_YQ\"}", ".text")); /* not bytes */
  assert_false(same_text("{\"a\":1}", "{\"a\":2}", ".a"));
  assert_false(same_text("{\"a\":{\"b\":1}}", "{\"a\":{}}", ".a.b"));
  assert_false(same_text("{}", "{\"b\":1}", ".b"));
  assert_false(same_text("{\"l\":[1,2]}", "{\"l\":[1]}", ".l"));
  assert_false(same_text("{\"l\":[1,{\"x\":\"y\"}]}", "{\"l\":[1,{\"x\":\"z\"}]}", ".l[1].x"));
  assert_false(same_text("{\"data\":\"ab+c\"}", "{\"data\":\"ab-d\"}", ".data"));
  assert_false(same_text("{\"s\":\"hello world\"}", "{\"s\":\"hello-world\"}", ".s"));
  assert_false(same_text("{\"t\":true}", "{\"t\":false}", ".t"));
  assert_false(same_text("{\"n\":null}", "{\"n\":0}", ".n"));
  assert_false(same_text("{\"a\":\"12\"}", "{\"a\":13}", ".a"));
  assert_false(same_text("{\"a\":\"x\"}", "{\"a\":[\"x\"]}", ".a"));

  /* A real sample re-encoded for the other backend differs by its rename. */
  const document *d = NULL;
  for (size_t i = 0; i < ndocs; i++)
    if (!strcmp(docs[i].s->name, "mldev_generateContent_citationMetadata.json")) d = &docs[i];
  assert_non_null(d);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai__decode_owned(&genai__type_generate_content_response, GENAI__BACKEND_MLDEV, d->text, d->len,
                                       (void **)&r),
                   GENAI_OK);
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = GENAI__BACKEND_VERTEX, .tmp = &tmp};
  json_t *ours = NULL;
  assert_int_equal(genai__encode_new(&ctx, &genai__type_generate_content_response, r, &ours), GENAI_OK);
  genai__arena_release(&tmp);
  genai_generate_content_response_free(r);
  char path[256] = "", why[256] = "";
  bool same = same_json(d->json, ours, path, sizeof(path), why, sizeof(why));
  json_decref(ours);
  assert_false(same);
  assert_string_equal(path, ".candidates[0].citationMetadata.citationSources");
}

/* ----------------------------------------------- decode and re-encode */

static genai_generate_content_response *decode(const document *d) {
  genai_generate_content_response *r = NULL;
  genai_result rc = genai__decode_owned(&genai__type_generate_content_response, d->s->backend, d->text, d->len,
                                        (void **)&r);
  return rc == GENAI_OK ? r : NULL;
}

static bool is_gc_document(const document *d) {
  return !d->is_error && (d->s->kind == SAMPLE_GC || d->s->kind == SAMPLE_GC_SSE || d->s->kind == SAMPLE_GC_CHUNKS);
}

static void every_generate_content_document_decodes(void **state) {
  (void)state;
  failures = 0;
  size_t n = 0;
  for (size_t i = 0; i < ndocs; i++) {
    const document *d = &docs[i];
    if (!is_gc_document(d)) continue;
    n++;
    CHECK(d->s->backend_known, "cannot tell the backend from the name (use a mldev_, vertex_, firebase_googleai_ or "
                               "firebase_vertexai_ prefix)\n");
    genai_generate_content_response *r = decode(d);
    CHECK(r != NULL, "does not decode: %s: %s\n", genai_result_name(genai_error_last()->code),
          genai_error_last()->message);
    genai_generate_content_response_free(r);
  }
  print_message("decoded %zu generateContent documents\n", n);
  assert_true(n > 0);
  assert_int_equal(failures, 0);
}

static void every_generate_content_document_re_encodes_to_the_same_json(void **state) {
  (void)state;
  failures = 0;
  for (size_t i = 0; i < ndocs; i++) {
    const document *d = &docs[i];
    if (!is_gc_document(d)) continue;
    genai_generate_content_response *r = decode(d);
    if (!r) continue; /* reported by every_generate_content_document_decodes */
    genai__arena tmp = {0};
    genai__encode_ctx ctx = {.backend = d->s->backend, .tmp = &tmp};
    json_t *ours = NULL;
    genai_result rc = genai__encode_new(&ctx, &genai__type_generate_content_response, r, &ours);
    genai__arena_release(&tmp);
    CHECK(rc == GENAI_OK, "does not re-encode: %s\n", genai_error_last()->message);
    if (rc == GENAI_OK) {
      char path[1024] = "", why[256] = "";
      bool same = same_json(d->json, ours, path, sizeof(path), why, sizeof(why));
      CHECK(same, "re-encoded JSON differs at %s: %s\n", path[0] ? path : "(root)", why);
    }
    json_decref(ours);
    genai_generate_content_response_free(r);
  }
  assert_int_equal(failures, 0);
}

/* ------------------------------------- decoded values against the JSON */

/* Python's response.text, computed from the JSON itself. */
static char *expected_text(json_t *root, bool *is_null) {
  json_t *parts = json_object_get(json_object_get(json_array_get(json_object_get(root, "candidates"), 0), "content"),
                                  "parts");
  *is_null = true;
  if (!json_array_size(parts)) return NULL;
  size_t cap = 1;
  size_t i;
  json_t *p;
  json_array_foreach(parts, i, p) cap += json_string_length(json_object_get(p, "text"));
  char *out = calloc(1, cap);
  if (!out) abort();
  json_array_foreach(parts, i, p) {
    json_t *t = json_object_get(p, "text");
    if (!json_is_string(t) || json_is_true(json_object_get(p, "thought"))) continue;
    *is_null = false;
    strcat(out, json_string_value(t));
  }
  return out;
}

static size_t base64_decoded_size(const char *s) {
  size_t n = strlen(s);
  while (n && s[n - 1] == '=') n--;
  return n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
}

static void check_int(const document *d, const char *what, json_t *want, const int32_t *got) {
  if (!want) {
    CHECK(got == NULL, "%s is set but absent from the JSON\n", what);
    return;
  }
  CHECK(got != NULL, "%s is missing\n", what);
  if (got) CHECK(*got == json_integer_value(want), "%s is %d, the JSON says %lld\n", what, *got,
                 (long long)json_integer_value(want));
}

static void check_str(const document *d, const char *what, json_t *want, const char *got) {
  if (!want) {
    CHECK(got == NULL, "%s is set but absent from the JSON\n", what);
    return;
  }
  CHECK(got && !strcmp(got, json_string_value(want)), "%s is \"%.60s\", the JSON says \"%.60s\"\n", what,
        got ? got : "(null)", json_string_value(want));
}

static void check_candidate(const document *d, json_t *jc, const genai_candidate *c) {
  check_str(d, "finishReason", json_object_get(jc, "finishReason"), c->finish_reason_str);
  const char *fr = json_string_value(json_object_get(jc, "finishReason"));
  if (fr) {
    CHECK(c->finish_reason == genai_finish_reason_from_string(fr), "finish_reason enum does not match \"%s\"\n", fr);
    CHECK(c->finish_reason != GENAI_FINISH_REASON_UNKNOWN, "finish reason \"%s\" is unknown to the library\n", fr);
  } else {
    CHECK(c->finish_reason == GENAI_FINISH_REASON_UNSPECIFIED, "finish_reason set without finishReason\n");
  }
  check_int(d, "index", json_object_get(jc, "index"), c->index);
  json_t *jcontent = json_object_get(jc, "content");
  CHECK((jcontent != NULL) == (c->content != NULL), "content presence differs\n");
  if (jcontent && c->content) {
    check_str(d, "content.role", json_object_get(jcontent, "role"), c->content->role);
    json_t *parts = json_object_get(jcontent, "parts");
    CHECK(json_array_size(parts) == c->content->parts_count, "%zu parts decoded, the JSON has %zu\n",
          c->content->parts_count, json_array_size(parts));
    for (size_t i = 0; i < c->content->parts_count && i < json_array_size(parts); i++) {
      json_t *jp = json_array_get(parts, i);
      const genai_part *p = c->content->parts[i];
      check_str(d, "part.text", json_object_get(jp, "text"), p->text);
      json_t *thought = json_object_get(jp, "thought");
      CHECK((thought != NULL) == (p->thought != NULL) && (!thought || json_is_true(thought) == *p->thought),
            "part %zu thought differs\n", i);
      json_t *sig = json_object_get(jp, "thoughtSignature");
      if (sig) {
        CHECK(p->thought_signature.data != NULL, "part %zu thoughtSignature was not decoded\n", i);
        CHECK(p->thought_signature.size == base64_decoded_size(json_string_value(sig)),
              "part %zu thoughtSignature has %zu bytes, expected %zu\n", i, p->thought_signature.size,
              base64_decoded_size(json_string_value(sig)));
      } else {
        CHECK(p->thought_signature.data == NULL, "part %zu has a thoughtSignature the JSON lacks\n", i);
      }
      json_t *fc = json_object_get(jp, "functionCall");
      CHECK((fc != NULL) == (p->function_call != NULL), "part %zu functionCall presence differs\n", i);
      if (fc && p->function_call) {
        check_str(d, "functionCall.name", json_object_get(fc, "name"), p->function_call->name);
        json_t *args = json_object_get(fc, "args");
        if (args) {
          json_t *got = p->function_call->args_json ? json_loads(p->function_call->args_json, JSON_DECODE_ANY, NULL)
                                                    : NULL;
          CHECK(got && json_equal(got, args), "part %zu functionCall.args differ\n", i);
          json_decref(got);
        } else {
          CHECK(p->function_call->args_json == NULL, "part %zu has args the JSON lacks\n", i);
        }
      }
    }
  }
  json_t *cm = json_object_get(jc, "citationMetadata");
  if (cm) {
    json_t *list = json_object_get(cm, d->s->backend == GENAI__BACKEND_MLDEV ? "citationSources" : "citations");
    if (!list) list = json_object_get(cm, "citations");
    CHECK(c->citation_metadata != NULL, "citationMetadata was not decoded\n");
    if (c->citation_metadata) {
      CHECK(c->citation_metadata->citations_count == json_array_size(list), "%zu citations decoded, JSON has %zu\n",
            c->citation_metadata->citations_count, json_array_size(list));
      for (size_t i = 0; i < c->citation_metadata->citations_count && i < json_array_size(list); i++) {
        json_t *jcit = json_array_get(list, i);
        const genai_citation *cit = c->citation_metadata->citations[i];
        check_int(d, "citation.startIndex", json_object_get(jcit, "startIndex"), cit->start_index);
        check_int(d, "citation.endIndex", json_object_get(jcit, "endIndex"), cit->end_index);
        check_str(d, "citation.uri", json_object_get(jcit, "uri"), cit->uri);
      }
    }
  }
  CHECK(c->safety_ratings_count == json_array_size(json_object_get(jc, "safetyRatings")),
        "safety ratings count differs\n");
}

static void decoded_values_match_the_json(void **state) {
  (void)state;
  failures = 0;
  for (size_t i = 0; i < ndocs; i++) {
    const document *d = &docs[i];
    if (!is_gc_document(d)) continue;
    genai_generate_content_response *r = decode(d);
    if (!r) continue;
    json_t *root = d->json;
    json_t *cands = json_object_get(root, "candidates");
    CHECK(r->candidates_count == json_array_size(cands), "%zu candidates decoded, the JSON has %zu\n",
          r->candidates_count, json_array_size(cands));
    for (size_t k = 0; k < r->candidates_count && k < json_array_size(cands); k++)
      check_candidate(d, json_array_get(cands, k), r->candidates[k]);

    bool null_text = true;
    char *want = expected_text(root, &null_text);
    const char *got = genai_response_text(r);
    if (null_text) CHECK(got == NULL, "text is \"%.40s\", expected NULL\n", got);
    else CHECK(got && !strcmp(got, want), "text is \"%.40s\", expected \"%.40s\"\n", got ? got : "(null)", want);
    free(want);

    json_t *um = json_object_get(root, "usageMetadata");
    CHECK((um != NULL) == (r->usage_metadata != NULL), "usageMetadata presence differs\n");
    if (um && r->usage_metadata) {
      const genai_generate_content_response_usage_metadata *u = r->usage_metadata;
      check_int(d, "promptTokenCount", json_object_get(um, "promptTokenCount"), u->prompt_token_count);
      check_int(d, "candidatesTokenCount", json_object_get(um, "candidatesTokenCount"), u->candidates_token_count);
      check_int(d, "totalTokenCount", json_object_get(um, "totalTokenCount"), u->total_token_count);
      check_int(d, "thoughtsTokenCount", json_object_get(um, "thoughtsTokenCount"), u->thoughts_token_count);
      check_int(d, "cachedContentTokenCount", json_object_get(um, "cachedContentTokenCount"),
                u->cached_content_token_count);
      check_int(d, "toolUsePromptTokenCount", json_object_get(um, "toolUsePromptTokenCount"),
                u->tool_use_prompt_token_count);
      check_str(d, "trafficType", json_object_get(um, "trafficType"), u->traffic_type_str);
    }
    json_t *pf = json_object_get(root, "promptFeedback");
    CHECK((pf != NULL) == (r->prompt_feedback != NULL), "promptFeedback presence differs\n");
    if (pf && r->prompt_feedback) {
      check_str(d, "blockReason", json_object_get(pf, "blockReason"), r->prompt_feedback->block_reason_str);
      check_str(d, "blockReasonMessage", json_object_get(pf, "blockReasonMessage"),
                r->prompt_feedback->block_reason_message);
    }
    check_str(d, "modelVersion", json_object_get(root, "modelVersion"), r->model_version);
    check_str(d, "responseId", json_object_get(root, "responseId"), r->response_id);
    check_str(d, "createTime", json_object_get(root, "createTime"), r->create_time);
    genai_generate_content_response_free(r);
  }
  assert_int_equal(failures, 0);
}

/* --------------------------------------------- hand-checked samples */

static const document *find_doc(const char *name, int event) {
  for (size_t i = 0; i < ndocs; i++)
    if (!strcmp(docs[i].s->name, name) && docs[i].event == event) return &docs[i];
  print_error("sample %s (event %d) is missing\n", name, event);
  fail();
  return NULL;
}

static genai_generate_content_response *decoded(const char *name, int event) {
  const document *d = find_doc(name, event);
  genai_generate_content_response *r = decode(d);
  if (!r) {
    print_error("%s: %s\n", name, genai_error_last()->message);
    fail();
  }
  return r;
}

static const genai_part *part_of(const genai_generate_content_response *r, size_t i) {
  assert_true(r->candidates_count > 0);
  assert_non_null(r->candidates[0]->content);
  assert_true(r->candidates[0]->content->parts_count > i);
  return r->candidates[0]->content->parts[i];
}

static void mldev_function_call_sample(void **state) {
  (void)state;
  genai_generate_content_response *r = decoded("mldev_generateContent_functionCall.json", -1);
  const genai_part *p = part_of(r, 0);
  assert_string_equal(p->function_call->name, "print");
  json_t *args = json_loads(p->function_call->args_json, 0, NULL);
  json_t *want = json_pack("{s:s, s:s}", "text", "hellox2", "color", "blue");
  assert_true(json_equal(args, want));
  json_decref(args);
  json_decref(want);
  assert_null(genai_response_text(r));
  assert_int_equal(r->candidates[0]->finish_reason, GENAI_FINISH_REASON_STOP);
  assert_int_equal(*r->usage_metadata->prompt_token_count, 62);
  assert_int_equal(*r->usage_metadata->candidates_token_count, 7);
  assert_int_equal(*r->usage_metadata->total_token_count, 69);
  genai_generate_content_response_free(r);
}

static void vertex_parallel_function_calls_sample(void **state) {
  (void)state;
  genai_generate_content_response *r = decoded("firebase_vertexai_unary-success-function-call-parallel-calls.json", -1);
  assert_int_equal(r->candidates[0]->content->parts_count, 3);
  const char *args[] = {"{\"y\":1,\"x\":2}", "{\"y\":3,\"x\":4}", "{\"y\":5,\"x\":6}"};
  for (size_t i = 0; i < 3; i++) {
    const genai_part *p = part_of(r, i);
    assert_string_equal(p->function_call->name, "sum");
    json_t *got = json_loads(p->function_call->args_json, 0, NULL), *want = json_loads(args[i], 0, NULL);
    assert_true(json_equal(got, want));
    json_decref(got);
    json_decref(want);
  }
  assert_null(r->usage_metadata);
  genai_generate_content_response_free(r);
}

static void thought_summary_and_signature_sample(void **state) {
  (void)state;
  genai_generate_content_response *r =
      decoded("firebase_googleai_unary-success-thinking-function-call-thought-summary-signature.json", -1);
  const genai_part *thought = part_of(r, 0), *call = part_of(r, 1);
  assert_true(thought->thought && *thought->thought);
  assert_non_null(strstr(thought->text, "Thinking Through the New Year"));
  assert_string_equal(call->function_call->name, "now");
  assert_true(call->thought_signature.size > 1000);
  assert_null(genai_response_text(r)); /* the only text is a thought */
  assert_int_equal(*r->usage_metadata->thoughts_token_count, 501);
  genai_generate_content_response_free(r);
}

static void mldev_citation_sources_sample(void **state) {
  (void)state;
  genai_generate_content_response *r = decoded("mldev_generateContent_citationMetadata.json", -1);
  const genai_citation_metadata *m = r->candidates[0]->citation_metadata;
  assert_non_null(m);
  assert_null(m->unknown_json); /* citationSources is a known field, renamed */
  assert_int_equal(m->citations_count, 2);
  assert_int_equal(*m->citations[0]->start_index, 530);
  assert_int_equal(*m->citations[0]->end_index, 654);
  assert_int_equal(*m->citations[1]->start_index, 1129);
  assert_int_equal(*m->citations[1]->end_index, 1275);
  genai_generate_content_response_free(r);
}

static void blocked_prompt_samples(void **state) {
  (void)state;
  genai_generate_content_response *r = decoded("mldev_generateContent_promptFeedback_blocked.json", -1);
  assert_int_equal(r->candidates_count, 0);
  assert_null(genai_response_text(r));
  assert_int_equal(r->prompt_feedback->block_reason, GENAI_BLOCKED_REASON_SAFETY);
  genai_generate_content_response_free(r);
  r = decoded("firebase_vertexai_unary-failure-prompt-blocked-safety-with-message.json", -1);
  assert_int_equal(r->prompt_feedback->block_reason, GENAI_BLOCKED_REASON_SAFETY);
  assert_string_equal(r->prompt_feedback->block_reason_message, "Reasons");
  assert_int_equal(r->prompt_feedback->safety_ratings_count, 4);
  assert_int_equal(r->prompt_feedback->safety_ratings[1]->category, GENAI_HARM_CATEGORY_HATE_SPEECH);
  assert_int_equal(r->prompt_feedback->safety_ratings[1]->probability, GENAI_HARM_PROBABILITY_HIGH);
  genai_generate_content_response_free(r);
}

static void undocumented_fields_are_kept_as_unknown_json(void **state) {
  (void)state;
  genai_generate_content_response *r = decoded("vertex_generateContent_score_billablePromptUsage.json", -1);
  json_t *cand_unknown = json_loads(r->candidates[0]->unknown_json, 0, NULL);
  assert_non_null(json_object_get(cand_unknown, "score"));
  json_decref(cand_unknown);
  json_t *usage_unknown = json_loads(r->usage_metadata->unknown_json, 0, NULL);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(usage_unknown, "billablePromptUsage"), "textCount")),
                   25);
  json_decref(usage_unknown);
  assert_int_equal(r->usage_metadata->traffic_type, GENAI_TRAFFIC_TYPE_PROVISIONED_THROUGHPUT);
  assert_true(*r->candidates[0]->avg_logprobs == -0.03732003106011285);
  assert_string_equal(genai_response_text(r), "The capital of France is **Paris**.\n");
  genai_generate_content_response_free(r);

  r = decoded("mldev_generateContent_gemini-2.5_turnToken.json", -1);
  json_t *top = json_loads(r->unknown_json, 0, NULL);
  assert_true(json_is_string(json_object_get(top, "turnToken")));
  json_decref(top);
  assert_int_equal(r->candidates[0]->finish_reason, GENAI_FINISH_REASON_MAX_TOKENS);
  assert_null(genai_response_text(r)); /* a content with a role but no parts */
  genai_generate_content_response_free(r);
}

static void mldev_text_stream_sample(void **state) {
  (void)state;
  const char *name = "mldev_streamGenerateContent_text.sse";
  char all[8192] = "";
  int events = 0;
  for (int e = 0; e < 11; e++) {
    genai_generate_content_response *r = decoded(name, e);
    strncat(all, genai_response_text(r), sizeof(all) - strlen(all) - 1);
    if (e == 10) {
      assert_int_equal(r->candidates[0]->finish_reason, GENAI_FINISH_REASON_STOP);
      assert_int_equal(*r->usage_metadata->prompt_token_count, 6);
      assert_int_equal(*r->usage_metadata->candidates_token_count, 353);
      assert_int_equal(*r->usage_metadata->total_token_count, 359);
    } else {
      assert_int_equal(r->candidates[0]->finish_reason, GENAI_FINISH_REASON_UNSPECIFIED);
    }
    genai_generate_content_response_free(r);
    events++;
  }
  assert_int_equal(events, 11);
  assert_true(starts_with(all, "The sky is blue due to a phenomenon called **Rayleigh scattering**."));
}

static void utf8_stream_sample(void **state) {
  (void)state;
  genai_generate_content_response *r = decoded("firebase_vertexai_streaming-success-utf8.sse", 0);
  assert_string_equal(genai_response_text(r), "\xe7\xa7\x8b\xe9\xa3\x8e\xe7\x91\x9f\xe7\x91\x9f\xef\xbc\x8c\xe5\x8f"
                                              "\xb6\xe8\x90\xbd\xe7\xba\xb7\xe7\xba\xb7\xef\xbc\x8c\n\xe8\xa5\xbf\xe9"
                                              "\xa3\x8e\xe6\xae\x8b\xe7\x85\xa7\xef\xbc\x8c\xe5\xaf\x92");
  genai_generate_content_response_free(r);
}

static void code_execution_stream_sample(void **state) {
  (void)state;
  const char *name = "firebase_googleai_streaming-success-code-execution.sse";
  genai_generate_content_response *r = decoded(name, 2);
  const genai_executable_code *code = part_of(r, 0)->executable_code;
  assert_non_null(code);
  assert_int_equal(code->language, GENAI_LANGUAGE_PYTHON);
  assert_true(starts_with(code->code, "prime_numbers = [2, 3, 5, 7, 11]"));
  genai_generate_content_response_free(r);
  r = decoded(name, 3);
  const genai_code_execution_result *res = part_of(r, 0)->code_execution_result;
  assert_non_null(res);
  assert_int_equal(res->outcome, GENAI_OUTCOME_OK);
  assert_string_equal(res->output, "The sum of the first 5 prime numbers is: 28\n");
  genai_generate_content_response_free(r);
}

static void vertex_partial_function_call_arguments_sample(void **state) {
  (void)state;
  const char *name = "vertex_streamGenerateContent_gemini-3-pro_partialArgs_streamFunctionCallArguments.chunks.json";
  genai_generate_content_response *r = decoded(name, 0);
  const genai_part *p = part_of(r, 0);
  assert_string_equal(p->function_call->name, "getCurrentWeather");
  assert_true(p->function_call->will_continue && *p->function_call->will_continue);
  assert_non_null(p->thought_signature.data);
  genai_generate_content_response_free(r);
  r = decoded(name, 1);
  p = part_of(r, 0);
  assert_int_equal(p->function_call->partial_args_count, 1);
  assert_string_equal(p->function_call->partial_args[0]->json_path, "$.country");
  assert_string_equal(p->function_call->partial_args[0]->string_value, "USA");
  assert_true(*p->function_call->partial_args[0]->will_continue);
  genai_generate_content_response_free(r);
  r = decoded(name, 9);
  p = part_of(r, 0);
  assert_non_null(p->function_call); /* "functionCall": {} */
  assert_null(p->function_call->name);
  assert_null(p->function_call->args_json);
  assert_int_equal(r->candidates[0]->finish_reason, GENAI_FINISH_REASON_STOP);
  assert_string_equal(r->create_time, "2025-12-01T21:58:25.986363Z");
  genai_generate_content_response_free(r);
}

/* ------------------------------------------------------ error samples */

static void error_samples_give_status_and_message(void **state) {
  (void)state;
  failures = 0;
  size_t n = 0;
  for (size_t i = 0; i < ndocs; i++) {
    const document *d = &docs[i];
    if (!d->is_error) continue;
    n++;
    json_t *e = json_is_array(d->json) ? json_object_get(json_array_get(d->json, 0), "error")
                                       : json_object_get(d->json, "error");
    long code = (long)json_integer_value(json_object_get(e, "code"));
    genai_result rc;
    if (d->s->kind == SAMPLE_ERROR_JSON) rc = genai__api_error_raise(code, d->text, d->len, NULL, -1, NULL);
    else rc = genai__api_error_raise_json(d->text, d->len, NULL); /* an error object inside a stream */
    const genai_error *err = genai_error_last();
    CHECK(rc == GENAI_EAPI && err->code == GENAI_EAPI, "gives %s\n", genai_result_name(rc));
    CHECK(err->http_status == code, "http_status %d, the body says %ld\n", err->http_status, code);
    check_str(d, "status", json_object_get(e, "status"), err->status);
    check_str(d, "message", json_object_get(e, "message"), err->message);
    json_t *details = json_object_get(e, "details");
    json_t *got = err->details_json ? json_loads(err->details_json, 0, NULL) : NULL;
    CHECK((details == NULL && got == NULL) || (details && got && json_equal(details, got)), "details differ\n");
    json_decref(got);
    CHECK(err->body == NULL, "an envelope should not be kept as a body excerpt\n");
  }
  print_message("decoded %zu error documents\n", n);
  assert_true(n > 0);
  assert_int_equal(failures, 0);
}

static void selected_error_samples(void **state) {
  (void)state;
  const document *d = find_doc("firebase_googleai_unary-failure-api-key.json", -1);
  genai__secrets secrets = {{0}, 0};
  genai__secrets_add(&secrets, "key1234"); /* the key the request carried, echoed in DebugInfo */
  assert_int_equal(genai__api_error_raise(400, d->text, d->len, NULL, -1, &secrets), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 400);
  assert_string_equal(e->status, "INVALID_ARGUMENT");
  assert_string_equal(e->message, "API key not valid. Please pass a valid API key.");
  assert_null(strstr(e->details_json, "key1234"));
  assert_non_null(strstr(e->details_json, "Invalid API key: [REDACTED]"));
  assert_non_null(strstr(e->details_json, "API_KEY_INVALID"));

  d = find_doc("firebase_vertexai_unary-failure-quota-exceeded.json", -1);
  assert_int_equal(genai__api_error_raise(429, d->text, d->len, NULL, -1, NULL), GENAI_EAPI);
  assert_string_equal(genai_error_last()->status, "RESOURCE_EXHAUSTED");
  assert_true(genai_error_last()->retry_after_ms == -1); /* no RetryInfo in this body */

  d = find_doc("vertex_generateContent_404_publisher_model_not_found.json", -1);
  assert_int_equal(genai__api_error_raise(404, d->text, d->len, NULL, -1, NULL), GENAI_EAPI);
  assert_string_equal(genai_error_last()->status, "NOT_FOUND");
  assert_true(starts_with(genai_error_last()->message, "Publisher Model `projects/"));

  d = find_doc("firebase_vertexai_streaming-failure-error-mid-stream.sse", 2);
  assert_true(d->is_error);
  assert_int_equal(genai__api_error_raise_json(d->text, d->len, NULL), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 499);
  assert_string_equal(genai_error_last()->status, "CANCELLED");
  assert_string_equal(genai_error_last()->message, "The operation was cancelled.");
  /* ... after two good events */
  genai_generate_content_response *r = decoded("firebase_vertexai_streaming-failure-error-mid-stream.sse", 1);
  assert_string_equal(genai_response_text(r), "Second ");
  genai_generate_content_response_free(r);
}

static void html_error_page_sample(void **state) {
  (void)state;
  size_t n = 0;
  for (size_t i = 0; i < nsamples; i++) {
    const sample *s = &samples[i];
    if (s->kind != SAMPLE_ERROR_HTML) continue;
    n++;
    genai__headers h = {0};
    assert_int_equal(genai__headers_set(&h, "Content-Type", "text/html; charset=UTF-8"), GENAI_OK);
    assert_int_equal(genai__api_error_raise(404, s->data, s->len, &h, -1, NULL), GENAI_EAPI);
    genai__headers_clear(&h);
    const genai_error *e = genai_error_last();
    assert_int_equal(e->http_status, 404);
    assert_string_equal(e->status, "Not Found");
    assert_non_null(strstr(e->message, "404"));
    assert_non_null(e->body);
    assert_true(starts_with(e->body, "<!DOCTYPE html>"));
    assert_non_null(strstr(e->body, "Error 404 (Not Found)"));
  }
  assert_true(n > 0);
}

/* ---------------------------------------------------- request samples */

/* Python's t_schema adds propertyOrdering to objects with two or more
 * properties; recorded requests of other SDKs may lack it. */
static void add_property_ordering(json_t *schema) {
  if (!json_is_object(schema)) return;
  json_t *props = json_object_get(schema, "properties");
  const char *type = json_string_value(json_object_get(schema, "type"));
  if (json_is_object(props)) {
    const char *key;
    json_t *sub;
    json_object_foreach(props, key, sub) add_property_ordering(sub);
    if (type && !strcasecmp(type, "object") && json_object_size(props) > 1 &&
        !json_object_get(schema, "propertyOrdering")) {
      json_t *order = json_array();
      json_object_foreach(props, key, sub) json_array_append_new(order, json_string(key));
      json_object_set_new(schema, "propertyOrdering", order);
    }
  }
  add_property_ordering(json_object_get(schema, "items"));
  size_t i;
  json_t *item;
  json_array_foreach(json_object_get(schema, "anyOf"), i, item) add_property_ordering(item);
}

static void generate_content_requests_are_rebuilt_exactly(void **state) {
  (void)state;
  size_t n = 0;
  failures = 0;
  for (size_t i = 0; i < nsamples; i++) {
    const sample *s = &samples[i];
    if (s->kind != SAMPLE_GC_REQUEST) continue;
    n++;
    document doc = {.s = s, .event = -1};
    const document *d = &doc;
    json_t *orig = json_loadb(s->data, s->len, 0, NULL);
    /* The config is generationConfig plus the request-level members. */
    json_t *config = json_deep_copy(json_object_get(orig, "generationConfig"));
    const char *key;
    json_t *v;
    json_object_foreach(orig, key, v) {
      if (strcmp(key, "contents") && strcmp(key, "generationConfig")) json_object_set(config, key, v);
    }
    char *config_text = json_dumps(config, JSON_COMPACT);
    char *contents_text = json_dumps(json_object_get(orig, "contents"), JSON_COMPACT);
    genai_generate_content_config *cfg = NULL;
    genai_contents *contents = NULL;
    genai_result rc1 = genai_generate_content_config_from_json(config_text, &cfg);
    CHECK(rc1 == GENAI_OK, "config does not decode: %s\n", genai_error_last()->message);
    genai_result rc2 = genai_contents_from_json(contents_text, &contents);
    CHECK(rc2 == GENAI_OK, "contents do not decode: %s\n", genai_error_last()->message);
    if (rc1 == GENAI_OK && rc2 == GENAI_OK) {
      genai_generate_content_parameters params = {GENAI_INIT(genai_generate_content_parameters),
                                                   .model = "gemini-2.0-flash", .contents = contents, .config = cfg};
      genai__built_request req;
      genai_result rc = genai__method_build(&genai__method_models_generate_content, s->backend, "REDACTED", "REDACTED",
                                            &params, &req);
      json_t *body = rc == GENAI_OK ? json_incref(req.body) : NULL;
      if (rc == GENAI_OK) genai__built_request_clear(&req);
      CHECK(rc == GENAI_OK, "request does not encode: %s\n", genai_error_last()->message);
      if (rc == GENAI_OK) {
        add_property_ordering(json_object_get(json_object_get(orig, "generationConfig"), "responseSchema"));
        char path[1024] = "", why[256] = "";
        bool same = same_json(orig, body, path, sizeof(path), why, sizeof(why));
        CHECK(same, "rebuilt request differs at %s: %s\n", path[0] ? path : "(root)", why);
      }
      json_decref(body);
    }
    genai_generate_content_config_free(cfg);
    genai_contents_free(contents);
    free(config_text);
    free(contents_text);
    json_decref(config);
    json_decref(orig);
  }
  print_message("rebuilt %zu generateContent requests\n", n);
  assert_true(n > 0);
  assert_int_equal(failures, 0);
}

/* ---------------------------------------------------- classification */

static void samples_are_all_classified(void **state) {
  (void)state;
  size_t count[SAMPLE_UNCLASSIFIED + 1] = {0};
  bool backends[3] = {false, false, false};
  for (size_t i = 0; i < nsamples; i++) {
    count[samples[i].kind]++;
    if (samples[i].kind == SAMPLE_GC || samples[i].kind == SAMPLE_GC_SSE || samples[i].kind == SAMPLE_GC_CHUNKS) {
      if (!samples[i].backend_known) problem("%s: cannot tell its backend from its name", samples[i].name);
      else backends[samples[i].backend] = true;
    }
  }
  print_message("%zu samples in %s:\n", nsamples, samples_dir);
  for (int k = 0; k <= SAMPLE_UNCLASSIFIED; k++) print_message("  %-26s %zu\n", kind_names[k], count[k]);
  print_message("not classified (not decoded by this test):\n");
  for (size_t i = 0; i < nsamples; i++)
    if (samples[i].kind == SAMPLE_UNCLASSIFIED) print_message("  %-80s %s\n", samples[i].name, samples[i].why);
  if (nproblems) print_error("classification problems:\n%s", problems);
  assert_int_equal(nproblems, 0);
  /* A corpus without these would test nothing. */
  assert_true(count[SAMPLE_GC] > 0);
  assert_true(count[SAMPLE_GC_SSE] > 0);
  assert_true(count[SAMPLE_GC_CHUNKS] > 0);
  assert_true(count[SAMPLE_ERROR_JSON] > 0);
  assert_true(count[SAMPLE_ERROR_HTML] > 0);
  assert_true(count[SAMPLE_GC_REQUEST] > 0);
  assert_true(backends[GENAI__BACKEND_MLDEV] && backends[GENAI__BACKEND_VERTEX]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(samples_are_all_classified),
      cmocka_unit_test(the_comparison_accepts_only_proto3_equivalences),
      cmocka_unit_test(every_generate_content_document_decodes),
      cmocka_unit_test(every_generate_content_document_re_encodes_to_the_same_json),
      cmocka_unit_test(decoded_values_match_the_json),
      cmocka_unit_test(mldev_function_call_sample),
      cmocka_unit_test(vertex_parallel_function_calls_sample),
      cmocka_unit_test(thought_summary_and_signature_sample),
      cmocka_unit_test(mldev_citation_sources_sample),
      cmocka_unit_test(blocked_prompt_samples),
      cmocka_unit_test(undocumented_fields_are_kept_as_unknown_json),
      cmocka_unit_test(mldev_text_stream_sample),
      cmocka_unit_test(utf8_stream_sample),
      cmocka_unit_test(code_execution_stream_sample),
      cmocka_unit_test(vertex_partial_function_call_arguments_sample),
      cmocka_unit_test(error_samples_give_status_and_message),
      cmocka_unit_test(selected_error_samples),
      cmocka_unit_test(html_error_page_sample),
      cmocka_unit_test(generate_content_requests_are_rebuilt_exactly),
  };
  int failed = cmocka_run_group_tests(tests, load_corpus, free_corpus);
  genai_error_clear();
  return failed;
}
