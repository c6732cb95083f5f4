#include "generate_request.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "field_check.h"
#include "google_error.h"
#include "json_util.h"

#define PATH_MAX_LEN 160

static const emu_field request_fields[] = {
    {"contents", EMU_ON_BOTH},
    {"systemInstruction", EMU_ON_BOTH},
    {"tools", EMU_ON_BOTH},
    {"toolConfig", EMU_ON_BOTH},
    {"safetySettings", EMU_ON_BOTH},
    {"generationConfig", EMU_ON_BOTH},
    {"cachedContent", EMU_ON_BOTH},
    {"labels", EMU_ON_VERTEX},
    {"modelArmorConfig", EMU_ON_VERTEX},
    {"serviceTier", EMU_ON_BOTH},
};

static const emu_field content_fields[] = {{"role", EMU_ON_BOTH}, {"parts", EMU_ON_BOTH}};

static const emu_field part_fields[] = {
    {"text", EMU_ON_BOTH},
    {"thought", EMU_ON_BOTH},
    {"thoughtSignature", EMU_ON_BOTH},
    {"inlineData", EMU_ON_BOTH},
    {"fileData", EMU_ON_BOTH},
    {"functionCall", EMU_ON_BOTH},
    {"functionResponse", EMU_ON_BOTH},
    {"executableCode", EMU_ON_BOTH},
    {"codeExecutionResult", EMU_ON_BOTH},
    {"videoMetadata", EMU_ON_BOTH},
    {"mediaResolution", EMU_ON_BOTH},
    {"toolCall", EMU_ON_BOTH},
    {"toolResponse", EMU_ON_BOTH},
    {"partMetadata", EMU_ON_BOTH},
};

static const emu_field generation_config_fields[] = {
    {"temperature", EMU_ON_BOTH},
    {"topP", EMU_ON_BOTH},
    {"topK", EMU_ON_BOTH},
    {"candidateCount", EMU_ON_BOTH},
    {"maxOutputTokens", EMU_ON_BOTH},
    {"stopSequences", EMU_ON_BOTH},
    {"responseLogprobs", EMU_ON_BOTH},
    {"logprobs", EMU_ON_BOTH},
    {"presencePenalty", EMU_ON_BOTH},
    {"frequencyPenalty", EMU_ON_BOTH},
    {"seed", EMU_ON_BOTH},
    {"responseMimeType", EMU_ON_BOTH},
    {"responseSchema", EMU_ON_BOTH},
    {"responseJsonSchema", EMU_ON_BOTH},
    {"responseModalities", EMU_ON_BOTH},
    {"mediaResolution", EMU_ON_BOTH},
    {"speechConfig", EMU_ON_BOTH},
    {"thinkingConfig", EMU_ON_BOTH},
    {"imageConfig", EMU_ON_BOTH},
    {"audioTimestamp", EMU_ON_BOTH},
    {"routingConfig", EMU_ON_BOTH},
    {"modelConfig", EMU_ON_BOTH},
    {"enableEnhancedCivicAnswers", EMU_ON_BOTH},
    {"audioTranscriptionConfig", EMU_ON_BOTH},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Shape checks need the backend (for its field set and proto type names). */
typedef struct checker {
  const emu_call *call;
  emu_violations v;
} checker;

/* "type.googleapis.com/google.ai.generativelanguage.v1beta.Content" etc. */
static void message_type(const checker *c, const char *message, char *out, size_t size) {
  const emu_api_path *p = c->call->path;
  snprintf(
      out, size, "type.googleapis.com/%s.%s.%s",
      p->backend == EMU_BACKEND_VERTEX ? "google.cloud.aiplatform" : "google.ai.generativelanguage",
      p->version, message);
}

static void invalid_message(checker *c, const char *at, const char *message, const json_t *value) {
  char type[160];
  message_type(c, message, type, sizeof type);
  emu_violation_invalid(&c->v, at, type, value);
}

/* Proto3 JSON treats null like an absent field. */
static const json_t *field(const json_t *obj, const char *camel) {
  const json_t *v = emu_json_field(obj, camel);
  return json_is_null(v) ? NULL : v;
}

static void check_int32(checker *c, const json_t *obj, const char *camel, const char *at) {
  const json_t *v = field(obj, camel);
  long long n;
  if (v && (emu_json_int(v, &n) != 0 || n < -2147483648LL || n > 2147483647LL)) {
    char path[PATH_MAX_LEN], snake[64];
    emu_camel_to_snake(camel, snake, sizeof snake);
    snprintf(path, sizeof path, "%s.%s", at, snake);
    emu_violation_invalid(&c->v, path, "TYPE_INT32", v);
  }
}

static void check_part(checker *c, const json_t *part, const char *at) {
  if (!json_is_object(part)) {
    invalid_message(c, at, "Part", part);
    return;
  }
  emu_check_fields(part, part_fields, COUNT(part_fields), c->call->path->backend, at, &c->v);
  char path[PATH_MAX_LEN + 16]; /* room for `at` plus a member name */
  const json_t *text = field(part, "text");
  if (text && !json_is_string(text)) {
    snprintf(path, sizeof path, "%s.text", at);
    emu_violation_invalid(&c->v, path, "TYPE_STRING", text);
  }
  const json_t *thought = field(part, "thought");
  if (thought && !json_is_boolean(thought)) {
    snprintf(path, sizeof path, "%s.thought", at);
    emu_violation_invalid(&c->v, path, "TYPE_BOOL", thought);
  }
}

static void check_content(checker *c, const json_t *content, const char *at) {
  if (!json_is_object(content)) {
    invalid_message(c, at, "Content", content);
    return;
  }
  emu_check_fields(content, content_fields, COUNT(content_fields), c->call->path->backend, at,
                   &c->v);
  char path[PATH_MAX_LEN];
  const json_t *role = field(content, "role");
  if (role && !json_is_string(role)) {
    snprintf(path, sizeof path, "%s.role", at);
    emu_violation_invalid(&c->v, path, "TYPE_STRING", role);
  }
  const json_t *parts = field(content, "parts");
  if (!parts) return;
  for (size_t i = 0; i < emu_json_list_size(parts); i++) {
    snprintf(path, sizeof path, "%s.parts[%zu]", at, i);
    check_part(c, emu_json_list_get(parts, i), path);
  }
}

static void check_generation_config(checker *c, const json_t *config) {
  const char *at = "generation_config";
  if (!json_is_object(config)) {
    invalid_message(c, at, "GenerationConfig", config);
    return;
  }
  emu_check_fields(config, generation_config_fields, COUNT(generation_config_fields),
                   c->call->path->backend, at, &c->v);
  check_int32(c, config, "candidateCount", at);
  check_int32(c, config, "maxOutputTokens", at);
  const json_t *stops = field(config, "stopSequences");
  for (size_t i = 0; i < emu_json_list_size(stops); i++) {
    const json_t *s = emu_json_list_get(stops, i);
    if (!json_is_string(s)) {
      char path[PATH_MAX_LEN];
      snprintf(path, sizeof path, "%s.stop_sequences[%zu]", at, i);
      emu_violation_invalid(&c->v, path, "TYPE_STRING", s);
    }
  }
}

static void check_shape(checker *c, emu_gen_request *gr) {
  emu_check_fields(gr->root, request_fields, COUNT(request_fields), c->call->path->backend, NULL,
                   &c->v);
  gr->contents = field(gr->root, "contents");
  for (size_t i = 0; i < emu_json_list_size(gr->contents); i++) {
    char path[PATH_MAX_LEN];
    snprintf(path, sizeof path, "contents[%zu]", i);
    check_content(c, emu_json_list_get(gr->contents, i), path);
  }
  gr->system_instruction = field(gr->root, "systemInstruction");
  if (gr->system_instruction) check_content(c, gr->system_instruction, "system_instruction");
  gr->generation_config = field(gr->root, "generationConfig");
  if (gr->generation_config) check_generation_config(c, gr->generation_config);
}

/* The transcoder's syntax error: a message, then the text around the error
 * and a caret under the offending position. */
static void respond_syntax_error(const emu_request *req, const json_error_t *jerr,
                                 emu_response *out) {
  size_t pos = jerr->position > 0 ? (size_t)jerr->position : 0;
  if (pos > req->body.len) pos = req->body.len;
  size_t from = pos > 30 ? pos - 30 : 0;
  size_t to = pos + 10 < req->body.len ? pos + 10 : req->body.len;
  emu_buf msg = {0};
  int rc = emu_buf_append_str(&msg, "Invalid JSON payload received. Unexpected token.\n");
  /* Non-printable bytes become '?' so the excerpt is valid UTF-8 and the
   * caret stays aligned (one column per byte). */
  for (size_t i = from; rc == 0 && i < to; i++) {
    unsigned char ch = (unsigned char)req->body.data[i];
    char shown = (ch >= 0x20 && ch < 0x7F) ? (char)ch : '?';
    rc = emu_buf_append(&msg, &shown, 1);
  }
  if (rc == 0) rc = emu_buf_printf(&msg, "\n%*s^", (int)(pos - from), "");
  json_t *err = NULL;
  if (rc == 0) {
    json_t *violations = json_pack("[{s:s}]", "description", msg.data);
    err = emu_error_with_detail(emu_error_new(400, "INVALID_ARGUMENT", msg.data),
                                emu_detail_bad_request(violations));
  }
  emu_respond_error(out, err);
  emu_buf_dispose(&msg);
}

static int blank(const emu_buf *body) {
  for (size_t i = 0; i < body->len; i++)
    if (!strchr(" \t\r\n", body->data[i])) return 0;
  return 1;
}

/* Parses the body; an empty body is an empty request message, as in proto
 * transcoding. Returns the root or NULL after writing the error. */
static json_t *parse_body(const emu_request *req, emu_response *out) {
  if (req->body_too_large) {
    char msg[96];
    snprintf(msg, sizeof msg, "Request payload size exceeds the limit: %zu bytes.",
             (size_t)EMU_MAX_BODY);
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", msg);
    return NULL;
  }
  if (blank(&req->body)) {
    json_t *empty = json_object();
    if (!empty) emu_response_internal_error(out);
    return empty;
  }
  json_error_t jerr;
  json_t *root = json_loadb(req->body.data, req->body.len, JSON_DECODE_ANY, &jerr);
  if (!root) {
    respond_syntax_error(req, &jerr, out);
    return NULL;
  }
  if (!json_is_object(root)) {
    json_decref(root);
    static const char msg[] =
        "Invalid JSON payload received. Unknown name \"\": Root element must be a message.";
    emu_respond_error(out, emu_error_with_detail(
                               emu_error_new(400, "INVALID_ARGUMENT", msg),
                               emu_detail_bad_request(json_pack("[{s:s}]", "description", msg))));
    return NULL;
  }
  return root;
}

int emu_gen_request_decode(const emu_call *call, emu_gen_request *gr, emu_response *out) {
  memset(gr, 0, sizeof *gr);
  gr->root = parse_body(call->req, out);
  if (!gr->root) return -1;
  checker c = {call, {0}};
  check_shape(&c, gr);
  if (emu_violations_found(&c.v)) {
    emu_respond_error(out, emu_violations_error(&c.v));
    emu_violations_dispose(&c.v);
    emu_gen_request_dispose(gr);
    return -1;
  }
  emu_violations_dispose(&c.v);
  return 0;
}

static int valid_role(const json_t *content) {
  const char *role = json_string_value(field(content, "role"));
  return !role || !*role || strcmp(role, "user") == 0 || strcmp(role, "model") == 0;
}

/* Appends the backend's "* Request.field: problem" lines. */
static int semantic_problems(emu_gen_request *gr, emu_buf *msg) {
  int rc = 0;
  size_t n = emu_json_list_size(gr->contents);
  if (n == 0)
    return emu_buf_append_str(msg,
                              "* GenerateContentRequest.contents: contents is not "
                              "specified\n");
  for (size_t i = 0; i < n && rc == 0; i++)
    if (emu_json_list_size(field(emu_json_list_get(gr->contents, i), "parts")) == 0)
      rc = emu_buf_printf(msg,
                          "* GenerateContentRequest.contents[%zu].parts: "
                          "contents.parts must not be empty.\n",
                          i);
  long long count = 0, max_tokens = 0;
  emu_json_int(field(gr->generation_config, "candidateCount"), &count);
  emu_json_int(field(gr->generation_config, "maxOutputTokens"), &max_tokens);
  if (count == 0) count = 1; /* proto3: 0 means unset */
  if (rc == 0 && (count < 1 || count > 8))
    rc = emu_buf_printf(msg,
                        "* GenerateContentRequest.generation_config.candidate_count: "
                        "candidate_count must be in the range [1, 8], got %lld.\n",
                        count);
  if (rc == 0 && max_tokens < 0)
    rc = emu_buf_printf(msg,
                        "* GenerateContentRequest.generation_config.max_output_tokens: "
                        "max_output_tokens must be positive, got %lld.\n",
                        max_tokens);
  gr->candidate_count = (int)count;
  gr->max_output_tokens = max_tokens;
  gr->stop_sequences = field(gr->generation_config, "stopSequences");
  return rc;
}

int emu_gen_request_check(emu_gen_request *gr, emu_response *out) {
  for (size_t i = 0; i < emu_json_list_size(gr->contents); i++) {
    if (!valid_role(emu_json_list_get(gr->contents, i))) {
      emu_respond_simple_error(out, 400, "INVALID_ARGUMENT",
                               "Please use a valid role: user, model.");
      return -1;
    }
  }
  emu_buf msg = {0};
  if (semantic_problems(gr, &msg) != 0) {
    emu_buf_dispose(&msg);
    emu_response_internal_error(out);
    return -1;
  }
  if (msg.len == 0) return 0;
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", msg.data);
  emu_buf_dispose(&msg);
  return -1;
}

void emu_gen_request_dispose(emu_gen_request *gr) {
  json_decref(gr->root);
  memset(gr, 0, sizeof *gr);
}
