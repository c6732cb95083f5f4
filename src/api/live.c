/* The Live API session (live.py's AsyncLive.connect and AsyncSession): the
 * URL and headers per backend, the setup message, client messages and the
 * receive iterator. The WebSocket itself is http/ws.c. */
#include <genai/live.h>

#include <stdatomic.h>
#include <string.h>
#include <strings.h>

#include "api/live_internal.h"
#include "api/request.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/log.h"
#include "core/structsize.h"
#include "http/ws.h"
#include "wire/codec.h"
#include "wire/names.h"
#include "wire/types_gen.h"

/* Idle seconds before a keepalive ping: the Python websockets default. */
#define PING_INTERVAL_S 20
/* A send waits this long for the socket when the client sets no timeout. */
#define DEFAULT_SEND_TIMEOUT_MS 30000

static bool starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Vertex AI behind an API gateway (a custom base URL, no project, location
 * or key): live.py connects to the base URL itself, with the model name as
 * given and the caller's headers as the only credentials. */
static bool vertex_gateway(const genai_client *c) {
  return c->vertexai && c->custom_base_url && !c->project && !c->location && !c->api_key;
}

/* wss://host/ws/... from the REST base URL (http -> ws, https -> wss). */
static genai_result live_url(const genai_client *c, bool ephemeral, char **out) {
  const char *base = c->base_url;
  const char *scheme = starts_with(base, "https://") ? "wss://" : starts_with(base, "http://") ? "ws://" : NULL;
  if (!scheme) return genai__err(GENAI_EINVAL, "base_url must start with http:// or https:// for the Live API");
  const char *rest = base + (scheme[2] == 's' ? 8 : 7);
  size_t n = strlen(rest);
  while (n && rest[n - 1] == '/') n--; /* one slash before ws/, where Python's join gives two */
  const char *version = c->api_version ? c->api_version : (c->vertexai ? "v1beta1" : "v1beta");
  genai__buf b = {0};
  genai_result rc = vertex_gateway(c) ? genai__buf_printf(&b, "%s%s", scheme, rest) :
      c->vertexai ? genai__buf_printf(&b, "%s%.*s/ws/google.cloud.aiplatform.%s.LlmBidiService/BidiGenerateContent",
                                      scheme, (int)n, rest, version)
                  : genai__buf_printf(&b, "%s%.*s/ws/google.ai.generativelanguage.%s.GenerativeService.%s", scheme,
                                      (int)n, rest, version,
                                      ephemeral ? "BidiGenerateContentConstrained" : "BidiGenerateContent");
  if (rc != GENAI_OK) {
    genai__buf_free(&b);
    return genai__err(GENAI_ENOMEM, "out of memory");
  }
  *out = genai__buf_take(&b);
  return *out ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}

/* The client's headers, with the credential the Live endpoint expects. */
static genai_result live_headers(genai_client *c, bool ephemeral, genai__headers *h, char **token) {
  genai_result rc = GENAI_OK;
  for (size_t i = 0; rc == GENAI_OK && i < c->headers.count; i++) {
    const genai__header *x = &c->headers.items[i];
    if (ephemeral && strcasecmp(x->name, "x-goog-api-key") == 0) continue;
    rc = genai__headers_set(h, x->name, x->value);
  }
  if (rc == GENAI_OK) rc = genai__version_label(h, "user-agent");
  if (rc == GENAI_OK) rc = genai__version_label(h, "x-goog-api-client");
  if (rc != GENAI_OK) return rc;
  genai__buf b = {0};
  if (ephemeral) {
    if (genai__buf_printf(&b, "Token %s", c->api_key) != GENAI_OK) rc = genai__err(GENAI_ENOMEM, "out of memory");
  } else if (c->vertexai && (c->project || c->location) && !c->api_key &&
             !genai__headers_get(h, "Authorization")) {
    if (!c->tokens)
      return genai__err(GENAI_EAUTH, "Vertex AI with a project and location needs OAuth 2.0 credentials: pass a "
                                     "token_provider in genai_client_options, or use an API key (express mode)");
    rc = genai__token_cache_get(c->tokens, false, token);
    if (rc == GENAI_OK && genai__buf_printf(&b, "Bearer %s", *token) != GENAI_OK)
      rc = genai__err(GENAI_ENOMEM, "out of memory");
  } else {
    return GENAI_OK;
  }
  if (rc == GENAI_OK) rc = b.data ? genai__headers_set(h, "Authorization", b.data) : genai__err(GENAI_ENOMEM, "out of memory");
  genai__free_secret(b.data);
  return rc;
}

/* setup.model: "models/m" on the Gemini API; on Vertex AI the full
 * projects/P/locations/L/publishers/google/models/m when the client has a
 * project and location, publishers/google/models/m with a key, and the name
 * as given behind a gateway. */
static genai_result setup_model(const genai_client *c, const char *model, char **out) {
  if (vertex_gateway(c)) {
    *out = genai__strdup(model);
    return *out ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
  }
  char *name = NULL;
  genai_result rc = genai__t_model(c->vertexai, model, &name);
  if (rc != GENAI_OK) return rc;
  if (!c->vertexai || !c->project || !c->location || c->api_key || starts_with(name, "projects/")) {
    *out = name;
    return GENAI_OK;
  }
  genai__buf b = {0};
  rc = genai__buf_printf(&b, "projects/%s/locations/%s/%s", c->project, c->location, name);
  genai__free(name);
  if (rc != GENAI_OK) {
    genai__buf_free(&b);
    return genai__err(GENAI_ENOMEM, "out of memory");
  }
  *out = genai__buf_take(&b);
  return GENAI_OK;
}

static genai_result send_tool_response(genai_live_session *s, const genai_function_response *const *responses,
                                       size_t count);

static genai_result send_json(genai_live_session *s, json_t *doc) {
  char *text = doc ? genai__json_dump(doc) : NULL;
  json_decref(doc);
  if (!text) return genai__err(GENAI_ENOMEM, "out of memory");
  genai__log(GENAI_LOG_DEBUG, "live: sending %zu bytes", strlen(text));
  genai_result rc = s->async ? genai__live_async_send(s, text, strlen(text))
                             : genai__ws_send(s->ws, text, strlen(text), s->send_timeout_ms);
  genai__free(text);
  return rc;
}

static genai_result build_setup(genai_client *c, const char *model, const genai_live_connect_config *config,
                                json_t **out) {
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = genai__client_backend(c), .project = c->project, .location = c->location,
                           .tmp = &tmp};
  json_t *msg = NULL;
  genai_result rc = config ? genai__encode_new(&ctx, &genai__type_live_connect_config, config, &msg) : GENAI_OK;
  genai__arena_release(&tmp);
  if (rc != GENAI_OK) {
    genai__err_prefix("config");
    return rc;
  }
  if (!msg) msg = json_object();
  json_t *setup = json_object_get(msg, "setup");
  if (msg && !setup && json_object_set_new(msg, "setup", json_object()) == 0) setup = json_object_get(msg, "setup");
  if (!setup) {
    json_decref(msg);
    return genai__err(GENAI_ENOMEM, "out of memory");
  }
  char *name = NULL;
  rc = setup_model(c, model, &name);
  if (rc == GENAI_OK && json_object_set_new(setup, "model", json_string(name)) != 0)
    rc = genai__err(GENAI_ENOMEM, "out of memory");
  genai__free(name);
  /* live.py: Vertex AI with a project answers in audio unless told otherwise */
  if (rc == GENAI_OK && c->vertexai && c->project && !c->api_key) {
    json_t *gc = json_object_get(setup, "generationConfig");
    if (!gc && json_object_set_new(setup, "generationConfig", json_object()) == 0)
      gc = json_object_get(setup, "generationConfig");
    if (!gc || (!json_object_get(gc, "responseModalities") &&
                json_object_set_new(gc, "responseModalities", json_pack("[s]", "AUDIO")) != 0))
      rc = genai__err(GENAI_ENOMEM, "out of memory");
  }
  if (rc != GENAI_OK) {
    json_decref(msg);
    return rc;
  }
  *out = msg;
  return GENAI_OK;
}

/* Decodes a server message; an error object the codec does not know
 * becomes GENAI_EAPI with its code, as live.py raises APIError. */
genai_result genai__live_decode(genai_live_session *s, const char *data, size_t len,
                                genai_live_server_message **out) {
  genai_result rc =
      genai__decode_owned(&genai__type_live_server_message, s->backend, data, len, (void **)out);
  if (rc != GENAI_OK) return rc;
  genai_live_server_message *m = *out;
  if (m->setup_complete || m->server_content || m->tool_call || m->tool_call_cancellation || m->usage_metadata ||
      m->go_away || m->session_resumption_update || m->voice_activity_detection_signal || m->voice_activity)
    return GENAI_OK;
  json_t *doc = json_loadb(data, len, 0, NULL);
  json_t *err = json_object_get(doc, "error");
  if (err) {
    json_int_t code = json_integer_value(json_object_get(err, "code"));
    const char *message = json_string_value(json_object_get(err, "message"));
    const char *status = json_string_value(json_object_get(err, "status"));
    genai__api_error e = {.code = GENAI_EAPI,
                          .http_status = (int)code,
                          .status = status,
                          .message = message ? message : "the server sent an error"};
    rc = genai__err_full(&e);
    genai_live_server_message_free(m);
    *out = NULL;
  }
  json_decref(doc);
  return rc;
}

/* Keeps the C functions of config.tools (genai_tool.function) for
 * automatic tool calls: copies of the descriptions in the session's arena;
 * the callbacks and their user_data are the caller's and must stay valid. */
static genai_result setup_functions(genai_live_session *s, const genai_live_connect_config *config) {
  if (!config || !config->tools_count) return GENAI_OK;
  genai_generate_content_config gc = {GENAI_INIT(genai_generate_content_config), .tools = config->tools,
                                      .tools_count = config->tools_count};
  genai_result rc = genai__afc_setup(&s->fn_arena, &gc, &s->afc, &s->afc_run);
  for (size_t i = 0; rc == GENAI_OK && s->afc_run && i < s->afc.functions_count; i++) {
    genai_function *copy = genai__arena_alloc(&s->fn_arena, sizeof *copy);
    if (!copy) return genai__err(GENAI_ENOMEM, "out of memory");
    rc = genai__struct_copy(s->afc.functions[i], sizeof *copy, "config.tools[].function", "genai_function", copy);
    if (rc != GENAI_OK) return rc;
    copy->struct_size = sizeof *copy;
    copy->name = genai__arena_strdup(&s->fn_arena, copy->name ? copy->name : "");
    copy->description = copy->parameters_json_schema = copy->response_json_schema = NULL;
    if (!copy->name) return genai__err(GENAI_ENOMEM, "out of memory");
    s->afc.functions[i] = copy;
  }
  return rc;
}

/* Runs the functions a toolCall asks for and sends their responses (calls
 * of unknown functions get error responses, as in automatic function
 * calling). The per-call memory lives in a scratch arena. */
static genai_result answer_tool_call(genai_live_session *s, const genai_live_server_tool_call *tc) {
  genai__arena round = {0};
  genai__arena *saved = s->afc.arena;
  s->afc.arena = &round;
  genai_result rc = GENAI_OK;
  genai_part *parts = genai__arena_alloc(&round, (tc->function_calls_count + 1) * sizeof *parts);
  const genai_part **ptrs = genai__arena_alloc(&round, (tc->function_calls_count + 1) * sizeof *ptrs);
  if (!parts || !ptrs) rc = genai__err(GENAI_ENOMEM, "out of memory");
  for (size_t i = 0; rc == GENAI_OK && i < tc->function_calls_count; i++) {
    parts[i] = (genai_part){GENAI_INIT(genai_part), .function_call = tc->function_calls[i]};
    ptrs[i] = &parts[i];
  }
  const genai_content content = {GENAI_INIT(genai_content), .parts = ptrs,
                                 .parts_count = rc == GENAI_OK ? tc->function_calls_count : 0};
  const genai_part **out = NULL;
  size_t count = 0, cap = 0;
  if (rc == GENAI_OK) rc = genai__afc_call_functions(&s->afc, &content, &out, &count, &cap);
  const genai_function_response **responses =
      rc == GENAI_OK ? genai__arena_alloc(&round, (count + 1) * sizeof *responses) : NULL;
  if (rc == GENAI_OK && !responses) rc = genai__err(GENAI_ENOMEM, "out of memory");
  for (size_t i = 0; rc == GENAI_OK && i < count; i++) responses[i] = out[i]->function_response;
  if (rc == GENAI_OK && count) rc = send_tool_response(s, responses, count);
  s->afc.arena = saved;
  genai__arena_release(&round);
  return rc;
}

genai_result genai__live_prepare(genai_client *client, const char *model, const genai_live_connect_config *config,
                                 genai_live_session **out, genai__live_plan *plan) {
  memset(plan, 0, sizeof *plan);
  if (!client) return genai__err(GENAI_EINVAL, "client must not be NULL");
  if (!model || !*model) return genai__err(GENAI_EINVAL, "model is required.");
  if (config && config->struct_size >= offsetof(genai_live_connect_config, http_options) + sizeof(void *) &&
      config->http_options)
    return genai__err(GENAI_EINVAL, "config.http_options is not supported in the Live API");
  bool ephemeral = client->api_key && starts_with(client->api_key, "auth_tokens/");
  if (ephemeral && client->vertexai)
    return genai__err(GENAI_EINVAL, "ephemeral tokens (auth_tokens/...) are only supported by the Gemini API");
  json_t *setup = NULL;
  genai_result rc = build_setup(client, model, config, &setup);
  if (rc != GENAI_OK) return rc;
  plan->setup = genai__json_dump(setup);
  json_decref(setup);
  if (!plan->setup) return genai__err(GENAI_ENOMEM, "out of memory");
  genai_live_session *s = genai__calloc(1, sizeof *s);
  if (!s) rc = genai__err(GENAI_ENOMEM, "out of memory");
  if (rc == GENAI_OK) {
    s->client = client;
    s->backend = genai__client_backend(client);
    s->send_timeout_ms = client->settings.timeout_ms > 0 ? client->settings.timeout_ms : DEFAULT_SEND_TIMEOUT_MS;
    s->recv_timeout_ms = client->settings.timeout_ms;
    rc = setup_functions(s, config);
  }
  if (rc == GENAI_OK) rc = live_url(client, ephemeral, &plan->url);
  if (rc == GENAI_OK) rc = live_headers(client, ephemeral, &plan->headers, &plan->token);
  if (rc != GENAI_OK) {
    if (s) genai__live_free(s);
    genai__live_plan_clear(plan);
    return rc;
  }
  genai__secrets_add(&plan->secrets, client->api_key);
  genai__secrets_add(&plan->secrets, plan->token);
  *out = s;
  return GENAI_OK;
}

genai__ws_options genai__live_ws_options(const genai_live_session *s, const genai__live_plan *plan) {
  return (genai__ws_options){.url = plan->url,
                             .headers = &plan->headers,
                             .secrets = &plan->secrets,
                             .connect_timeout_ms = s->client->settings.connect_timeout_ms,
                             .ping_interval_s = PING_INTERVAL_S};
}

void genai__live_plan_clear(genai__live_plan *plan) {
  genai__headers_clear(&plan->headers);
  genai__free_secret(plan->token);
  genai__free(plan->url);
  genai__free(plan->setup);
  memset(plan, 0, sizeof *plan);
}

genai_result genai_live_connect(genai_client *client, const char *model, const genai_live_connect_config *config,
                                genai_live_session **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out must not be NULL");
  *out = NULL;
  genai_live_session *s = NULL;
  genai__live_plan plan;
  genai_result rc = genai__live_prepare(client, model, config, &s, &plan);
  if (rc != GENAI_OK) return rc;
  genai__ws_options o = genai__live_ws_options(s, &plan);
  genai__log(GENAI_LOG_DEBUG, "live: connecting to %s", plan.url);
  rc = genai__ws_connect(&o, &s->ws);
  if (rc == GENAI_OK) rc = genai__ws_send(s->ws, plan.setup, strlen(plan.setup), s->send_timeout_ms);
  genai__live_plan_clear(&plan);
  if (rc == GENAI_OK) {
    const char *data;
    size_t len;
    rc = genai__ws_recv(s->ws, s->recv_timeout_ms, &data, &len);
    if (rc == GENAI_DONE) rc = genai__err(GENAI_ETRANSPORT, "the server closed the Live API session during setup");
    if (rc == GENAI_OK) rc = genai__live_decode(s, data, len, &s->setup);
    if (rc == GENAI_OK && !s->setup->setup_complete)
      rc = genai__err(GENAI_EDECODE, "the first Live API message was not setupComplete");
  }
  if (rc != GENAI_OK) {
    genai_live_close(s);
    return rc;
  }
  *out = s;
  return GENAI_OK;
}

genai_result genai_live_send_client_content(genai_live_session *s, const genai_contents *turns, bool turn_complete) {
  if (!s) return genai__err(GENAI_EINVAL, "session must not be NULL");
  json_t *content = json_pack("{s:b}", "turnComplete", turn_complete);
  if (!content) return genai__err(GENAI_ENOMEM, "out of memory");
  if (turns) {
    genai__arena tmp = {0};
    genai__encode_ctx ctx = {.backend = s->backend, .tmp = &tmp};
    json_t *list = NULL;
    genai_result rc = genai__encode_contents_list(&ctx, turns, &list);
    genai__arena_release(&tmp);
    if (rc != GENAI_OK) {
      json_decref(content);
      genai__err_prefix("turns");
      return rc;
    }
    if (json_object_set_new(content, "turns", list) != 0) {
      json_decref(content);
      return genai__err(GENAI_ENOMEM, "out of memory");
    }
  }
  return send_json(s, json_pack("{s:o}", "clientContent", content));
}

static int set_count(const genai_live_client_realtime_input *in) {
  return (in->media_chunks_count > 0) + (in->audio != NULL) + (in->audio_stream_end != NULL) +
         (in->video != NULL) + (in->text != NULL) + (in->activity_start != NULL) + (in->activity_end != NULL);
}

genai_result genai_live_send_realtime_input(genai_live_session *s, const genai_live_client_realtime_input *input) {
  if (!s) return genai__err(GENAI_EINVAL, "session must not be NULL");
  if (!input) return genai__err(GENAI_EINVAL, "input must not be NULL");
  if (input->struct_size != sizeof *input)
    return genai__err(GENAI_EINVAL, "input.struct_size must be sizeof(genai_live_client_realtime_input)");
  if (set_count(input) != 1)
    return genai__err(GENAI_EINVAL, "input: exactly one of media_chunks, audio, audio_stream_end, video, text, "
                                    "activity_start and activity_end must be set");
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = s->backend, .tmp = &tmp};
  json_t *obj = NULL;
  genai_result rc = genai__encode_new(&ctx, &genai__type_live_client_realtime_input, input, &obj);
  genai__arena_release(&tmp);
  if (rc != GENAI_OK) {
    genai__err_prefix("input");
    return rc;
  }
  return send_json(s, json_pack("{s:o}", "realtimeInput", obj));
}

genai_result genai_live_send_tool_response(genai_live_session *s, const genai_function_response *const *responses,
                                           size_t count) {
  if (!s) return genai__err(GENAI_EINVAL, "session must not be NULL");
  if (!responses || count == 0) return genai__err(GENAI_EINVAL, "function_responses must not be empty");
  for (size_t i = 0; i < count; i++) {
    if (!responses[i]) return genai__err(GENAI_EINVAL, "function_responses[%zu] is NULL", i);
    if (s->backend == GENAI__BACKEND_MLDEV && (!responses[i]->id || !*responses[i]->id))
      return genai__err(GENAI_EINVAL, "function_responses[%zu].id is required on the Gemini API", i);
  }
  return send_tool_response(s, responses, count);
}

static genai_result send_tool_response(genai_live_session *s, const genai_function_response *const *responses,
                                       size_t count) {
  genai_live_client_tool_response tr = {GENAI_INIT(genai_live_client_tool_response), .function_responses = responses,
                                        .function_responses_count = count};
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = s->backend, .tmp = &tmp};
  json_t *obj = NULL;
  genai_result rc = genai__encode_new(&ctx, &genai__type_live_client_tool_response, &tr, &obj);
  genai__arena_release(&tmp);
  if (rc != GENAI_OK) return rc;
  return send_json(s, json_pack("{s:o}", "toolResponse", obj));
}

/* A realtimeInput of media chunks (the older API's way to stream media). */
static genai_result send_media_chunks(genai_live_session *s, const genai_blob *const *chunks, size_t count) {
  const genai_live_client_realtime_input ri = {GENAI_INIT(genai_live_client_realtime_input), .media_chunks = chunks,
                                               .media_chunks_count = count};
  return genai_live_send_realtime_input(s, &ri);
}

static int send_input_count(const genai_live_send_input *in) {
  return (in->contents != NULL) + (in->client_content != NULL) + (in->realtime_input != NULL) +
         (in->media_chunks_count > 0) + (in->tool_response != NULL) + (in->function_responses_count > 0);
}

genai_result genai_live_send(genai_live_session *s, const genai_live_send_input *input, bool end_of_turn) {
  if (!s) return genai__err(GENAI_EINVAL, "session must not be NULL");
  genai_live_send_input in = {0};
  if (input) {
    genai_result rc = genai__struct_copy(input, sizeof in, "input", "genai_live_send_input", &in);
    if (rc != GENAI_OK) return rc;
  }
  int n = send_input_count(&in);
  if (n > 1)
    return genai__err(GENAI_EINVAL, "input: at most one of contents, client_content, realtime_input, media_chunks, "
                                    "tool_response and function_responses may be set");
  if (n == 0) return genai_live_send_client_content(s, NULL, true);
  if (in.contents) return genai_live_send_client_content(s, in.contents, end_of_turn);
  if (in.realtime_input) return genai_live_send_realtime_input(s, in.realtime_input);
  if (in.media_chunks_count) return send_media_chunks(s, in.media_chunks, in.media_chunks_count);
  if (in.tool_response)
    return genai_live_send_tool_response(s, in.tool_response->function_responses,
                                         in.tool_response->function_responses_count);
  if (in.function_responses_count)
    return genai_live_send_tool_response(s, in.function_responses, in.function_responses_count);
  /* a clientContent as given */
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = s->backend, .tmp = &tmp};
  json_t *obj = NULL;
  genai_result rc = genai__encode_new(&ctx, &genai__type_live_client_content, in.client_content, &obj);
  genai__arena_release(&tmp);
  if (rc != GENAI_OK) {
    genai__err_prefix("input.client_content");
    return rc;
  }
  return send_json(s, json_pack("{s:o}", "clientContent", obj ? obj : json_object()));
}

/* A message that has arrived already, without waiting: GENAI_OK with it
 * (decoded, absorbed), GENAI_EINPROGRESS when none, or the session's end. */
static genai_result take_arrived(genai_live_session *s, const genai_live_server_message **message) {
  genai__ws_service(s->ws);
  const char *data;
  size_t len;
  genai_result rc = genai__ws_take(s->ws, &data, &len);
  if (rc != GENAI_OK) return rc;
  rc = genai__live_decode(s, data, len, &s->current);
  if (rc == GENAI_OK) rc = genai__live_absorb(s, s->current);
  if (rc == GENAI_OK) *message = s->current;
  return rc;
}

genai_result genai_live_start_stream(genai_live_session *s, const char *mime_type, genai_live_stream_reader read,
                                     void *user_data, const genai_live_server_message **message) {
  if (!message) return genai__err(GENAI_EINVAL, "message must not be NULL");
  *message = NULL;
  if (!s) return genai__err(GENAI_EINVAL, "session must not be NULL");
  if (!read) return genai__err(GENAI_EINVAL, "read (the stream) must not be NULL");
  if (!mime_type || !*mime_type) return genai__err(GENAI_EINVAL, "mime_type is required");
  if (s->async)
    return genai__err(GENAI_EINVAL, "session was opened with genai_live_connect_async: send the stream with "
                                    "genai_live_send_realtime_input and read messages in callbacks.on_message");
  genai_live_server_message_free(s->current);
  s->current = NULL;
  s->turn_ended = false;
  for (;;) {
    genai_result rc = take_arrived(s, message);
    if (rc != GENAI_EINPROGRESS) return rc;
    genai_bytes chunk = {0};
    rc = read(user_data, &chunk);
    if (rc != GENAI_OK) return rc;
    if (!chunk.size) continue;
    const genai_blob blob = {GENAI_INIT(genai_blob), .data = chunk, .mime_type = mime_type};
    const genai_blob *chunks[] = {&blob};
    rc = send_media_chunks(s, chunks, 1);
    if (rc != GENAI_OK) return rc;
  }
}

genai_result genai_live_receive(genai_live_session *s, const genai_live_server_message **message) {
  if (!message) return genai__err(GENAI_EINVAL, "message must not be NULL");
  *message = NULL;
  if (!s) return genai__err(GENAI_EINVAL, "session must not be NULL");
  if (s->async)
    return genai__err(GENAI_EINVAL, "session was opened with genai_live_connect_async: its messages go to "
                                    "callbacks.on_message");
  genai_live_server_message_free(s->current);
  s->current = NULL;
  if (s->turn_ended) {
    s->turn_ended = false;
    return GENAI_DONE;
  }
  const char *data;
  size_t len;
  genai_result rc = genai__ws_recv(s->ws, s->recv_timeout_ms, &data, &len);
  if (rc != GENAI_OK) return rc;
  rc = genai__live_decode(s, data, len, &s->current);
  if (rc == GENAI_OK) rc = genai__live_absorb(s, s->current);
  if (rc != GENAI_OK) return rc;
  const genai_live_server_content *sc = s->current->server_content;
  s->turn_ended = sc && sc->turn_complete && *sc->turn_complete;
  *message = s->current;
  return GENAI_OK;
}

genai_result genai__live_absorb(genai_live_session *s, const genai_live_server_message *m) {
  const genai_live_server_session_resumption_update *ru = m->session_resumption_update;
  if (ru && ru->new_handle && *ru->new_handle && !(ru->resumable && !*ru->resumable)) {
    char *copy = genai__strdup(ru->new_handle);
    if (!copy) return genai__err(GENAI_ENOMEM, "out of memory");
    genai__free(s->resume_handle);
    s->resume_handle = copy;
  }
  const genai_live_server_tool_call *tc = m->tool_call;
  if (s->afc_run && tc && tc->function_calls_count) return answer_tool_call(s, tc);
  return GENAI_OK;
}

const genai_live_server_setup_complete *genai_live_setup_complete(const genai_live_session *s) {
  return s && s->setup ? s->setup->setup_complete : NULL;
}

const char *genai_live_session_id(const genai_live_session *s) {
  return s && s->setup && s->setup->setup_complete ? s->setup->setup_complete->session_id : NULL;
}

const char *genai_live_session_resumption_handle(const genai_live_session *s) { return s ? s->resume_handle : NULL; }

void genai_live_close(genai_live_session *s) {
  if (!s) return;
  if (s->async) {
    genai__live_async_close(s);
    return;
  }
  genai__ws_free(s->ws);
  genai__live_free(s);
}

void genai__live_free(genai_live_session *s) {
  genai_live_server_message_free(s->current);
  genai_live_server_message_free(s->setup);
  genai__arena_release(&s->fn_arena);
  genai__free(s->resume_handle);
  for (genai__live_held *h = s->held_head, *next; h; h = next) {
    next = h->next;
    genai__free(h);
  }
  genai__error_copy_clear(&s->error);
  genai__free(s);
}

static const genai_content *model_turn(const genai_live_server_message *m) {
  return m && m->server_content ? m->server_content->model_turn : NULL;
}

const char *genai_live_server_message_text(const genai_live_server_message *m) {
  const genai_content *c = model_turn(m);
  if (!c) return NULL;
  genai__owned *h = genai__owned_of(m);
  if (!h) return NULL;
  char *cached = atomic_load(&h->text_cache);
  if (cached) return cached;
  genai__buf b = {0};
  bool any = false;
  for (size_t i = 0; i < c->parts_count; i++) {
    const genai_part *p = c->parts[i];
    if (!p->text || (p->thought && *p->thought)) continue;
    any = true;
    if (genai__buf_puts(&b, p->text) != GENAI_OK) {
      genai__buf_free(&b);
      return NULL;
    }
  }
  if (!any) return NULL;
  char *text = b.data ? genai__buf_take(&b) : genai__strdup("");
  if (!text) return NULL;
  char *expected = NULL;
  if (!atomic_compare_exchange_strong(&h->text_cache, &expected, text)) {
    genai__free(text);
    return expected;
  }
  return text;
}

genai_result genai_live_server_message_data(const genai_live_server_message *m, genai_bytes *out) {
  if (!out) return genai__err(GENAI_EINVAL, "out must not be NULL");
  *out = (genai_bytes){NULL, 0};
  if (!m) return genai__err(GENAI_EINVAL, "message must not be NULL");
  const genai_content *c = model_turn(m);
  size_t total = 0, n = 0;
  const genai_bytes *only = NULL;
  for (size_t i = 0; c && i < c->parts_count; i++) {
    const genai_blob *b = c->parts[i]->inline_data;
    if (!b || !b->data.size) continue;
    total += b->data.size;
    n++;
    only = &b->data;
  }
  if (n == 0) return GENAI_DONE;
  if (n == 1) {
    *out = *only;
    return GENAI_OK;
  }
  /* several chunks: joined once in the message's own arena */
  genai__owned *h = genai__owned_of(m);
  uint8_t *joined = h ? genai__arena_alloc(&h->arena, total) : NULL;
  if (!joined) return genai__err(GENAI_ENOMEM, "out of memory");
  size_t at = 0;
  for (size_t i = 0; i < c->parts_count; i++) {
    const genai_blob *b = c->parts[i]->inline_data;
    if (!b || !b->data.size) continue;
    memcpy(joined + at, b->data.data, b->data.size);
    at += b->data.size;
  }
  *out = (genai_bytes){joined, total};
  return GENAI_OK;
}
