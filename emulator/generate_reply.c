#include "generate_reply.h"

#include "generate_text.h"
#include "reply_json.h"

static json_t *assemble(const emu_call *call, const emu_gen_texts *t) {
  emu_backend backend = call->path->backend;
  json_t *reply = json_object();
  json_t *list = json_array();
  int ok = reply && list;
  for (int i = 0; ok && i < t->count; i++) {
    const emu_gen_candidate *c = &t->cands[i];
    json_t *cand = c->parts ? emu_reply_candidate_parts(backend, c->parts, c->finish_reason, i)
                            : emu_reply_candidate(backend, c->text, c->len, c->finish_reason, i);
    ok = json_array_append_new(list, cand) == 0;
  }
  if (ok) {
    ok = json_object_set_new(reply, "candidates", list) == 0;
    list = NULL;
  }
  char when[EMU_CREATE_TIME_LEN];
  emu_reply_create_time(when);
  ok = ok &&
       json_object_set_new(reply, "usageMetadata",
                           emu_reply_usage(backend, t->prompt_tokens, t->generated_tokens)) == 0 &&
       emu_reply_add_trailer(call, reply, when) == 0;
  json_decref(list);
  if (!ok) {
    json_decref(reply);
    return NULL;
  }
  return reply;
}

json_t *emu_gen_reply(const emu_call *call, const emu_gen_request *gr) {
  emu_gen_texts t;
  if (emu_gen_texts_compute(call, gr, &t) != 0) return NULL;
  json_t *reply = assemble(call, &t);
  emu_gen_texts_dispose(&t);
  return reply;
}
