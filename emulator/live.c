#include "live.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "base64.h"
#include "google_error.h"
#include "function_calling.h"
#include "generate_request.h"
#include "generate_text.h"
#include "hash.h"
#include "json_util.h"
#include "models.h"
#include "note.h"
#include "router.h"
#include "tokens.h"
#include "ws_conn.h"
#include "ws_frame.h"

#define MLDEV_PREFIX "google.ai.generativelanguage."
#define MLDEV_SUFFIX ".GenerativeService.BidiGenerateContent"
#define MLDEV_CONSTRAINED_SUFFIX ".GenerativeService.BidiGenerateContentConstrained"
#define VERTEX_PREFIX "google.cloud.aiplatform."
#define VERTEX_SUFFIX ".LlmBidiService/BidiGenerateContent"
/* Words per serverContent message of a text answer (docs/emulator.md). */
#define WORDS_PER_MESSAGE 3
/* How long a session may sit idle before the emulator ends it, like the
 * service's session limit, so that a forgotten client frees its thread. */
#define IDLE_LIMIT_MS (10 * 60 * 1000)

/* Matches PREFIX{version}SUFFIX; copies the version. */
static int match_rpc(const char *s, const char *prefix, const char *suffix, char *version, size_t size) {
  size_t np = strlen(prefix), ns = strlen(suffix), n = strlen(s);
  if (n <= np + ns || strncmp(s, prefix, np) != 0 || strcmp(s + n - ns, suffix) != 0) return 0;
  size_t vlen = n - np - ns;
  if (vlen >= size || memchr(s + np, '/', vlen) || memchr(s + np, '.', vlen)) return 0;
  memcpy(version, s + np, vlen);
  version[vlen] = '\0';
  return 1;
}

int emu_live_path_parse(const char *decoded_path, emu_api_path *out) {
  memset(out, 0, sizeof *out);
  while (*decoded_path == '/') decoded_path++;
  if (strncmp(decoded_path, "ws/", 3) != 0) return -1;
  const char *rest = decoded_path + 3;
  if (match_rpc(rest, MLDEV_PREFIX, MLDEV_SUFFIX, out->version, sizeof out->version)) {
    out->backend = EMU_BACKEND_MLDEV;
  } else if (match_rpc(rest, MLDEV_PREFIX, MLDEV_CONSTRAINED_SUFFIX, out->version, sizeof out->version)) {
    out->backend = EMU_BACKEND_MLDEV;
    snprintf(out->rpc, sizeof out->rpc, "BidiGenerateContentConstrained");
    return 0;
  } else if (match_rpc(rest, VERTEX_PREFIX, VERTEX_SUFFIX, out->version, sizeof out->version)) {
    out->backend = EMU_BACKEND_VERTEX;
    /* One path serves express mode (API key) and projects (bearer token):
     * the project is in the setup's model name, not in the URL. */
    out->express = 1;
  } else {
    return -1;
  }
  snprintf(out->rpc, sizeof out->rpc, "BidiGenerateContent");
  return 0;
}

static int header_has_token(const char *value, const char *token) {
  size_t n = strlen(token);
  for (const char *p = value; p && *p;) {
    while (*p == ' ' || *p == ',') p++;
    if (strncasecmp(p, token, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' ')) return 1;
    p = strchr(p, ',');
  }
  return 0;
}

void emu_live_session_free(emu_live_session *s) {
  if (!s) return;
  emu_request_free(s->handshake);
  free(s->close_reason);
  free(s->go_away);
  json_decref(s->messages);
  free(s);
}

int emu_live_accept(const emu_app *app, const emu_request *req, const emu_api_path *path,
                    emu_response *out, emu_live_session **session, char accept_key[29]) {
  *session = NULL;
  if (emu_request_log_append(app->log, req, emu_backend_name(path->backend)) != 0)
    emu_warn("out of memory: %s %s missing from the request log", req->method, req->path);
  const char *key = emu_request_header(req, "sec-websocket-key");
  const char *version = emu_request_header(req, "sec-websocket-version");
  if (strcmp(req->method, "GET") != 0 || !key || !version || strcmp(version, "13") != 0 ||
      !header_has_token(emu_request_header(req, "connection"), "upgrade")) {
    emu_response_set_body(out, 400, EMU_TEXT_CONTENT_TYPE, "Bad WebSocket handshake\n", 24);
    return 0;
  }
  int scripted = emu_script_take(app->script, req->path, NULL, out);
  if (scripted < 0) {
    emu_response_internal_error(out);
    return 0;
  }
  if (scripted > 0 && !out->live_close_code && !out->live_messages)
    return 0; /* a scripted HTTP answer to the handshake */
  emu_call call = {app, req, path};
  if (strcmp(path->rpc, "BidiGenerateContentConstrained") == 0) {
    /* ephemeral tokens: "Authorization: Token auth_tokens/..." instead of a key */
    const char *authorization = emu_request_header(req, "authorization");
    if (!authorization || strncmp(authorization, "Token auth_tokens/", 18) != 0 || !authorization[18]) {
      emu_respond_simple_error(out, 401, "UNAUTHENTICATED",
                               "Request is missing a valid ephemeral token (Authorization: Token auth_tokens/...).");
      return 0;
    }
  } else if (!emu_auth_check(&call, out)) {
    return 0;
  }
  emu_live_session *s = calloc(1, sizeof *s);
  if (s) s->handshake = emu_request_new(req->path);
  for (size_t i = 0; s && s->handshake && i < req->headers.count; i++)
    if (emu_headers_add(&s->handshake->headers, req->headers.items[i].name, req->headers.items[i].value, 1) != 0) {
      emu_request_free(s->handshake);
      s->handshake = NULL;
    }
  if (!s || !s->handshake || emu_request_set_method(s->handshake, "WS") != 0 ||
      emu_ws_accept_key(key, accept_key) != 0) {
    emu_live_session_free(s);
    emu_response_internal_error(out);
    return 0;
  }
  s->path = *path;
  s->connection = req->connection;
  s->close_code = out->live_close_code;
  s->close_reason = out->live_close_reason;
  out->live_close_reason = NULL;
  s->close_before_setup = out->live_close_before_setup;
  s->go_away = out->live_go_away;
  out->live_go_away = NULL;
  s->messages = out->live_messages;
  out->live_messages = NULL;
  *session = s;
  return 1;
}

/* ---- the session ---------------------------------------------------------- */

typedef struct live {
  const emu_app *app;
  emu_live_session *s;
  emu_ws_conn ws;
  json_t *setup;    /* the setup message's value (owned) */
  char model[256];  /* model id from setup.model, without prefixes */
  json_t *history;  /* contents so far (owned array) */
  json_t *pending;  /* ids of function calls awaiting a response (owned array) */
  int audio_out;    /* responseModalities asks for AUDIO */
  size_t audio_in;  /* realtime audio bytes received since the last turn */
  unsigned turns;   /* answers given, for function call ids */
  int resumable;    /* the setup asked for session resumption */
} live;

static int send_json(live *l, json_t *doc) {
  size_t len = 0;
  char *text = doc ? emu_json_pretty(doc, &len) : NULL;
  json_decref(doc);
  if (!text) return -1;
  int rc = emu_ws_send(&l->ws, EMU_WS_TEXT, text, len);
  free(text);
  return rc;
}

static int close_with(live *l, int code, const char *reason) {
  emu_note("live session (connection %lu) closed by the emulator: %d %s", l->s->connection, code,
           reason ? reason : "");
  emu_ws_send_close(&l->ws, code, reason);
  emu_ws_await_close(&l->ws);
  return -1;
}

/* The scripted end: a goAway first when the script asks for one. */
static int scripted_close(live *l) {
  if (l->s->go_away && send_json(l, json_pack("{s:{s:s}}", "goAway", "timeLeft", l->s->go_away)) != 0) return -1;
  return close_with(l, l->s->close_code, l->s->close_reason);
}

/* The model id of setup.model ("models/m", "projects/p/locations/l/
 * publishers/g/models/m", "publishers/g/models/m" or "m"). */
static int read_model(live *l) {
  const char *model = json_string_value(emu_json_present(l->setup, "model"));
  if (!model || !*model) return -1;
  const char *id = model;
  for (const char *p = strstr(model, "models/"); p; p = strstr(p + 1, "models/")) id = p + 7;
  if (!*id || strlen(id) >= sizeof l->model || strchr(id, '/')) return -1;
  snprintf(l->model, sizeof l->model, "%s", id);
  return 0;
}

static int wants_audio(const json_t *setup) {
  const json_t *mods = emu_json_present(emu_json_present(setup, "generationConfig"), "responseModalities");
  for (size_t i = 0; i < emu_json_list_size(mods); i++) {
    const char *m = json_string_value(emu_json_list_get(mods, i));
    if (m && strcmp(m, "AUDIO") == 0) return 1;
  }
  return 0;
}

static int handle_setup(live *l, json_t *msg) {
  json_t *setup = emu_json_present(msg, "setup");
  if (!json_is_object(setup)) return close_with(l, EMU_WS_CLOSE_INVALID, "The first message must be setup.");
  l->setup = json_incref(setup);
  if (read_model(l) != 0) return close_with(l, EMU_WS_CLOSE_INVALID, "setup.model is required.");
  if (!emu_model_is_generative(l->model))
    return close_with(l, EMU_WS_CLOSE_POLICY, "models/X is not found or not supported for bidiGenerateContent.");
  l->audio_out = wants_audio(setup);
  const json_t *resumption = emu_json_present(setup, "sessionResumption");
  l->resumable = json_is_object(resumption);
  const char *handle = json_string_value(emu_json_present(resumption, "handle"));
  if (handle && *handle) {
    json_t *history = emu_live_store_load(l->app->live, handle);
    if (!history) return close_with(l, EMU_WS_CLOSE_POLICY, "Session resumption handle not found.");
    json_decref(l->history);
    l->history = history;
  }
  if (l->s->close_code && l->s->close_before_setup) return scripted_close(l);
  json_t *done = json_object();
  if (l->s->path.backend == EMU_BACKEND_VERTEX) {
    /* a session id shaped like the service's UUIDs, unique per connection */
    uint64_t h = emu_fnv1a64((const char *)&l->s->connection, sizeof l->s->connection, EMU_FNV64_BASIS);
    char id[40];
    snprintf(id, sizeof id, "%08x-%04x-4%03x-8%03x-%012llx", (unsigned)(h >> 32), (unsigned)(h >> 16) & 0xFFFF,
             (unsigned)h & 0xFFF, (unsigned)(h >> 20) & 0xFFF, (unsigned long long)(h & 0xFFFFFFFFFFFFULL));
    json_object_set_new(done, "sessionId", json_string(id));
  }
  return send_json(l, json_pack("{s:o}", "setupComplete", done));
}

/* The request generateContent would get for the session so far. */
static emu_request *as_generate_request(live *l, emu_api_path *path) {
  char target[512];
  if (l->s->path.backend == EMU_BACKEND_VERTEX)
    snprintf(target, sizeof target,
             "/%s/projects/live/locations/us-central1/publishers/google/models/%s:generateContent",
             l->s->path.version, l->model);
  else
    snprintf(target, sizeof target, "/%s/models/%s:generateContent", l->s->path.version, l->model);
  emu_request *req = emu_request_new(target);
  if (!req || emu_request_set_method(req, "POST") != 0 || emu_api_path_parse(req->decoded_path, path) != 0) {
    emu_request_free(req);
    return NULL;
  }
  json_t *body = json_pack("{s:O}", "contents", l->history);
  const json_t *si = emu_json_present(l->setup, "systemInstruction");
  const json_t *tools = emu_json_present(l->setup, "tools");
  const json_t *max = emu_json_present(emu_json_present(l->setup, "generationConfig"), "maxOutputTokens");
  if (body && si) json_object_set(body, "systemInstruction", (json_t *)si);
  if (body && tools) json_object_set(body, "tools", (json_t *)tools);
  if (body && max) json_object_set_new(body, "generationConfig", json_pack("{s:O}", "maxOutputTokens", max));
  char *text = body ? emu_json_compact(body) : NULL;
  json_decref(body);
  int rc = text ? emu_buf_append_str(&req->body, text) : -1;
  free(text);
  if (rc != 0) {
    emu_request_free(req);
    return NULL;
  }
  return req;
}

/* The message of a Google error body, for a close reason. */
static void error_reason(const emu_response *r, char *out, size_t size) {
  json_t *doc = r->body ? json_loads(r->body, 0, NULL) : NULL;
  const char *msg = json_string_value(json_object_get(json_object_get(doc, "error"), "message"));
  snprintf(out, size, "%s", msg ? msg : "Request contains an invalid argument.");
  json_decref(doc);
}

static json_t *usage(live *l, size_t prompt, size_t generated) {
  const char *resp = l->s->path.backend == EMU_BACKEND_VERTEX ? "candidatesTokenCount" : "responseTokenCount";
  const char *details =
      l->s->path.backend == EMU_BACKEND_VERTEX ? "candidatesTokensDetails" : "responseTokensDetails";
  const char *modality = l->audio_out ? "AUDIO" : "TEXT";
  json_t *u = json_object();
  if (prompt) json_object_set_new(u, "promptTokenCount", json_integer((json_int_t)prompt));
  if (generated) json_object_set_new(u, resp, json_integer((json_int_t)generated));
  json_object_set_new(u, "totalTokenCount", json_integer((json_int_t)(prompt + generated)));
  if (prompt)
    json_object_set_new(u, "promptTokensDetails",
                        json_pack("[{s:s,s:I}]", "modality", "TEXT", "tokenCount", (json_int_t)prompt));
  if (generated)
    json_object_set_new(u, details,
                        json_pack("[{s:s,s:I}]", "modality", modality, "tokenCount", (json_int_t)generated));
  return u;
}

/* Deterministic 16-bit PCM standing for a piece of text: one sample per byte. */
static json_t *audio_part(const char *text, size_t len) {
  char *pcm = malloc(len * 2 + 1);
  if (!pcm) return NULL;
  for (size_t i = 0; i < len; i++) {
    int sample = ((unsigned char)text[i] - 64) * 256;
    pcm[2 * i] = (char)(sample & 0xFF);
    pcm[2 * i + 1] = (char)((sample >> 8) & 0xFF);
  }
  char *b64 = emu_base64_encode(pcm, len * 2);
  free(pcm);
  if (!b64) return NULL;
  json_t *part = json_pack("{s:{s:s,s:s}}", "inlineData", "mimeType", "audio/pcm;rate=24000", "data", b64);
  free(b64);
  return part;
}

/* One serverContent message with a piece of the answer. */
static int send_piece(live *l, const char *text, size_t len) {
  json_t *part = l->audio_out ? audio_part(text, len) : json_pack("{s:s%}", "text", text, len);
  if (!part) return -1;
  json_t *turn = l->s->path.backend == EMU_BACKEND_VERTEX
                     ? json_pack("{s:s,s:[o]}", "role", "model", "parts", part)
                     : json_pack("{s:[o]}", "parts", part);
  if (send_json(l, json_pack("{s:{s:o}}", "serverContent", "modelTurn", turn)) != 0) return -1;
  if (l->audio_out && emu_json_present(l->setup, "outputAudioTranscription"))
    return send_json(l, json_pack("{s:{s:{s:s%}}}", "serverContent", "outputTranscription", "text", text, len));
  return 0;
}

/* The text in pieces of WORDS_PER_MESSAGE words; each piece after the first
 * starts with the space before its first word, as the service sends them. */
static int send_text(live *l, const char *text, size_t len) {
  size_t start = 0, words = 0;
  for (size_t i = 0; i <= len; i++) {
    int boundary = i == len || (text[i] == ' ' && i > 0 && text[i - 1] != ' ');
    if (!boundary) continue;
    if (++words < WORDS_PER_MESSAGE && i < len) continue;
    if (i > start && send_piece(l, text + start, i - start) != 0) return -1;
    start = i;
    words = 0;
  }
  return 0;
}

/* With session resumption on, each answered turn gets a new handle for the
 * conversation so far, sent before the turn completes. */
static int send_resumption_update(live *l) {
  if (!l->resumable) return 0;
  char *handle = emu_live_store_save(l->app->live, l->history);
  if (!handle) return -1;
  int rc = send_json(l, json_pack("{s:{s:s,s:b}}", "sessionResumptionUpdate", "newHandle", handle, "resumable", 1));
  free(handle);
  return rc;
}

/* The scripted stand-in for the session's next answer (docs/emulator.md,
 * "live_messages"): each message as given, then the scripted close when the
 * entry also has one. Used once per session. */
static int send_scripted(live *l) {
  json_t *messages = l->s->messages;
  l->s->messages = NULL;
  emu_note("live session (connection %lu): %zu scripted messages instead of an answer", l->s->connection,
           json_array_size(messages));
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < json_array_size(messages); i++)
    rc = send_json(l, json_incref(json_array_get(messages, i)));
  json_decref(messages);
  if (rc == 0 && l->s->close_code) return scripted_close(l);
  return rc;
}

static int answer(live *l) {
  if (l->s->messages) return send_scripted(l);
  emu_api_path path;
  emu_request *req = as_generate_request(l, &path);
  if (!req) return close_with(l, EMU_WS_CLOSE_INTERNAL, "Internal error encountered.");
  emu_call call = {l->app, req, &path};
  emu_response err;
  emu_response_init(&err);
  emu_gen_request gr;
  emu_gen_texts texts = {0};
  int rc = -1;
  if (emu_gen_request_decode(&call, &gr, &err) != 0) goto invalid;
  if (emu_gen_request_check(&call, &gr, &err) != 0) {
    emu_gen_request_dispose(&gr);
    goto invalid;
  }
  if (emu_gen_texts_compute(&call, &gr, &texts) != 0) {
    emu_gen_request_dispose(&gr);
    rc = close_with(l, EMU_WS_CLOSE_INTERNAL, "Internal error encountered.");
    goto done;
  }
  emu_gen_request_dispose(&gr);
  const emu_gen_candidate *c = &texts.cands[0];
  l->turns++;
  if (c->parts) {
    /* a tool call: the ids let the tool response name its calls */
    char rid[64];
    snprintf(rid, sizeof rid, "live-%lu-%u", l->s->connection, l->turns);
    json_t *calls = json_array();
    for (size_t i = 0; i < json_array_size(c->parts); i++) {
      json_t *fc = json_object_get(json_array_get(c->parts, i), "functionCall");
      json_t *one = json_deep_copy(fc);
      char id[64], key[96];
      snprintf(key, sizeof key, "%s/%zu", rid, i);
      uint64_t h = emu_fnv1a64(key, strlen(key), EMU_FNV64_BASIS);
      snprintf(id, sizeof id, "function-call-%llu", (unsigned long long)(h >> 1));
      json_object_set_new(one, "id", json_string(id));
      json_array_append_new(calls, one);
      json_array_append_new(l->pending, json_string(id));
    }
    json_array_append_new(l->history, json_pack("{s:s,s:O}", "role", "model", "parts", c->parts));
    rc = send_json(l, json_pack("{s:{s:o}}", "toolCall", "functionCalls", calls));
    goto done;
  }
  json_array_append_new(l->history, json_pack("{s:s,s:[{s:s}]}", "role", "model", "parts", "text", c->text));
  if (send_text(l, c->text, c->len) != 0 ||
      send_json(l, json_pack("{s:{s:b}}", "serverContent", "generationComplete", 1)) != 0 ||
      send_resumption_update(l) != 0 ||
      send_json(l, json_pack("{s:{s:b},s:o}", "serverContent", "turnComplete", 1, "usageMetadata",
                             usage(l, texts.prompt_tokens, texts.generated_tokens))) != 0)
    goto done;
  rc = 0;
  goto done;
invalid: {
  char reason[124];
  error_reason(&err, reason, sizeof reason);
  rc = close_with(l, EMU_WS_CLOSE_INVALID, reason);
}
done:
  emu_gen_texts_dispose(&texts);
  emu_response_dispose(&err);
  emu_request_free(req);
  return rc;
}

/* Takes `parts`. */
static int add_user_turn(live *l, json_t *parts) {
  if (!parts) return -1;
  return json_array_append_new(l->history, json_pack("{s:s,s:o}", "role", "user", "parts", parts));
}

static int handle_client_content(live *l, const json_t *cc) {
  const json_t *turns = emu_json_present(cc, "turns");
  for (size_t i = 0; i < emu_json_list_size(turns); i++) {
    json_t *t = json_deep_copy(emu_json_list_get(turns, i));
    if (!json_is_object(t)) {
      json_decref(t);
      return close_with(l, EMU_WS_CLOSE_INVALID, "Invalid JSON payload: turns must be Content objects.");
    }
    if (!json_object_get(t, "role")) json_object_set_new(t, "role", json_string("user"));
    json_array_append_new(l->history, t);
  }
  if (!json_is_true(emu_json_present(cc, "turnComplete"))) return 0;
  return answer(l);
}

/* A transcription of received audio: the emulator cannot hear, so it
 * describes what it got (docs/emulator.md). */
static int transcribe(live *l) {
  char text[96];
  snprintf(text, sizeof text, "(%zu bytes of audio)", l->audio_in);
  l->audio_in = 0;
  if (emu_json_present(l->setup, "inputAudioTranscription") &&
      send_json(l, json_pack("{s:{s:{s:s,s:b}}}", "serverContent", "inputTranscription", "text", text,
                             "finished", 1)) != 0)
    return -1;
  if (add_user_turn(l, json_pack("[{s:s}]", "text", text)) != 0) return -1;
  return answer(l);
}

static size_t blob_bytes(const json_t *blob) {
  const char *data = json_string_value(emu_json_present(blob, "data"));
  size_t n = data ? strlen(data) : 0;
  while (n && data[n - 1] == '=') n--;
  return n * 3 / 4;
}

static int handle_realtime(live *l, const json_t *ri) {
  const char *text = json_string_value(emu_json_present(ri, "text"));
  const json_t *audio = emu_json_present(ri, "audio");
  const json_t *chunks = emu_json_present(ri, "mediaChunks");
  if (audio) l->audio_in += blob_bytes(audio);
  for (size_t i = 0; i < emu_json_list_size(chunks); i++) l->audio_in += blob_bytes(emu_json_list_get(chunks, i));
  if (text) {
    if (add_user_turn(l, json_pack("[{s:s}]", "text", text)) != 0) return -1;
    return answer(l);
  }
  if ((json_is_true(emu_json_present(ri, "audioStreamEnd")) || emu_json_present(ri, "activityEnd")) && l->audio_in)
    return transcribe(l);
  return 0;
}

static int handle_tool_response(live *l, const json_t *tr) {
  const json_t *responses = emu_json_present(tr, "functionResponses");
  json_t *parts = json_array();
  for (size_t i = 0; i < emu_json_list_size(responses); i++) {
    const json_t *r = emu_json_list_get(responses, i);
    json_t *copy = json_deep_copy(r);
    json_object_del(copy, "id"); /* generateContent's check knows no live ids */
    json_array_append_new(parts, json_pack("{s:o}", "functionResponse", copy));
  }
  json_array_clear(l->pending);
  if (json_array_size(parts) == 0) {
    json_decref(parts);
    return close_with(l, EMU_WS_CLOSE_INVALID, "toolResponse.functionResponses must not be empty.");
  }
  return add_user_turn(l, parts) != 0 ? -1 : answer(l);
}

/* Each client message joins the request log as a "WS" entry with the
 * upgrade request's path and headers and the message as its body, so that
 * tests check what a client sent as they do for REST calls. */
static void log_message(live *l, const char *data, size_t len) {
  emu_request *r = l->s->handshake;
  r->body.len = 0;
  r->body_too_large = 0;
  r->connection = l->s->connection;
  if (emu_buf_append(&r->body, data, len) != 0 ||
      emu_request_log_append(l->app->log, r, emu_backend_name(l->s->path.backend)) != 0)
    emu_warn("out of memory: a live message is missing from the request log");
}

/* A ping joins the log as a "PING" entry without a body, so that tests
 * see a client's keepalive. */
static void log_ping(void *arg) {
  live *l = arg;
  emu_request *r = l->s->handshake;
  r->body.len = 0;
  r->body_too_large = 0;
  r->connection = l->s->connection;
  if (emu_request_set_method(r, "PING") != 0 ||
      emu_request_log_append(l->app->log, r, emu_backend_name(l->s->path.backend)) != 0)
    emu_warn("out of memory: a ping is missing from the request log");
  if (emu_request_set_method(r, "WS") != 0) emu_warn("out of memory: the next live message may be logged as PING");
}

static int handle_message(live *l, const char *data, size_t len) {
  log_message(l, data, len);
  json_error_t jerr;
  json_t *msg = json_loadb(data, len, 0, &jerr);
  if (!json_is_object(msg)) {
    json_decref(msg);
    return close_with(l, EMU_WS_CLOSE_INVALID, "Invalid JSON payload received.");
  }
  int rc;
  if (!l->setup) {
    rc = handle_setup(l, msg);
  } else if (l->s->close_code && !l->s->messages) {
    rc = scripted_close(l); /* with scripted messages, the close follows them (send_scripted) */
  } else {
    const json_t *cc = emu_json_present(msg, "clientContent");
    const json_t *ri = emu_json_present(msg, "realtimeInput");
    const json_t *tr = emu_json_present(msg, "toolResponse");
    if (cc)
      rc = handle_client_content(l, cc);
    else if (ri)
      rc = handle_realtime(l, ri);
    else if (tr)
      rc = handle_tool_response(l, tr);
    else
      rc = close_with(l, EMU_WS_CLOSE_INVALID, "Invalid JSON payload received. Unknown message type.");
  }
  json_decref(msg);
  return rc;
}

void emu_live_run(const emu_app *app, emu_live_session *s, int fd, const char *extra, size_t extra_len,
                  int (*stopping)(void *), void *stopping_arg) {
  live l;
  memset(&l, 0, sizeof l);
  l.app = app;
  l.s = s;
  if (emu_ws_conn_init(&l.ws, fd, extra, extra_len, stopping, stopping_arg) != 0) return;
  l.ws.on_ping = log_ping;
  l.ws.on_ping_arg = &l;
  l.history = json_array();
  l.pending = json_array();
  emu_note("live session (connection %lu) open", s->connection);
  for (;;) {
    int opcode = 0, peer = 0;
    const char *data = NULL;
    size_t len = 0;
    int r = emu_ws_read(&l.ws, IDLE_LIMIT_MS, &opcode, &data, &len, &peer);
    if (r == 0) {
      close_with(&l, EMU_WS_CLOSE_NORMAL, "Session idle for too long.");
      break;
    }
    if (r == 2) {
      emu_note("live session (connection %lu) closed by the client: %d", s->connection, peer);
      break;
    }
    if (r < 0 || !l.history || !l.pending) break;
    if (handle_message(&l, data, len) != 0) break;
  }
  json_decref(l.setup);
  json_decref(l.history);
  json_decref(l.pending);
  emu_ws_conn_dispose(&l.ws);
}
