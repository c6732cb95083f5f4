/* Table-driven converter test: every API method of spec/methods.spec, on
 * every backend, turns parameters in the Python SDK's dict form into the
 * request the Python SDK sends (verb, path with query, JSON body), or into
 * the ValueError the Python SDK raises before sending anything. The cases
 * live in converter_cases.h; each names the Python function it was read
 * from. All cases run even when some fail, and every failing case is listed
 * with its input, the expectation and what genai-c built. */
#include "unit_helpers.h"

#include <ctype.h>
#include <stdbool.h>

#include <genai/errors.h>

#include "api/method.h"
#include "wire/codec.h"
#include "wire/types_gen.h"

/* Descriptors that are being added to spec/ as this test is written: weak,
 * so that this file builds whether or not they exist yet (a missing one
 * fails its cases, saying so). */
extern const genai__method genai__method_models_embed_content_predict __attribute__((weak));
extern const genai__method genai__method_models_embed_content_embed __attribute__((weak));

typedef struct conv_case {
  const genai__method *m;
  const char *method_id; /* the descriptor's name in C, for messages */
  genai__backend backend;
  const char *params;  /* the parameters in the Python dict form (quotes: ') */
  const char *verb;    /* expected verb; NULL for an error case */
  const char *path;    /* expected path with query */
  const char *body;    /* expected JSON body; NULL: no body */
  genai_result code;   /* GENAI_OK, or the expected error */
  const char *message; /* the Python SDK's message (error cases) */
  bool contains;       /* only part of the Python message is asserted */
  const char *ref;     /* where the expectation was read */
} conv_case;

#include "converter_cases.h"

#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* ---------------------------------------------------------------- helpers */

/* The table writes JSON with single quotes. */
static char *dq(const char *text) {
  if (!text) return NULL;
  char *s = strdup(text);
  assert_non_null(s);
  for (char *p = s; *p; p++)
    if (*p == '\'') *p = '"';
  return s;
}

static const char *backend_name(genai__backend b) { return b == GENAI__BACKEND_VERTEX ? "vertex" : "mldev"; }

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && !strcmp(s + n - m, suffix);
}

/* The library's message is the Python message, or "<field path>: " and the
 * Python message. */
static bool message_matches(const char *actual, const char *python) {
  if (!strcmp(actual, python)) return true;
  size_t n = strlen(actual), m = strlen(python);
  return n > m + 2 && ends_with(actual, python) && actual[n - m - 2] == ':' && actual[n - m - 1] == ' ';
}

typedef struct buf {
  char *data;
  size_t len, cap;
} buf;

static void bprintf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if (b->len + (size_t)n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + (size_t)n + 1) cap *= 2;
    char *grown = realloc(b->data, cap);
    assert_non_null(grown);
    b->data = grown;
    b->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* ------------------------------------------------------------ running */

typedef struct outcome {
  bool pass;
  char *why; /* for a failure: what differs (malloc'd) */
} outcome;

static outcome results[NCASES];
static bool ran;

static char *sorted_dump(const json_t *v) {
  return v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : strdup("(none)");
}

/* Runs one case; on a failure describes it. */
static outcome run_case(const conv_case *c) {
  outcome o = {.pass = false};
  buf why = {0};
  char *params = dq(c->params);
  void *value = NULL;
  genai__built_request req;
  memset(&req, 0, sizeof(req));
  genai_error_clear();
  if (!c->m) {
    bprintf(&why, "genai__method_%s does not exist in this build", c->method_id);
    goto done;
  }
  genai_result rc = genai__value_from_json(c->m->params, params, &value);
  if (rc != GENAI_OK) {
    bprintf(&why, "the parameters do not decode as %s: %s", c->m->params->name, genai_error_last()->message);
    goto done;
  }
  rc = genai__method_build(c->m, c->backend, "my-project", "us-central1", value, &req);
  const genai_error *e = genai_error_last();
  if (c->code != GENAI_OK) {
    bool text_ok = c->contains ? strstr(e->message, c->message) != NULL : message_matches(e->message, c->message);
    if (rc == c->code && e->code == c->code && text_ok) {
      o.pass = true;
    } else if (rc == GENAI_OK) {
      char *body = sorted_dump(req.body);
      bprintf(&why, "expected %s \"%s\"\n      actual:   built %s %s\n      body:     %s", genai_result_name(c->code),
              c->message, req.verb, req.path, body);
      free(body);
    } else {
      bprintf(&why, "expected %s \"%s\"\n      actual:   %s \"%s\"", genai_result_name(c->code), c->message,
              genai_result_name(rc), e->message);
    }
    goto done;
  }
  if (rc != GENAI_OK) {
    bprintf(&why, "expected %s %s\n      actual:   %s \"%s\"", c->verb, c->path, genai_result_name(rc), e->message);
    goto done;
  }
  char *want_text = dq(c->body);
  json_t *want = NULL;
  if (want_text) {
    json_error_t jerr;
    want = json_loads(want_text, 0, &jerr);
    if (!want) bprintf(&why, "the case's own body JSON does not parse: %s: %s\n      ", jerr.text, want_text);
  }
  bool verb_ok = !strcmp(req.verb, c->verb), path_ok = !strcmp(req.path, c->path);
  bool body_ok = want ? req.body && json_equal(req.body, want) : !req.body && !want_text;
  if (verb_ok && path_ok && body_ok) {
    o.pass = true;
  } else {
    char *w = sorted_dump(want), *a = sorted_dump(req.body);
    if (!verb_ok || !path_ok) bprintf(&why, "expected %s %s\n      actual:   %s %s\n      ", c->verb, c->path, req.verb,
                                      req.path);
    if (!body_ok) bprintf(&why, "expected body %s\n      actual body   %s", w, a);
    free(w);
    free(a);
  }
  json_decref(want);
  free(want_text);
done:
  genai__built_request_clear(&req);
  genai__value_free(value);
  free(params);
  o.why = o.pass ? NULL : (why.data ? why.data : strdup("?"));
  if (o.pass) free(why.data);
  return o;
}

static void run_all(void) {
  if (ran) return;
  for (size_t i = 0; i < NCASES; i++) results[i] = run_case(&cases[i]);
  genai_error_clear();
  ran = true;
}

static int free_results(void **state) {
  (void)state;
  for (size_t i = 0; i < NCASES; i++) {
    free(results[i].why);
    results[i].why = NULL;
  }
  genai_error_clear();
  return 0;
}

/* ------------------------------------------------------------ the methods */

/* Every descriptor of the generated method table (src/wire/types_gen.h). */
static const genai__method *const all_methods[] = {
    &genai__method_models_generate_content,
    &genai__method_models_generate_content_stream,
    &genai__method_models_embed_content,
    &genai__method_models_embed_content_predict,
    &genai__method_models_embed_content_embed,
    &genai__method_models_generate_images,
    &genai__method_models_edit_image,
    &genai__method_models_upscale_image,
    &genai__method_models_recontext_image,
    &genai__method_models_segment_image,
    &genai__method_models_get,
    &genai__method_models_list,
    &genai__method_models_update,
    &genai__method_models_delete,
    &genai__method_models_count_tokens,
    &genai__method_models_compute_tokens,
    &genai__method_models_generate_videos,
    &genai__method_caches_create,
    &genai__method_caches_get,
    &genai__method_caches_delete,
    &genai__method_caches_update,
    &genai__method_caches_list,
    &genai__method_batches_create,
    &genai__method_batches_create_embeddings,
    &genai__method_batches_get,
    &genai__method_batches_cancel,
    &genai__method_batches_list,
    &genai__method_batches_delete,
    &genai__method_tunings_get,
    &genai__method_tunings_list,
    &genai__method_tunings_cancel,
    &genai__method_tunings_tune,
    &genai__method_tunings_tune_mldev,
    &genai__method_tunings_validate_reward,
    &genai__method_files_list,
    &genai__method_files_create,
    &genai__method_files_get,
    &genai__method_files_delete,
    &genai__method_files_register_files,
    &genai__method_operations_get_videos_operation,
    &genai__method_operations_fetch_predict_videos_operation,
    &genai__method_operations_get,
};
#define NMETHODS (sizeof(all_methods) / sizeof(all_methods[0]))

static const genai__method *method_named(const char *name) {
  for (size_t i = 0; i < NMETHODS; i++)
    if (all_methods[i] && !strcmp(all_methods[i]->name, name)) return all_methods[i];
  return NULL;
}

/* spec/methods.spec, found from this file's location (tests/unit/). */
static FILE *open_methods_spec(char *path, size_t size) {
  const char *env = getenv("GENAI_SOURCE_DIR");
  if (env && *env) {
    snprintf(path, size, "%s/spec/methods.spec", env);
  } else {
    const char *file = __FILE__, *tests = strstr(file, "tests/unit/");
    snprintf(path, size, "%.*sspec/methods.spec", tests ? (int)(tests - file) : 0, file);
  }
  return fopen(path, "r");
}

typedef struct spec_method {
  char name[96];
  bool has[2]; /* a path on mldev, vertex */
} spec_method;

/* Reads the methods and which backends have a path. */
static size_t read_spec_methods(spec_method *out, size_t max) {
  char path[4096], line[512];
  FILE *f = open_methods_spec(path, sizeof(path));
  if (!f) fail_msg("cannot open %s (set GENAI_SOURCE_DIR to the source tree)", path);
  size_t n = 0;
  while (f && fgets(line, sizeof(line), f)) {
    char word[96];
    if (sscanf(line, "method %95s", word) == 1) {
      assert_true(n < max);
      memset(&out[n], 0, sizeof(out[n]));
      snprintf(out[n].name, sizeof(out[n].name), "%s", word);
      n++;
    } else if (n && (!strncmp(line, "  mldev ", 8) || !strncmp(line, "  vertex ", 9))) {
      out[n - 1].has[line[2] == 'v' ? 1 : 0] = true;
    }
  }
  if (f) fclose(f);
  return n;
}

/* --------------------------------------------------------------- the tests */

/* Every case gives what the Python SDK gives. */
static void converters_match_the_python_sdk(void **state) {
  (void)state;
  run_all();
  size_t failed = 0;
  for (size_t i = 0; i < NCASES; i++) {
    if (results[i].pass) continue;
    const conv_case *c = &cases[i];
    if (!failed) printf("\nFailing converter cases (expectation: the Python SDK, see ref):\n");
    failed++;
    printf("\n  case %zu: %s on %s\n      params:   %s\n      %s\n      ref:      %s\n", i,
           c->m ? c->m->name : c->method_id, backend_name(c->backend), c->params, results[i].why, c->ref);
  }
  fflush(stdout);
  if (failed) fail_msg("%zu of %zu converter cases differ from the Python SDK", failed, (size_t)NCASES);
}

/* The summary: cases per method and backend. */
static void summary_of_cases(void **state) {
  (void)state;
  run_all();
  size_t total = 0, passed = 0;
  print_message("\n%-48s %14s %14s\n", "method", "mldev", "vertex");
  for (size_t i = 0; i < NMETHODS; i++) {
    const genai__method *m = all_methods[i];
    size_t n[2] = {0, 0}, ok[2] = {0, 0};
    for (size_t k = 0; k < NCASES; k++) {
      if (!m || cases[k].m != m) continue;
      int b = GENAI__BK(cases[k].backend);
      n[b]++;
      ok[b] += results[k].pass;
    }
    char cell[2][32];
    for (int b = 0; b < 2; b++) snprintf(cell[b], sizeof(cell[b]), "%zu/%zu ok", ok[b], n[b]);
    print_message("%-48s %14s %14s\n", m ? m->name : "(missing descriptor)", cell[0], cell[1]);
    total += n[0] + n[1];
    passed += ok[0] + ok[1];
  }
  print_message("%-48s %14zu cases, %zu as the Python SDK, %zu differ\n", "total", total, passed, total - passed);
  assert_int_equal(total, NCASES); /* every case belongs to a method of the table */
}

/* The method table here is the one of spec/methods.spec, and every method
 * has a case on each backend with a path, and the "only supported" error
 * on each backend without one. */
static void every_method_is_covered_on_every_backend(void **state) {
  (void)state;
  static spec_method spec[128];
  size_t nspec = read_spec_methods(spec, 128);
  assert_true(nspec > 0);
  buf missing = {0};
  for (size_t i = 0; i < nspec; i++) {
    const genai__method *m = method_named(spec[i].name);
    if (!m) {
      bprintf(&missing, "  %s: in spec/methods.spec but not in this test's method table (or not built)\n",
              spec[i].name);
      continue;
    }
    for (int b = 0; b < 2; b++) {
      genai__backend backend = b ? GENAI__BACKEND_VERTEX : GENAI__BACKEND_MLDEV;
      if ((m->path[b] != NULL) != spec[i].has[b])
        bprintf(&missing, "  %s on %s: the descriptor and spec/methods.spec disagree on the path\n", m->name,
                backend_name(backend));
      bool built = false, refused = false;
      const char *only = b ? METHOD_ONLY_MLDEV : METHOD_ONLY_VERTEX;
      for (size_t k = 0; k < NCASES; k++) {
        if (cases[k].m != m || cases[k].backend != backend) continue;
        if (cases[k].code == GENAI_OK) built = true;
        else if (!strcmp(cases[k].message, only)) refused = true;
      }
      if (m->path[b] && !built)
        bprintf(&missing, "  %s on %s: no case that builds a request\n", m->name, backend_name(backend));
      if (!m->path[b] && !refused)
        bprintf(&missing, "  %s on %s: no case for \"%s\"\n", m->name, backend_name(backend), only);
    }
  }
  for (size_t i = 0; i < NMETHODS; i++) {
    bool listed = false;
    for (size_t k = 0; all_methods[i] && k < nspec; k++) listed |= !strcmp(spec[k].name, all_methods[i]->name);
    if (all_methods[i] && !listed)
      bprintf(&missing, "  %s: in this test's method table but not in spec/methods.spec\n", all_methods[i]->name);
  }
  if (missing.data) {
    printf("\nCoverage problems:\n%s", missing.data);
    fflush(stdout);
    free(missing.data);
    fail_msg("the cases do not cover every method on every backend");
  }
}

/* The comparison itself: a wrong body, path or message is a failure, an
 * extra "path: " before the Python message is not. */
static void the_comparison_is_strict(void **state) {
  (void)state;
  assert_true(message_matches("model is required.", "model is required."));
  assert_true(message_matches("config.labels: labels parameter is x", "labels parameter is x"));
  assert_false(message_matches("config.output_labels parameter is x", "labels parameter is x"));
  assert_false(message_matches("Invalid batch job name: 1", "Invalid batch job name: 1."));
  const conv_case wrong_body = {&genai__method_models_get, "models_get", GENAI__BACKEND_MLDEV, "{'model':'m'}",
                                "GET", "models/m", "{}", GENAI_OK, NULL, false, "self-test"};
  const conv_case wrong_path = {&genai__method_models_get, "models_get", GENAI__BACKEND_MLDEV, "{'model':'m'}",
                                "GET", "m", NULL, GENAI_OK, NULL, false, "self-test"};
  const conv_case wrong_verb = {&genai__method_models_get, "models_get", GENAI__BACKEND_MLDEV, "{'model':'m'}",
                                "POST", "models/m", NULL, GENAI_OK, NULL, false, "self-test"};
  const conv_case not_an_error = {&genai__method_models_get, "models_get", GENAI__BACKEND_MLDEV, "{'model':'m'}",
                                  NULL, NULL, NULL, GENAI_EINVAL, "x", false, "self-test"};
  const conv_case right = {&genai__method_models_get, "models_get", GENAI__BACKEND_MLDEV, "{'model':'m'}", "GET",
                           "models/m", NULL, GENAI_OK, NULL, false, "self-test"};
  const conv_case *bad[] = {&wrong_body, &wrong_path, &wrong_verb, &not_an_error};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    outcome o = run_case(bad[i]);
    assert_false(o.pass);
    assert_non_null(o.why);
    free(o.why);
  }
  outcome o = run_case(&right);
  assert_true(o.pass);
  assert_null(o.why);
  genai_error_clear();
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_comparison_is_strict),
      cmocka_unit_test(every_method_is_covered_on_every_backend),
      cmocka_unit_test(converters_match_the_python_sdk),
      cmocka_unit_test(summary_of_cases),
  };
  int failed = cmocka_run_group_tests(tests, NULL, free_results);
  genai_error_clear();
  return failed;
}
