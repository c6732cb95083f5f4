/* Conformance with the official JS SDK: for every scenario and backend, the
 * JS SDK and genai-c (through the genai CLI) talk to the same emulator. The
 * requests must agree on method, path, query, credentials, content type and
 * canonical JSON body, and both must decode the same result: the same text
 * (generate, streamed or not; token counts; tokens) or the same embedding
 * vectors. The resource methods (models, caches, batches, images) are
 * compared on their requests. Each scenario runs on the Gemini API, Vertex AI
 * express mode and Vertex AI with Application Default Credentials, where the
 * service has the method.
 *
 * Live API sessions (WebSocket) are compared too: the upgrade request's path,
 * credentials and headers, every client message in order as canonical JSON,
 * and the text each side collected from the turn (check_live_scenario). */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <limits.h>
#include <math.h>
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

#include "emulator_harness.h"

#define KEY "conformance-key-123"

static emu_harness emu;

typedef enum output_kind {
  OUTPUT_TEXT,   /* the JS side prints {"text": T}; genai prints T and a newline */
  OUTPUT_VECTORS, /* the JS side prints {"vectors": [[...], ...]}; genai prints one line of numbers per vector */
  OUTPUT_CALL,    /* the JS side prints {"text": "NAME ARGS"} of the first function call; genai runs with --json */
  OUTPUT_NONE     /* resource methods: only the requests are compared (names of new resources differ) */
} output_kind;

typedef struct scenario {
  const char *name;
  const char *cli_args[16]; /* after "genai" */
  output_kind output;
  bool vertex_only;
  const char *stdin_text; /* what genai reads (the chat's messages), or NULL */
  int requests;           /* requests each side sends (0: 1); the last ones are compared */
  bool mldev_only;        /* the service has it on the Gemini API only */
} scenario;

static const scenario scenarios[] = {
    {"models_get", {"models", "get", "gemini-2.5-flash"}, OUTPUT_NONE, false, NULL, 0, false},
    {"models_list", {"models", "list", "--page-size", "5"}, OUTPUT_NONE, false, NULL, 2, false},
    {"caches_create",
     {"caches", "create", "--model", "gemini-2.0-flash-001", "--ttl", "600s", "--display-name", "test cache",
      "--system", "You are an expert", "hello there"},
     OUTPUT_NONE, false, NULL, 0, true},
    {"batches_create",
     {"batches", "create", "--model", "gemini-2.0-flash-001", "--src", "[{\"contents\": \"Hi\"}]", "--display-name",
      "job"},
     OUTPUT_NONE, false, NULL, 0, true},
    {"generate_images",
     {"images", "generate", "--model", "imagen-3.0-generate-002", "--count", "1", "--mime-type", "image/jpeg",
      "--out", "/tmp/genai-conformance-image", "A robot"},
     OUTPUT_NONE, true, NULL, 0, false},
    {"generate_text", {"generate", "--model", "gemini-2.0-flash-001", "Why is the sky blue?"}, OUTPUT_TEXT, false, NULL, 0, false},
    {"system_instructions",
     {"generate", "--model", "gemini-2.0-flash-001", "--config",
      "{\"system_instruction\": \"I say high, you say low\", \"max_output_tokens\": 3, \"temperature\": 0.3}",
      "high"},
     OUTPUT_TEXT,
     false, NULL, 0, false},
    {"typed_config",
     {"generate", "--model", "gemini-2.0-flash-001", "--contents", "{\"text\": \"Why is the sky blue?\"}", "--config",
      "{\"temperature\": 0, \"top_p\": 0.95, \"top_k\": 20, \"candidate_count\": 1, \"seed\": 5, "
      "\"max_output_tokens\": 100, \"stop_sequences\": [\"STOP!\"], \"presence_penalty\": 0.0, "
      "\"frequency_penalty\": 0.0}"},
     OUTPUT_TEXT,
     false, NULL, 0, false},
    {"safety_settings",
     {"generate", "--model", "gemini-2.0-flash-001", "--config",
      "{\"safety_settings\": [{\"category\": \"HARM_CATEGORY_HATE_SPEECH\", \"threshold\": \"BLOCK_ONLY_HIGH\"}]}",
      "Say something bad."},
     OUTPUT_TEXT,
     false, NULL, 0, false},
    {"stream_text",
     {"generate", "--stream", "--model", "gemini-2.0-flash-001", "Tell me a story in 300 words."},
     OUTPUT_TEXT,
     false, NULL, 0, false},
    {"stream_image_uri",
     {"generate", "--stream", "--model", "gemini-2.0-flash-001", "--contents",
      "[\"What is this image about?\", {\"file_data\": {\"file_uri\": "
      "\"gs://generativeai-downloads/images/scones.jpg\", \"mime_type\": \"image/jpeg\"}}]"},
     OUTPUT_TEXT,
     false, NULL, 0, false},
    {"count_tokens", {"count-tokens", "--model", "gemini-2.0-flash-001", "why is the sky blue?"}, OUTPUT_TEXT, false, NULL, 0, false},
    {"compute_tokens", {"compute-tokens", "--model", "gemini-2.0-flash-001", "why is the sky blue?"}, OUTPUT_TEXT, true, NULL, 0, false},
    {"function_declarations",
     {"generate", "--json", "--model", "gemini-2.0-flash-001", "--config",
      "{\"tools\": [{\"function_declarations\": [{\"name\": \"get_current_weather\", \"description\": \"Get the "
      "current weather in a given location\", \"parameters\": {\"type\": \"OBJECT\", \"properties\": "
      "{\"location\": {\"type\": \"STRING\", \"description\": \"The city and state, e.g. San Francisco, CA\"}}, "
      "\"required\": [\"location\"]}}]}]}",
      "What is the weather like in Boston?"},
     OUTPUT_CALL,
     false, NULL, 0, false},
    {"json_schema",
     {"generate", "--model", "gemini-2.0-flash-001", "--config",
      "{\"response_mime_type\": \"application/json\", \"response_schema\": {\"required\": [\"name\", "
      "\"population\"], \"properties\": {\"name\": {\"type\": \"STRING\"}, \"population\": {\"type\": "
      "\"INTEGER\"}}, \"type\": \"OBJECT\"}}",
      "Give me information for the United States."},
     OUTPUT_TEXT,
     false, NULL, 0, false},
    {"enum_schema",
     {"generate", "--model", "gemini-2.0-flash-001", "--config",
      "{\"response_mime_type\": \"text/x.enum\", \"response_schema\": {\"type\": \"STRING\", \"enum\": "
      "[\"Percussion\", \"String\", \"Woodwind\", \"Brass\", \"Keyboard\"]}}",
      "What instrument plays multiple notes at once?"},
     OUTPUT_TEXT,
     false, NULL, 0, false},
    {"stream_image_bytes",
     {"generate", "--stream", "--model", "gemini-2.0-flash-001", "--contents",
      "[\"What is this image about?\", {\"inline_data\": {\"data\": \"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAA"
      "DElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC\", \"mime_type\": \"image/png\"}}]"},
     OUTPUT_TEXT,
     false, NULL, 0, false},
    {"chat",
     {"chat", "--no-stream", "--model", "gemini-2.0-flash-001"},
     OUTPUT_TEXT,
     false,
     "tell me a story\nwhat happens next?\n",
     2, false},
    {"embed_content",
     {"embed", "--model", "text-embedding-004", "--config", "{\"output_dimensionality\": 10}", "why is the sky blue?",
      "What is your age?"},
     OUTPUT_VECTORS,
     false, NULL, 0, false},
};

/* Runs argv with envp, returns the exit status and its stdout (caller frees). */
static int run(const char *const *argv, const char *const *envp, const char *input, char **out) {
  int fds[2], in[2];
  if (pipe(fds) != 0 || pipe(in) != 0) fail_msg("pipe: %s", strerror(errno));
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(in[0], 0);
    close(fds[0]);
    close(fds[1]);
    close(in[0]);
    close(in[1]);
    execve(argv[0], (char *const *)argv, (char *const *)envp);
    fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  close(fds[1]);
  close(in[0]);
  if (input && write(in[1], input, strlen(input)) != (ssize_t)strlen(input)) fail_msg("cannot write to the child");
  close(in[1]);
  size_t len = 0, cap = 4096;
  char *buf = malloc(cap);
  ssize_t n;
  while ((n = read(fds[0], buf + len, cap - len - 1)) > 0) {
    len += (size_t)n;
    if (cap - len < 2) buf = realloc(buf, cap *= 2);
  }
  buf[len] = '\0';
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  *out = buf;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Bytes fields in one base64 alphabet: the JS SDK sends the caller's base64
 * text as it is (standard alphabet), genai-c writes the bytes with the
 * URL-safe alphabet as the Python SDK does; the service reads both. */
static void normalize_base64(json_t *v) {
  const char *key;
  json_t *member;
  size_t i;
  if (json_is_array(v)) json_array_foreach(v, i, member) normalize_base64(member);
  if (!json_is_object(v)) return;
  json_object_foreach(v, key, member) {
    if (json_is_string(member) && (!strcmp(key, "data") || !strcmp(key, "thoughtSignature"))) {
      char *t = strdup(json_string_value(member));
      size_t n = 0;
      for (char *p = t; *p; p++)
        if (*p != '=') t[n++] = *p == '-' ? '+' : *p == '_' ? '/' : *p;
      t[n] = '\0';
      json_string_set(member, t);
      free(t);
    } else {
      normalize_base64(member);
    }
  }
}

/* Canonical comparison: numbers by value, objects by members, and (REST
 * bodies) members whose value is an empty object left out (the JS SDK always
 * sends "generationConfig": {}, genai-c only when a config is given; both
 * mean the same to the service). Live messages are compared without that
 * leniency: there an empty object means something ("sessionResumption": {}
 * asks for resumption handles). */
static bool is_empty_object(const json_t *v) { return json_is_object(v) && json_object_size(v) == 0; }

static bool canonical_equal_as(const json_t *a, const json_t *b, bool empty_is_absent) {
  if (json_is_number(a) && json_is_number(b)) return json_number_value(a) == json_number_value(b);
  if (json_is_object(a) && json_is_object(b)) {
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)a, key, v) {
      json_t *w = json_object_get(b, key);
      if (!w ? !(empty_is_absent && is_empty_object(v)) : !canonical_equal_as(v, w, empty_is_absent)) return false;
    }
    json_object_foreach((json_t *)b, key, v) {
      if (!json_object_get(a, key) && !(empty_is_absent && is_empty_object(v))) return false;
    }
    return true;
  }
  if (json_is_array(a) && json_is_array(b)) {
    if (json_array_size(a) != json_array_size(b)) return false;
    for (size_t i = 0; i < json_array_size(a); i++)
      if (!canonical_equal_as(json_array_get(a, i), json_array_get(b, i), empty_is_absent)) return false;
    return true;
  }
  return json_equal(a, b);
}

static bool canonical_equal(const json_t *a, const json_t *b) { return canonical_equal_as(a, b, true); }

/* The last of the `want` requests a side sent. */
/* The last API request, after checking their number; requests to the
 * token endpoint or the metadata server (no backend) are not counted. */
static json_t *last_request(size_t want) {
  json_t *log = emu_requests(&emu), *api = json_array(), *entry;
  size_t i;
  json_array_foreach(log, i, entry) if (!json_is_null(json_object_get(entry, "backend"))) json_array_append(api, entry);
  json_decref(log);
  if (json_array_size(api) != want) fail_msg("expected %zu requests, the emulator logged %zu", want, json_array_size(api));
  json_t *r = json_incref(json_array_get(api, want - 1));
  json_decref(api);
  return r;
}

/* How a scenario's client authenticates: a Gemini API key, a Vertex AI
 * express-mode key, or Vertex AI with a project and Application Default
 * Credentials (the metadata server, which the emulator plays). */
typedef enum mode { MLDEV, VERTEX_EXPRESS, VERTEX_ADC } mode;
static const char *const mode_names[] = {"mldev", "vertex", "vertex_adc"};

static void expect_same_string(json_t *a, json_t *b, const char *key, const char *what) {
  const char *x = json_string_value(json_object_get(a, key)), *y = json_string_value(json_object_get(b, key));
  if (!x || !y || strcmp(x, y)) fail_msg("%s differs: JS SDK \"%s\", genai-c \"%s\"", what, x ? x : "(none)", y ? y : "(none)");
}

/* The CLI's client options for mode m, appended at argv[n]; returns the new n. */
static size_t add_client_options(const char **argv, size_t n, mode m) {
  argv[n++] = "--base-url";
  argv[n++] = emu.base_url;
  if (m != MLDEV) argv[n++] = "--vertex";
  if (m == VERTEX_ADC) {
    argv[n++] = "--project";
    argv[n++] = "test-project";
    argv[n++] = "--location";
    argv[n++] = "us-central1";
  }
  return n;
}

static void check_scenario(const scenario *s, mode m) {
  bool vertex = m != MLDEV;
  char script[PATH_MAX + 64], url_env[128], key_env[64], backend_key_env[64], metadata_env[64];
  snprintf(script, sizeof(script), "%s/run_scenario.mjs", GENAI_CONFORMANCE_DIR);
  snprintf(url_env, sizeof(url_env), "GENAI_BASE_URL=%s", emu.base_url);
  snprintf(key_env, sizeof(key_env), "GENAI_API_KEY=%s", KEY);
  snprintf(backend_key_env, sizeof(backend_key_env), "%s=%s", vertex ? "GOOGLE_API_KEY" : "GEMINI_API_KEY", KEY);
  snprintf(metadata_env, sizeof(metadata_env), "GCE_METADATA_HOST=127.0.0.1:%d", emu.port);

  assert_int_equal(emu_reset(&emu), 200);
  const char *node_argv[] = {GENAI_NODE, script, s->name, mode_names[m], NULL};
  const char *node_key_env[] = {url_env, key_env, "PATH=/usr/bin:/bin", NULL};
  /* no credentials file anywhere: the metadata server, assumed present */
  const char *node_adc_env[] = {url_env, metadata_env, "METADATA_SERVER_DETECTION=assume-present",
                                "GENAI_PROJECT=test-project", "GENAI_LOCATION=us-central1",
                                "HOME=/nonexistent/genai-conformance", "PATH=/usr/bin:/bin", NULL};
  const char *const *node_env = m == VERTEX_ADC ? node_adc_env : node_key_env;
  char *js_out = NULL;
  size_t want = s->requests ? (size_t)s->requests : 1;
  if (run(node_argv, node_env, NULL, &js_out) != 0) fail_msg("the JS SDK scenario %s failed (see stderr)", s->name);
  json_t *js_req = last_request(want);

  assert_int_equal(emu_reset(&emu), 200);
  /* the resource commands take their verb first, then the client options */
  static const char *const with_verb[] = {"models", "caches", "batches", "images", "files", "tunings"};
  size_t words = 1;
  for (size_t i = 0; i < sizeof(with_verb) / sizeof(with_verb[0]); i++)
    if (!strcmp(s->cli_args[0], with_verb[i])) words = 2;
  const char *cli_argv[32] = {GENAI_CLI, s->cli_args[0]};
  size_t n = 2;
  if (words == 2) cli_argv[n++] = s->cli_args[1];
  n = add_client_options(cli_argv, n, m);
  for (size_t i = words; s->cli_args[i]; i++) cli_argv[n++] = s->cli_args[i];
  const char *cli_key_env[] = {backend_key_env, NULL};
  const char *cli_adc_env[] = {metadata_env, "CLOUDSDK_CONFIG=/nonexistent/genai-conformance", NULL};
  const char *const *cli_env = m == VERTEX_ADC ? cli_adc_env : cli_key_env;
  char *c_out = NULL;
  if (run(cli_argv, cli_env, s->stdin_text, &c_out) != 0) fail_msg("genai-c scenario %s failed (see stderr)", s->name);
  json_t *c_req = last_request(want);

  expect_same_string(js_req, c_req, "method", "method");
  expect_same_string(js_req, c_req, "path", "path");
  expect_same_string(js_req, c_req, "query", "query");
  json_t *jh = json_object_get(js_req, "headers"), *ch = json_object_get(c_req, "headers");
  if (m == VERTEX_ADC) {
    /* each got its own token from the metadata server */
    const char *ja = json_string_value(json_object_get(jh, "authorization"));
    const char *ca = json_string_value(json_object_get(ch, "authorization"));
    if (!ja || strncmp(ja, "Bearer ya29.emu-", 16) || !ca || strncmp(ca, "Bearer ya29.emu-", 16))
      fail_msg("scenario %s (vertex_adc): authorization JS SDK \"%s\", genai-c \"%s\"", s->name, ja ? ja : "(none)",
               ca ? ca : "(none)");
    assert_null(json_object_get(jh, "x-goog-api-key"));
    assert_null(json_object_get(ch, "x-goog-api-key"));
  } else {
    expect_same_string(jh, ch, "x-goog-api-key", "x-goog-api-key header");
  }
  expect_same_string(jh, ch, "content-type", "content-type header");
  normalize_base64(json_object_get(js_req, "body"));
  normalize_base64(json_object_get(c_req, "body"));
  if (!canonical_equal(json_object_get(js_req, "body"), json_object_get(c_req, "body"))) {
    char *a = json_dumps(json_object_get(js_req, "body"), JSON_SORT_KEYS | JSON_COMPACT);
    char *b = json_dumps(json_object_get(c_req, "body"), JSON_SORT_KEYS | JSON_COMPACT);
    print_error("JS SDK:  %s\ngenai-c: %s\n", a, b);
    free(a);
    free(b);
    fail_msg("scenario %s (%s): the request bodies differ", s->name, mode_names[m]);
  }

  /* Response side: both decode the same result from the same kind of answer. */
  json_t *js = json_loads(js_out, 0, NULL);
  assert_non_null(js);
  if (s->output == OUTPUT_NONE) {
    /* the requests were the point */
  } else if (s->output == OUTPUT_TEXT) {
    const char *js_text = json_string_value(json_object_get(js, "text"));
    assert_non_null(js_text);
    size_t len = strlen(c_out);
    if (len && c_out[len - 1] == '\n') c_out[--len] = '\0';
    if (strcmp(js_text, c_out))
      fail_msg("scenario %s (%s): JS SDK printed \"%s\", genai-c \"%s\"", s->name, mode_names[m], js_text,
               c_out);
  } else if (s->output == OUTPUT_CALL) {
    json_t *c = json_loads(c_out, 0, NULL);
    json_t *parts = json_object_get(json_object_get(json_array_get(json_object_get(c, "candidates"), 0), "content"),
                                    "parts");
    json_t *call = json_object_get(json_array_get(parts, 0), "functionCall");
    char *args = json_dumps(json_object_get(call, "args"), JSON_COMPACT);
    char mine[1024];
    snprintf(mine, sizeof(mine), "%s %s", json_string_value(json_object_get(call, "name")), args ? args : "null");
    free(args);
    json_decref(c);
    assert_string_equal(json_string_value(json_object_get(js, "text")), mine);
  } else {
    json_t *vectors = json_object_get(js, "vectors");
    char *line = c_out, *save = NULL;
    size_t i = 0;
    for (char *l = strtok_r(line, "\n", &save); l; l = strtok_r(NULL, "\n", &save), i++) {
      json_t *vector = json_array_get(vectors, i);
      assert_non_null(vector);
      size_t j = 0;
      for (char *p = l, *end; *p; p = end, j++) {
        double v = strtod(p, &end);
        if (end == p) break;
        assert_true(j < json_array_size(vector));
        double w = json_number_value(json_array_get(vector, j));
        if (fabs(v - w) > 1e-7 * (fabs(w) > 1 ? fabs(w) : 1))
          fail_msg("scenario %s: vector %zu value %zu: JS SDK %.17g, genai-c %.17g", s->name, i, j, w, v);
      }
      assert_int_equal(j, json_array_size(vector));
    }
    assert_int_equal(i, json_array_size(vectors));
  }
  json_decref(js);
  json_decref(js_req);
  json_decref(c_req);
  free(js_out);
  free(c_out);
}

/* Live API scenarios: a WebSocket session each. genai-c's side is `genai live`
 * (each stdin line a client-content turn) or, for realtime input, which the
 * CLI cannot send, tests/conformance/live_realtime.c. */
typedef struct live_scenario {
  const char *name;
  const char *stdin_text;      /* `genai live`'s input; NULL: live_realtime is used */
  const char *realtime_config; /* live_realtime's LiveConnectConfig JSON */
  const char *realtime_text;   /* live_realtime's realtime input text */
  size_t messages;             /* client messages each side sends (setup included) */
} live_scenario;

#define LIVE_MODEL "gemini-live-2.5-flash-preview"

static const live_scenario live_scenarios[] = {
    /* setup (responseModalities TEXT: the CLI's default), then clientContent "Hello", turnComplete */
    {"live_text", "Hello\n", NULL, NULL, 2},
    /* setup with systemInstruction, a function declaration and sessionResumption {}, then realtimeInput text */
    {"live_config", NULL,
     "{\"response_modalities\": [\"TEXT\"], \"system_instruction\": \"You are a terse assistant.\", \"tools\": "
     "[{\"function_declarations\": [{\"name\": \"get_current_weather\", \"description\": \"Get the current weather "
     "in a given location\", \"parameters\": {\"type\": \"OBJECT\", \"properties\": {\"location\": {\"type\": "
     "\"STRING\", \"description\": \"The city and state, e.g. San Francisco, CA\"}}, \"required\": "
     "[\"location\"]}}]}], \"session_resumption\": {}}",
     "Hello there", 2},
};

/* The log entries of one Live session (token and metadata requests have no
 * backend and are left out): the upgrade GET, then one "WS" entry per client
 * message, all on one connection. */
static json_t *live_requests(const char *side, const live_scenario *s, mode m) {
  json_t *log = emu_requests(&emu), *api = json_array(), *entry;
  size_t i;
  json_array_foreach(log, i, entry) if (!json_is_null(json_object_get(entry, "backend"))) json_array_append(api, entry);
  json_decref(log);
  if (json_array_size(api) != 1 + s->messages)
    fail_msg("%s (%s, %s): expected the upgrade and %zu messages, the emulator logged %zu requests", s->name,
             mode_names[m], side, s->messages, json_array_size(api));
  json_int_t connection = json_integer_value(json_object_get(json_array_get(api, 0), "connection"));
  json_array_foreach(api, i, entry) {
    const char *method = json_string_value(json_object_get(entry, "method"));
    json_int_t on = json_integer_value(json_object_get(entry, "connection"));
    if (!method || strcmp(method, i ? "WS" : "GET") || on != connection)
      fail_msg("%s (%s, %s): request %zu is %s on connection %lld, not %s on %lld", s->name, mode_names[m], side, i,
               method ? method : "(none)", (long long)on, i ? "WS" : "GET", (long long)connection);
  }
  return api;
}

/* How the upgrade request carried its credential, as a word (the key and
 * token themselves are never printed): "key-query" (?key=KEY, nothing else),
 * "key-header" (x-goog-api-key: KEY), "bearer" (a token from the emulator's
 * metadata server), or "other". */
static const char *credential_kind(json_t *upgrade) {
  json_t *h = json_object_get(upgrade, "headers");
  const char *query = json_string_value(json_object_get(upgrade, "query"));
  const char *key = json_string_value(json_object_get(h, "x-goog-api-key"));
  const char *auth = json_string_value(json_object_get(h, "authorization"));
  if (!query) return "other";
  if (!strcmp(query, "key=" KEY) && !key && !auth) return "key-query";
  if (!*query && key && !strcmp(key, KEY) && !auth) return "key-header";
  if (!*query && !key && auth && !strncmp(auth, "Bearer ya29.emu-", 16)) return "bearer";
  return "other";
}

static void expect_same_header(json_t *js, json_t *c, const char *name, const live_scenario *s, mode m) {
  const char *x = json_string_value(json_object_get(json_object_get(js, "headers"), name));
  const char *y = json_string_value(json_object_get(json_object_get(c, "headers"), name));
  if (x || y ? !x || !y || strcmp(x, y) : false)
    fail_msg("%s (%s): upgrade header %s: JS SDK \"%s\", genai-c \"%s\"", s->name, mode_names[m], name,
             x ? x : "(absent)", y ? y : "(absent)");
}

static void check_live_scenario(const live_scenario *s, mode m) {
  char script[PATH_MAX + 64], url_env[128], key_env[64], backend_key_env[64], metadata_env[64];
  snprintf(script, sizeof(script), "%s/run_scenario.mjs", GENAI_CONFORMANCE_DIR);
  snprintf(url_env, sizeof(url_env), "GENAI_BASE_URL=%s", emu.base_url);
  snprintf(key_env, sizeof(key_env), "GENAI_API_KEY=%s", KEY);
  snprintf(backend_key_env, sizeof(backend_key_env), "%s=%s", m != MLDEV ? "GOOGLE_API_KEY" : "GEMINI_API_KEY", KEY);
  snprintf(metadata_env, sizeof(metadata_env), "GCE_METADATA_HOST=127.0.0.1:%d", emu.port);

  assert_int_equal(emu_reset(&emu), 200);
  const char *node_argv[] = {GENAI_NODE, script, s->name, mode_names[m], NULL};
  const char *node_key_env[] = {url_env, key_env, "PATH=/usr/bin:/bin", NULL};
  const char *node_adc_env[] = {url_env, metadata_env, "METADATA_SERVER_DETECTION=assume-present",
                                "GENAI_PROJECT=test-project", "GENAI_LOCATION=us-central1",
                                "HOME=/nonexistent/genai-conformance", "PATH=/usr/bin:/bin", NULL};
  char *js_out = NULL;
  if (run(node_argv, m == VERTEX_ADC ? node_adc_env : node_key_env, NULL, &js_out) != 0)
    fail_msg("the JS SDK scenario %s (%s) failed (see stderr)", s->name, mode_names[m]);
  json_t *js_log = live_requests("JS SDK", s, m);

  assert_int_equal(emu_reset(&emu), 200);
  const char *c_argv[32];
  size_t n = 0;
  if (s->stdin_text) {
    c_argv[n++] = GENAI_CLI;
    c_argv[n++] = "live";
    n = add_client_options(c_argv, n, m);
    c_argv[n++] = "--model";
    c_argv[n++] = LIVE_MODEL;
  } else {
    c_argv[n++] = GENAI_LIVE_REALTIME;
    c_argv[n++] = mode_names[m];
    c_argv[n++] = emu.base_url;
    c_argv[n++] = LIVE_MODEL;
    c_argv[n++] = s->realtime_config;
    c_argv[n++] = s->realtime_text;
  }
  c_argv[n] = NULL;
  const char *c_key_env[] = {backend_key_env, NULL};
  const char *c_adc_env[] = {metadata_env, "CLOUDSDK_CONFIG=/nonexistent/genai-conformance", NULL};
  char *c_out = NULL;
  if (run(c_argv, m == VERTEX_ADC ? c_adc_env : c_key_env, s->stdin_text, &c_out) != 0)
    fail_msg("genai-c scenario %s (%s) failed (see stderr)", s->name, mode_names[m]);
  json_t *c_log = live_requests("genai-c", s, m);

  /* The upgrade path. The JS SDK (like the Python SDK) joins its WebSocket
   * base URL, which ends in "/", and "/ws/...", so it asks for "//ws/...";
   * genai-c sends a single slash on purpose (docs/live.md, "URLs and
   * credentials"). That extra leading slash is the only difference allowed
   * in the path. */
  json_t *js_up = json_array_get(js_log, 0), *c_up = json_array_get(c_log, 0);
  const char *js_path = json_string_value(json_object_get(js_up, "path"));
  const char *c_path = json_string_value(json_object_get(c_up, "path"));
  if (!js_path || !c_path || strncmp(c_path, "/ws/", 4) || js_path[0] != '/' || strcmp(js_path + 1, c_path))
    fail_msg("%s (%s): upgrade path: JS SDK \"%s\", genai-c \"%s\" (expected \"/\" + genai-c's)", s->name,
             mode_names[m], js_path ? js_path : "(none)", c_path ? c_path : "(none)");

  /* Credentials. On the Gemini API the JS SDK puts the key in the URL
   * (?key=...) and sends no x-goog-api-key; genai-c sends the header, as the
   * Python SDK does (the service takes both, and a key in a URL ends up in
   * logs). Vertex AI: the same kind on both sides. */
  const char *want_js = m == MLDEV ? "key-query" : m == VERTEX_EXPRESS ? "key-header" : "bearer";
  const char *want_c = m == VERTEX_ADC ? "bearer" : "key-header";
  const char *js_kind = credential_kind(js_up), *c_kind = credential_kind(c_up);
  if (strcmp(js_kind, want_js) || strcmp(c_kind, want_c))
    fail_msg("%s (%s): credentials: JS SDK %s (expected %s), genai-c %s (expected %s)", s->name, mode_names[m],
             js_kind, want_js, c_kind, want_c);
  expect_same_header(js_up, c_up, "host", s, m);
  expect_same_header(js_up, c_up, "origin", s, m);
  expect_same_header(js_up, c_up, "content-type", s, m);
  expect_same_header(js_up, c_up, "sec-websocket-version", s, m);

  /* Every client message, in order, as canonical JSON. */
  for (size_t i = 1; i <= s->messages; i++) {
    json_t *a = json_object_get(json_array_get(js_log, i), "body");
    json_t *b = json_object_get(json_array_get(c_log, i), "body");
    normalize_base64(a);
    normalize_base64(b);
    if (!canonical_equal_as(a, b, false)) {
      char *x = json_dumps(a, JSON_SORT_KEYS | JSON_COMPACT), *y = json_dumps(b, JSON_SORT_KEYS | JSON_COMPACT);
      print_error("JS SDK:  %s\ngenai-c: %s\n", x, y);
      free(x);
      free(y);
      fail_msg("%s (%s): client message %zu differs", s->name, mode_names[m], i);
    }
  }

  /* The text each side collected from the turn. */
  json_t *js = json_loads(js_out, 0, NULL);
  const char *js_text = json_string_value(json_object_get(js, "text"));
  if (!js_text) fail_msg("%s (%s): the JS SDK printed no text: %s", s->name, mode_names[m], js_out);
  size_t len = strlen(c_out);
  if (len && c_out[len - 1] == '\n') c_out[--len] = '\0';
  if (strcmp(js_text, c_out))
    fail_msg("%s (%s): JS SDK collected \"%s\", genai-c printed \"%s\"", s->name, mode_names[m], js_text, c_out);
  json_decref(js);
  json_decref(js_log);
  json_decref(c_log);
  free(js_out);
  free(c_out);
}

static void live_scenarios_on(mode m) {
  for (size_t i = 0; i < sizeof(live_scenarios) / sizeof(live_scenarios[0]); i++)
    check_live_scenario(&live_scenarios[i], m);
}

static void live_on_gemini_api(void **state) {
  (void)state;
  live_scenarios_on(MLDEV);
}

static void live_on_vertex_express(void **state) {
  (void)state;
  live_scenarios_on(VERTEX_EXPRESS);
}

static void live_on_vertex_with_adc(void **state) {
  (void)state;
  live_scenarios_on(VERTEX_ADC);
}

static void scenarios_on_gemini_api(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
    if (!scenarios[i].vertex_only) check_scenario(&scenarios[i], MLDEV);
}

static void scenarios_on_vertex_express(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
    if (!scenarios[i].mldev_only) check_scenario(&scenarios[i], VERTEX_EXPRESS);
}

static void scenarios_on_vertex_with_adc(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
    if (!scenarios[i].mldev_only) check_scenario(&scenarios[i], VERTEX_ADC);
}

static int setup(void **state) {
  (void)state;
  char sdk[PATH_MAX + 64];
  snprintf(sdk, sizeof(sdk), "%s/node_modules/@google/genai/package.json", GENAI_CONFORMANCE_DIR);
  if (!*GENAI_NODE || access(GENAI_NODE, X_OK) != 0 || access(sdk, R_OK) != 0) {
    fprintf(stderr, "conformance: node or @google/genai is missing: run `make deps` (%s)\n", sdk);
    return -1;
  }
  const char *args[] = {"--api-key", KEY, "--quiet", NULL};
  return emu_start(&emu, args);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(scenarios_on_gemini_api),
      cmocka_unit_test(scenarios_on_vertex_express),
      cmocka_unit_test(scenarios_on_vertex_with_adc),
      cmocka_unit_test(live_on_gemini_api),
      cmocka_unit_test(live_on_vertex_express),
      cmocka_unit_test(live_on_vertex_with_adc),
  };
  int failed = cmocka_run_group_tests(tests, setup, NULL);
  if (emu.pid && emu_stop(&emu) != 0) failed++;
  return failed ? 1 : 0;
}
