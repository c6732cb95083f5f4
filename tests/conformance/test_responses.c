/* The response side of conformance: every generateContent answer of the
 * samples (../shared/reference/samples, listed in INDEX.json), unary and
 * streamed, is served by the emulator to the official JS SDK and to
 * genai-c; both must decode the same text, function calls, usage metadata
 * and finish reasons (chunk by chunk for streams), or fail with the same
 * error code. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include <genai/genai.h>

#include "emulator_harness.h"

#define KEY "conformance-key-123"

static emu_harness emu;
static char samples[PATH_MAX];

/* The cases: the generateContent answers of the samples with status 200. */
static json_t *load_cases(void) {
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/INDEX.json", samples);
  json_error_t jerr;
  json_t *index = json_load_file(path, 0, &jerr);
  if (!index) fail_msg("cannot read %s: %s", path, jerr.text);
  json_t *cases = json_array();
  size_t i;
  json_t *e;
  json_array_foreach(index, i, e) {
    const char *file = json_string_value(json_object_get(e, "file"));
    const char *endpoint = json_string_value(json_object_get(e, "endpoint"));
    const char *status = json_string_value(json_object_get(e, "status"));
    const char *backend = json_string_value(json_object_get(e, "backend"));
    if (!file || !endpoint || !backend || strstr(file, ".request.")) continue;
    if (!strstr(endpoint, "enerateContent") || strstr(endpoint, "Bidi")) continue;
    if (status && *status && !strstr(status, "200")) continue;
    size_t n = strlen(file);
    bool sse = n > 4 && !strcmp(file + n - 4, ".sse"), json = n > 5 && !strcmp(file + n - 5, ".json");
    if (!sse && !json) continue;
    snprintf(path, sizeof path, "%s/%s", samples, file);
    FILE *f = fopen(path, "rb");
    if (!f) continue;
    char *body = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&body, &len);
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, got, mem);
    fclose(mem);
    fclose(f);
    /* a unary sample must be one answer object, not an error or a list */
    json_t *doc = json ? json_loads(body, 0, NULL) : NULL;
    bool usable = sse || (json_is_object(doc) && !json_object_get(doc, "error") &&
                          (json_object_get(doc, "candidates") || json_object_get(doc, "promptFeedback")));
    json_decref(doc);
    if (usable)
      json_array_append_new(cases, json_pack("{s:s, s:s, s:b, s:s, s:s%}", "name", file, "backend",
                                             !strcmp(backend, "vertex") ? "vertex" : "mldev", "stream", sse,
                                             "contentType", sse ? "text/event-stream" : "application/json", "body",
                                             body, len));
    free(body);
  }
  json_decref(index);
  return cases;
}

static json_t *decoded(const genai_generate_content_response *r) {
  json_t *out = json_object();
  const char *text = genai_response_text(r);
  json_object_set_new(out, "text", text ? json_string(text) : json_null());
  json_t *calls = json_array();
  const genai_function_call *const *fc = NULL;
  size_t n = genai_response_function_calls(r, &fc);
  for (size_t i = 0; i < n; i++)
    json_array_append_new(calls, json_pack("{s:s?, s:o}", "name", fc[i]->name, "args",
                                           fc[i]->args_json ? json_loads(fc[i]->args_json, 0, NULL) : json_null()));
  json_object_set_new(out, "functionCalls", calls);
  char *all = NULL;
  json_t *usage = json_null();
  if (genai_generate_content_response_to_json(r, &all) == GENAI_OK) {
    json_t *whole = json_loads(all, 0, NULL);
    json_t *u = json_object_get(whole, "usageMetadata");
    if (u) usage = json_incref(u);
    json_decref(whole);
  }
  genai_free(all);
  json_object_set_new(out, "usageMetadata", usage);
  json_t *reasons = json_array();
  for (size_t i = 0; i < r->candidates_count; i++) {
    const char *reason = r->candidates[i]->finish_reason_str;
    json_array_append_new(reasons, reason ? json_string(reason) : json_null());
  }
  json_object_set_new(out, "finishReasons", reasons);
  return out;
}

/* What genai-c decodes for one case. */
static json_t *decode_with_genai_c(genai_client *client, json_t *c) {
  json_t *script = json_pack("{s:[{s:{s:O}, s:O}]}", "responses", "headers", "Content-Type",
                             json_object_get(c, "contentType"), "body", json_object_get(c, "body"));
  char *text = json_dumps(script, JSON_COMPACT);
  if (emu_script(&emu, text) != 200) fail_msg("the emulator refused the script");
  free(text);
  json_decref(script);
  json_t *out = json_pack("{s:O}", "name", json_object_get(c, "name"));
  if (json_is_true(json_object_get(c, "stream"))) {
    genai_stream *s = NULL;
    json_t *chunks = json_array();
    genai_result rc = genai_models_generate_content_stream(client, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &s);
    const genai_generate_content_response *chunk;
    while (rc == GENAI_OK && (rc = genai_stream_next(s, &chunk)) == GENAI_OK) json_array_append_new(chunks, decoded(chunk));
    json_object_set_new(out, "chunks", chunks);
    json_object_set_new(out, "error",
                        rc == GENAI_DONE ? json_null()
                                         : json_pack("{s:i}", "code", s ? genai_stream_error(s)->http_status
                                                                        : genai_error_last()->http_status));
    genai_stream_free(s);
  } else {
    genai_generate_content_response *r = NULL;
    genai_result rc = genai_models_generate_content(client, "gemini-2.0-flash", GENAI_TEXT("hi"), NULL, &r);
    if (rc == GENAI_OK) {
      json_t *d = decoded(r);
      json_object_update(out, d);
      json_decref(d);
      json_object_set_new(out, "error", json_null());
    } else {
      json_object_set_new(out, "error", json_pack("{s:i}", "code", genai_error_last()->http_status));
    }
    genai_generate_content_response_free(r);
  }
  return out;
}

/* Numbers by value, objects by members. */
static bool same(const json_t *a, const json_t *b) {
  if (json_is_number(a) && json_is_number(b)) return json_number_value(a) == json_number_value(b);
  return json_equal((json_t *)a, (json_t *)b);
}

/* Where the official JS SDK differs from the Python SDK, genai-c follows
 * the Python SDK; these cases are compared to that expectation instead. */
static const struct {
  const char *name, *why;
} python_not_js[] = {
    {"firebase_googleai_streaming-failure-prompt-blocked-safety.sse",
     "the JS SDK throws on a streamed chunk whose prompt was blocked; the Python SDK (and genai-c) yields the "
     "chunk with its promptFeedback"},
};

static const char *known_divergence(const char *name) {
  for (size_t i = 0; i < sizeof(python_not_js) / sizeof(python_not_js[0]); i++)
    if (!strcmp(python_not_js[i].name, name)) return python_not_js[i].why;
  return NULL;
}

/* Both failed, or neither; the codes agree where the JS SDK gives one (it
 * gives none for an error object in a 200 stream, which the Python SDK and
 * genai-c raise with the object's code). */
static bool same_error(const json_t *mine, const json_t *theirs) {
  if (json_is_null(mine) || json_is_null(theirs)) return json_is_null(mine) == json_is_null(theirs);
  json_t *code = json_object_get(theirs, "code");
  return json_is_null(code) || same(json_object_get(mine, "code"), code);
}

static void responses_decode_alike(void **state) {
  (void)state;
  json_t *cases = load_cases();
  size_t n = json_array_size(cases);
  assert_true(n >= 30);
  char cases_file[] = "/tmp/genai-conformance-cases-XXXXXX";
  int fd = mkstemp(cases_file);
  assert_true(fd >= 0);
  close(fd);
  assert_int_equal(json_dump_file(cases, cases_file, JSON_COMPACT), 0);

  /* the JS SDK first: one node process for every case */
  char script[PATH_MAX + 64], url_env[128], key_env[64], cmd[PATH_MAX * 2];
  snprintf(script, sizeof script, "%s/run_responses.mjs", GENAI_CONFORMANCE_DIR);
  snprintf(url_env, sizeof url_env, "GENAI_BASE_URL=%s", emu.base_url);
  snprintf(key_env, sizeof key_env, "GENAI_API_KEY=%s", KEY);
  snprintf(cmd, sizeof cmd, "env -i PATH=/usr/bin:/bin %s %s '%s' '%s' '%s'", url_env, key_env, GENAI_NODE, script,
           cases_file);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  json_t *js = json_object();
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, p) > 0) {
    json_t *v = json_loads(line, 0, NULL);
    if (v) json_object_set_new(js, json_string_value(json_object_get(v, "name")), v);
  }
  free(line);
  assert_int_equal(pclose(p), 0);
  unlink(cases_file);
  assert_int_equal(json_object_size(js), n);

  /* then genai-c, on the same answers */
  genai_http_options http = {GENAI_INIT(genai_http_options), .base_url = emu.base_url};
  genai_client_options mo = {GENAI_INIT(genai_client_options), .api_key = KEY, .http_options = &http, .no_env = true};
  genai_client_options vo = mo;
  vo.vertexai = &(bool){true};
  genai_client *mldev = NULL, *vertex = NULL;
  assert_int_equal(genai_client_new(&mo, &mldev), GENAI_OK);
  assert_int_equal(genai_client_new(&vo, &vertex), GENAI_OK);
  int differ = 0;
  size_t chunks = 0;
  for (size_t i = 0; i < n; i++) {
    json_t *c = json_array_get(cases, i);
    const char *name = json_string_value(json_object_get(c, "name"));
    bool vx = !strcmp(json_string_value(json_object_get(c, "backend")), "vertex");
    json_t *mine = decode_with_genai_c(vx ? vertex : mldev, c);
    json_t *theirs = json_object_get(js, name);
    const char *why = known_divergence(name);
    if (why) {
      /* the JS SDK failed; genai-c decoded every chunk, as the Python SDK does */
      bool as_python = !json_is_null(json_object_get(theirs, "error")) && json_is_null(json_object_get(mine, "error")) &&
                       json_array_size(json_object_get(mine, "chunks")) > 0;
      if (!as_python) {
        print_error("%s: expected %s\n", name, why);
        differ++;
      }
      json_decref(mine);
      continue;
    }
    const char *fields[] = {"text", "functionCalls", "usageMetadata", "finishReasons", "error"};
    json_t *a_chunks = json_object_get(mine, "chunks"), *b_chunks = json_object_get(theirs, "chunks");
    size_t count = a_chunks ? json_array_size(a_chunks) : 1;
    if (a_chunks && json_array_size(a_chunks) != json_array_size(b_chunks)) {
      print_error("%s: genai-c decoded %zu chunks, the JS SDK %zu\n", name, json_array_size(a_chunks),
                  json_array_size(b_chunks));
      differ++;
      count = 0;
    }
    chunks += a_chunks ? count : 0;
    for (size_t k = 0; k < count; k++) {
      json_t *a = a_chunks ? json_array_get(a_chunks, k) : mine, *b = b_chunks ? json_array_get(b_chunks, k) : theirs;
      for (size_t f = 0; f < 4; f++) {
        json_t *x = json_object_get(a, fields[f]), *y = json_object_get(b, fields[f]);
        if (!same(x, y)) {
          char *xs = json_dumps(x, JSON_ENCODE_ANY | JSON_COMPACT), *ys = json_dumps(y, JSON_ENCODE_ANY | JSON_COMPACT);
          print_error("%s%s: %s differs\n  genai-c: %.300s\n  JS SDK:  %.300s\n", name, a_chunks ? " (a chunk)" : "",
                      fields[f], xs, ys);
          free(xs);
          free(ys);
          differ++;
        }
      }
    }
    json_t *ea = json_object_get(mine, "error"), *eb = json_object_get(theirs, "error");
    if (!same_error(ea, eb)) {
      char *xs = json_dumps(ea, JSON_ENCODE_ANY | JSON_COMPACT), *ys = json_dumps(eb, JSON_ENCODE_ANY | JSON_COMPACT);
      print_error("%s: error differs\n  genai-c: %s\n  JS SDK:  %s\n", name, xs, ys);
      free(xs);
      free(ys);
      differ++;
    }
    json_decref(mine);
  }
  print_message("%zu answers (%zu streamed chunks) decoded alike by genai-c and the JS SDK; %d differences\n", n, chunks,
                differ);
  assert_int_equal(differ, 0);
  genai_client_free(mldev);
  genai_client_free(vertex);
  json_decref(js);
  json_decref(cases);
}

static int setup(void **state) {
  (void)state;
  const char *dir = getenv("GENAI_SAMPLES_DIR");
  snprintf(samples, sizeof samples, "%s", dir && *dir ? dir : GENAI_SAMPLES_DIR_DEFAULT);
  char sdk[PATH_MAX + 64];
  snprintf(sdk, sizeof sdk, "%s/node_modules/@google/genai/package.json", GENAI_CONFORMANCE_DIR);
  if (!*GENAI_NODE || access(GENAI_NODE, X_OK) != 0 || access(sdk, R_OK) != 0) {
    fprintf(stderr, "conformance: node or @google/genai is missing: run `make deps` (%s)\n", sdk);
    return -1;
  }
  const char *args[] = {"--quiet", NULL};
  return emu_start(&emu, args);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(responses_decode_alike)};
  int failed = cmocka_run_group_tests(tests, setup, NULL);
  if (emu.pid && emu_stop(&emu) != 0) failed++;
  return failed ? 1 : 0;
}
