/* The Live API endpoint of genai-emulator, through a raw WebSocket client:
 * the handshake and credential checks on both backends, the message shapes
 * of the *.websocket.log samples (setupComplete, text answers in several
 * serverContent messages, turnComplete with usageMetadata, toolCall,
 * transcription of audio), WebSocket framing (fragments, pings, protocol
 * errors), scripted closes and scripted server messages (live_messages). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "json_path.h"
#include "ws_client.h"

#define MLDEV_WS "//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
#define VERTEX_WS "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent"
#define KEY "x-goog-api-key: test-key"
#define BEARER "Authorization: Bearer test-token"
#define SETUP_MLDEV "{\"setup\":{\"model\":\"models/gemini-live-2.5-flash-preview\"}}"
#define SETUP_VERTEX                                                                                 \
  "{\"setup\":{\"model\":\"projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash-live-" \
  "preview-04-09\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}}}"
#define HELLO                                                                                              \
  "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"Hello what should we talk about?\"}],\"role\":" \
  "\"user\"}],\"turnComplete\":true}}"
#define WEATHER_TOOLS                                                                                    \
  "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_current_weather\",\"description\":\"Get the " \
  "current weather\",\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"location\":{\"type\":"       \
  "\"STRING\"}},\"required\":[\"location\"]}}]}]"

static emu_harness emu;

static int reset(void **state) {
  (void)state;
  return emu_reset(&emu) == 200 ? 0 : -1;
}

static void open_session(ws_client *c, const char *path, const char *auth, const char *setup) {
  const char *headers[] = {auth, NULL};
  assert_int_equal(ws_connect(c, &emu, path, headers), 0);
  assert_int_equal(c->status, 101);
  assert_int_equal(ws_send_json(c, setup), 0);
  int code;
  json_t *m = ws_read_json(c, &code, NULL, 0);
  assert_non_null(m);
  assert_non_null(json_object_get(m, "setupComplete"));
  json_decref(m);
}

/* Reads a turn's messages until turnComplete; returns the text of the
 * modelTurn parts joined, and how many messages carried them. */
static char *read_turn(ws_client *c, int *pieces, json_t **usage) {
  static char text[1024];
  text[0] = '\0';
  *pieces = 0;
  for (;;) {
    int code;
    json_t *m = ws_read_json(c, &code, NULL, 0);
    assert_non_null(m);
    json_t *sc = json_object_get(m, "serverContent");
    const char *t = jp_str(m, "serverContent.modelTurn.parts.0.text");
    if (t) {
      strncat(text, t, sizeof text - strlen(text) - 1);
      (*pieces)++;
    }
    if (json_is_true(json_object_get(sc, "turnComplete"))) {
      if (usage) *usage = json_incref(json_object_get(m, "usageMetadata"));
      json_decref(m);
      return text;
    }
    json_decref(m);
  }
}

static void test_text_turn_mldev(void **state) {
  (void)state;
  ws_client c;
  open_session(&c, MLDEV_WS, KEY, SETUP_MLDEV);
  assert_int_equal(ws_send_json(&c, HELLO), 0);
  int pieces;
  json_t *usage = NULL;
  assert_string_equal(read_turn(&c, &pieces, &usage),
                      "Echo from gemini-live-2.5-flash-preview: Hello what should we talk about?");
  assert_int_equal(pieces, 3);
  assert_non_null(usage);
  assert_int_equal(jp_int(usage, "promptTokenCount"), 7);
  assert_true(jp_int(usage, "responseTokenCount") > 0);
  assert_string_equal(jp_str(usage, "responseTokensDetails.0.modality"), "TEXT");
  json_decref(usage);
  /* the session remembers the conversation: the second prompt counts both */
  assert_int_equal(ws_send_json(&c, "{\"client_content\":{\"turns\":[{\"parts\":[{\"text\":\"Bye\"}]}],"
                                    "\"turn_complete\":true}}"),
                   0);
  assert_string_equal(read_turn(&c, &pieces, &usage), "Echo from gemini-live-2.5-flash-preview: Bye");
  assert_true(jp_int(usage, "promptTokenCount") > 7);
  json_decref(usage);
  ws_close_socket(&c);

  /* the upgrade, then one WS entry per client message */
  json_t *log = emu_requests(&emu);
  assert_int_equal(json_array_size(log), 4);
  assert_string_equal(jp_str(log, "0.method"), "GET");
  assert_string_equal(jp_str(log, "0.backend"), "mldev");
  assert_string_equal(jp_str(log, "1.method"), "WS");
  assert_string_equal(jp_str(log, "1.body.setup.model"), "models/gemini-live-2.5-flash-preview");
  assert_string_equal(jp_str(log, "2.body.clientContent.turns.0.parts.0.text"), "Hello what should we talk about?");
  assert_string_equal(jp_str(log, "3.headers.x-goog-api-key"), "test-key");
  assert_int_equal(jp_int(log, "3.connection"), jp_int(log, "0.connection"));
  json_decref(log);
}

static void test_text_turn_vertex(void **state) {
  (void)state;
  ws_client c;
  const char *headers[] = {BEARER, NULL};
  assert_int_equal(ws_connect(&c, &emu, VERTEX_WS, headers), 0);
  assert_int_equal(c.status, 101);
  assert_int_equal(ws_send_json(&c, SETUP_VERTEX), 0);
  int code;
  json_t *m = ws_read_json(&c, &code, NULL, 0);
  assert_non_null(jp_str(m, "setupComplete.sessionId"));
  json_decref(m);
  assert_int_equal(ws_send_json(&c, HELLO), 0);
  int pieces;
  json_t *usage = NULL;
  assert_string_equal(read_turn(&c, &pieces, &usage),
                      "Echo from gemini-2.0-flash-live-preview-04-09: Hello what should we talk about?");
  assert_int_equal(jp_int(usage, "candidatesTokenCount"), jp_int(usage, "totalTokenCount") - 7);
  json_decref(usage);
  ws_close_socket(&c);
}

static void test_realtime_text(void **state) {
  (void)state;
  ws_client c;
  open_session(&c, VERTEX_WS, KEY, SETUP_VERTEX); /* express mode: an API key */
  assert_int_equal(ws_send_json(&c, "{\"realtimeInput\":{\"text\":\"Are you there Gemini?\"}}"), 0);
  int pieces;
  assert_string_equal(read_turn(&c, &pieces, NULL),
                      "Echo from gemini-2.0-flash-live-preview-04-09: Are you there Gemini?");
  ws_close_socket(&c);
}

static void test_tool_call(void **state) {
  (void)state;
  ws_client c;
  open_session(&c, MLDEV_WS, KEY,
               "{\"setup\":{\"model\":\"models/gemini-live-2.5-flash-preview\"," WEATHER_TOOLS "}}");
  assert_int_equal(ws_send_json(&c, "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"Call "
                                    "get_current_weather with location Redmond\"}],\"role\":\"user\"}],"
                                    "\"turnComplete\":true}}"),
                   0);
  int code;
  json_t *m = ws_read_json(&c, &code, NULL, 0);
  assert_non_null(m);
  assert_string_equal(jp_str(m, "toolCall.functionCalls.0.name"), "get_current_weather");
  const char *id = jp_str(m, "toolCall.functionCalls.0.id");
  assert_non_null(id);
  assert_int_equal(strncmp(id, "function-call-", 14), 0);
  char reply[512];
  snprintf(reply, sizeof reply,
           "{\"toolResponse\":{\"functionResponses\":[{\"id\":\"%s\",\"name\":\"get_current_weather\","
           "\"response\":{\"temperature\":21}}]}}",
           id);
  json_decref(m);
  assert_int_equal(ws_send_json(&c, reply), 0);
  int pieces;
  const char *text = read_turn(&c, &pieces, NULL);
  assert_non_null(strstr(text, "get_current_weather returned"));
  /* parallel calls get distinct ids */
  assert_int_equal(ws_send_json(&c, "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"Call "
                                    "get_current_weather with location Redmond, Boston\"}]}],\"turnComplete\":true}}"),
                   0);
  m = ws_read_json(&c, &code, NULL, 0);
  assert_non_null(m);
  assert_int_equal(json_array_size(json_object_get(json_object_get(m, "toolCall"), "functionCalls")), 2);
  assert_string_not_equal(jp_str(m, "toolCall.functionCalls.0.id"), jp_str(m, "toolCall.functionCalls.1.id"));
  json_decref(m);
  ws_close_socket(&c);
}

static void test_audio_transcription(void **state) {
  (void)state;
  ws_client c;
  open_session(&c, MLDEV_WS, KEY,
               "{\"setup\":{\"model\":\"models/gemini-live-2.5-flash-preview\",\"generationConfig\":"
               "{\"responseModalities\":[\"AUDIO\"]},\"inputAudioTranscription\":{},"
               "\"outputAudioTranscription\":{}}}");
  /* 8 bytes of PCM, then the end of the stream */
  assert_int_equal(ws_send_json(&c, "{\"realtimeInput\":{\"audio\":{\"data\":\"AAAAAAAAAAA=\",\"mimeType\":"
                                    "\"audio/pcm;rate=16000\"}}}"),
                   0);
  assert_int_equal(ws_send_json(&c, "{\"realtimeInput\":{\"audioStreamEnd\":true}}"), 0);
  int code;
  json_t *m = ws_read_json(&c, &code, NULL, 0);
  assert_string_equal(jp_str(m, "serverContent.inputTranscription.text"), "(8 bytes of audio)");
  json_decref(m);
  m = ws_read_json(&c, &code, NULL, 0);
  assert_string_equal(jp_str(m, "serverContent.modelTurn.parts.0.inlineData.mimeType"), "audio/pcm;rate=24000");
  json_decref(m);
  m = ws_read_json(&c, &code, NULL, 0);
  assert_string_equal(jp_str(m, "serverContent.outputTranscription.text"), "Echo from gemini-live-2.5-flash-preview:");
  json_decref(m);
  ws_close_socket(&c);
}

static void test_credentials(void **state) {
  (void)state;
  ws_client c;
  assert_int_equal(ws_connect(&c, &emu, MLDEV_WS, NULL), 0);
  assert_int_equal(c.status, 403);
  ws_close_socket(&c);
  assert_int_equal(ws_connect(&c, &emu, VERTEX_WS, NULL), 0);
  assert_int_equal(c.status, 401);
  ws_close_socket(&c);
  const char *headers[] = {KEY, NULL};
  assert_int_equal(ws_connect(&c, &emu, "/ws/google.ai.generativelanguage.v1beta.Nope", headers), 0);
  assert_int_equal(c.status, 404);
  ws_close_socket(&c);
}

static void test_framing(void **state) {
  (void)state;
  ws_client c;
  open_session(&c, MLDEV_WS, KEY, SETUP_MLDEV);
  /* a ping is answered with a pong carrying the same bytes */
  assert_int_equal(ws_send_frame(&c, 1, 9, "abc", 3, 0), 0);
  char *data = NULL;
  size_t len = 0;
  assert_int_equal(ws_read_frame(&c, &data, &len), 10);
  assert_string_equal(data, "abc");
  free(data);
  /* a message in three fragments, with a ping between them */
  const char *msg = HELLO;
  size_t n = strlen(msg);
  assert_int_equal(ws_send_frame(&c, 0, 1, msg, 10, 0), 0);
  assert_int_equal(ws_send_frame(&c, 1, 9, "", 0, 0), 0);
  assert_int_equal(ws_send_frame(&c, 0, 0, msg + 10, 20, 0), 0);
  assert_int_equal(ws_send_frame(&c, 1, 0, msg + 30, n - 30, 0), 0);
  int pieces;
  assert_string_equal(read_turn(&c, &pieces, NULL),
                      "Echo from gemini-live-2.5-flash-preview: Hello what should we talk about?");
  /* an unmasked frame breaks the protocol: close 1002 */
  assert_int_equal(ws_send_frame(&c, 1, 1, "{}", 2, 1), 0);
  int code;
  assert_null(ws_read_json(&c, &code, NULL, 0));
  assert_int_equal(code, 1002);
  ws_close_socket(&c);
}

static void test_client_close(void **state) {
  (void)state;
  ws_client c;
  open_session(&c, MLDEV_WS, KEY, SETUP_MLDEV);
  assert_int_equal(ws_send_frame(&c, 1, 8, "\x03\xe8", 2, 0), 0);
  int code;
  assert_null(ws_read_json(&c, &code, NULL, 0));
  assert_int_equal(code, 1000);
  ws_close_socket(&c);
}

static void test_scripted_close(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"match\":{\"path_contains\":\"BidiGenerateContent\"},"
                                    "\"live_close\":{\"code\":1011,\"reason\":\"Internal error occurred.\"}}]}"),
                   200);
  ws_client c;
  open_session(&c, MLDEV_WS, KEY, SETUP_MLDEV);
  assert_int_equal(ws_send_json(&c, HELLO), 0);
  int code;
  char reason[128];
  assert_null(ws_read_json(&c, &code, reason, sizeof reason));
  assert_int_equal(code, 1011);
  assert_string_equal(reason, "Internal error occurred.");
  ws_close_socket(&c);

  /* before the setup is answered */
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"live_close\":{\"code\":1008,\"reason\":\"denied\","
                                    "\"before_setup\":true}}]}"),
                   200);
  const char *headers[] = {KEY, NULL};
  assert_int_equal(ws_connect(&c, &emu, MLDEV_WS, headers), 0);
  assert_int_equal(ws_send_json(&c, SETUP_MLDEV), 0);
  assert_null(ws_read_json(&c, &code, reason, sizeof reason));
  assert_int_equal(code, 1008);
  assert_string_equal(reason, "denied");
  ws_close_socket(&c);

  /* a scripted HTTP status fails the handshake */
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"status\":429,\"json\":{\"error\":{\"code\":429}}}]}"), 200);
  assert_int_equal(ws_connect(&c, &emu, MLDEV_WS, headers), 0);
  assert_int_equal(c.status, 429);
  ws_close_socket(&c);
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"live_close\":{\"code\":999}}]}"), 400);
}

/* Reads the next frame and checks that it is exactly `want` as the emulator
 * prints JSON (two-space indent, keys in the script's order, newline). */
static void expect_verbatim(ws_client *c, const json_t *want) {
  char *text = json_dumps(want, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  assert_non_null(text);
  char *data = NULL;
  size_t len = 0;
  assert_int_equal(ws_read_frame(c, &data, &len), 1);
  assert_int_equal(len, strlen(text) + 1);
  assert_memory_equal(data, text, strlen(text));
  assert_int_equal(data[len - 1], '\n');
  free(data);
  free(text);
}

#define SCRIPTED_MESSAGES                                                                                  \
  "[{\"toolCallCancellation\":{\"ids\":[\"function-call-1\",\"function-call-2\"]}},"                       \
  "{\"serverContent\":{\"interrupted\":true}},"                                                            \
  "{\"voiceActivity\":{\"type\":\"ACTIVITY_START\"}},"                                                     \
  "{\"someFutureMessage\":{\"z\":1,\"a\":[true,null,2.5]}},"                                              \
  "{\"serverContent\":{\"turnComplete\":true,\"turnCompleteReason\":\"NEED_MORE_INPUT\",\"waitingForInput\":true}}]"

static void expect_scripted_messages(ws_client *c) {
  json_t *want = json_loads(SCRIPTED_MESSAGES, 0, NULL);
  assert_non_null(want);
  for (size_t i = 0; i < json_array_size(want); i++) expect_verbatim(c, json_array_get(want, i));
  json_decref(want);
}

static void test_scripted_messages(void **state) {
  (void)state;
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"match\":{\"path_contains\":\"BidiGenerateContent\"},"
                                    "\"live_messages\":" SCRIPTED_MESSAGES "}]}"),
                   200);
  ws_client c;
  open_session(&c, MLDEV_WS, KEY, SETUP_MLDEV);
  /* a turn without turnComplete is not answered, so it does not use the script */
  assert_int_equal(ws_send_json(&c, "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"one two three\"}]}]}}"),
                   0);
  assert_int_equal(ws_send_json(&c, HELLO), 0);
  expect_scripted_messages(&c);
  /* once only: the next turn gets the computed answer; its prompt is the
   * three user turns (3 + 7 + 7 tokens): the scripted turn was recorded,
   * and no model turn was */
  assert_int_equal(ws_send_json(&c, HELLO), 0);
  int pieces;
  json_t *usage = NULL;
  assert_string_equal(read_turn(&c, &pieces, &usage),
                      "Echo from gemini-live-2.5-flash-preview: Hello what should we talk about?");
  assert_int_equal(jp_int(usage, "promptTokenCount"), 3 + 7 + 7);
  json_decref(usage);
  ws_close_socket(&c);
  char *queue = NULL;
  assert_int_equal(emu_get(&emu, "/_emulator/script", &queue), 200);
  assert_non_null(strstr(queue, "\"responses\": []"));
  free(queue);
}

static void test_scripted_messages_other_inputs(void **state) {
  (void)state;
  /* realtimeInput text, on Vertex AI */
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"live_messages\":" SCRIPTED_MESSAGES "}]}"), 200);
  ws_client c;
  open_session(&c, VERTEX_WS, BEARER, SETUP_VERTEX);
  assert_int_equal(ws_send_json(&c, "{\"realtimeInput\":{\"text\":\"Are you there Gemini?\"}}"), 0);
  expect_scripted_messages(&c);
  ws_close_socket(&c);

  /* a toolResponse, with snake_case keys */
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"live_messages\":[{\"serverContent\":{\"turnComplete\":"
                                    "true}}]}]}"),
                   200);
  open_session(&c, MLDEV_WS, KEY,
               "{\"setup\":{\"model\":\"models/gemini-live-2.5-flash-preview\"," WEATHER_TOOLS "}}");
  assert_int_equal(ws_send_json(&c, "{\"tool_response\":{\"functionResponses\":[{\"id\":\"function-call-9\","
                                    "\"name\":\"get_current_weather\",\"response\":{\"temperature\":21}}]}}"),
                   0);
  json_t *want = json_pack("{s:{s:b}}", "serverContent", "turnComplete", 1);
  expect_verbatim(&c, want);
  ws_close_socket(&c);

  /* the end of an audio stream: the transcription, then the script */
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"live_messages\":[{\"serverContent\":{\"turnComplete\":"
                                    "true}}]}]}"),
                   200);
  open_session(&c, MLDEV_WS, KEY,
               "{\"setup\":{\"model\":\"models/gemini-live-2.5-flash-preview\",\"inputAudioTranscription\":{}}}");
  assert_int_equal(ws_send_json(&c, "{\"realtimeInput\":{\"audio\":{\"data\":\"AAAAAAAAAAA=\",\"mimeType\":"
                                    "\"audio/pcm;rate=16000\"}}}"),
                   0);
  assert_int_equal(ws_send_json(&c, "{\"realtimeInput\":{\"audioStreamEnd\":true}}"), 0);
  int code;
  json_t *m = ws_read_json(&c, &code, NULL, 0);
  assert_string_equal(jp_str(m, "serverContent.inputTranscription.text"), "(8 bytes of audio)");
  json_decref(m);
  expect_verbatim(&c, want);
  json_decref(want);
  ws_close_socket(&c);
}

static void test_scripted_messages_then_close(void **state) {
  (void)state;
  /* with live_close too: the messages, then the goAway and the close */
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"live_messages\":[{\"sessionResumptionUpdate\":"
                                    "{\"resumable\":false}}],\"live_close\":{\"code\":1011,\"reason\":\"bye\","
                                    "\"go_away\":\"2s\"}}]}"),
                   200);
  ws_client c;
  open_session(&c, MLDEV_WS, KEY, SETUP_MLDEV);
  /* not answered: neither the messages nor the close yet */
  assert_int_equal(ws_send_json(&c, "{\"realtimeInput\":{\"audio\":{\"data\":\"AAAA\",\"mimeType\":"
                                    "\"audio/pcm;rate=16000\"}}}"),
                   0);
  assert_int_equal(ws_send_json(&c, HELLO), 0);
  int code;
  json_t *m = ws_read_json(&c, &code, NULL, 0);
  assert_non_null(m);
  assert_true(json_is_false(jp(m, "sessionResumptionUpdate.resumable")));
  json_decref(m);
  m = ws_read_json(&c, &code, NULL, 0);
  assert_string_equal(jp_str(m, "goAway.timeLeft"), "2s");
  json_decref(m);
  char reason[128];
  assert_null(ws_read_json(&c, &code, reason, sizeof reason));
  assert_int_equal(code, 1011);
  assert_string_equal(reason, "bye");
  ws_close_socket(&c);
}

static void test_scripted_messages_validation(void **state) {
  (void)state;
  char *body = NULL;
  assert_int_equal(emu_post(&emu, "/_emulator/script", "{\"responses\":[{\"live_messages\":{}}]}", &body), 400);
  assert_non_null(strstr(body, "responses[0].live_messages: must be an array of JSON objects"));
  free(body);
  assert_int_equal(emu_post(&emu, "/_emulator/script", "{\"responses\":[{},{\"live_messages\":[{},\"x\"]}]}", &body),
                   400);
  assert_non_null(strstr(body, "responses[1].live_messages[1]: must be a JSON object"));
  free(body);
  assert_int_equal(emu_post(&emu, "/_emulator/script",
                            "{\"responses\":[{\"live_messages\":[],\"live_close\":{\"code\":1000,\"before_setup\":"
                            "true}}]}",
                            &body),
                   400);
  assert_non_null(strstr(body, "cannot be combined"));
  free(body);
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"live_messages\":[]}]}"), 200);
}

static void test_bad_setup(void **state) {
  (void)state;
  ws_client c;
  const char *headers[] = {KEY, NULL};
  assert_int_equal(ws_connect(&c, &emu, MLDEV_WS, headers), 0);
  assert_int_equal(ws_send_json(&c, HELLO), 0);
  int code;
  assert_null(ws_read_json(&c, &code, NULL, 0));
  assert_int_equal(code, 1007);
  ws_close_socket(&c);
  assert_int_equal(ws_connect(&c, &emu, MLDEV_WS, headers), 0);
  assert_int_equal(ws_send_json(&c, "{\"setup\":{\"model\":\"models/imagen-3.0\"}}"), 0);
  assert_null(ws_read_json(&c, &code, NULL, 0));
  assert_int_equal(code, 1008);
  ws_close_socket(&c);
}

int main(void) {
  if (emu_start(&emu, NULL) != 0) return 1;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_text_turn_mldev, reset),
      cmocka_unit_test_setup(test_text_turn_vertex, reset),
      cmocka_unit_test_setup(test_realtime_text, reset),
      cmocka_unit_test_setup(test_tool_call, reset),
      cmocka_unit_test_setup(test_audio_transcription, reset),
      cmocka_unit_test_setup(test_credentials, reset),
      cmocka_unit_test_setup(test_framing, reset),
      cmocka_unit_test_setup(test_client_close, reset),
      cmocka_unit_test_setup(test_scripted_close, reset),
      cmocka_unit_test_setup(test_scripted_messages, reset),
      cmocka_unit_test_setup(test_scripted_messages_other_inputs, reset),
      cmocka_unit_test_setup(test_scripted_messages_then_close, reset),
      cmocka_unit_test_setup(test_scripted_messages_validation, reset),
      cmocka_unit_test_setup(test_bad_setup, reset),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  if (emu_stop(&emu) != 0) failed++;
  return failed;
}
