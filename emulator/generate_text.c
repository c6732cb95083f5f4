#include "generate_text.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content_text.h"
#include "function_calling.h"
#include "json_util.h"
#include "response_id.h"
#include "structured_output.h"
#include "tokens.h"

/* The last content sent by the user: role "user" or no role at all. */
static const json_t *last_user_content(const emu_gen_request *gr) {
  for (size_t i = emu_json_list_size(gr->contents); i > 0; i--) {
    const json_t *c = emu_json_list_get(gr->contents, i - 1);
    const char *role = json_string_value(emu_json_field(c, "role"));
    if (!role || !*role || strcmp(role, "user") == 0) return c;
  }
  return NULL;
}

/* The prompt: the text parts of the last user content. 1 when it had text,
 * 0 when not, -1 when out of memory. */
static int prompt_text(const emu_gen_request *gr, emu_buf *out) {
  const json_t *user = last_user_content(gr);
  return user ? emu_content_join_text(user, out) : 0;
}

/* "Echo from MODEL: PROMPT[ [system: INSTRUCTION]]" */
static int base_text(const emu_call *call, const emu_gen_request *gr, emu_buf *out) {
  if (emu_buf_printf(out, "Echo from %s: ", call->path->model) != 0) return -1;
  int found = prompt_text(gr, out);
  if (found < 0 || (found == 0 && emu_buf_append_str(out, "(no text)") != 0)) return -1;
  if (!gr->system_instruction) return 0;
  if (emu_buf_append_str(out, " [system: ") != 0) return -1;
  found = emu_content_join_text(gr->system_instruction, out);
  if (found < 0 || (found == 0 && emu_buf_append_str(out, "(no text)") != 0)) return -1;
  return emu_buf_append_str(out, "]");
}

/* Cuts the text just before the earliest occurrence of any stop sequence. */
static void apply_stop_sequences(const emu_gen_request *gr, emu_gen_candidate *c) {
  for (size_t i = 0; i < emu_json_list_size(gr->stop_sequences); i++) {
    const char *stop = json_string_value(emu_json_list_get(gr->stop_sequences, i));
    if (!stop || !*stop) continue;
    const char *hit = strstr(c->text, stop);
    if (hit && (size_t)(hit - c->text) < c->len) c->len = (size_t)(hit - c->text);
  }
  c->text[c->len] = '\0';
}

static void apply_max_tokens(const emu_gen_request *gr, emu_gen_candidate *c) {
  if (gr->max_output_tokens <= 0) return;
  size_t keep = emu_token_prefix(c->text, c->len, (size_t)gr->max_output_tokens);
  if (keep < c->len) {
    c->len = keep;
    c->text[keep] = '\0';
    c->finish_reason = "MAX_TOKENS";
  }
}

static int make_candidate(const char *base, int index, const emu_gen_request *gr,
                          emu_gen_candidate *c) {
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

/* Every candidate answers with the same function calls (ids differ). */
static int call_candidates(const emu_call *call, const emu_turn *turn, emu_gen_texts *out) {
  const emu_buf *body = &call->req->body;
  char id[EMU_RESPONSE_ID_LEN + 1];
  emu_response_id(body->data ? body->data : "", body->len, id);
  int with_ids = emu_fc_with_ids(call->path);
  size_t tokens = emu_turn_call_tokens(turn->calls);
  for (int i = 0; i < out->count; i++) {
    emu_gen_candidate *c = &out->cands[i];
    c->text = calloc(1, 1);
    c->parts = emu_turn_call_parts(turn->calls, id, i, with_ids);
    c->finish_reason = "STOP";
    if (!c->text || !c->parts) return -1;
    out->generated_tokens += tokens;
  }
  return 0;
}

/* A JSON or enum answer: the same text in every candidate, without the
 * candidate suffix, stop sequences or the token limit. */
static int structured_candidates(const emu_gen_request *gr, const emu_buf *base,
                                 emu_gen_texts *out) {
  emu_buf prompt = {0}, text = {0};
  int rc = prompt_text(gr, &prompt) < 0
               ? -1
               : emu_output_text(gr->generation_config, prompt.data ? prompt.data : "", prompt.len,
                                 base->data ? base->data : "", base->len, &text);
  for (int i = 0; rc == 0 && i < out->count; i++) {
    emu_gen_candidate *c = &out->cands[i];
    c->text = malloc(text.len + 1);
    if (!c->text) {
      rc = -1;
      break;
    }
    if (text.len) memcpy(c->text, text.data, text.len);
    c->text[text.len] = '\0';
    c->len = text.len;
    c->finish_reason = "STOP";
    out->generated_tokens += emu_token_count(c->text, c->len);
  }
  emu_buf_dispose(&prompt);
  emu_buf_dispose(&text);
  return rc;
}

static int text_candidates(const emu_gen_request *gr, const emu_buf *base, emu_gen_texts *out) {
  if (emu_output_kind_of(gr->generation_config) != EMU_OUTPUT_TEXT)
    return structured_candidates(gr, base, out);
  for (int i = 0; i < out->count; i++) {
    if (make_candidate(base->data ? base->data : "", i, gr, &out->cands[i]) != 0) return -1;
    out->generated_tokens += emu_token_count(out->cands[i].text, out->cands[i].len);
  }
  return 0;
}

int emu_gen_texts_compute(const emu_call *call, const emu_gen_request *gr, emu_gen_texts *out) {
  memset(out, 0, sizeof *out);
  emu_turn turn;
  if (emu_turn_decide(gr, &turn) != 0) return -1;
  emu_buf base = {0};
  out->cands = calloc((size_t)gr->candidate_count, sizeof *out->cands);
  out->count = gr->candidate_count;
  int ok = out->cands != NULL;
  if (ok && turn.kind == EMU_TURN_CALLS)
    ok = call_candidates(call, &turn, out) == 0;
  else if (ok)
    ok = (turn.kind == EMU_TURN_RESULTS
              ? emu_buf_append(&base, turn.results.data ? turn.results.data : "", turn.results.len)
              : base_text(call, gr, &base)) == 0 &&
         text_candidates(gr, &base, out) == 0;
  emu_buf_dispose(&base);
  emu_turn_dispose(&turn);
  if (!ok) {
    emu_gen_texts_dispose(out);
    return -1;
  }
  out->prompt_tokens = emu_contents_tokens(gr->contents) +
                       (gr->system_instruction ? emu_content_tokens(gr->system_instruction) : 0);
  return 0;
}

void emu_gen_texts_dispose(emu_gen_texts *t) {
  for (int i = 0; t->cands && i < t->count; i++) {
    free(t->cands[i].text);
    json_decref(t->cands[i].parts);
  }
  free(t->cands);
  memset(t, 0, sizeof *t);
}
