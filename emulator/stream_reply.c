#include "stream_reply.h"

#include <stdlib.h>

#include "generate_text.h"
#include "reply_json.h"
#include "tokens.h"

/* A candidate's chunks: chunk k is text[ends[k-1] .. ends[k]) with ends[-1] = 0. */
typedef struct pieces {
  size_t *ends;
  size_t count;
} pieces;

static int cut_into_pieces(const emu_gen_candidate *c, pieces *p) {
  if (c->parts) { /* function calls come whole, in one event, as the services send them */
    p->ends = malloc(sizeof *p->ends);
    p->count = p->ends ? 1 : 0;
    if (p->ends) p->ends[0] = 0;
    return p->ends ? 0 : -1;
  }
  size_t tokens = emu_token_count(c->text, c->len);
  /* At most 1 + ceil((tokens - 1) / N) chunks, plus the empty one. */
  p->ends = malloc((tokens / EMU_STREAM_CHUNK_TOKENS + 3) * sizeof *p->ends);
  p->count = 0;
  if (!p->ends) return -1;
  size_t pos = 0, start, k = 0;
  while (emu_token_next(c->text, c->len, &pos, &start)) {
    k++;
    int closes_chunk = k == 1 || (k - 1) % EMU_STREAM_CHUNK_TOKENS == 0;
    if (closes_chunk && k < tokens) p->ends[p->count++] = pos;
  }
  p->ends[p->count++] = c->len; /* the last chunk takes the rest */
  if (tokens >= 1 && p->count == 1) p->ends[p->count++] = c->len; /* second, empty chunk */
  return 0;
}

static json_t *event_candidates(emu_backend backend, const emu_gen_texts *t, const pieces *ps,
                                size_t event) {
  json_t *list = json_array();
  for (int i = 0; list && i < t->count; i++) {
    const pieces *p = &ps[i];
    if (event >= p->count) continue;
    size_t from = event ? p->ends[event - 1] : 0;
    const emu_gen_candidate *c = &t->cands[i];
    const char *finish = event + 1 == p->count ? c->finish_reason : NULL;
    json_t *cand =
        c->parts ? emu_reply_candidate_parts(backend, c->parts, finish, i)
                 : emu_reply_candidate(backend, c->text + from, p->ends[event] - from, finish, i);
    if (json_array_append_new(list, cand) != 0) {
      json_decref(list);
      return NULL;
    }
  }
  return list;
}

static json_t *make_event(const emu_call *call, const emu_gen_texts *t, const pieces *ps,
                          size_t event, size_t events, const char *when) {
  emu_backend backend = call->path->backend;
  json_t *usage = event + 1 == events
                      ? emu_reply_usage(backend, t->prompt_tokens, t->generated_tokens)
                      : emu_reply_partial_usage(backend, t->prompt_tokens);
  json_t *doc = json_pack("{s:o, s:o}", "candidates", event_candidates(backend, t, ps, event),
                          "usageMetadata", usage);
  if (doc && emu_reply_add_trailer(call, doc, when) != 0) {
    json_decref(doc);
    return NULL;
  }
  return doc;
}

static json_t *make_events(const emu_call *call, const emu_gen_texts *t, const pieces *ps) {
  size_t events = 0;
  for (int i = 0; i < t->count; i++)
    if (ps[i].count > events) events = ps[i].count;
  char when[EMU_CREATE_TIME_LEN]; /* one createTime for the whole stream */
  emu_reply_create_time(when);
  json_t *list = json_array();
  for (size_t e = 0; list && e < events; e++) {
    if (json_array_append_new(list, make_event(call, t, ps, e, events, when)) != 0) {
      json_decref(list);
      list = NULL;
    }
  }
  return list;
}

json_t *emu_stream_reply_events(const emu_call *call, const emu_gen_request *gr) {
  emu_gen_texts t;
  if (emu_gen_texts_compute(call, gr, &t) != 0) return NULL;
  pieces *ps = calloc((size_t)t.count, sizeof *ps);
  int ok = ps != NULL;
  for (int i = 0; ok && i < t.count; i++) ok = cut_into_pieces(&t.cands[i], &ps[i]) == 0;
  json_t *events = ok ? make_events(call, &t, ps) : NULL;
  for (int i = 0; ps && i < t.count; i++) free(ps[i].ends);
  free(ps);
  emu_gen_texts_dispose(&t);
  return events;
}
