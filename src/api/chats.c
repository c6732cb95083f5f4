#include <genai/chats.h>
#include <genai/multi.h>

#include <string.h>

#include "api/client_internal.h"
#include "api/afc_call.h"
#include "api/afc_stream.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "api/contents.h"
#include "api/models_internal.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/structsize.h"
#include "wire/clone.h"
#include "wire/types_gen.h"

/* A growable list of contents. */
typedef struct content_list {
  genai_content **items;
  size_t count, cap;
} content_list;

typedef struct chat_turn chat_turn;

/* A message in progress (a call or a stream): it points back to the chat,
 * which forgets it when it is freed first. */
typedef struct chat_busy {
  genai_chat *chat; /* NULL once the chat was freed */
} chat_busy;

struct genai_chat {
  genai_client *client;
  char *model;
  genai_generate_content_config *config; /* owned copy, or NULL */
  content_list all;                      /* owns every turn */
  content_list curated;                  /* borrows from `all` */
  chat_busy *open_turn;                  /* the message in progress */
};

/* A streamed turn: what the chunks brought so far. */
struct chat_turn {
  chat_busy busy; /* first: the chat's open_turn points here */
  genai_content *user_input;
  content_list output;
  bool valid, finished;
  genai__afc_stream *afc; /* automatic function calling, or NULL */
};

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

static genai_result list_reserve(content_list *l, size_t extra) {
  if (l->count + extra <= l->cap) return GENAI_OK;
  size_t cap = l->cap ? l->cap : 8;
  while (cap < l->count + extra) cap *= 2;
  genai_content **items = genai__realloc(l->items, cap * sizeof(*items));
  if (!items) return oom();
  l->items = items;
  l->cap = cap;
  return GENAI_OK;
}

static void list_free_owned(content_list *l) {
  for (size_t i = 0; i < l->count; i++) genai_content_free(l->items[i]);
  genai__free(l->items);
  memset(l, 0, sizeof(*l));
}

static genai_result clone_content(const genai_content *c, genai_content **out) {
  void *copy = NULL;
  genai_result rc = genai__clone_owned(&genai__type_content, c, &copy);
  *out = copy;
  return rc;
}

/* Python compares with `Part()`: a part none of whose fields is set. A part
 * carrying only fields this library does not know is not empty here: they
 * are kept and echoed. */
static bool part_is_empty(const genai_part *p) {
  if (!p) return true;
  if (p->unknown_json) return false;
  for (size_t i = 0; i < genai__type_part.nfields; i++)
    if (genai__field_is_set(&genai__type_part.fields[i], p)) return false;
  return true;
}

static bool content_is_valid(const genai_content *c) {
  if (!c || !c->parts_count) return false;
  for (size_t i = 0; i < c->parts_count; i++)
    if (part_is_empty(c->parts[i])) return false;
  return true;
}

static const genai_content *first_candidate_content(const genai_generate_content_response *r) {
  return r && r->candidates_count && r->candidates[0] ? r->candidates[0]->content : NULL;
}

static bool response_is_valid(const genai_generate_content_response *r) {
  return content_is_valid(first_candidate_content(r));
}

static bool has_finish_reason(const genai_generate_content_response *r) {
  const genai_candidate *c = r && r->candidates_count ? r->candidates[0] : NULL;
  return c && (c->finish_reason != 0 || c->finish_reason_str);
}

/* Appends a turn, taking ownership of user_input and of the outputs (all
 * freed on failure). No output becomes one `model` content without parts,
 * so that the history keeps alternating. */
static genai_result record_owned(genai_chat *chat, genai_content *user_input, content_list *output, bool valid) {
  genai_result rc = GENAI_OK;
  if (!output->count) {
    genai_content placeholder = {GENAI_INIT(genai_content), .role = "model"};
    genai_content *copy = NULL;
    rc = list_reserve(output, 1);
    if (rc == GENAI_OK) rc = clone_content(&placeholder, &copy);
    if (rc == GENAI_OK) output->items[output->count++] = copy;
  }
  size_t n = 1 + output->count;
  if (rc == GENAI_OK) rc = list_reserve(&chat->all, n);
  if (rc == GENAI_OK && valid) rc = list_reserve(&chat->curated, n);
  if (rc != GENAI_OK) {
    genai_content_free(user_input);
    list_free_owned(output);
    return rc;
  }
  chat->all.items[chat->all.count++] = user_input;
  if (valid) chat->curated.items[chat->curated.count++] = user_input;
  for (size_t i = 0; i < output->count; i++) {
    chat->all.items[chat->all.count++] = output->items[i];
    if (valid) chat->curated.items[chat->curated.count++] = output->items[i];
  }
  genai__free(output->items);
  memset(output, 0, sizeof(*output));
  return GENAI_OK;
}

/* _extract_curated_history: a run of model turns with an invalid one is
 * dropped together with the user turn before it. */
static genai_result extract_curated(genai_chat *chat) {
  content_list *all = &chat->all, *cur = &chat->curated;
  genai_result rc = list_reserve(cur, all->count);
  if (rc != GENAI_OK) return rc;
  for (size_t i = 0; i < all->count;) {
    const char *role = all->items[i]->role;
    if (role && !strcmp(role, "user")) {
      cur->items[cur->count++] = all->items[i++];
      continue;
    }
    size_t start = i;
    bool valid = true;
    for (; i < all->count && all->items[i]->role && !strcmp(all->items[i]->role, "model"); i++)
      valid = valid && content_is_valid(all->items[i]);
    if (valid) {
      for (size_t j = start; j < i; j++) cur->items[cur->count++] = all->items[j];
    } else if (cur->count) {
      cur->count--;
    }
  }
  return GENAI_OK;
}

/* The caller's history: Contents only, with a user or model role. */
static genai_result copy_history(genai_chat *chat, const genai_contents *history) {
  if (history->struct_size < sizeof(genai_contents))
    return genai__err(GENAI_EINVAL, "history: struct_size %zu is too small for genai_contents; initialise it with "
                                    "GENAI_INIT(genai_contents)", history->struct_size);
  bool list = history->kind == GENAI_CONTENTS_KIND_LIST;
  size_t n = list ? history->items_count : 1;
  genai_result rc = list_reserve(&chat->all, n);
  for (size_t i = 0; rc == GENAI_OK && i < n; i++) {
    const genai_contents *item = list ? history->items[i] : history;
    if (!item || item->struct_size < sizeof(genai_contents) || item->kind != GENAI_CONTENTS_KIND_CONTENT ||
        !item->content)
      return genai__err(GENAI_EINVAL, "history[%zu] must be a Content (GENAI_CONTENT(&content))", i);
    const char *role = item->content->role;
    if (!role || (strcmp(role, "user") != 0 && strcmp(role, "model") != 0))
      return genai__err(GENAI_EINVAL, "history[%zu]: Role must be user or model, but got %s", i,
                        role ? role : "None");
    rc = clone_content(item->content, &chat->all.items[chat->all.count]);
    if (rc == GENAI_OK) chat->all.count++;
  }
  return rc == GENAI_OK ? extract_curated(chat) : rc;
}

genai_result genai_chats_create(genai_client *client, const char *model, const genai_generate_content_config *config,
                                const genai_contents *history, genai_chat **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  if (!model || !*model) return genai__err(GENAI_EINVAL, "model is required.");
  genai_chat *chat = genai__calloc(1, sizeof(*chat));
  if (!chat) return oom();
  chat->client = client;
  genai_result rc = (chat->model = genai__strdup(model)) ? GENAI_OK : oom();
  if (rc == GENAI_OK && config) {
    void *copy = NULL;
    rc = genai__clone_owned(&genai__type_generate_content_config, config, &copy);
    chat->config = copy;
  }
  if (rc == GENAI_OK && history) rc = copy_history(chat, history);
  if (rc != GENAI_OK) {
    genai_chat_free(chat);
    return rc;
  }
  *out = chat;
  return GENAI_OK;
}

/* _is_part_type: a text, a part, or a list of those. */
static genai_result check_message(const genai_contents *m) {
  if (!m) return genai__err(GENAI_EINVAL, "message is NULL");
  if (m->struct_size < sizeof(genai_contents))
    return genai__err(GENAI_EINVAL, "message: struct_size %zu is too small for genai_contents; initialise it with "
                                    "GENAI_INIT(genai_contents)", m->struct_size);
  if (m->kind == GENAI_CONTENTS_KIND_TEXT || m->kind == GENAI_CONTENTS_KIND_PART) return GENAI_OK;
  if (m->kind != GENAI_CONTENTS_KIND_LIST)
    return genai__err(GENAI_EINVAL, "message must be a text, a part, or a list of those (GENAI_TEXT, GENAI_PART, "
                                    "GENAI_LIST), not a Content: the chat adds the role");
  if (!m->items_count) return genai__err(GENAI_EINVAL, "message is an empty list");
  for (size_t i = 0; i < m->items_count; i++) {
    const genai_contents *item = m->items ? m->items[i] : NULL;
    if (!item || item->struct_size < sizeof(genai_contents) ||
        (item->kind != GENAI_CONTENTS_KIND_TEXT && item->kind != GENAI_CONTENTS_KIND_PART))
      return genai__err(GENAI_EINVAL, "message[%zu] must be a text or a part (GENAI_TEXT, GENAI_PART)", i);
  }
  return GENAI_OK;
}

/* A request's contents: the curated history, then the new user turn. */
typedef struct turn_request {
  genai_contents *items;
  const genai_contents **ptrs;
  genai_contents all;
} turn_request;

static genai_result turn_request_build(const genai_chat *chat, const genai_content *user_input, turn_request *r) {
  size_t n = chat->curated.count + 1;
  r->items = genai__calloc(n, sizeof(*r->items));
  r->ptrs = genai__calloc(n, sizeof(*r->ptrs));
  if (!r->items || !r->ptrs) return oom();
  for (size_t i = 0; i < n; i++) {
    const genai_content *c = i < chat->curated.count ? chat->curated.items[i] : user_input;
    r->items[i] = (genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_CONTENT, .content = c};
    r->ptrs[i] = &r->items[i];
  }
  r->all = (genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_LIST, .items = r->ptrs,
                            .items_count = n};
  return GENAI_OK;
}

static void turn_request_clear(turn_request *r) {
  genai__free(r->items);
  genai__free(r->ptrs);
  memset(r, 0, sizeof(*r));
}

/* The checks of both send functions, and the user turn as an owned content. */
static genai_result begin_turn(genai_chat *chat, const genai_contents *message, void *out,
                               genai_content **user_input) {
  *user_input = NULL;
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!chat) return genai__err(GENAI_EINVAL, "chat is NULL");
  if (chat->open_turn)
    return genai__err(GENAI_EINVAL, "the chat has a stream in progress: read it until GENAI_DONE or free it before "
                                    "sending another message");
  genai_result rc = check_message(message);
  if (rc != GENAI_OK) return rc;
  genai__arena arena = {0};
  genai__path path = {.text = "message", .len = 7};
  const genai_content *c = NULL;
  rc = genai__t_content(&arena, &path, message, &c);
  if (rc == GENAI_OK) rc = clone_content(c, user_input);
  genai__arena_release(&arena);
  return rc;
}

/* Records the rounds of automatic function calling the way the Python
 * SDK's chat does: the user's message with the first function-call turn,
 * then each function-response turn with the model's next turn. The turn
 * that asks for the final answer comes back in *input. */
static genai_result record_afc_rounds(genai_chat *chat, const genai__afc *afc, size_t base, genai_content **input) {
  genai_result rc = GENAI_OK;
  for (size_t i = base; rc == GENAI_OK && i + 1 < afc->history_count; i += 2) {
    content_list output = {0};
    const genai_content *asked = afc->history[i];
    if ((rc = list_reserve(&output, 1)) == GENAI_OK && (rc = clone_content(asked, &output.items[0])) == GENAI_OK)
      output.count = 1;
    if (rc != GENAI_OK) {
      list_free_owned(&output);
      break;
    }
    rc = record_owned(chat, *input, &output, content_is_valid(asked));
    *input = NULL;
    if (rc == GENAI_OK) rc = clone_content(afc->history[i + 1], input);
  }
  return rc;
}

/* The checks of the _async functions. */
static genai_result check_async(genai_multi *multi, genai_chat *chat, const genai_op_callbacks *callbacks,
                                genai_op **out, genai_op_callbacks *cb) {
  genai_result rc = genai__async_begin(multi, callbacks, out, cb);
  if (rc != GENAI_OK) return rc;
  if (!chat) return genai__err(GENAI_EINVAL, "chat is NULL");
  if (chat->client != genai__multi_client(multi))
    return genai__err(GENAI_EINVAL, "the chat and the multi belong to different clients");
  return GENAI_OK;
}

/* A message sent whole (send_message): the user's turn, and the automatic
 * function calling of its config; recorded when the call ends well. */
typedef struct chat_call {
  chat_busy busy;
  genai_content *user_input;
  genai__afc_call *afc; /* or NULL */
  size_t base;          /* where the rounds start in the conversation */
} chat_call;

static void call_free(chat_call *c) {
  genai_content_free(c->user_input);
  genai__afc_call_free(c->afc);
  genai__free(c);
}

static genai_result call_on_value(void *data, void **value, const void **next, genai__call_options *opts) {
  chat_call *c = data;
  *next = NULL;
  return c->afc ? genai__afc_call_on_value(c->afc, value, next, opts) : GENAI_OK;
}

static genai_result call_on_end(void *data, genai_result rc, void *value) {
  chat_call *c = data;
  genai_chat *chat = c->busy.chat;
  if (!chat) return GENAI_OK;
  chat->open_turn = NULL;
  c->busy.chat = NULL;
  if (rc != GENAI_OK) return GENAI_OK;
  genai_content *input = c->user_input;
  c->user_input = NULL;
  if (c->afc) rc = record_afc_rounds(chat, genai__afc_call_state(c->afc), c->base, &input);
  content_list output = {0};
  const genai_content *answer = first_candidate_content(value);
  if (rc == GENAI_OK && answer && (rc = list_reserve(&output, 1)) == GENAI_OK &&
      (rc = clone_content(answer, &output.items[0])) == GENAI_OK)
    output.count = 1;
  if (rc == GENAI_OK) {
    rc = record_owned(chat, input, &output, response_is_valid(value));
    input = NULL;
  }
  genai_content_free(input);
  list_free_owned(&output);
  return rc;
}

static void call_release(void *data) {
  chat_call *c = data;
  if (c->busy.chat && c->busy.chat->open_turn == &c->busy) c->busy.chat->open_turn = NULL;
  call_free(c);
}

/* send_message, run now (multi NULL: *out gets the answer) or as an
 * operation of multi. */
static genai_result send(genai_chat *chat, genai_multi *multi, const genai_contents *message,
                         const genai_generate_content_config *config, const genai_op_callbacks *cb, genai_op **op,
                         genai_generate_content_response **out) {
  genai_content *user_input = NULL;
  genai_result rc = begin_turn(chat, message, multi ? (void *)op : (void *)out, &user_input);
  if (rc != GENAI_OK) return rc;
  genai_generate_content_config copy;
  const genai_generate_content_config *cfg = chat->config;
  if (config) {
    rc = genai__struct_copy(config, sizeof(copy), "config", "genai_generate_content_config", &copy);
    cfg = &copy;
  }
  chat_call *c = rc == GENAI_OK ? genai__calloc(1, sizeof(*c)) : NULL;
  if (!c) {
    genai_content_free(user_input);
    return rc != GENAI_OK ? rc : oom();
  }
  *c = (chat_call){.busy = {.chat = chat}, .user_input = user_input, .base = chat->curated.count + 1};
  turn_request req = {0};
  rc = turn_request_build(chat, user_input, &req);
  if (rc == GENAI_OK) rc = genai__afc_call_new(chat->model, &req.all, cfg, "chat", &c->afc);
  if (rc != GENAI_OK) {
    turn_request_clear(&req);
    call_free(c);
    return rc;
  }
  chat->open_turn = &c->busy;
  genai__op_hooks hooks = {.on_value = call_on_value, .on_end = call_on_end, .release = call_release, .data = c};
  genai_generate_content_parameters params = {GENAI_INIT(genai_generate_content_parameters), .model = chat->model,
                                               .contents = &req.all, .config = cfg};
  bool raw_only = cfg && cfg->should_return_http_response && *cfg->should_return_http_response;
  genai__call_options opts = {.http_options = cfg ? cfg->http_options : NULL, .raw_only = raw_only,
                              .usage = c->afc ? genai__afc_call_usage(c->afc) : "chat"};
  void *value = NULL;
  rc = genai__op_launch(chat->client, multi, &genai__method_models_generate_content, &params, &opts, &hooks, false,
                        cb, op, &value);
  turn_request_clear(&req);
  if (out) *out = value;
  return rc;
}

genai_result genai_chat_send_message(genai_chat *chat, const genai_contents *message,
                                     const genai_generate_content_config *config,
                                     genai_generate_content_response **out) {
  if (out) *out = NULL;
  return send(chat, NULL, message, config, NULL, NULL, out);
}

genai_result genai_chat_send_message_async(genai_multi *multi, genai_chat *chat, const genai_contents *message,
                                           const genai_generate_content_config *config,
                                           const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = check_async(multi, chat, callbacks, out, &cb);
  return rc == GENAI_OK ? send(chat, multi, message, config, &cb, out, NULL) : rc;
}

static void turn_free(chat_turn *t) {
  genai_content_free(t->user_input);
  list_free_owned(&t->output);
  genai__afc_stream_free(t->afc);
  genai__free(t);
}

static genai_result turn_on_chunk(void *data, void *chunk) {
  chat_turn *t = data;
  const genai_generate_content_response *r = chunk;
  genai_result afc_rc = t->afc ? genai__afc_stream_chunk(t->afc, chunk) : GENAI_OK;
  if (afc_rc != GENAI_OK) return afc_rc;
  if (!response_is_valid(r)) t->valid = false;
  if (has_finish_reason(r)) t->finished = true;
  const genai_content *c = first_candidate_content(r);
  if (!c) return GENAI_OK;
  genai_result rc = list_reserve(&t->output, 1);
  if (rc == GENAI_OK) rc = clone_content(c, &t->output.items[t->output.count]);
  if (rc == GENAI_OK) t->output.count++;
  return rc;
}

static genai_result turn_on_end(void *data, genai_result rc, void *value) {
  (void)value;
  chat_turn *t = data;
  genai_chat *chat = t->busy.chat;
  if (!chat) return GENAI_OK;
  chat->open_turn = NULL;
  t->busy.chat = NULL;
  if (rc != GENAI_DONE) return GENAI_OK;
  genai_content *user_input = t->user_input;
  t->user_input = NULL;
  return record_owned(chat, user_input, &t->output, t->valid && t->finished);
}

static genai_result clone_list(const content_list *from, content_list *to) {
  genai_result rc = list_reserve(to, from->count);
  for (size_t i = 0; rc == GENAI_OK && i < from->count; i++)
    if ((rc = clone_content(from->items[i], &to->items[to->count])) == GENAI_OK) to->count++;
  return rc;
}

/* A round of automatic function calling ended: the Python SDK's chat records
 * it (the input, the round's chunks) and the function results become the
 * input of the next round. When no round follows (the calls allowed are
 * spent), the last round's chunks are recorded again with the results, as
 * the Python SDK does. */
static genai_result turn_next_round(void *data, const void **params, genai__call_options *opts) {
  chat_turn *t = data;
  bool ran = false;
  const genai_content *results = NULL;
  *params = NULL;
  if (!t->afc) return GENAI_OK;
  genai_result rc = genai__afc_stream_round_end(t->afc, &ran, &results, params, opts);
  if (rc != GENAI_OK || !ran || !t->busy.chat) return rc;
  content_list again = {0};
  if (!*params && (rc = clone_list(&t->output, &again)) != GENAI_OK) {
    list_free_owned(&again);
    return rc;
  }
  genai_content *input = t->user_input;
  t->user_input = NULL;
  rc = record_owned(t->busy.chat, input, &t->output, t->valid);
  if (rc == GENAI_OK) rc = clone_content(results, &t->user_input);
  t->output = again;
  if (*params) {
    t->valid = true;
    t->finished = false;
  }
  return rc;
}

static void turn_release(void *data) {
  chat_turn *t = data;
  if (t->busy.chat && t->busy.chat->open_turn == &t->busy) t->busy.chat->open_turn = NULL;
  turn_free(t);
}

/* send_message_stream, as a pull stream (multi NULL: *out) or as an
 * operation of multi (*op). */
static genai_result send_stream(genai_chat *chat, genai_multi *multi, const genai_contents *message,
                                const genai_generate_content_config *config, const genai_op_callbacks *cb,
                                genai_op **op, genai_stream **out) {
  genai_content *user_input = NULL;
  genai_result rc = begin_turn(chat, message, multi ? (void *)op : (void *)out, &user_input);
  if (rc != GENAI_OK) return rc;
  chat_turn *turn = genai__calloc(1, sizeof(*turn));
  turn_request req = {0};
  if (!turn) {
    genai_content_free(user_input);
    return oom();
  }
  *turn = (chat_turn){.busy = {.chat = chat}, .user_input = user_input, .valid = true};
  if ((rc = turn_request_build(chat, user_input, &req)) != GENAI_OK) {
    turn_request_clear(&req);
    turn_free(turn);
    return rc;
  }
  chat->open_turn = &turn->busy;
  genai_generate_content_config copy;
  const genai_generate_content_config *cfg = chat->config;
  if (config) {
    rc = genai__struct_copy(config, sizeof(copy), "config", "genai_generate_content_config", &copy);
    cfg = &copy;
  }
  if (rc == GENAI_OK) rc = genai__afc_stream_new(chat->model, &req.all, cfg, "chat", &turn->afc);
  if (rc != GENAI_OK) {
    chat->open_turn = NULL;
    turn_request_clear(&req);
    turn_free(turn);
    return rc;
  }
  genai__stream_hooks hooks = {.on_chunk = turn_on_chunk, .on_end = turn_on_end, .next_round = turn_next_round,
                               .release = turn_release, .data = turn};
  const char *usage = turn->afc ? genai__afc_stream_usage(turn->afc) : "chat";
  rc = multi ? genai__models_stream_op(multi, chat->model, &req.all, cfg, usage, &hooks, cb, op)
             : genai__models_stream(chat->client, chat->model, &req.all, cfg, usage, &hooks, out);
  turn_request_clear(&req);
  return rc;
}

genai_result genai_chat_send_message_stream(genai_chat *chat, const genai_contents *message,
                                            const genai_generate_content_config *config, genai_stream **out) {
  if (out) *out = NULL;
  return send_stream(chat, NULL, message, config, NULL, NULL, out);
}

genai_result genai_chat_send_message_stream_async(genai_multi *multi, genai_chat *chat, const genai_contents *message,
                                                  const genai_generate_content_config *config,
                                                  const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = check_async(multi, chat, callbacks, out, &cb);
  return rc == GENAI_OK ? send_stream(chat, multi, message, config, &cb, out, NULL) : rc;
}



genai_result genai_chat_get_history(const genai_chat *chat, bool curated, const genai_content *const **history,
                                    size_t *count) {
  if (!history || !count) return genai__err(GENAI_EINVAL, "%s is NULL", history ? "count" : "history");
  *history = NULL;
  *count = 0;
  if (!chat) return genai__err(GENAI_EINVAL, "chat is NULL");
  const content_list *l = curated ? &chat->curated : &chat->all;
  *history = (const genai_content *const *)l->items;
  *count = l->count;
  return GENAI_OK;
}

genai_result genai_chat_record_history(genai_chat *chat, const genai_content *user_input,
                                       const genai_content *const *model_output, size_t model_output_count,
                                       bool is_valid) {
  if (!chat) return genai__err(GENAI_EINVAL, "chat is NULL");
  if (!user_input) return genai__err(GENAI_EINVAL, "user_input is NULL");
  if (model_output_count && !model_output) return genai__err(GENAI_EINVAL, "model_output is NULL");
  genai_content *input = NULL;
  content_list output = {0};
  genai_result rc = clone_content(user_input, &input);
  if (rc == GENAI_OK) rc = list_reserve(&output, model_output_count);
  for (size_t i = 0; rc == GENAI_OK && i < model_output_count; i++) {
    if (!model_output[i]) rc = genai__err(GENAI_EINVAL, "model_output[%zu] is NULL", i);
    else if ((rc = clone_content(model_output[i], &output.items[i])) == GENAI_OK) output.count++;
  }
  if (rc != GENAI_OK) {
    genai_content_free(input);
    list_free_owned(&output);
    return rc;
  }
  return record_owned(chat, input, &output, is_valid);
}

void genai_chat_free(genai_chat *chat) {
  if (!chat) return;
  if (chat->open_turn) chat->open_turn->chat = NULL;
  list_free_owned(&chat->all);
  genai__free(chat->curated.items);
  genai_generate_content_config_free(chat->config);
  genai__free(chat->model);
  genai__free(chat);
}
