#include "generate_reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "json_util.h"
#include "response_id.h"
#include "tokens.h"

typedef struct candidate {
  char *text;
  size_t len;
  const char *finish_reason;
} candidate;

/* Appends the text parts of `content`, separated by single spaces. Returns
 * 1 if it had any text part, 0 if none, -1 when out of memory. */
static int join_text(const json_t *content, emu_buf *out) {
  const json_t *parts = emu_json_field(content, "parts");
  int found = 0;
  for (size_t i = 0; i < emu_json_list_size(parts); i++) {
    const json_t *text = emu_json_field(emu_json_list_get(parts, i), "text");
    if (!json_is_string(text)) continue;
    if ((found && emu_buf_append(out, " ", 1) != 0) ||
        emu_buf_append(out, json_string_value(text), json_string_length(text)) != 0)
      return -1;
    found = 1;
  }
  return found;
}

static size_t content_tokens(const json_t *content) {
  const json_t *parts = emu_json_field(content, "parts");
  size_t n = 0;
  for (size_t i = 0; i < emu_json_list_size(parts); i++) {
    const json_t *text = emu_json_field(emu_json_list_get(parts, i), "text");
    if (json_is_string(text))
      n += emu_token_count(json_string_value(text), json_string_length(text));
  }
  return n;
}

static size_t prompt_tokens(const emu_gen_request *gr) {
  size_t n = gr->system_instruction ? content_tokens(gr->system_instruction) : 0;
  for (size_t i = 0; i < emu_json_list_size(gr->contents); i++)
    n += content_tokens(emu_json_list_get(gr->contents, i));
  return n;
}

/* The last content sent by the user: role "user" or no role at all. */
static const json_t *last_user_content(const emu_gen_request *gr) {
  for (size_t i = emu_json_list_size(gr->contents); i > 0; i--) {
    const json_t *c = emu_json_list_get(gr->contents, i - 1);
    const char *role = json_string_value(emu_json_field(c, "role"));
    if (!role || !*role || strcmp(role, "user") == 0) return c;
  }
  return NULL;
}

/* "Echo from MODEL: PROMPT[ [system: INSTRUCTION]]" */
static int base_text(const emu_call *call, const emu_gen_request *gr, emu_buf *out) {
  if (emu_buf_printf(out, "Echo from %s: ", call->path->model) != 0) return -1;
  const json_t *user = last_user_content(gr);
  int found = user ? join_text(user, out) : 0;
  if (found < 0 || (found == 0 && emu_buf_append_str(out, "(no text)") != 0)) return -1;
  if (!gr->system_instruction) return 0;
  if (emu_buf_append_str(out, " [system: ") != 0) return -1;
  found = join_text(gr->system_instruction, out);
  if (found < 0 || (found == 0 && emu_buf_append_str(out, "(no text)") != 0)) return -1;
  return emu_buf_append_str(out, "]");
}

/* Cuts the text just before the earliest occurrence of any stop sequence. */
static void apply_stop_sequences(const emu_gen_request *gr, candidate *c) {
  for (size_t i = 0; i < emu_json_list_size(gr->stop_sequences); i++) {
    const char *stop = json_string_value(emu_json_list_get(gr->stop_sequences, i));
    if (!stop || !*stop) continue;
    const char *hit = strstr(c->text, stop);
    if (hit && (size_t)(hit - c->text) < c->len) c->len = (size_t)(hit - c->text);
  }
  c->text[c->len] = '\0';
}

static void apply_max_tokens(const emu_gen_request *gr, candidate *c) {
  if (gr->max_output_tokens <= 0) return;
  size_t keep = emu_token_prefix(c->text, c->len, (size_t)gr->max_output_tokens);
  if (keep < c->len) {
    c->len = keep;
    c->text[keep] = '\0';
    c->finish_reason = "MAX_TOKENS";
  }
}

static int make_candidate(const char *base, int index, const emu_gen_request *gr, candidate *c) {
  emu_buf text = {0};
  int rc = emu_buf_append_str(&text, base);
  if (rc == 0 && index > 0) rc = emu_buf_printf(&text, " (candidate %d)", index + 1);
  if (rc != 0) {
    emu_buf_dispose(&text);
    return -1;
  }
  c->len = text.len;
  c->text = emu_buf_take(&text);
  c->finish_reason = "STOP";
  if (!c->text) return -1;
  apply_stop_sequences(gr, c);
  apply_max_tokens(gr, c);
  return 0;
}

/* {"parts":[{"text":...}], "role":"model"}; vertex puts role first. An empty
 * text has no parts at all, as the service does when nothing was generated. */
static json_t *content_json(emu_backend backend, const candidate *c) {
  json_t *content = json_object();
  json_t *parts = c->len ? json_pack("[{s:s%}]", "text", c->text, c->len) : NULL;
  int ok = content && (!c->len || parts);
  if (ok && backend == EMU_BACKEND_VERTEX)
    ok = json_object_set_new(content, "role", json_string("model")) == 0;
  if (ok && parts) {
    ok = json_object_set_new(content, "parts", parts) == 0;
    parts = NULL;
  }
  if (ok && backend != EMU_BACKEND_VERTEX)
    ok = json_object_set_new(content, "role", json_string("model")) == 0;
  json_decref(parts);
  if (!ok) {
    json_decref(content);
    return NULL;
  }
  return content;
}

/* mldev reports every index (as gemini-2.5 does); vertex omits index 0, the
 * proto3 default, as its recordings show. */
static json_t *candidate_json(emu_backend backend, const candidate *c, int index) {
  json_t *cand = json_pack("{s:o, s:s}", "content", content_json(backend, c), "finishReason",
                           c->finish_reason);
  if (cand && (backend == EMU_BACKEND_MLDEV || index > 0) &&
      json_object_set_new(cand, "index", json_integer(index)) != 0) {
    json_decref(cand);
    return NULL;
  }
  return cand;
}

/* Adds "name": n, omitted when 0 as proto3 JSON does. */
static int set_count(json_t *obj, const char *name, size_t n) {
  return n ? json_object_set_new(obj, name, json_integer((json_int_t)n)) : 0;
}

static int set_details(json_t *obj, const char *name, size_t n) {
  if (!n) return 0;
  return json_object_set_new(
      obj, name, json_pack("[{s:s, s:I}]", "modality", "TEXT", "tokenCount", (json_int_t)n));
}

static json_t *usage_json(emu_backend backend, size_t prompt, size_t generated) {
  json_t *usage = json_object();
  int ok = usage && set_count(usage, "promptTokenCount", prompt) == 0 &&
           set_count(usage, "candidatesTokenCount", generated) == 0 &&
           set_count(usage, "totalTokenCount", prompt + generated) == 0 &&
           (backend != EMU_BACKEND_VERTEX ||
            json_object_set_new(usage, "trafficType", json_string("ON_DEMAND")) == 0) &&
           set_details(usage, "promptTokensDetails", prompt) == 0 &&
           set_details(usage, "candidatesTokensDetails", generated) == 0;
  if (!ok) {
    json_decref(usage);
    return NULL;
  }
  return usage;
}

/* RFC 3339 UTC with microseconds, like Vertex AI's createTime. */
static void create_time(char out[32]) {
  struct timespec now;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &now);
  gmtime_r(&now.tv_sec, &tm);
  size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out + n, 32 - n, ".%06ldZ", now.tv_nsec / 1000);
}

static int add_trailer(const emu_call *call, json_t *reply) {
  const emu_buf *body = &call->req->body;
  char id[EMU_RESPONSE_ID_LEN + 1];
  emu_response_id(body->data ? body->data : "", body->len, id);
  if (json_object_set_new(reply, "modelVersion", json_string(call->path->model)) != 0) return -1;
  if (call->path->backend == EMU_BACKEND_VERTEX) {
    char when[32];
    create_time(when);
    if (json_object_set_new(reply, "createTime", json_string(when)) != 0) return -1;
  }
  return json_object_set_new(reply, "responseId", json_string(id));
}

static json_t *assemble(const emu_call *call, const emu_gen_request *gr, candidate *cands) {
  emu_backend backend = call->path->backend;
  json_t *reply = json_object();
  json_t *list = json_array();
  size_t generated = 0;
  int ok = reply && list;
  for (int i = 0; ok && i < gr->candidate_count; i++) {
    ok = json_array_append_new(list, candidate_json(backend, &cands[i], i)) == 0;
    generated += emu_token_count(cands[i].text, cands[i].len);
  }
  if (ok) {
    ok = json_object_set_new(reply, "candidates", list) == 0;
    list = NULL;
  }
  ok = ok &&
       json_object_set_new(reply, "usageMetadata",
                           usage_json(backend, prompt_tokens(gr), generated)) == 0 &&
       add_trailer(call, reply) == 0;
  json_decref(list);
  if (!ok) {
    json_decref(reply);
    return NULL;
  }
  return reply;
}

json_t *emu_gen_reply(const emu_call *call, const emu_gen_request *gr) {
  emu_buf base = {0};
  candidate *cands = calloc((size_t)gr->candidate_count, sizeof *cands);
  json_t *reply = NULL;
  int ok = cands && base_text(call, gr, &base) == 0;
  for (int i = 0; ok && i < gr->candidate_count; i++)
    ok = make_candidate(base.data, i, gr, &cands[i]) == 0;
  if (ok) reply = assemble(call, gr, cands);
  for (int i = 0; cands && i < gr->candidate_count; i++) free(cands[i].text);
  free(cands);
  emu_buf_dispose(&base);
  return reply;
}
