#include "api/op.h"

#include <string.h>

#include "api/client_internal.h"
#include "api/multi_internal.h"
#include "api/response.h"
#include "api/stream_event.h"
#include "core/alloc.h"
#include "wire/codec.h"

/* The largest event accepted: a chunk may carry inline images. */
#define MAX_EVENT_BYTES ((size_t)64 << 20)

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

/* ------------------------------------------------------------- events */

static genai_result queue_push(genai__op_event_queue *q, const char *data, size_t len) {
  if (q->count == q->cap) {
    size_t cap = q->cap ? q->cap * 2 : 4;
    genai__buf *items = genai__calloc(cap, sizeof(*items));
    if (!items) return oom();
    for (size_t i = 0; i < q->count; i++) items[i] = q->items[(q->head + i) % q->cap];
    genai__free(q->items);
    q->items = items;
    q->cap = cap;
    q->head = 0;
  }
  genai__buf *b = &q->items[(q->head + q->count) % q->cap];
  genai__buf_reset(b);
  if (genai__buf_append(b, data, len) != GENAI_OK) return oom();
  q->count++;
  return GENAI_OK;
}

static void queue_free(genai__op_event_queue *q) {
  for (size_t i = 0; i < q->cap; i++) genai__buf_free(&q->items[i]);
  genai__free(q->items);
  memset(q, 0, sizeof(*q));
}

static genai_result on_event(void *data, const char *text, size_t len) {
  genai_op *op = data;
  return queue_push(&op->queue, text, len);
}

static void flush(void *data);

/* A 2xx body: bytes to the SSE decoder while the chunks of the previous
 * bytes have been delivered; else the transfer waits (flat memory). */
static genai__sink_action sink(void *data, const char *bytes, size_t len) {
  genai_op *op = data;
  if (op->queue.count) return GENAI__SINK_PAUSE;
  genai_result rc = genai__sse_feed(&op->sse, bytes, len);
  if (op->queue.count) genai__defer(op->driver, &op->work, flush, op);
  if (rc == GENAI_OK) return GENAI__SINK_TAKE;
  if (rc == GENAI_EDECODE) genai__response_decode_failed(&op->resp);
  op->sse_error = rc;
  genai__error_save(&op->error);
  return GENAI__SINK_ABORT;
}

/* ---------------------------------------------------------- the outcome */

static void call_user(genai_op *op, void (*fn)(genai_op *, void *)) {
  if (!fn) return;
  op->in_callback++;
  fn(op, op->cb.user_data);
  op->in_callback--;
}

static void stop_call(genai_op *op) {
  if (!op->calling) return;
  op->calling = false;
  if (op->task) op->task->stop(op->hooks.data);
  else genai__exchange_clear(&op->x);
  genai__defer_cancel(op->driver, &op->work);
}

/* Ends the operation: rc OK/DONE with value, or an error (the calling
 * thread's error describes it). on_done runs last: it may free the op. */
static void complete(genai_op *op, genai_result rc, void *value) {
  if (op->done) {
    genai__value_free(value);
    return;
  }
  if (rc != GENAI_OK && rc != GENAI_DONE) genai__error_save(&op->error);
  stop_call(op);
  if (op->hooks.on_end) {
    genai_result hook_rc = op->hooks.on_end(op->hooks.data, rc, value);
    if ((rc == GENAI_OK || rc == GENAI_DONE) && hook_rc != GENAI_OK) {
      rc = hook_rc;
      genai__error_save(&op->error);
      genai__value_free(value);
      value = NULL;
    }
  }
  op->done = true;
  op->result = rc;
  op->value = value;
  if (op->multi) genai__multi_op_ended(op->multi, op);
  call_user(op, op->cb.on_done);
  if (op->free_requested && !op->in_callback) genai__op_destroy(op);
}

static genai_result start_call(genai_op *op, const void *params, const genai__call_options *opts);

/* Delivers the queued chunks of a stream, outside libcurl. */
static void flush(void *data) {
  genai_op *op = data;
  op->in_callback++; /* a callback freeing the op waits until the chunk is done */
  while (!op->done && op->queue.count) {
    genai__buf *ev = &op->queue.items[op->queue.head];
    op->queue.head = (op->queue.head + 1) % op->queue.cap;
    op->queue.count--;
    void *chunk = NULL;
    genai_result rc =
        genai__decode_stream_event(op->method->response, op->backend, &op->resp, &op->x.secrets, ev->data, ev->len,
                                   &chunk);
    genai__buf_reset(ev);
    if (rc == GENAI_OK && op->hooks.on_chunk) rc = op->hooks.on_chunk(op->hooks.data, chunk);
    if (rc != GENAI_OK) {
      genai__value_free(chunk);
      complete(op, rc, NULL);
      break;
    }
    if (op->cb.on_chunk && !op->free_requested) op->cb.on_chunk(op, chunk, op->cb.user_data);
    genai__value_free(chunk);
    if (op->free_requested) break;
  }
  op->in_callback--;
  if (op->free_requested && !op->in_callback) {
    genai__op_destroy(op);
    return;
  }
  /* the chunks are out: the transfer may read on */
  if (!op->done && op->calling) genai__transfer_resume(genai__exchange_transfer(&op->x));
}

/* A stream's round ended normally: the next round, or the end. */
static void round_end(genai_op *op) {
  const void *params = NULL;
  genai__call_options opts = {0};
  genai_result rc = op->hooks.next_round ? op->hooks.next_round(op->hooks.data, &params, &opts) : GENAI_OK;
  if (rc == GENAI_OK && params) {
    stop_call(op);
    rc = start_call(op, params, &opts);
    if (rc == GENAI_OK) return;
  }
  complete(op, rc == GENAI_OK ? GENAI_DONE : rc, NULL);
}

static void call_ended(void *data, genai_result rc) {
  genai_op *op = data;
  if (op->done) return;
  if (op->stream) {
    if (op->sse_error != GENAI_OK) {
      (void)genai__error_restore(&op->error);
      complete(op, op->sse_error, NULL);
      return;
    }
    if (rc != GENAI_OK) {
      flush(op); /* chunks that arrived before the failure come first */
      if (!op->done) complete(op, rc, NULL);
      return;
    }
    if ((rc = genai__sse_finish(&op->sse)) != GENAI_OK) {
      if (rc == GENAI_EDECODE) genai__response_decode_failed(&op->resp);
      complete(op, rc, NULL);
      return;
    }
    flush(op);
    if (!op->done && !op->free_requested) round_end(op);
    return;
  }
  void *value = NULL;
  if (rc == GENAI_OK)
    rc = genai__response_from_http(op->method->response, op->backend, &op->resp, op->raw_only,
                                   op->method->response_xf, &value);
  if (rc != GENAI_OK) {
    complete(op, rc, NULL);
    return;
  }
  const void *params = NULL;
  genai__call_options opts = {0};
  if (op->hooks.on_value && (rc = op->hooks.on_value(op->hooks.data, &value, &params, &opts)) != GENAI_OK) {
    genai__value_free(value);
    complete(op, rc, NULL);
    return;
  }
  if (params) {
    genai__value_free(value);
    stop_call(op);
    if ((rc = start_call(op, params, &opts)) != GENAI_OK) complete(op, rc, NULL);
    return;
  }
  complete(op, GENAI_OK, value);
}

static genai_result start_call(genai_op *op, const void *params, const genai__call_options *opts) {
  static const genai__call_options none = {0};
  if (!opts) opts = &none;
  genai__built_request built;
  genai_result rc =
      genai__method_build(op->method, op->backend, op->client->project, op->client->location, params, &built);
  if (rc != GENAI_OK) return rc;
  op->raw_only = opts->raw_only;
  genai__call call = {.method = built.verb, .path = built.path, .body = built.body, .http_options = opts->http_options,
                      .usage = opts->usage, .sink = op->stream ? sink : NULL, .sink_data = op};
  if (op->stream) {
    genai__sse_free(&op->sse);
    genai__sse_init(&op->sse, MAX_EVENT_BYTES, on_event, op);
    op->sse_error = GENAI_OK;
  }
  rc = genai__exchange_start(&op->x, op->client, op->driver, &call, &op->resp, NULL, call_ended, op);
  genai__built_request_clear(&built);
  if (rc == GENAI_OK) op->calling = true;
  return rc;
}

/* ----------------------------------------------------------- lifecycle */

genai_result genai__op_new(genai_client *client, genai__driver *driver, genai_multi *multi, const genai__method *m,
                           bool stream, const genai_op_callbacks *callbacks, const genai__op_hooks *hooks,
                           genai_op **out) {
  *out = NULL;
  genai_op *op = genai__calloc(1, sizeof(*op));
  if (!op) {
    if (hooks && hooks->release) hooks->release(hooks->data);
    return oom();
  }
  op->client = client;
  op->driver = driver;
  op->multi = multi;
  op->method = m;
  op->backend = genai__client_backend(client);
  op->stream = stream;
  op->result = GENAI_EINPROGRESS;
  atomic_init(&op->cancel, false);
  if (callbacks) op->cb = *callbacks;
  if (hooks) op->hooks = *hooks;
  genai__sse_init(&op->sse, MAX_EVENT_BYTES, on_event, op);
  *out = op;
  return GENAI_OK;
}

genai_result genai__op_start(genai_op *op, const void *params, const genai__call_options *opts) {
  return start_call(op, params, opts);
}

void genai__op_cancel_now(genai_op *op) {
  if (op->done) return;
  genai__err(GENAI_ECANCELED, "the operation was cancelled");
  complete(op, GENAI_ECANCELED, NULL);
}

void genai__op_destroy(genai_op *op) {
  if (!op) return;
  if (op->in_callback) {
    op->free_requested = true;
    return;
  }
  stop_call(op);
  if (op->multi) genai__multi_op_removed(op->multi, op);
  genai__response_clear(&op->resp);
  genai__sse_free(&op->sse);
  queue_free(&op->queue);
  genai__value_free(op->value);
  genai__error_copy_clear(&op->error);
  if (op->hooks.release) op->hooks.release(op->hooks.data);
  if (op->own_driver) genai__http_driver_checkin(op->client->http, op->driver);
  genai__free(op);
}

void genai__op_orphan(genai_op *op) {
  stop_call(op);
  if (!op->done) {
    op->done = true;
    op->result = GENAI_ECANCELED;
    genai__err(GENAI_ECANCELED, "the multi was freed before the operation ended");
    genai__error_save(&op->error);
  }
  op->multi = NULL;
  op->driver = NULL;
}

static bool op_done(void *data) { return ((genai_op *)data)->done; }

/* A new operation on a private driver of the library's loop, which it
 * checks in again when it is freed. */
static genai_result new_private(genai_client *client, const genai__method *m, const genai__op_hooks *hooks,
                                genai_op **out) {
  genai__driver *d = NULL;
  genai_result rc = genai__http_driver_checkout(client->http, &d);
  if (rc != GENAI_OK) {
    if (hooks && hooks->release) hooks->release(hooks->data);
    return rc;
  }
  rc = genai__op_new(client, d, NULL, m, false, NULL, hooks, out);
  if (rc != GENAI_OK) {
    genai__http_driver_checkin(client->http, d);
    return rc;
  }
  (*out)->own_driver = true;
  return GENAI_OK;
}

/* Runs a started operation of a private driver until it ends. */
static genai_result run_to_end(genai_op *op) {
  genai_result rc = genai__driver_run(op->driver, op_done, op);
  if (rc == GENAI_OK && !op->done) rc = genai__err(GENAI_ERROR, "the HTTP driver stopped before the call ended");
  return rc;
}

genai_result genai__op_outcome(const genai_op *op) {
  if (!op->done) return genai__err(GENAI_EINPROGRESS, "the operation has not ended yet");
  return op->result == GENAI_OK || op->result == GENAI_DONE ? op->result : genai__error_restore(&op->error);
}

genai_result genai__op_run(genai_client *client, const genai__method *m, const void *params,
                           const genai__call_options *opts, const genai__op_hooks *hooks, void **out) {
  *out = NULL;
  genai_op *op = NULL;
  genai_result rc = new_private(client, m, hooks, &op);
  if (rc != GENAI_OK) return rc;
  rc = genai__op_start(op, params, opts);
  if (rc == GENAI_OK) rc = run_to_end(op);
  if (rc == GENAI_OK) rc = genai__op_outcome(op);
  if (rc == GENAI_OK) {
    *out = op->value;
    op->value = NULL;
  }
  genai__op_destroy(op);
  return rc;
}

/* ------------------------------------------------------------- tasks */

genai_result genai__op_launch_task(genai_client *client, genai_multi *multi, const genai__op_task *task,
                                   const genai__op_hooks *hooks, const genai_op_callbacks *callbacks, genai_op **out) {
  *out = NULL;
  genai_op *op = NULL;
  genai_result rc = multi ? genai__op_new(client, genai__multi_driver(multi), multi, NULL, false, callbacks, hooks, &op)
                          : new_private(client, NULL, hooks, &op);
  if (rc != GENAI_OK) return rc;
  op->task = task;
  op->calling = true; /* from here on, freeing the op stops the task */
  rc = task->start(op->hooks.data, op);
  if (rc == GENAI_OK) {
    if (multi) genai__multi_op_added(multi, op);
    else rc = run_to_end(op);
  }
  if (rc != GENAI_OK) {
    genai__op_destroy(op); /* raises no error: the thread's still describes rc */
    return rc;
  }
  *out = op;
  return GENAI_OK;
}

void genai__op_finish(genai_op *op, genai_result rc, void *value) { complete(op, rc, value); }

void genai__op_user_enter(genai_op *op) { op->in_callback++; }

bool genai__op_user_leave(genai_op *op) {
  op->in_callback--;
  if (!op->free_requested) return true;
  if (!op->in_callback) genai__op_destroy(op);
  return false;
}

genai__op_hooks genai__op_hooks_of_stream(const genai__stream_hooks *h) {
  return (genai__op_hooks){.on_chunk = h->on_chunk, .next_round = h->next_round, .on_end = h->on_end,
                           .release = h->release, .data = h->data};
}

genai_result genai__op_launch(genai_client *client, genai_multi *multi, const genai__method *m, const void *params,
                              const genai__call_options *opts, const genai__op_hooks *hooks, bool stream,
                              const genai_op_callbacks *callbacks, genai_op **op, void **value) {
  if (!multi) return genai__op_run(client, m, params, opts, hooks, value);
  *op = NULL;
  genai_op *o = NULL;
  genai_result rc = genai__op_new(client, genai__multi_driver(multi), multi, m, stream, callbacks, hooks, &o);
  if (rc != GENAI_OK) return rc;
  if ((rc = genai__op_start(o, params, opts)) != GENAI_OK) {
    genai__op_destroy(o);
    return rc;
  }
  genai__multi_op_added(multi, o);
  *op = o;
  return GENAI_OK;
}
