/* The real Live API traffic of shared/reference/samples (*.websocket.log):
 * every server message decodes as a LiveServerMessage of its backend with
 * no member unknown to the types, every client message as a
 * LiveClientMessage, and the values the samples show come out typed (text
 * pieces, turnComplete, usage, tool calls with ids, audio bytes). A log is
 * a sequence of records: '>' (client) or '<' (server), the byte length, a
 * space and that many bytes of JSON. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include <genai/genai.h>

#include "wire/codec.h"
#include "wire/types_gen.h"

#ifndef GENAI_SAMPLES_DIR_DEFAULT
#error "GENAI_SAMPLES_DIR_DEFAULT must be defined by tests/samples/CMakeLists.txt"
#endif

static const char *samples_dir(void) {
  const char *d = getenv("GENAI_SAMPLES_DIR");
  return d && *d ? d : GENAI_SAMPLES_DIR_DEFAULT;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  long n = ftell(f);
  assert_true(n >= 0);
  rewind(f);
  char *data = malloc((size_t)n + 1);
  assert_non_null(data);
  assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
  data[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return data;
}

/* What one log showed, for the per-file checks. */
typedef struct seen {
  size_t server, client;
  int turn_complete, generation_complete, setup_complete;
  char text[1024];
  size_t audio_bytes;
  int tool_calls, tool_call_ids;
  int32_t response_tokens;
  char transcription[1024];
} seen;

static void server_message(genai__backend backend, const char *json, size_t len, seen *s) {
  genai_live_server_message *m = NULL;
  assert_int_equal(genai__decode_owned(&genai__type_live_server_message, backend, json, len, (void **)&m), GENAI_OK);
  /* every member of the real messages is known to the types */
  assert_null(m->unknown_json);
  if (m->server_content) assert_null(m->server_content->unknown_json);
  s->server++;
  if (m->setup_complete) s->setup_complete++;
  const genai_live_server_content *sc = m->server_content;
  if (sc && sc->turn_complete && *sc->turn_complete) s->turn_complete++;
  if (sc && sc->generation_complete && *sc->generation_complete) s->generation_complete++;
  if (sc && sc->output_transcription && sc->output_transcription->text)
    strncat(s->transcription, sc->output_transcription->text, sizeof s->transcription - strlen(s->transcription) - 1);
  const char *text = genai_live_server_message_text(m);
  if (text) strncat(s->text, text, sizeof s->text - strlen(s->text) - 1);
  genai_bytes audio;
  if (genai_live_server_message_data(m, &audio) == GENAI_OK) s->audio_bytes += audio.size;
  if (m->tool_call) {
    for (size_t i = 0; i < m->tool_call->function_calls_count; i++) {
      s->tool_calls++;
      if (m->tool_call->function_calls[i]->id) s->tool_call_ids++;
    }
  }
  if (m->usage_metadata && m->usage_metadata->response_token_count)
    s->response_tokens = *m->usage_metadata->response_token_count;
  genai_live_server_message_free(m);
}

static void client_message(const char *json, size_t len, seen *s) {
  /* the samples' client messages are the SDK JSON form (camelCase) */
  char *copy = strndup(json, len);
  assert_non_null(copy);
  genai_live_client_message *m = NULL;
  assert_int_equal(genai_live_client_message_from_json(copy, &m), GENAI_OK);
  assert_null(m->unknown_json);
  assert_true(m->setup || m->client_content || m->realtime_input || m->tool_response);
  genai_live_client_message_free(m);
  free(copy);
  s->client++;
}

static void replay(const char *name, seen *s) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", samples_dir(), name);
  size_t len;
  char *data = read_file(path, &len);
  genai__backend backend = strncmp(name, "vertex_", 7) == 0 ? GENAI__BACKEND_VERTEX : GENAI__BACKEND_MLDEV;
  memset(s, 0, sizeof *s);
  size_t at = 0;
  while (at < len) {
    if (data[at] == '\n' || data[at] == '\r' || data[at] == ' ') {
      at++;
      continue;
    }
    char dir = data[at++];
    assert_true(dir == '<' || dir == '>');
    char *end = NULL;
    unsigned long n = strtoul(data + at, &end, 10);
    assert_true(end && *end == ' ');
    at = (size_t)(end - data) + 1;
    assert_true(at + n <= len);
    if (dir == '<')
      server_message(backend, data + at, n, s);
    else
      client_message(data + at, n, s);
    at += n;
  }
  free(data);
}

static void every_log_decodes(void **state) {
  (void)state;
  DIR *d = opendir(samples_dir());
  assert_non_null(d);
  size_t logs = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t n = strlen(e->d_name);
    if (n < 14 || strcmp(e->d_name + n - 14, ".websocket.log") != 0) continue;
    seen s;
    replay(e->d_name, &s);
    assert_true(s.server >= 2);
    assert_true(s.client >= 1);
    assert_int_equal(s.setup_complete, 1);
    logs++;
  }
  closedir(d);
  assert_true(logs >= 8);
}

static void text_and_usage(void **state) {
  (void)state;
  seen s;
  replay("mldev_live_text_turnComplete_usageMetadata.websocket.log", &s);
  assert_int_equal(s.generation_complete, 1);
  assert_int_equal(s.turn_complete, 1);
  assert_int_equal(s.response_tokens, 38);
  replay("mldev_live_realtimeInput_text.websocket.log", &s);
  assert_string_equal(s.text, "Yes, I'm here! How can I help you today?");
  replay("mldev_live_outputTranscription.websocket.log", &s);
  assert_non_null(strstr(s.transcription, "We could talk about anything you like."));
}

static void tool_calls(void **state) {
  (void)state;
  seen s;
  replay("mldev_live_toolCall.websocket.log", &s);
  assert_int_equal(s.tool_calls, 1);
  assert_int_equal(s.tool_call_ids, 1);
  replay("vertex_live_toolCall_generationComplete.websocket.log", &s);
  assert_int_equal(s.tool_calls, 1);
  assert_int_equal(s.generation_complete, 1);
  replay("vertex_live_tools_dotnet.websocket.log", &s);
  assert_int_equal(s.tool_calls, 1);
  assert_int_equal(s.tool_call_ids, 0); /* this Vertex AI answer has no ids */
}

static void audio(void **state) {
  (void)state;
  seen s;
  replay("vertex_live_text.websocket.log", &s);
  assert_true(s.audio_bytes > 0);
  assert_string_equal(s.text, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_log_decodes),
      cmocka_unit_test(text_and_usage),
      cmocka_unit_test(tool_calls),
      cmocka_unit_test(audio),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
