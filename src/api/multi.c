#include <genai/multi.h>

#include <stdatomic.h>
#include <string.h>

#include "api/op.h"
#include "api/multi_internal.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/structsize.h"
#include "wire/types_gen.h"

struct genai_multi {
  genai_client *client;
  genai__driver *driver;
  genai_op *head;        /* every operation not freed yet */
  genai__multi_member *members;
  size_t running;
  atomic_int cancels;    /* genai_op_cancel requests not handled yet */
};

genai__driver *genai__multi_driver(genai_multi *m) { return m->driver; }
genai_client *genai__multi_client(genai_multi *m) { return m->client; }

void genai__multi_op_added(genai_multi *m, genai_op *op) {
  op->linked = true;
  op->prev = NULL;
  op->next = m->head;
  if (m->head) m->head->prev = op;
  m->head = op;
  m->running++;
}

void genai__multi_op_ended(genai_multi *m, genai_op *op) {
  if (op->linked && m->running) m->running--;
}

void genai__multi_op_removed(genai_multi *m, genai_op *op) {
  if (!op->linked) return;
  op->linked = false;
  if (!op->done && m->running) m->running--;
  if (op->prev) op->prev->next = op->next;
  else if (m->head == op) m->head = op->next;
  if (op->next) op->next->prev = op->prev;
  op->prev = op->next = NULL;
}

void genai__multi_member_add(genai_multi *m, genai__multi_member *mm, void (*detach)(void *), void *data) {
  mm->detach = detach;
  mm->data = data;
  mm->linked = mm->running = true;
  mm->prev = NULL;
  mm->next = m->members;
  if (m->members) m->members->prev = mm;
  m->members = mm;
  m->running++;
}

void genai__multi_member_ended(genai_multi *m, genai__multi_member *mm) {
  if (!mm->running) return;
  mm->running = false;
  if (m->running) m->running--;
}

void genai__multi_member_remove(genai_multi *m, genai__multi_member *mm) {
  if (!mm->linked) return;
  genai__multi_member_ended(m, mm);
  mm->linked = false;
  if (mm->prev) mm->prev->next = mm->next;
  else m->members = mm->next;
  if (mm->next) mm->next->prev = mm->prev;
  mm->prev = mm->next = NULL;
}

genai_result genai_multi_new(genai_client *client, const genai_multi_options *options, genai_multi **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  genai_multi_options o = {0};
  if (options) {
    genai_result rc = genai__struct_copy(options, sizeof(o), "options", "genai_multi_options", &o);
    if (rc != GENAI_OK) return rc;
    if (!o.socket_fn != !o.timer_fn)
      return genai__err(GENAI_EINVAL, "options: socket_fn and timer_fn go together (an application's loop needs "
                                      "both)");
  }
  genai_multi *m = genai__calloc(1, sizeof(*m));
  if (!m) return genai__err(GENAI_ENOMEM, "out of memory");
  m->client = client;
  atomic_init(&m->cancels, 0);
  genai__driver_hooks hooks = {.socket_fn = o.socket_fn, .timer_fn = o.timer_fn, .user_data = o.user_data};
  genai_result rc = genai__driver_new(o.socket_fn ? &hooks : NULL, &m->driver);
  if (rc != GENAI_OK) {
    genai__free(m);
    return rc;
  }
  *out = m;
  return GENAI_OK;
}

void genai_multi_free(genai_multi *m) {
  if (!m) return;
  /* Operations outlive their multi as finished, cancelled shells. */
  while (m->head) {
    genai_op *op = m->head;
    genai__multi_op_removed(m, op);
    genai__op_orphan(op);
  }
  while (m->members) {
    genai__multi_member *mm = m->members;
    genai__multi_member_remove(m, mm);
    mm->detach(mm->data);
  }
  genai__driver_free(m->driver);
  genai__free(m);
}

/* genai_op_cancel requests, handled on the multi's thread. */
static void handle_cancels(genai_multi *m) {
  if (atomic_exchange(&m->cancels, 0) == 0) return;
  size_t n = 0;
  for (genai_op *op = m->head; op; op = op->next)
    if (atomic_load(&op->cancel) && !op->done) n++;
  if (!n) return;
  genai_op **list = genai__calloc(n, sizeof(*list));
  if (!list) {
    atomic_fetch_add(&m->cancels, 1); /* try again at the next perform */
    return;
  }
  size_t k = 0;
  for (genai_op *op = m->head; op && k < n; op = op->next) {
    if (atomic_load(&op->cancel) && !op->done) {
      op->in_callback++; /* a callback freeing one of these waits */
      list[k++] = op;
    }
  }
  for (size_t i = 0; i < k; i++) {
    genai_op *op = list[i];
    genai__op_cancel_now(op);
    op->in_callback--;
    if (op->free_requested && !op->in_callback) genai__op_destroy(op);
  }
  genai__free(list);
}

static void report_running(const genai_multi *m, int *running) {
  if (running) *running = (int)m->running;
}

genai_result genai_multi_perform(genai_multi *m, int *running) {
  if (!m) return genai__err(GENAI_EINVAL, "multi is NULL");
  handle_cancels(m);
  genai_result rc = genai__driver_perform(m->driver);
  report_running(m, running);
  return rc;
}

genai_result genai_multi_poll(genai_multi *m, int timeout_ms, int *running) {
  if (!m) return genai__err(GENAI_EINVAL, "multi is NULL");
  handle_cancels(m);
  genai_result rc = m->running ? genai__driver_poll(m->driver, timeout_ms) : genai__driver_perform(m->driver);
  handle_cancels(m);
  report_running(m, running);
  return rc;
}

genai_result genai_multi_socket_action(genai_multi *m, int fd, int events, int *running) {
  if (!m) return genai__err(GENAI_EINVAL, "multi is NULL");
  handle_cancels(m);
  genai_result rc = genai__driver_socket_action(m->driver, fd, events);
  report_running(m, running);
  return rc;
}

long genai_multi_timeout_ms(genai_multi *m) {
  if (!m) return -1;
  if (atomic_load(&m->cancels)) return 0;
  return genai__driver_timeout_ms(m->driver);
}

genai_result genai_multi_wakeup(genai_multi *m) {
  if (!m) return genai__err(GENAI_EINVAL, "multi is NULL");
  genai__driver_wakeup(m->driver);
  return GENAI_OK;
}

/* ----------------------------------------------------------------- ops */

genai_result genai_op_result(const genai_op *op) {
  if (!op) return genai__err(GENAI_EINVAL, "op is NULL");
  return op->done ? op->result : GENAI_EINPROGRESS;
}

const genai_error *genai_op_error(const genai_op *op) {
  static const genai_error none = {sizeof(genai_error), GENAI_OK, 0, "", "no error", NULL, NULL, -1};
  return op && op->done && op->result != GENAI_OK && op->result != GENAI_DONE ? &op->error.pub : &none;
}

genai_result genai_op_cancel(genai_op *op) {
  if (!op) return genai__err(GENAI_EINVAL, "op is NULL");
  genai_multi *m = op->multi;
  atomic_store(&op->cancel, true);
  if (m) {
    atomic_fetch_add(&m->cancels, 1);
    genai__driver_wakeup(m->driver);
  }
  return GENAI_OK;
}

void genai_op_free(genai_op *op) { genai__op_destroy(op); }

genai_result genai__op_take(genai_op *op, const genai__type *t, void **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!op) return genai__err(GENAI_EINVAL, "op is NULL");
  if (!op->done) return genai__err(GENAI_EINPROGRESS, "the operation has not ended yet");
  if (op->result != GENAI_OK) return genai__error_restore(&op->error);
  if ((op->task ? op->task->result : op->method->response) != t)
    return genai__err(GENAI_EINVAL, "the operation's result is %s, not %s", genai__op_result_name(op), t->c_name);
  if (!op->value) return genai__err(GENAI_EINVAL, "the result was taken already");
  *out = op->value;
  op->value = NULL;
  return GENAI_OK;
}

const char *genai__op_result_name(const genai_op *op) {
  const genai__type *t = op->task ? op->task->result : op->method->response;
  return t ? t->c_name : op->task->result_name;
}

genai_result genai_op_take_generate_content_response(genai_op *op, genai_generate_content_response **out) {
  return genai__op_take(op, &genai__type_generate_content_response, (void **)out);
}

genai_result genai_op_take_count_tokens_response(genai_op *op, genai_count_tokens_response **out) {
  return genai__op_take(op, &genai__type_count_tokens_response, (void **)out);
}

genai_result genai_op_take_compute_tokens_response(genai_op *op, genai_compute_tokens_response **out) {
  return genai__op_take(op, &genai__type_compute_tokens_response, (void **)out);
}

genai_result genai_op_take_embed_content_response(genai_op *op, genai_embed_content_response **out) {
  return genai__op_take(op, &genai__type_embed_content_response, (void **)out);
}

genai_result genai__async_begin(genai_multi *multi, const genai_op_callbacks *callbacks, genai_op **out,
                                genai_op_callbacks *cb) {
  if (out) *out = NULL;
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!multi) return genai__err(GENAI_EINVAL, "multi is NULL");
  if (!callbacks) return genai__err(GENAI_EINVAL, "callbacks is NULL: on_done is required");
  genai_result rc = genai__struct_copy(callbacks, sizeof(*cb), "callbacks", "genai_op_callbacks", cb);
  if (rc != GENAI_OK) return rc;
  if (!cb->on_done) return genai__err(GENAI_EINVAL, "callbacks.on_done is required");
  return GENAI_OK;
}
