/* The real request bodies of shared/reference/samples (`*.request.json`,
 * recorded from the JS SDK; INDEX.json names each one's endpoint) other than
 * generateContent / streamGenerateContent, which test_samples.c covers:
 * each is rebuilt in C from the same logical request (the parameters in the
 * Python SDK's dict form) and must give the recorded verb, path and body
 * (compared as JSON values). A sample genai-c cannot reproduce because it
 * does not offer that request is an expected gap: the test checks that it
 * really is refused and prints the list. A request sample nobody handles
 * fails the test, so new samples are noticed. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include <genai/errors.h>

#include "api/method.h"
#include "wire/codec.h"
#include "wire/types_gen.h"

#ifndef GENAI_SAMPLES_DIR_DEFAULT
#error "GENAI_SAMPLES_DIR_DEFAULT must be defined by tests/samples/CMakeLists.txt"
#endif

/* Being added to spec/ as this test is written: weak, so that this file
 * builds with or without it (without it, its sample is a gap). */
extern const genai__method genai__method_models_embed_content_predict __attribute__((weak));

#define METHOD_ONLY_VERTEX \
  "This method is only supported in Gemini Enterprise Agent Platform mode, not in Gemini Developer API mode."

/* One request sample and the logical request it records. */
typedef struct request_sample {
  const char *file;
  const genai__method *m;
  const char *method_name; /* for messages when m is missing from the build */
  genai__backend backend;
  const char *params; /* the Python dict form */
  /* Not NULL: genai-c does not offer this request; why. */
  const char *gap;
} request_sample;

static const request_sample known[] = {
    {"mldev_countTokens.request.json", &genai__method_models_count_tokens, "models.count_tokens",
     GENAI__BACKEND_MLDEV,
     "{\"model\":\"gemini-1.5-flash\",\"contents\":\"The quick brown fox jumps over the lazy dog.\"}", NULL},
    {"vertex_countTokens.request.json", &genai__method_models_count_tokens, "models.count_tokens",
     GENAI__BACKEND_VERTEX,
     "{\"model\":\"gemini-1.5-flash\",\"contents\":\"The quick brown fox jumps over the lazy dog.\"}", NULL},
    {"vertex_computeTokens.request.json", &genai__method_models_compute_tokens, "models.compute_tokens",
     GENAI__BACKEND_VERTEX,
     "{\"model\":\"gemini-1.5-flash\",\"contents\":\"The quick brown fox jumps over the lazy dog.\"}", NULL},
    {"vertex_predict_imagen-3.0-generate-002.request.json", &genai__method_models_generate_images,
     "models.generate_images", GENAI__BACKEND_VERTEX,
     "{\"model\":\"imagen-3.0-generate-002\",\"prompt\":\"Robot holding a red skateboard\",\"config\":"
     "{\"number_of_images\":1,\"include_safety_attributes\":true,\"output_mime_type\":\"image/jpeg\"}}",
     NULL},
    {"vertex_predict_text-embedding-004.request.json", &genai__method_models_embed_content_predict,
     "models.embed_content_predict", GENAI__BACKEND_VERTEX,
     "{\"model\":\"text-embedding-004\",\"contents\":[\"Hello world\"]}", NULL},
    {"mldev_predict_imagen-3.0-generate-002.request.json", &genai__method_models_generate_images,
     "models.generate_images", GENAI__BACKEND_MLDEV,
     "{\"model\":\"imagen-3.0-generate-002\",\"prompt\":\"Robot holding a red skateboard\",\"config\":"
     "{\"number_of_images\":1,\"include_safety_attributes\":true,\"output_mime_type\":\"image/jpeg\"}}",
     "Gemini Developer API Imagen :predict (models.generate_images): the Python SDK's HEAD no longer offers it "
     "(Models._generate_images raises on the Gemini Developer API; reference/python-genai.md 3.1), and "
     "spec/methods.spec gives it no mldev path"},
};
#define NKNOWN (sizeof(known) / sizeof(known[0]))

/* ------------------------------------------------------------- the corpus */

static char dir[4096];
static json_t *index_json;   /* INDEX.json: [{file, backend, endpoint, ...}] */
static char **request_files; /* every *.request.json of the directory */
static size_t nrequest_files;

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && !strcmp(s + n - m, suffix);
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int free_corpus(void **state);

static int load_corpus(void **state) {
  (void)state;
  const char *env = getenv("GENAI_SAMPLES_DIR");
  snprintf(dir, sizeof(dir), "%s", env && *env ? env : GENAI_SAMPLES_DIR_DEFAULT);
  DIR *d = opendir(dir);
  if (!d) {
    print_error("\n*** The samples directory %s cannot be opened.\n*** It must exist: set GENAI_SAMPLES_DIR to "
                "shared/reference/samples.\n",
                dir);
    return -1;
  }
  struct dirent *e;
  size_t cap = 0;
  while ((e = readdir(d))) {
    if (!ends_with(e->d_name, ".request.json")) continue;
    if (nrequest_files == cap) {
      cap = cap ? cap * 2 : 64;
      char **grown = realloc(request_files, cap * sizeof(*grown));
      if (!grown) break;
      request_files = grown;
    }
    request_files[nrequest_files++] = strdup(e->d_name);
  }
  closedir(d);
  if (nrequest_files) qsort(request_files, nrequest_files, sizeof(*request_files), cmp_names);
  char path[4200];
  snprintf(path, sizeof(path), "%s/INDEX.json", dir);
  json_error_t jerr;
  index_json = json_load_file(path, 0, &jerr);
  if (!json_is_array(index_json)) {
    print_error("\n*** %s does not parse as a JSON array: %s\n", path, jerr.text);
    free_corpus(state);
    return -1;
  }
  return 0;
}

static int free_corpus(void **state) {
  (void)state;
  for (size_t i = 0; i < nrequest_files; i++) free(request_files[i]);
  free(request_files);
  request_files = NULL;
  nrequest_files = 0;
  json_decref(index_json);
  index_json = NULL;
  genai_error_clear();
  return 0;
}

/* The INDEX.json endpoint of a sample file, or NULL. */
static const char *endpoint_of(const char *file) {
  size_t i;
  json_t *entry;
  json_array_foreach(index_json, i, entry) {
    if (!strcmp(json_string_value(json_object_get(entry, "file")) ? json_string_value(json_object_get(entry, "file"))
                                                                  : "",
                file))
      return json_string_value(json_object_get(entry, "endpoint"));
  }
  return NULL;
}

static bool is_generate_content(const char *endpoint) {
  return strstr(endpoint, ":generateContent") || strstr(endpoint, ":streamGenerateContent");
}

static const request_sample *known_sample(const char *file) {
  for (size_t i = 0; i < NKNOWN; i++)
    if (!strcmp(known[i].file, file)) return &known[i];
  return NULL;
}

/* "host VERB /v1beta1/projects/REDACTED/locations/REDACTED/rest HTTP/1.1" ->
 * verb and the path relative to the API version (and, on Vertex AI, to the
 * project and location, which the client adds). */
static bool parse_endpoint(const char *endpoint, char *verb, size_t vsize, char *path, size_t psize) {
  const char *sp = strchr(endpoint, ' ');
  if (!sp) return false;
  const char *v = sp + 1, *slash = strchr(v, ' ');
  if (!slash || (size_t)(slash - v) >= vsize) return false;
  snprintf(verb, vsize, "%.*s", (int)(slash - v), v);
  const char *p = slash + 1;
  if (*p != '/') return false;
  p++;
  const char *version_end = strchr(p, '/'); /* after v1beta / v1beta1 */
  if (!version_end) return false;
  p = version_end + 1;
  const char *prefix = "projects/REDACTED/locations/REDACTED/";
  if (!strncmp(p, prefix, strlen(prefix))) p += strlen(prefix);
  size_t n = strcspn(p, " ");
  if (n >= psize) return false;
  snprintf(path, psize, "%.*s", (int)n, p);
  return true;
}

static json_t *load_json_file(const char *file) {
  char path[4200];
  snprintf(path, sizeof(path), "%s/%s", dir, file);
  json_error_t jerr;
  json_t *v = json_load_file(path, JSON_DECODE_ANY, &jerr);
  if (!v) print_error("%s: %s (line %d)\n", path, jerr.text, jerr.line);
  return v;
}

static const char *backend_name(genai__backend b) { return b == GENAI__BACKEND_VERTEX ? "vertex" : "mldev"; }

/* Builds the request of a known sample; GENAI_OK or the library's error. */
static genai_result build(const request_sample *s, genai__built_request *req) {
  memset(req, 0, sizeof(*req));
  void *value = NULL;
  genai_result rc = genai__value_from_json(s->m->params, s->params, &value);
  if (rc != GENAI_OK) {
    print_error("%s: the parameters do not decode: %s\n", s->file, genai_error_last()->message);
    fail();
  }
  rc = genai__method_build(s->m, s->backend, "my-project", "us-central1", value, req);
  genai__value_free(value);
  return rc;
}

/* ---------------------------------------------------------------- the tests */

/* Every request sample is either a generateContent request (test_samples.c)
 * or one of the table above, and every entry of the table is in the corpus. */
static void request_samples_are_all_accounted_for(void **state) {
  (void)state;
  size_t gc = 0, problems = 0;
  assert_true(nrequest_files > 0);
  for (size_t i = 0; i < nrequest_files; i++) {
    const char *f = request_files[i];
    const char *endpoint = endpoint_of(f);
    if (!endpoint) {
      print_error("%s: not in INDEX.json\n", f);
      problems++;
    } else if (is_generate_content(endpoint)) {
      gc++;
    } else if (!known_sample(f)) {
      print_error("%s (%s): a request sample this test does not rebuild; add it to known[]\n", f, endpoint);
      problems++;
    }
  }
  for (size_t k = 0; k < NKNOWN; k++) {
    bool present = false;
    for (size_t i = 0; i < nrequest_files; i++) present |= !strcmp(request_files[i], known[k].file);
    if (!present) {
      print_error("%s: listed in known[] but not in %s\n", known[k].file, dir);
      problems++;
    }
  }
  print_message("%zu request samples: %zu generateContent (test_samples.c), %zu here\n", nrequest_files, gc,
                nrequest_files - gc);
  assert_int_equal(problems, 0);
}

/* The samples genai-c offers are rebuilt exactly. */
static void request_samples_are_rebuilt_exactly(void **state) {
  (void)state;
  size_t failures = 0, rebuilt = 0;
  for (size_t k = 0; k < NKNOWN; k++) {
    const request_sample *s = &known[k];
    if (s->gap || !s->m) continue;
    const char *endpoint = endpoint_of(s->file);
    char want_verb[16], want_path[1024];
    if (!endpoint || !parse_endpoint(endpoint, want_verb, sizeof(want_verb), want_path, sizeof(want_path))) {
      print_error("%s: cannot read the endpoint \"%s\"\n", s->file, endpoint ? endpoint : "(none)");
      failures++;
      continue;
    }
    json_t *want = load_json_file(s->file);
    genai__built_request req;
    genai_result rc = build(s, &req);
    if (rc != GENAI_OK) {
      print_error("%s (%s on %s): not built: %s\n", s->file, s->m->name, backend_name(s->backend),
                  genai_error_last()->message);
      failures++;
    } else {
      bool same = want && req.body && json_equal(want, req.body) && !strcmp(req.verb, want_verb) &&
                  !strcmp(req.path, want_path);
      if (!same) {
        char *w = want ? json_dumps(want, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        char *a = req.body ? json_dumps(req.body, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        print_error("%s (%s on %s):\n  recorded %s %s %s\n  built    %s %s %s\n", s->file, s->m->name,
                    backend_name(s->backend), want_verb, want_path, w ? w : "(none)", req.verb, req.path,
                    a ? a : "(none)");
        free(w);
        free(a);
        failures++;
      } else {
        print_message("reproduced: %-55s %s %s\n", s->file, req.verb, req.path);
        rebuilt++;
      }
    }
    genai__built_request_clear(&req);
    json_decref(want);
  }
  genai_error_clear();
  assert_int_equal(failures, 0);
  assert_true(rebuilt > 0);
}

/* The samples genai-c does not reproduce, each checked to really be
 * unavailable, and listed. */
static void expected_gaps_are_real_and_listed(void **state) {
  (void)state;
  size_t failures = 0, ngaps = 0;
  print_message("\nExpected gaps (request samples genai-c does not reproduce):\n");
  for (size_t k = 0; k < NKNOWN; k++) {
    const request_sample *s = &known[k];
    if (!s->m) {
      print_message("  GAP %s: %s (%s) is not in this build of genai-c\n", s->file, s->method_name,
                    backend_name(s->backend));
      ngaps++;
      continue;
    }
    if (!s->gap) continue;
    genai__built_request req;
    genai_result rc = build(s, &req);
    if (rc == GENAI_OK) {
      print_error("%s: listed as a gap but genai-c builds %s %s: rebuild it in request_samples_are_rebuilt_exactly\n",
                  s->file, req.verb, req.path);
      failures++;
    } else if (strcmp(genai_error_last()->message, METHOD_ONLY_VERTEX) != 0) {
      print_error("%s: refused, but not as a method of the other backend: %s\n", s->file,
                  genai_error_last()->message);
      failures++;
    } else {
      /* The same logical request for Vertex AI, for comparison. */
      request_sample other = *s;
      other.backend = GENAI__BACKEND_VERTEX;
      genai__built_request vreq;
      json_t *want = load_json_file(s->file);
      bool same_body = build(&other, &vreq) == GENAI_OK && want && vreq.body && json_equal(want, vreq.body);
      print_message("  GAP %s: %s\n      (refused with \"%s\"; the Vertex AI body genai-c builds for the same "
                    "request %s this sample)\n",
                    s->file, s->gap, METHOD_ONLY_VERTEX, same_body ? "equals" : "differs from");
      genai__built_request_clear(&vreq);
      json_decref(want);
      ngaps++;
    }
    genai__built_request_clear(&req);
  }
  print_message("%zu expected gap(s)\n", ngaps);
  genai_error_clear();
  assert_int_equal(failures, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(request_samples_are_all_accounted_for),
      cmocka_unit_test(request_samples_are_rebuilt_exactly),
      cmocka_unit_test(expected_gaps_are_real_and_listed),
  };
  int failed = cmocka_run_group_tests(tests, load_corpus, free_corpus);
  genai_error_clear();
  return failed;
}
