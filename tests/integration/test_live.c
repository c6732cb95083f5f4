/* The Live API end to end against the emulator, on both backends: the URL,
 * credentials and setup message each backend gets, a text turn received as
 * several messages ending the turn with DONE, tool calls answered with a
 * tool response, realtime input with transcription, and scripted closes
 * becoming GENAI_EAPI with the close code. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "itest.h"
#include "live_itest.h"

#define MLDEV_WS "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
#define VERTEX_WS "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent"


/* Receives one turn; returns its text joined (static storage) and checks
 * that it ended with turnComplete, then DONE. */
static const char *receive_turn(genai_live_session *s, int *messages, bool *usage) {
  static char text[1024];
  text[0] = '\0';
  *messages = 0;
  *usage = false;
  const genai_live_server_message *m = NULL;
  genai_result rc;
  bool complete = false;
  while ((rc = genai_live_receive(s, &m)) == GENAI_OK) {
    (*messages)++;
    const char *t = genai_live_server_message_text(m);
    if (t) strncat(text, t, sizeof text - strlen(text) - 1);
    if (m->usage_metadata) *usage = true;
    complete = m->server_content && m->server_content->turn_complete && *m->server_content->turn_complete;
  }
  assert_int_equal(rc, GENAI_DONE);
  assert_true(complete);
  return text;
}

static void text_session(genai_client *c, const char *path, const char *cred_header, const char *cred_value,
                         const char *setup_model) {
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("Hello what should we talk about?"), true), GENAI_OK);
  int n;
  bool usage;
  assert_string_equal(receive_turn(s, &n, &usage), "Echo from " LIVE_MODEL ": Hello what should we talk about?");
  assert_true(n >= 4); /* three pieces, generationComplete, turnComplete */
  assert_true(usage);
  /* a second turn on the same session */
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("Bye"), true), GENAI_OK);
  assert_string_equal(receive_turn(s, &n, &usage), "Echo from " LIVE_MODEL ": Bye");
  genai_live_close(s);

  json_t *up = itest_request_at(0);
  assert_string_equal(json_string_value(json_object_get(up, "method")), "GET");
  assert_string_equal(json_string_value(json_object_get(up, "path")), path);
  json_t *headers = json_object_get(up, "headers");
  assert_string_equal(json_string_value(json_object_get(headers, cred_header)), cred_value);
  assert_non_null(strstr(json_string_value(json_object_get(headers, "user-agent")), "google-genai-sdk/"));
  /* Host names the port when it is not the default (RFC 6455 4.1), as the JS
   * SDK sends it; no Origin (a browser's header, which neither the Python nor
   * the JS SDK sends) */
  char host[64];
  snprintf(host, sizeof host, "127.0.0.1:%d", itest_emu.port);
  assert_string_equal(json_string_value(json_object_get(headers, "host")), host);
  assert_null(json_object_get(headers, "origin"));
  json_t *setup = itest_request_at(1);
  char want[512];
  snprintf(want, sizeof want,
           "{\"setup\":{\"model\":\"%s\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}}}", setup_model);
  itest_assert_json_value(json_object_get(setup, "body"), want);
  json_t *turn = itest_request_at(2);
  itest_assert_json_value(json_object_get(turn, "body"),
                          "{\"clientContent\":{\"turnComplete\":true,\"turns\":[{\"role\":\"user\",\"parts\":"
                          "[{\"text\":\"Hello what should we talk about?\"}]}]}}");
}

static void gemini_text_session(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  text_session(c, MLDEV_WS, "x-goog-api-key", ITEST_KEY, "models/" LIVE_MODEL);
  genai_client_free(c);
}

static void vertex_express_text_session(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  text_session(c, VERTEX_WS, "x-goog-api-key", ITEST_KEY, "publishers/google/models/" LIVE_MODEL);
  genai_client_free(c);
}

static void vertex_text_session(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  text_session(c, VERTEX_WS, "authorization", "Bearer " ITEST_TOKEN,
               "projects/test-project/locations/us-central1/publishers/google/models/" LIVE_MODEL);
  genai_client_free(c);
}

/* Vertex AI with a project answers in audio unless told otherwise (live.py). */
static void vertex_defaults_to_audio(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, NULL, &s), GENAI_OK);
  assert_non_null(genai_live_session_id(s));
  assert_non_null(genai_live_setup_complete(s));
  assert_string_equal(genai_live_setup_complete(s)->session_id, genai_live_session_id(s));
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("Hi"), true), GENAI_OK);
  const genai_live_server_message *m = NULL;
  assert_int_equal(genai_live_receive(s, &m), GENAI_OK);
  genai_bytes audio;
  assert_int_equal(genai_live_server_message_data(m, &audio), GENAI_OK);
  assert_true(audio.size > 0);
  assert_null(genai_live_server_message_text(m));
  genai_live_close(s);
  json_t *setup = itest_request_at(1);
  itest_assert_json_value(json_object_get(json_object_get(json_object_get(setup, "body"), "setup"), "generationConfig"),
                          "{\"responseModalities\":[\"AUDIO\"]}");
  genai_client_free(c);
}

static void tool_call_round_trip(genai_client *c) {
  const genai_function_declaration decl = {GENAI_INIT(genai_function_declaration), .name = "get_current_weather",
                                           .description = "Get the current weather in a given location",
                                           .parameters_json_schema_json = LIVE_WEATHER_SCHEMA};
  const genai_function_declaration *decls[] = {&decl};
  const genai_tool tool = {GENAI_INIT(genai_tool), .function_declarations = decls, .function_declarations_count = 1};
  const genai_tool *tools[] = {&tool};
  genai_live_connect_config config = text_config;
  config.tools = tools;
  config.tools_count = 1;
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &config, &s), GENAI_OK);
  assert_int_equal(
      genai_live_send_client_content(s, GENAI_TEXT("Call get_current_weather with location Redmond"), true),
      GENAI_OK);
  const genai_live_server_message *m = NULL;
  assert_int_equal(genai_live_receive(s, &m), GENAI_OK);
  assert_non_null(m->tool_call);
  assert_int_equal(m->tool_call->function_calls_count, 1);
  const genai_function_call *call = m->tool_call->function_calls[0];
  assert_string_equal(call->name, "get_current_weather");
  assert_non_null(call->id);
  char id[64];
  snprintf(id, sizeof id, "%s", call->id);
  const genai_function_response resp = {GENAI_INIT(genai_function_response), .id = id,
                                        .name = "get_current_weather", .response_json = "{\"temperature\":21}"};
  const genai_function_response *responses[] = {&resp};
  assert_int_equal(genai_live_send_tool_response(s, responses, 1), GENAI_OK);
  int n;
  bool usage;
  const char *text = receive_turn(s, &n, &usage);
  assert_non_null(strstr(text, "get_current_weather returned"));
  genai_live_close(s);
}

static void gemini_tool_call(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  tool_call_round_trip(c);
  genai_client_free(c);
}

static void vertex_tool_call(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  tool_call_round_trip(c);
  genai_client_free(c);
}

static void tool_response_needs_id_on_gemini(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  const genai_function_response resp = {GENAI_INIT(genai_function_response), .name = "f", .response_json = "{}"};
  const genai_function_response *responses[] = {&resp};
  assert_int_equal(genai_live_send_tool_response(s, responses, 1), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "function_responses[0].id"));
  genai_live_close(s);
  genai_client_free(c);
}

static int weather_calls;
static void weather(void *user_data, const char *args_json, genai_function_result *result) {
  (void)user_data;
  weather_calls++;
  assert_non_null(strstr(args_json, "Redmond"));
  assert_int_equal(genai_function_result_set_json(result, "{\"temperature\":21}"), GENAI_OK);
}

static void automatic_tool_calls(genai_client *c) {
  const genai_function fn = live_weather_function(weather);
  const genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_live_connect_config config = text_config;
  config.tools = (const genai_tool *const[]){&tool};
  config.tools_count = 1;
  genai_live_session *s = NULL;
  weather_calls = 0;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &config, &s), GENAI_OK);
  assert_int_equal(
      genai_live_send_client_content(s, GENAI_TEXT("Call get_current_weather with location Redmond"), true),
      GENAI_OK);
  const genai_live_server_message *m = NULL;
  assert_int_equal(genai_live_receive(s, &m), GENAI_OK);
  assert_non_null(m->tool_call); /* still shown, already answered */
  assert_int_equal(weather_calls, 1);
  int n;
  bool usage;
  assert_non_null(strstr(receive_turn(s, &n, &usage), "get_current_weather returned {\"result\":{\"temperature\":21}}"));
  genai_live_close(s);
  /* the setup declared the function; the response carried the call's id */
  json_t *setup = itest_request_at(1);
  json_t *decl = json_object_get(
      json_array_get(json_object_get(json_array_get(json_object_get(json_object_get(json_object_get(setup, "body"),
                                                                                    "setup"),
                                                                    "tools"),
                                                     0),
                                     "functionDeclarations"),
                     0),
      "name");
  assert_string_equal(json_string_value(decl), "get_current_weather");
  json_t *resp = itest_request_at(3);
  json_t *fr = json_array_get(
      json_object_get(json_object_get(json_object_get(resp, "body"), "toolResponse"), "functionResponses"), 0);
  assert_non_null(json_string_value(json_object_get(fr, "id")));
  itest_assert_json_value(json_object_get(fr, "response"), "{\"result\":{\"temperature\":21}}");
}

static void gemini_automatic_tool_calls(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  automatic_tool_calls(c);
  genai_client_free(c);
}

static void vertex_automatic_tool_calls(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  automatic_tool_calls(c);
  genai_client_free(c);
}

static void realtime_input(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_live_connect_config config = text_config;
  config.input_audio_transcription =
      &(const genai_audio_transcription_config){GENAI_INIT(genai_audio_transcription_config)};
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &config, &s), GENAI_OK);
  /* text */
  genai_live_client_realtime_input in = {GENAI_INIT(genai_live_client_realtime_input),
                                         .text = "Are you there Gemini?"};
  assert_int_equal(genai_live_send_realtime_input(s, &in), GENAI_OK);
  int n;
  bool usage;
  assert_string_equal(receive_turn(s, &n, &usage), "Echo from " LIVE_MODEL ": Are you there Gemini?");
  /* audio, then the end of the stream: transcribed, then answered */
  static const uint8_t pcm[320] = {0};
  const genai_blob blob = {GENAI_INIT(genai_blob), .data = {pcm, sizeof pcm}, .mime_type = "audio/pcm;rate=16000"};
  in = (genai_live_client_realtime_input){GENAI_INIT(genai_live_client_realtime_input), .audio = &blob};
  assert_int_equal(genai_live_send_realtime_input(s, &in), GENAI_OK);
  in = (genai_live_client_realtime_input){GENAI_INIT(genai_live_client_realtime_input),
                                          .audio_stream_end = &(const bool){true}};
  assert_int_equal(genai_live_send_realtime_input(s, &in), GENAI_OK);
  const genai_live_server_message *m = NULL;
  assert_int_equal(genai_live_receive(s, &m), GENAI_OK);
  assert_non_null(m->server_content);
  assert_non_null(m->server_content->input_transcription);
  assert_string_equal(m->server_content->input_transcription->text, "(320 bytes of audio)");
  assert_string_equal(receive_turn(s, &n, &usage), "Echo from " LIVE_MODEL ": (320 bytes of audio)");
  /* exactly one kind of input per message */
  in = (genai_live_client_realtime_input){GENAI_INIT(genai_live_client_realtime_input), .text = "a", .audio = &blob};
  assert_int_equal(genai_live_send_realtime_input(s, &in), GENAI_EINVAL);
  genai_live_close(s);
  json_t *sent = itest_request_at(3);
  const char *data = json_string_value(
      json_object_get(json_object_get(json_object_get(json_object_get(sent, "body"), "realtimeInput"), "audio"),
                      "data"));
  assert_non_null(data);
  genai_client_free(c);
}

static void close_codes_become_api_errors(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  itest_script("{\"responses\":[{\"live_close\":{\"code\":1011,\"reason\":\"Internal error occurred.\"}}]}");
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("Hello"), true), GENAI_OK);
  const genai_live_server_message *m = NULL;
  assert_int_equal(genai_live_receive(s, &m), GENAI_EAPI);
  assert_null(m);
  assert_int_equal(genai_error_last()->http_status, 1011);
  assert_non_null(strstr(genai_error_last()->message, "Internal error occurred."));
  /* the session stays closed: the same error again, never a crash */
  assert_int_equal(genai_live_receive(s, &m), GENAI_EAPI);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("again"), true), GENAI_EAPI);
  genai_live_close(s);

  /* a goAway, then a normal close: the message, then DONE for good */
  itest_script("{\"responses\":[{\"live_close\":{\"code\":1000,\"go_away\":\"5s\"}}]}");
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("Hello"), true), GENAI_OK);
  assert_int_equal(genai_live_receive(s, &m), GENAI_OK);
  assert_non_null(m->go_away);
  assert_string_equal(m->go_away->time_left, "5s");
  assert_int_equal(genai_live_receive(s, &m), GENAI_DONE);
  assert_int_equal(genai_live_receive(s, &m), GENAI_DONE);
  genai_live_close(s);

  /* a close during the setup fails genai_live_connect */
  itest_script("{\"responses\":[{\"live_close\":{\"code\":1008,\"reason\":\"denied\",\"before_setup\":true}}]}");
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_EAPI);
  assert_null(s);
  assert_int_equal(genai_error_last()->http_status, 1008);
  /* a refused upgrade */
  itest_script("{\"responses\":[{\"status\":429,\"json\":{\"error\":{\"code\":429}}}]}");
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 429);
  genai_client_free(c);
}

static void bad_credentials_refuse_the_upgrade(void **state) {
  (void)state;
  genai_client *c = NULL;
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = "wrong-key", .no_env = true,
                           .vertexai = &(const bool){false}};
  char url[128];
  snprintf(url, sizeof url, "%s", itest_emu.base_url);
  o.http_options = &(const genai_http_options){GENAI_INIT(genai_http_options), .base_url = url};
  assert_int_equal(genai_client_new(&o, &c), GENAI_OK);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, NULL, &s), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  assert_null(strstr(genai_error_last()->message, "wrong-key"));
  genai_client_free(c);
}

static int32_t prompt_tokens_of_turn(genai_live_session *s, const char *text) {
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT(text), true), GENAI_OK);
  const genai_live_server_message *m = NULL;
  int32_t tokens = -1;
  genai_result rc;
  while ((rc = genai_live_receive(s, &m)) == GENAI_OK)
    if (m->usage_metadata && m->usage_metadata->prompt_token_count) tokens = *m->usage_metadata->prompt_token_count;
  assert_int_equal(rc, GENAI_DONE);
  return tokens;
}

/* A new connection with the last handle carries on the conversation. */
static void session_resumption(genai_client *c) {
  genai_live_connect_config config = text_config;
  config.session_resumption = &(const genai_session_resumption_config){GENAI_INIT(genai_session_resumption_config)};
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &config, &s), GENAI_OK);
  assert_null(genai_live_session_resumption_handle(s));
  int32_t fresh = prompt_tokens_of_turn(s, "one");
  const char *h = genai_live_session_resumption_handle(s);
  assert_non_null(h);
  char handle[128];
  snprintf(handle, sizeof handle, "%s", h);
  genai_live_close(s);

  genai_session_resumption_config resume = {GENAI_INIT(genai_session_resumption_config), .handle = handle};
  config.session_resumption = &resume;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &config, &s), GENAI_OK);
  int32_t resumed = prompt_tokens_of_turn(s, "one");
  /* the earlier turn and its answer count as prompt now */
  assert_true(resumed > fresh);
  genai_live_close(s);
  resume.handle = "no-such-handle";
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &config, &s), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 1008);
}

static void gemini_session_resumption(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  session_resumption(c);
  genai_client_free(c);
}

static void vertex_session_resumption(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  session_resumption(c);
  genai_client_free(c);
}

/* Messages far larger than one frame buffer, both ways: a 300 kB word is
 * echoed back as one 300 kB piece. */
static void large_messages(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  size_t n = 300000;
  char *word = malloc(n + 1);
  assert_non_null(word);
  for (size_t i = 0; i < n; i++) word[i] = (char)('a' + i % 26);
  word[n] = '\0';
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT(word), true), GENAI_OK);
  const genai_live_server_message *m = NULL;
  genai_result rc;
  size_t got = 0;
  bool found = false;
  while ((rc = genai_live_receive(s, &m)) == GENAI_OK) {
    const char *t = genai_live_server_message_text(m);
    if (t && strlen(t) == n + 1 && t[0] == ' ' && memcmp(t + 1, word, n) == 0) found = true;
    if (t) got += strlen(t);
  }
  assert_int_equal(rc, GENAI_DONE);
  assert_true(found);
  assert_int_equal(got, strlen("Echo from " LIVE_MODEL ": ") + n);
  free(word);
  genai_live_close(s);
  genai_client_free(c);
}

/* A one-connection HTTP CONNECT proxy: what a corporate proxy does for a
 * WebSocket. Records the CONNECT line. */
typedef struct proxy {
  int listen_fd, port;
  char request_line[256];
  pthread_t thread;
} proxy;

static void *proxy_run(void *arg) {
  proxy *p = arg;
  int c = accept(p->listen_fd, NULL, NULL);
  if (c < 0) return NULL;
  char head[2048];
  size_t n = 0;
  while (n < sizeof head - 1) {
    ssize_t k = recv(c, head + n, sizeof head - 1 - n, 0);
    if (k <= 0) break;
    n += (size_t)k;
    head[n] = '\0';
    if (strstr(head, "\r\n\r\n")) break;
  }
  head[n] = '\0';
  snprintf(p->request_line, sizeof p->request_line, "%.*s", (int)strcspn(head, "\r\n"), head);
  int port = 0;
  if (sscanf(head, "CONNECT 127.0.0.1:%d", &port) != 1) {
    close(c);
    return NULL;
  }
  int t = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(t, (struct sockaddr *)&a, sizeof a) != 0) {
    close(t);
    close(c);
    return NULL;
  }
  const char *ok = "HTTP/1.1 200 Connection established\r\n\r\n";
  if (send(c, ok, strlen(ok), MSG_NOSIGNAL) < 0) goto done;
  for (;;) {
    struct pollfd fds[2] = {{c, POLLIN, 0}, {t, POLLIN, 0}};
    if (poll(fds, 2, 5000) <= 0) break;
    char buf[65536];
    int from = fds[0].revents ? c : t, to = from == c ? t : c;
    ssize_t k = recv(from, buf, sizeof buf, 0);
    if (k <= 0 || send(to, buf, (size_t)k, MSG_NOSIGNAL) != k) break;
  }
done:
  close(t);
  close(c);
  return NULL;
}

static void proxy_start(proxy *p) {
  memset(p, 0, sizeof *p);
  p->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(bind(p->listen_fd, (struct sockaddr *)&a, sizeof a), 0);
  socklen_t len = sizeof a;
  assert_int_equal(getsockname(p->listen_fd, (struct sockaddr *)&a, &len), 0);
  p->port = ntohs(a.sin_port);
  assert_int_equal(listen(p->listen_fd, 1), 0);
  assert_int_equal(pthread_create(&p->thread, NULL, proxy_run, p), 0);
}

static void proxy_stop(proxy *p) {
  shutdown(p->listen_fd, SHUT_RDWR);
  pthread_join(p->thread, NULL);
  close(p->listen_fd);
}

/* The proxy variables apply as for REST calls: http_proxy for ws://, and
 * no_proxy keeps a host direct. */
static void proxies(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  proxy p;
  proxy_start(&p);
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%d", p.port);
  setenv("http_proxy", url, 1);
  unsetenv("no_proxy");
  unsetenv("NO_PROXY");
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("via proxy"), true), GENAI_OK);
  int n;
  bool usage;
  assert_string_equal(receive_turn(s, &n, &usage), "Echo from " LIVE_MODEL ": via proxy");
  genai_live_close(s);
  proxy_stop(&p);
  char want[64];
  snprintf(want, sizeof want, "CONNECT 127.0.0.1:%d HTTP/1.1", itest_emu.port);
  assert_string_equal(p.request_line, want);
  /* a dead proxy, but no_proxy covers the host: straight through */
  setenv("http_proxy", "127.0.0.1:1", 1);
  setenv("no_proxy", "localhost, 127.0.0.1", 1);
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  genai_live_close(s);
  /* the dead proxy alone fails the connection */
  unsetenv("no_proxy");
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_ETRANSPORT);
  /* a proxy scheme the Live API cannot use */
  setenv("http_proxy", "socks5://127.0.0.1:1080", 1);
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_ETRANSPORT);
  assert_non_null(strstr(genai_error_last()->message, "socks5"));
  unsetenv("http_proxy");
  genai_client_free(c);
}

/* Sessions on several threads at once, sharing one client: each gets its
 * own answers (checked on the main thread: cmocka asserts are not
 * thread-safe). */
typedef struct worker {
  genai_client *client;
  int index;
  int ok;
} worker;

static void *worker_run(void *arg) {
  worker *w = arg;
  genai_live_session *s = NULL;
  if (genai_live_connect(w->client, LIVE_MODEL, &text_config, &s) != GENAI_OK) return NULL;
  for (int turn = 0; turn < 3; turn++) {
    char prompt[64], want[128], got[256] = "";
    snprintf(prompt, sizeof prompt, "thread %d turn %d", w->index, turn);
    snprintf(want, sizeof want, "Echo from " LIVE_MODEL ": %s", prompt);
    if (genai_live_send_client_content(s, GENAI_TEXT(prompt), true) != GENAI_OK) break;
    const genai_live_server_message *m = NULL;
    genai_result rc;
    while ((rc = genai_live_receive(s, &m)) == GENAI_OK) {
      const char *t = genai_live_server_message_text(m);
      if (t) strncat(got, t, sizeof got - strlen(got) - 1);
    }
    if (rc != GENAI_DONE || strcmp(got, want) != 0) break;
    if (turn == 2) w->ok = 1;
  }
  genai_live_close(s);
  return NULL;
}

static void concurrent_sessions(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  enum { N = 6 };
  worker w[N];
  pthread_t t[N];
  for (int i = 0; i < N; i++) {
    w[i] = (worker){c, i, 0};
    assert_int_equal(pthread_create(&t[i], NULL, worker_run, &w[i]), 0);
  }
  for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < N; i++) assert_true(w[i].ok);
  genai_client_free(c);
}

/* A turn left open gets no answer: receive gives up after the client's timeout. */
static void receive_times_out(void **state) {
  (void)state;
  const genai_http_options http = {GENAI_INIT(genai_http_options), .timeout_ms = &(const int32_t){300}};
  genai_client *c = itest_mldev_client(&http);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("wait"), false), GENAI_OK);
  const genai_live_server_message *m = NULL;
  assert_int_equal(genai_live_receive(s, &m), GENAI_ETIMEOUT);
  /* the session is still usable */
  assert_int_equal(genai_live_send_client_content(s, NULL, true), GENAI_OK);
  int n;
  bool usage;
  assert_string_equal(receive_turn(s, &n, &usage), "Echo from " LIVE_MODEL ": wait");
  genai_live_close(s);
  genai_client_free(c);
}

/* An ephemeral token as the key: the constrained endpoint, the token in
 * Authorization and no API key header. */
static void ephemeral_token(void **state) {
  (void)state;
  genai_client *c = NULL;
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = "auth_tokens/ephemeral-1", .no_env = true,
                            .vertexai = &(const bool){false}};
  o.http_options = &(const genai_http_options){GENAI_INIT(genai_http_options), .base_url = itest_emu.base_url};
  assert_int_equal(genai_client_new(&o, &c), GENAI_OK);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("Hi"), true), GENAI_OK);
  int n;
  bool usage;
  assert_string_equal(receive_turn(s, &n, &usage), "Echo from " LIVE_MODEL ": Hi");
  genai_live_close(s);
  json_t *up = itest_request_at(0);
  assert_string_equal(json_string_value(json_object_get(up, "path")),
                      "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContentConstrained");
  json_t *headers = json_object_get(up, "headers");
  assert_string_equal(json_string_value(json_object_get(headers, "authorization")), "Token auth_tokens/ephemeral-1");
  assert_null(json_object_get(headers, "x-goog-api-key"));
  genai_client_free(c);
}

static void invalid_arguments(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_live_session *s = (genai_live_session *)1;
  assert_int_equal(genai_live_connect(c, "", NULL, &s), GENAI_EINVAL);
  assert_null(s);
  genai_live_connect_config config = text_config;
  config.http_options = &(const genai_http_options){GENAI_INIT(genai_http_options)};
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &config, &s), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "http_options"));
  genai_client *v = itest_vertex_client(NULL);
  config = text_config;
  config.translation_config = &(const genai_translation_config){GENAI_INIT(genai_translation_config)};
  assert_int_equal(genai_live_connect(v, LIVE_MODEL, &config, &s), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "translation_config"));
  assert_int_equal(itest_request_count(), 0);
  genai_client_free(v);
  genai_client_free(c);
}

/* session.send(input=..., end_of_turn=...): each kind of input becomes
 * the message Python's send makes of it. */
static void send_any_input(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  /* a text, not yet the end of the turn; then no input: the end of the turn */
  assert_int_equal(genai_live_send(s, &(genai_live_send_input){GENAI_INIT(genai_live_send_input),
                                                               .contents = GENAI_TEXT("Hello world!")},
                                   false),
                   GENAI_OK);
  assert_int_equal(genai_live_send(s, NULL, false), GENAI_OK);
  int n;
  bool usage;
  assert_string_equal(receive_turn(s, &n, &usage), "Echo from " LIVE_MODEL ": Hello world!");
  /* media blobs: realtime input media chunks */
  const uint8_t pcm[4] = {1, 2, 3, 4};
  const genai_blob blob = {GENAI_INIT(genai_blob), .data = {pcm, sizeof pcm}, .mime_type = "audio/pcm;rate=16000"};
  const genai_blob *blobs[] = {&blob};
  assert_int_equal(genai_live_send(s, &(genai_live_send_input){GENAI_INIT(genai_live_send_input),
                                                               .media_chunks = blobs, .media_chunks_count = 1},
                                   true),
                   GENAI_OK);
  /* a clientContent as given: its own turnComplete */
  const genai_part part = {GENAI_INIT(genai_part), .text = "as given"};
  const genai_part *parts[] = {&part};
  const genai_content turn = {GENAI_INIT(genai_content), .role = "user", .parts = parts, .parts_count = 1};
  const genai_content *turns[] = {&turn};
  const genai_live_client_content cc = {GENAI_INIT(genai_live_client_content), .turns = turns, .turns_count = 1,
                                        .turn_complete = &(const bool){true}};
  assert_int_equal(genai_live_send(s, &(genai_live_send_input){GENAI_INIT(genai_live_send_input),
                                                               .client_content = &cc},
                                   false),
                   GENAI_OK);
  assert_string_equal(receive_turn(s, &n, &usage), "Echo from " LIVE_MODEL ": as given");
  /* refused: two inputs at once; a function response without its id on the Gemini API */
  const genai_function_response fr = {GENAI_INIT(genai_function_response), .name = "f", .response_json = "{}"};
  const genai_function_response *frs[] = {&fr};
  assert_int_equal(genai_live_send(s, &(genai_live_send_input){GENAI_INIT(genai_live_send_input),
                                                               .contents = GENAI_TEXT("x"), .media_chunks = blobs,
                                                               .media_chunks_count = 1},
                                   true),
                   GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "at most one"));
  assert_int_equal(genai_live_send(s, &(genai_live_send_input){GENAI_INIT(genai_live_send_input),
                                                               .function_responses = frs,
                                                               .function_responses_count = 1},
                                   true),
                   GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "function_responses[0].id"));
  genai_live_close(s);
  const char *const want[] = {
      "{\"clientContent\":{\"turnComplete\":false,\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":"
      "\"Hello world!\"}]}]}}",
      "{\"clientContent\":{\"turnComplete\":true}}",
      "{\"realtimeInput\":{\"mediaChunks\":[{\"data\":\"AQIDBA==\",\"mimeType\":\"audio/pcm;rate=16000\"}]}}",
      "{\"clientContent\":{\"turnComplete\":true,\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":"
      "\"as given\"}]}]}}",
  };
  for (size_t i = 0; i < 4; i++) {
    json_t *e = itest_request_at(2 + i);
    itest_assert_json_value(json_object_get(e, "body"), want[i]);
  }
  genai_client_free(c);
}

/* A stream of pieces, read as start_stream asks for them. */
typedef struct pieces {
  int next, count;
  const int *heard; /* messages handed out so far: the stream goes on (to 1000 pieces) until one came */
  uint8_t buf[320];
} pieces;

static genai_result next_piece(void *user_data, genai_bytes *chunk) {
  pieces *p = user_data;
  if (p->next >= p->count && (!p->heard || *p->heard > 0 || p->next >= 1000)) return GENAI_DONE;
  /* paced like audio from a microphone: 10 ms a piece */
  nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
  memset(p->buf, p->next + 1, sizeof p->buf);
  p->next++;
  *chunk = (genai_bytes){p->buf, sizeof p->buf};
  return GENAI_OK;
}

/* session.start_stream(stream=..., mime_type=...): the pieces go out as
 * media chunks, the messages that arrive meanwhile are handed out, and the
 * step after the last piece is DONE. */
static void start_stream(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  /* a turn answered while the stream goes out */
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT("streaming now"), true), GENAI_OK);
  int streamed = 0;
  pieces p = {.count = 50, .heard = &streamed};
  const genai_live_server_message *m = NULL;
  genai_result rc;
  char text[256] = "";
  bool complete = false;
  while ((rc = genai_live_start_stream(s, "audio/pcm;rate=16000", next_piece, &p, &m)) == GENAI_OK) {
    streamed++;
    const char *t = genai_live_server_message_text(m);
    if (t) strncat(text, t, sizeof text - strlen(text) - 1);
    if (m->server_content && m->server_content->turn_complete && *m->server_content->turn_complete) complete = true;
  }
  assert_int_equal(rc, GENAI_DONE);
  assert_true(p.next >= 50);
  assert_true(streamed > 0); /* the answer came while pieces were still going out */
  /* what had not arrived by then is still there for receive */
  while (!complete && (rc = genai_live_receive(s, &m)) == GENAI_OK) {
    const char *t = genai_live_server_message_text(m);
    if (t) strncat(text, t, sizeof text - strlen(text) - 1);
    complete = m->server_content && m->server_content->turn_complete && *m->server_content->turn_complete;
  }
  assert_true(complete);
  assert_string_equal(text, "Echo from " LIVE_MODEL ": streaming now");
  assert_int_equal(genai_live_send_realtime_input(
                       s, &(genai_live_client_realtime_input){GENAI_INIT(genai_live_client_realtime_input),
                                                              .audio_stream_end = &(const bool){true}}),
                   GENAI_EINVAL); /* not on Vertex AI: the codec refuses it */
  genai_live_close(s);
  /* every piece reached the emulator (which may still be logging the last
   * ones while the client is already done: wait up to 5 s for them) */
  size_t media = 0;
  for (int tries = 0; tries < 50 && media < (size_t)p.next; tries++) {
    if (tries) nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    media = 0;
    json_t *log = itest_requests();
    for (size_t i = 0; i < json_array_size(log); i++) {
      json_t *chunk = json_array_get(
          json_object_get(json_object_get(json_object_get(json_array_get(log, i), "body"), "realtimeInput"),
                          "mediaChunks"),
          0);
      if (!chunk) continue;
      media++;
      assert_string_equal(json_string_value(json_object_get(chunk, "mimeType")), "audio/pcm;rate=16000");
    }
    json_decref(log);
  }
  assert_int_equal(media, (size_t)p.next);
  /* a reader's error stops the stream with it; the arguments are checked */
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  assert_int_equal(genai_live_start_stream(s, NULL, next_piece, &p, &m), GENAI_EINVAL);
  assert_int_equal(genai_live_start_stream(s, "audio/pcm", NULL, &p, &m), GENAI_EINVAL);
  genai_live_close(s);
  genai_client_free(c);
}

/* Vertex AI behind an API gateway (custom base URL, no project, location
 * or key): the base URL itself, the model as given, the caller's headers
 * as the credentials (live.py). The emulator serves no such path: the
 * upgrade is refused, after it was logged as sent. */
static void vertex_gateway_uses_the_base_url(void **state) {
  (void)state;
  char url[160];
  snprintf(url, sizeof url, "%s/gateway/live", itest_emu.base_url);
  genai_string_entry headers[] = {{"x-gateway-auth", "gw-credential"}};
  genai_client_options o = {GENAI_INIT(genai_client_options), .vertexai = &(const bool){true}, .no_env = true};
  o.http_options = &(const genai_http_options){GENAI_INIT(genai_http_options), .base_url = url, .headers = headers,
                                               .headers_count = 1};
  genai_client *c = NULL;
  assert_int_equal(genai_client_new(&o, &c), GENAI_OK);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, "my-live-model", &text_config, &s), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  json_t *up = itest_request_at(0);
  assert_string_equal(json_string_value(json_object_get(up, "path")), "/gateway/live");
  json_t *h = json_object_get(up, "headers");
  assert_string_equal(json_string_value(json_object_get(h, "x-gateway-auth")), "gw-credential");
  assert_null(json_object_get(h, "authorization"));
  assert_null(json_object_get(h, "x-goog-api-key"));
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(gemini_text_session, itest_reset),
      cmocka_unit_test_setup(vertex_express_text_session, itest_reset),
      cmocka_unit_test_setup(vertex_text_session, itest_reset),
      cmocka_unit_test_setup(vertex_defaults_to_audio, itest_reset),
      cmocka_unit_test_setup(gemini_tool_call, itest_reset),
      cmocka_unit_test_setup(vertex_tool_call, itest_reset),
      cmocka_unit_test_setup(tool_response_needs_id_on_gemini, itest_reset),
      cmocka_unit_test_setup(gemini_automatic_tool_calls, itest_reset),
      cmocka_unit_test_setup(vertex_automatic_tool_calls, itest_reset),
      cmocka_unit_test_setup(realtime_input, itest_reset),
      cmocka_unit_test_setup(close_codes_become_api_errors, itest_reset),
      cmocka_unit_test_setup(bad_credentials_refuse_the_upgrade, itest_reset),
      cmocka_unit_test_setup(receive_times_out, itest_reset),
      cmocka_unit_test_setup(large_messages, itest_reset),
      cmocka_unit_test_setup(ephemeral_token, itest_reset),
      cmocka_unit_test_setup(proxies, itest_reset),
      cmocka_unit_test_setup(concurrent_sessions, itest_reset),
      cmocka_unit_test_setup(gemini_session_resumption, itest_reset),
      cmocka_unit_test_setup(vertex_session_resumption, itest_reset),
      cmocka_unit_test_setup(invalid_arguments, itest_reset),
      cmocka_unit_test_setup(vertex_gateway_uses_the_base_url, itest_reset),
      cmocka_unit_test_setup(send_any_input, itest_reset),
      cmocka_unit_test_setup(start_stream, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
