#include "api/stream.h"

#include <string.h>

#include "api/client_internal.h"
#include "api/method.h"
#include "api/request.h"
#include "api/response.h"
#include "api/stream_event.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "http/api_error.h"
#include "http/driver.h"
#include "http/sse.h"

/* The largest event accepted: a chunk may carry inline images. */
#define MAX_EVENT_BYTES ((size_t)64 << 20)

/* Complete events not handed out yet: what one network read delivered. */
typedef struct event_queue {
  genai__buf *items;
  size_t head, count, cap;
} event_queue;

struct genai_stream {
  genai_client *client;
  genai__backend backend;
  const genai__method *method;
  const genai__type *type;
  genai__driver *driver; /* the stream's own: its transfers run only while it is read */
  genai__exchange x;
  genai__response resp;
  bool began;             /* this round's 2xx answer began */
  genai__sse sse;
  event_queue queue;
  void *current;       /* the chunk handed out last */
  bool finished;       /* the transfer completed */
  genai_result result; /* GENAI_OK while running; then GENAI_DONE or the error */
  genai__error_copy error;
  genai_result sse_error; /* set by the sink when the decoder failed */
  genai_result failure;   /* how the transfer ended, once finished (its error in `error`) */
  genai__stream_hooks hooks;
};

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

static genai_result queue_push(event_queue *q, const char *data, size_t len) {
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

static void queue_free(event_queue *q) {
  for (size_t i = 0; i < q->cap; i++) genai__buf_free(&q->items[i]);
  genai__free(q->items);
  memset(q, 0, sizeof(*q));
}

static genai_result on_event(void *data, const char *text, size_t len) {
  genai_stream *s = data;
  return queue_push(&s->queue, text, len);
}

/* The HTTP body of a 2xx answer: bytes to the SSE decoder, as long as the
 * caller took the events of the previous bytes. Otherwise the transfer
 * pauses, and the service waits for the caller: memory stays at one read. */
static genai__sink_action sink(void *data, const char *bytes, size_t len) {
  genai_stream *s = data;
  if (s->queue.count) return GENAI__SINK_PAUSE;
  genai_result rc = genai__sse_feed(&s->sse, bytes, len);
  if (rc == GENAI_OK) return GENAI__SINK_TAKE;
  if (rc == GENAI_EDECODE) genai__response_decode_failed(&s->resp);
  s->sse_error = rc;
  genai__error_save(&s->error);
  return GENAI__SINK_ABORT;
}


/* Ends the stream with the thread's current error (or GENAI_DONE). */
static genai_result end(genai_stream *s, genai_result rc) {
  if (rc != GENAI_DONE) genai__error_save(&s->error);
  genai__exchange_clear(&s->x);
  genai_result hook_rc = s->hooks.on_end ? s->hooks.on_end(s->hooks.data, rc, NULL) : GENAI_OK;
  if (rc == GENAI_DONE && hook_rc != GENAI_OK) {
    rc = hook_rc;
    genai__error_save(&s->error);
  }
  s->result = rc;
  return rc == GENAI_DONE ? rc : genai__error_restore(&s->error);
}

/* The round's call ended: what it ended with, once its events are out. */
static void round_ended(genai_stream *s) {
  s->finished = true;
  genai_result rc = s->x.result;
  if (s->sse_error != GENAI_OK) {
    rc = s->sse_error; /* its error is saved already */
  } else if (rc != GENAI_OK) {
    genai__error_copy_clear(&s->error);
    (void)genai__error_restore(&s->x.error);
    genai__error_save(&s->error);
  } else if ((rc = genai__sse_finish(&s->sse)) != GENAI_OK) {
    if (rc == GENAI_EDECODE) genai__response_decode_failed(&s->resp);
    genai__error_save(&s->error);
  }
  s->failure = rc;
}

static bool event_or_end(void *data) {
  genai_stream *s = data;
  return s->queue.count > 0 || s->x.done;
}

/* Runs the transfer until an event is queued or it completes. Events that
 * arrived before a failure are handed out first: the failure is kept in
 * s->failure and reported once the queue is empty. */
static genai_result pump(genai_stream *s) {
  while (!s->queue.count && !s->finished) {
    genai__transfer *t = genai__exchange_transfer(&s->x);
    genai__transfer_resume(t);
    if (s->queue.count) break; /* the held bytes completed an event */
    genai__transfer_touch(t);
    genai_result rc = genai__driver_run(s->driver, event_or_end, s);
    if (rc != GENAI_OK) return rc;
    if (s->x.done && !s->queue.count) round_ended(s);
    else if (!s->x.done && !s->queue.count && !genai__driver_pending(s->driver))
      return genai__err(GENAI_ERROR, "the stream's transfer stopped without an end");
  }
  if (s->queue.count || s->failure == GENAI_OK) return GENAI_OK;
  return genai__error_restore(&s->error);
}

static genai_result next_round(genai_stream *s, bool *opened);

/* An event is a chunk, or an error object the service sent instead. */
static genai_result decode_event(genai_stream *s, const genai__buf *ev, void **out) {
  return genai__decode_stream_event(s->type, s->backend, &s->resp, &s->x.secrets, ev->data, ev->len, out);
}

genai_result genai_stream_next(genai_stream *s, const genai_generate_content_response **chunk) {
  if (!chunk) return genai__err(GENAI_EINVAL, "chunk is NULL");
  *chunk = NULL;
  if (!s) return genai__err(GENAI_EINVAL, "stream is NULL");
  genai__value_free(s->current);
  s->current = NULL;
  if (s->result != GENAI_OK) return s->result == GENAI_DONE ? GENAI_DONE : genai__error_restore(&s->error);
  genai_result rc = pump(s);
  while (rc == GENAI_OK && !s->queue.count && s->hooks.next_round) {
    bool opened = false;
    if ((rc = next_round(s, &opened)) != GENAI_OK || !opened) break;
    rc = pump(s);
  }
  if (rc != GENAI_OK) return end(s, rc);
  if (!s->queue.count) return end(s, GENAI_DONE);
  genai__buf *ev = &s->queue.items[s->queue.head];
  s->queue.head = (s->queue.head + 1) % s->queue.cap;
  s->queue.count--;
  void *value = NULL;
  rc = decode_event(s, ev, &value);
  genai__buf_reset(ev);
  if (rc != GENAI_OK) return end(s, rc);
  s->current = value;
  if (s->hooks.on_chunk && (rc = s->hooks.on_chunk(s->hooks.data, value)) != GENAI_OK) return end(s, rc);
  *chunk = value;
  return GENAI_OK;
}

const genai_error *genai_stream_error(const genai_stream *s) {
  static const genai_error none = {sizeof(genai_error), GENAI_OK, 0, "", "no error", NULL, NULL, -1};
  return s && s->result != GENAI_OK && s->result != GENAI_DONE ? &s->error.pub : &none;
}

void genai_stream_free(genai_stream *s) {
  if (!s) return;
  genai__exchange_clear(&s->x); /* aborts a running transfer */
  genai__http_driver_checkin(s->client->http, s->driver);
  genai__response_clear(&s->resp);
  genai__sse_free(&s->sse);
  queue_free(&s->queue);
  genai__value_free(s->current);
  genai__error_copy_clear(&s->error);
  if (s->hooks.release) s->hooks.release(s->hooks.data);
  genai__free(s);
}

static void round_began(void *data) { ((genai_stream *)data)->began = true; }

static bool began_or_done(void *data) {
  genai_stream *s = data;
  return s->began || s->x.done;
}

/* Sends one round's request and waits for its answer to begin. Errors
 * before that (an error status, a failed connection, after the retries)
 * are returned; the stream's transfer state must be clear. */
static genai_result open_round(genai_stream *s, const void *params, const genai__call_options *opts) {
  genai__built_request built;
  genai_result rc =
      genai__method_build(s->method, s->backend, s->client->project, s->client->location, params, &built);
  if (rc != GENAI_OK) return rc;
  genai__call call = {.method = built.verb, .path = built.path, .body = built.body,
                      .http_options = opts ? opts->http_options : NULL, .usage = opts ? opts->usage : NULL,
                      .sink = sink, .sink_data = s};
  s->began = false;
  rc = genai__exchange_start(&s->x, s->client, s->driver, &call, &s->resp, round_began, NULL, s);
  genai__built_request_clear(&built);
  if (rc == GENAI_OK) rc = genai__driver_run(s->driver, began_or_done, s);
  if (rc != GENAI_OK || !s->x.done) return rc;
  if (s->x.result != GENAI_OK && !s->resp.sink_started && s->sse_error == GENAI_OK)
    return genai__error_restore(&s->x.error);
  /* The stream began and ended (or failed) within the first reads: its
   * chunks are handed out first, then how it ended. */
  if (!s->queue.count) round_ended(s);
  else s->finished = false; /* round_ended runs once the queue is empty */
  return GENAI_OK;
}

/* Automatic function calling: a stream of several requests in a row. */
static genai_result next_round(genai_stream *s, bool *opened) {
  *opened = false;
  const void *params = NULL;
  genai__call_options opts = {0};
  genai_result rc = s->hooks.next_round(s->hooks.data, &params, &opts);
  if (rc != GENAI_OK || !params) return rc;
  genai__exchange_clear(&s->x);
  genai__response_clear(&s->resp);
  genai__sse_free(&s->sse);
  genai__sse_init(&s->sse, MAX_EVENT_BYTES, on_event, s);
  s->finished = false;
  s->failure = s->sse_error = GENAI_OK;
  *opened = true;
  return open_round(s, params, &opts);
}

genai_result genai__stream_open(genai_client *client, const genai__method *m, const void *params,
                                const genai__call_options *opts, const genai__stream_hooks *hooks,
                                genai_stream **out) {
  *out = NULL;
  genai_stream *s = genai__calloc(1, sizeof(*s));
  if (!s) {
    if (hooks && hooks->release) hooks->release(hooks->data);
    return oom();
  }
  s->client = client;
  s->backend = genai__client_backend(client);
  s->method = m;
  s->type = m->response;
  if (hooks) s->hooks = *hooks;
  genai__sse_init(&s->sse, MAX_EVENT_BYTES, on_event, s);
  genai_result rc = genai__http_driver_checkout(client->http, &s->driver);
  if (rc == GENAI_OK) rc = open_round(s, params, opts);
  if (rc != GENAI_OK) {
    genai_stream_free(s);
    return rc;
  }
  *out = s;
  return GENAI_OK;
}
