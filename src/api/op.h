/* An operation: one API call, or a chain of calls of one method (automatic
 * function calling rounds), run on a driver. The _async functions run it on
 * a genai_multi's driver; the synchronous functions run it on a private
 * driver until it ends (genai__op_run). A streamed operation hands each
 * chunk to its hooks and callbacks as it arrives. A task operation runs a
 * protocol of its own instead of method calls (a resumable upload, a
 * download): see genai__op_task. */
#ifndef GENAI_API_OP_H
#define GENAI_API_OP_H

#include <stdatomic.h>
#include <stdbool.h>

#include <genai/multi.h>

#include "api/method.h"
#include "api/request.h"
#include "api/stream.h"
#include "core/buf.h"
#include "core/error.h"
#include "http/driver.h"
#include "http/sse.h"

/* Observers that shape an operation (automatic function calling, chats). */
typedef struct genai__op_hooks {
  /* A call's decoded answer. Set *next_params (and *next_opts) to send
   * another request instead of ending (the op then frees *value); else the
   * operation ends with *value (which the hook may have changed). */
  genai_result (*on_value)(void *data, void **value, const void **next_params, genai__call_options *next_opts);
  /* Streams: each chunk, before the on_chunk callback. */
  genai_result (*on_chunk)(void *data, void *chunk);
  /* Streams: a round ended normally; *params for the next one, or NULL. */
  genai_result (*next_round)(void *data, const void **params, genai__call_options *opts);
  /* The end (GENAI_OK or GENAI_DONE, or the error); an error returned
   * replaces a success. */
  genai_result (*on_end)(void *data, genai_result rc, void *value);
  void (*release)(void *data);
  void *data;
} genai__op_hooks;

/* The work of a task operation: an event-driven state machine of its own
 * on op->driver (requests, timers, deferred work), whose state is the op's
 * hooks.data (freed by hooks.release; hooks.on_end sees every end, a
 * cancellation included). It ends the operation with genai__op_finish. */
typedef struct genai__op_task {
  const genai__type *result; /* the type of its value (genai_op_take_*); NULL: no typed value */
  const char *result_name;   /* without one, what its result is, for errors ("bytes") */
  /* Begins the work on op->driver; called once, before the op is handed
   * out. An error means nothing runs (and nothing was reported). */
  genai_result (*start)(void *data, genai_op *op);
  /* Stops whatever runs on the driver, without callbacks: the op ended,
   * was cancelled or freed, or its multi is being freed. May run twice;
   * hooks.release follows later, when the driver may be gone. */
  void (*stop)(void *data);
} genai__op_task;

typedef struct genai__op_event_queue {
  genai__buf *items;
  size_t head, count, cap;
} genai__op_event_queue;

struct genai_op {
  genai_client *client;
  genai__driver *driver;
  genai_multi *multi; /* NULL: a synchronous call's private driver */
  struct genai_op *prev, *next;
  bool linked;        /* in the multi's list */
  const genai__method *method;
  genai__backend backend;
  bool stream, raw_only;
  genai_op_callbacks cb;
  genai__op_hooks hooks;
  const genai__op_task *task; /* a task operation: no method, no exchange */
  bool own_driver;            /* a private driver, checked in when the op is freed */
  /* the call in flight */
  genai__exchange x;
  genai__response resp;
  bool calling;
  genai__deferred work; /* delivers queued chunks, outside libcurl */
  genai__sse sse;
  genai__op_event_queue queue;
  genai_result sse_error;
  /* the outcome */
  bool done;
  genai_result result;
  genai__error_copy error;
  void *value;          /* owned until taken */
  atomic_bool cancel;   /* genai_op_cancel, any thread */
  int in_callback;      /* a user callback is running: freeing waits for it */
  bool free_requested;
};

/* A new operation of method m (its response type is the op's result). */
genai_result genai__op_new(genai_client *client, genai__driver *driver, genai_multi *multi, const genai__method *m,
                           bool stream, const genai_op_callbacks *callbacks, const genai__op_hooks *hooks,
                           genai_op **out);
/* Starts the first call. An error means nothing started. */
genai_result genai__op_start(genai_op *op, const void *params, const genai__call_options *opts);
/* Ends a running operation with GENAI_ECANCELED (callbacks fire). */
void genai__op_cancel_now(genai_op *op);
/* Stops a running operation without callbacks and frees it. */
void genai__op_destroy(genai_op *op);

/* An operation's hooks from a pull stream's (same members, no on_value). */
genai__op_hooks genai__op_hooks_of_stream(const genai__stream_hooks *h);

/* Runs method m: synchronously when multi is NULL (the value in *value),
 * else as an operation of multi (*op, which joins the multi's list).
 * Hooks are released on every path. */
genai_result genai__op_launch(genai_client *client, genai_multi *multi, const genai__method *m, const void *params,
                              const genai__call_options *opts, const genai__op_hooks *hooks, bool stream,
                              const genai_op_callbacks *callbacks, genai_op **op, void **value);

/* The synchronous form: runs one call (and the rounds its hooks ask for) on
 * a private driver and returns the result value (owned). */
genai_result genai__op_run(genai_client *client, const genai__method *m, const void *params,
                           const genai__call_options *opts, const genai__op_hooks *hooks, void **out);

/* Hands out the value of a finished operation whose response type is t
 * (the genai_op_take_* functions). */
genai_result genai__op_take(genai_op *op, const genai__type *t, void **out);
/* What the operation's result is, for errors ("genai_file", "bytes"). */
const char *genai__op_result_name(const genai_op *op);

/* The multi of a running operation is being freed: its work stops without
 * callbacks and it ends with GENAI_ECANCELED, a shell to be freed later. */
void genai__op_orphan(genai_op *op);

/* Starts a task operation with its state in hooks->data (released on every
 * path). With a multi, *out joins it and runs there. Without one (the
 * synchronous calls) it runs on a private driver until it ends: *out is the
 * ended operation, to take the result from (genai__op_outcome,
 * genai__op_take) and free. An error means no operation. */
genai_result genai__op_launch_task(genai_client *client, genai_multi *multi, const genai__op_task *task,
                                   const genai__op_hooks *hooks, const genai_op_callbacks *callbacks, genai_op **out);
/* A task ends its operation: rc GENAI_OK with value (owned; NULL for none),
 * or an error that the calling thread's error describes. on_done runs and
 * may free the op: the task must not touch its state afterwards. */
void genai__op_finish(genai_op *op, genai_result rc, void *value);
/* A task calls a user function (a progress or write callback) between
 * these, inside perform/poll and outside libcurl. _leave returns false when
 * the callback freed the operation: it is gone, with the task's state. */
void genai__op_user_enter(genai_op *op);
bool genai__op_user_leave(genai_op *op);
/* How an ended operation ended: its result, with its error made the calling
 * thread's again when it failed. */
genai_result genai__op_outcome(const genai_op *op);

#endif
