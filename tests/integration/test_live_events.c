/* Live API server messages the emulator sends only when scripted
 * (docs/emulator.md, "live_messages"), decoded by the SDK on both backends
 * through the synchronous API: toolCallCancellation, serverContent with
 * interrupted, groundingMetadata, turnCompleteReason and waitingForInput,
 * voiceActivity and voiceActivityDetectionSignal, sessionResumptionUpdate
 * with resumable false, and message kinds the SDK does not know. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"
#include "live_itest.h"



/* What the service sends around an interrupted turn with search grounding,
 * in one script: each element is sent as one server message. */
#define EVENTS                                                                                              \
  "[{\"toolCallCancellation\":{\"ids\":[\"function-call-1\",\"function-call-2\"]}},"                        \
  "{\"serverContent\":{\"interrupted\":true}},"                                                             \
  "{\"voiceActivity\":{\"type\":\"ACTIVITY_START\",\"audioOffset\":\"1.500s\"}},"                           \
  "{\"voiceActivityDetectionSignal\":{\"vadSignalType\":\"VAD_SIGNAL_TYPE_SOS\"}},"                          \
  "{\"serverContent\":{\"groundingMetadata\":{\"webSearchQueries\":[\"weather in Redmond\"],"               \
  "\"groundingChunks\":[{\"web\":{\"uri\":\"https://example.com/weather\",\"title\":\"example.com\"}}],"     \
  "\"groundingSupports\":[{\"segment\":{\"startIndex\":0,\"endIndex\":5,\"text\":\"Sunny\"},"               \
  "\"groundingChunkIndices\":[0],\"confidenceScores\":[0.75]}],"                                            \
  "\"searchEntryPoint\":{\"renderedContent\":\"<div>search</div>\"}}}},"                                    \
  "{\"serverContent\":{\"turnComplete\":true,\"turnCompleteReason\":\"NEED_MORE_INPUT\","                  \
  "\"waitingForInput\":true}}]"

static const genai_live_server_message *next(genai_live_session *s) {
  const genai_live_server_message *m = NULL;
  assert_int_equal(genai_live_receive(s, &m), GENAI_OK);
  assert_non_null(m);
  return m;
}

/* Receives one normal (computed) turn to its end. */
static void receive_echo_turn(genai_live_session *s, const char *prompt) {
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT(prompt), true), GENAI_OK);
  char text[256] = "";
  const genai_live_server_message *m = NULL;
  genai_result rc;
  while ((rc = genai_live_receive(s, &m)) == GENAI_OK) {
    const char *t = genai_live_server_message_text(m);
    if (t) strncat(text, t, sizeof text - strlen(text) - 1);
  }
  assert_int_equal(rc, GENAI_DONE);
  char want[256];
  snprintf(want, sizeof want, "Echo from %s: %s", LIVE_MODEL, prompt);
  assert_string_equal(text, want);
}

static void scripted_events(genai_client *c) {
  itest_script("{\"responses\":[{\"match\":{\"path_contains\":\"BidiGenerateContent\"},\"live_messages\":" EVENTS
               "}]}");
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("What is the weather in Redmond?"), true), GENAI_OK);

  const genai_live_server_message *m = next(s);
  const genai_live_server_tool_call_cancellation *cancel = m->tool_call_cancellation;
  assert_non_null(cancel);
  assert_int_equal(cancel->ids_count, 2);
  assert_string_equal(cancel->ids[0], "function-call-1");
  assert_string_equal(cancel->ids[1], "function-call-2");
  assert_null(m->server_content);
  assert_null(m->tool_call);
  assert_null(m->unknown_json);

  m = next(s);
  assert_non_null(m->server_content);
  assert_non_null(m->server_content->interrupted);
  assert_true(*m->server_content->interrupted);
  assert_null(m->server_content->turn_complete);
  assert_null(m->server_content->model_turn);
  assert_null(genai_live_server_message_text(m));

  m = next(s);
  assert_non_null(m->voice_activity);
  assert_int_equal(m->voice_activity->voice_activity_type, GENAI_VOICE_ACTIVITY_TYPE_ACTIVITY_START);
  assert_string_equal(m->voice_activity->voice_activity_type_str, "ACTIVITY_START");
  assert_string_equal(m->voice_activity->audio_offset, "1.500s");
  assert_null(m->voice_activity->unknown_json); /* "type" is the wire name of voice_activity_type */
  assert_null(m->voice_activity_detection_signal);

  m = next(s);
  assert_non_null(m->voice_activity_detection_signal);
  assert_int_equal(m->voice_activity_detection_signal->vad_signal_type, GENAI_VAD_SIGNAL_TYPE_SOS);
  assert_null(m->voice_activity);

  m = next(s);
  assert_non_null(m->server_content);
  const genai_grounding_metadata *g = m->server_content->grounding_metadata;
  assert_non_null(g);
  assert_int_equal(g->web_search_queries_count, 1);
  assert_string_equal(g->web_search_queries[0], "weather in Redmond");
  assert_int_equal(g->grounding_chunks_count, 1);
  assert_non_null(g->grounding_chunks[0]->web);
  assert_string_equal(g->grounding_chunks[0]->web->uri, "https://example.com/weather");
  assert_string_equal(g->grounding_chunks[0]->web->title, "example.com");
  assert_int_equal(g->grounding_supports_count, 1);
  const genai_grounding_support *support = g->grounding_supports[0];
  assert_non_null(support->segment);
  assert_int_equal(*support->segment->start_index, 0);
  assert_int_equal(*support->segment->end_index, 5);
  assert_string_equal(support->segment->text, "Sunny");
  assert_int_equal(support->grounding_chunk_indices_count, 1);
  assert_int_equal(support->grounding_chunk_indices[0], 0);
  assert_int_equal(support->confidence_scores_count, 1);
  assert_true(support->confidence_scores[0] == 0.75);
  assert_non_null(g->search_entry_point);
  assert_string_equal(g->search_entry_point->rendered_content, "<div>search</div>");
  assert_null(m->server_content->turn_complete);

  m = next(s);
  const genai_live_server_content *sc = m->server_content;
  assert_non_null(sc);
  assert_non_null(sc->turn_complete);
  assert_true(*sc->turn_complete);
  assert_int_equal(sc->turn_complete_reason, GENAI_TURN_COMPLETE_REASON_NEED_MORE_INPUT);
  assert_string_equal(sc->turn_complete_reason_str, "NEED_MORE_INPUT");
  assert_non_null(sc->waiting_for_input);
  assert_true(*sc->waiting_for_input);

  /* the turn is over */
  assert_int_equal(genai_live_receive(s, &m), GENAI_DONE);
  assert_null(m);
  /* and the session goes on with computed answers */
  receive_echo_turn(s, "And tomorrow?");
  genai_live_close(s);
}

static void gemini_scripted_events(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  scripted_events(c);
  genai_client_free(c);
}

static void vertex_scripted_events(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  scripted_events(c);
  genai_client_free(c);
}

/* A message kind the SDK does not know is not an error: genai_live_receive
 * returns GENAI_OK with every typed member NULL and the message's members
 * in unknown_json; likewise unknown fields and enum values inside a known
 * member. Only an unknown message carrying "error" becomes GENAI_EAPI. */
static void unknown_message_kinds(genai_client *c) {
  itest_script("{\"responses\":[{\"live_messages\":["
               "{\"someFutureMessage\":{\"x\":1}},"
               "{\"serverContent\":{\"turnComplete\":true,\"turnCompleteReason\":\"SOME_FUTURE_REASON\","
               "\"futureField\":[1,2]}}]}]}");
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("Hi"), true), GENAI_OK);

  const genai_live_server_message *m = next(s);
  assert_null(m->setup_complete);
  assert_null(m->server_content);
  assert_null(m->tool_call);
  assert_null(m->tool_call_cancellation);
  assert_null(m->usage_metadata);
  assert_null(m->go_away);
  assert_null(m->session_resumption_update);
  assert_null(m->voice_activity_detection_signal);
  assert_null(m->voice_activity);
  assert_non_null(m->unknown_json);
  itest_assert_json_equal(m->unknown_json, "{\"someFutureMessage\":{\"x\":1}}");
  assert_null(genai_live_server_message_text(m));
  genai_bytes data;
  assert_int_equal(genai_live_server_message_data(m, &data), GENAI_DONE);

  m = next(s);
  const genai_live_server_content *sc = m->server_content;
  assert_non_null(sc);
  assert_true(sc->turn_complete && *sc->turn_complete);
  assert_int_equal(sc->turn_complete_reason, GENAI_TURN_COMPLETE_REASON_UNKNOWN);
  assert_string_equal(sc->turn_complete_reason_str, "SOME_FUTURE_REASON");
  itest_assert_json_equal(sc->unknown_json, "{\"futureField\":[1,2]}");
  assert_int_equal(genai_live_receive(s, &m), GENAI_DONE);
  receive_echo_turn(s, "Still there?");
  genai_live_close(s);
}

static void gemini_unknown_message_kinds(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  unknown_message_kinds(c);
  genai_client_free(c);
}

static void vertex_unknown_message_kinds(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  unknown_message_kinds(c);
  genai_client_free(c);
}

/* sessionResumptionUpdate with resumable false decodes, and its handle (if
 * any) does not replace the last resumable one. */
static void not_resumable(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"live_messages\":["
               "{\"sessionResumptionUpdate\":{\"newHandle\":\"handle-1\",\"resumable\":true}},"
               "{\"sessionResumptionUpdate\":{\"newHandle\":\"handle-2\",\"resumable\":false,"
               "\"lastConsumedClientMessageIndex\":\"1\"}},"
               "{\"sessionResumptionUpdate\":{\"resumable\":false}},"
               "{\"serverContent\":{\"turnComplete\":true}}]}]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_live_connect_config config = text_config;
  config.session_resumption = &(const genai_session_resumption_config){GENAI_INIT(genai_session_resumption_config)};
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &config, &s), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("Hi"), true), GENAI_OK);
  const genai_live_server_message *m = next(s);
  assert_string_equal(genai_live_session_resumption_handle(s), "handle-1");
  m = next(s);
  const genai_live_server_session_resumption_update *ru = m->session_resumption_update;
  assert_non_null(ru);
  assert_string_equal(ru->new_handle, "handle-2");
  assert_non_null(ru->resumable);
  assert_false(*ru->resumable);
  assert_non_null(ru->last_consumed_client_message_index);
  assert_int_equal(*ru->last_consumed_client_message_index, 1);
  assert_string_equal(genai_live_session_resumption_handle(s), "handle-1");
  m = next(s);
  assert_null(m->session_resumption_update->new_handle);
  assert_false(*m->session_resumption_update->resumable);
  assert_string_equal(genai_live_session_resumption_handle(s), "handle-1");
  m = next(s);
  assert_true(m->server_content && m->server_content->turn_complete && *m->server_content->turn_complete);
  assert_int_equal(genai_live_receive(s, &m), GENAI_DONE);
  genai_live_close(s);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(gemini_scripted_events, itest_reset),
      cmocka_unit_test_setup(vertex_scripted_events, itest_reset),
      cmocka_unit_test_setup(gemini_unknown_message_kinds, itest_reset),
      cmocka_unit_test_setup(vertex_unknown_message_kinds, itest_reset),
      cmocka_unit_test_setup(not_resumable, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
