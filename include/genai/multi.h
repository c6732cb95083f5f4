/**
 * @file multi.h
 * The non-blocking interface: the C counterpart of `client.aio`.
 *
 * A genai_multi runs many calls at once on one thread. Start calls with the
 * `_async` functions; each returns a genai_op at once and reports through
 * callbacks that fire only inside genai_multi_perform(), genai_multi_poll()
 * or genai_multi_socket_action(), never re-entrantly, and `on_done` exactly
 * once per operation.
 *
 * @code
 *   static void done(genai_op *op, void *user_data) {
 *     genai_generate_content_response *r = NULL;
 *     if (genai_op_take_generate_content_response(op, &r) == GENAI_OK) puts(genai_response_text(r));
 *     else fprintf(stderr, "%s\n", genai_op_error(op)->message);
 *     genai_generate_content_response_free(r);
 *   }
 *
 *   genai_multi *multi;
 *   genai_multi_new(client, NULL, &multi);
 *   genai_op *op;
 *   genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = done};
 *   genai_models_generate_content_async(multi, "gemini-2.0-flash-001", GENAI_TEXT("Hi"), NULL, &cb, &op);
 *   int running = 1;
 *   while (running) genai_multi_poll(multi, 1000, &running);
 *   genai_op_free(op);
 *   genai_multi_free(multi);
 * @endcode
 *
 * Two ways to drive it:
 * - the library's loop: call genai_multi_poll() (waits for network activity
 *   or a timer, then performs) until `running` is 0; genai_multi_wakeup()
 *   interrupts a wait from another thread;
 * - an application's event loop (epoll, libuv, libevent): give `socket_fn`
 *   and `timer_fn` in genai_multi_options, watch the descriptors they name,
 *   and call genai_multi_socket_action() when one is ready or the timer
 *   expires, as with libcurl's multi socket API.
 *
 * Threads: a genai_multi and its operations are used by one thread (the
 * loop's), except genai_multi_wakeup() and genai_op_cancel(), which any
 * thread may call. Its client may be shared with other threads and other
 * multis.
 */
#ifndef GENAI_MULTI_H
#define GENAI_MULTI_H

#include <stdbool.h>

#include <genai/chats.h>
#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct genai_multi genai_multi;
typedef struct genai_op genai_op;

/** What socket_fn asks the loop to watch a descriptor for. */
enum {
  GENAI_MULTI_WATCH_IN = 1,     /**< readable */
  GENAI_MULTI_WATCH_OUT = 2,    /**< writable */
  GENAI_MULTI_WATCH_INOUT = 3,  /**< both */
  GENAI_MULTI_WATCH_REMOVE = 4  /**< stop watching it */
};

/** What genai_multi_socket_action reports about a descriptor. */
enum {
  GENAI_MULTI_EVENT_IN = 1,  /**< readable */
  GENAI_MULTI_EVENT_OUT = 2, /**< writable */
  GENAI_MULTI_EVENT_ERR = 4  /**< an error or hang-up */
};

typedef struct genai_multi_options {
  size_t struct_size;
  /** Watch fd for `what` (GENAI_MULTI_WATCH_*), or stop watching it. NULL: the library polls. */
  int (*socket_fn)(void *user_data, int fd, int what);
  /** Call genai_multi_socket_action(multi, -1, 0, ...) in timeout_ms; -1: no timer. */
  int (*timer_fn)(void *user_data, long timeout_ms);
  void *user_data;
} genai_multi_options;

/**
 * Creates a driver for non-blocking calls on `client`.
 * @param options [nullable] NULL or no socket_fn/timer_fn: the library's loop.
 * @param[out] out [callee allocates] freed with genai_multi_free(). It must
 *             not outlive the client.
 */
GENAI_API GENAI_NODISCARD genai_result genai_multi_new(genai_client *client, const genai_multi_options *options,
                                                       genai_multi **out);

/**
 * Frees the multi. Operations and Live sessions (genai_live_connect_async)
 * still running are stopped without calling their callbacks; free them with
 * genai_op_free() / genai_live_close() before or after. NULL is a no-op.
 */
GENAI_API void genai_multi_free(genai_multi *multi);

/**
 * Does what is ready (network, timers, completions), without waiting, and
 * calls the callbacks of what happened.
 * @param[out] running [nullable] operations and Live sessions still running.
 */
GENAI_API GENAI_NODISCARD genai_result genai_multi_perform(genai_multi *multi, int *running);

/**
 * Waits up to timeout_ms (less when a timer is due) for network activity or
 * genai_multi_wakeup(), then performs. The library's loop: call it until
 * `running` is 0.
 */
GENAI_API GENAI_NODISCARD genai_result genai_multi_poll(genai_multi *multi, int timeout_ms, int *running);

/**
 * For an application's loop: `fd` is ready for `events` (GENAI_MULTI_EVENT_*),
 * or fd is -1 when the timer set with timer_fn expired.
 */
GENAI_API GENAI_NODISCARD genai_result genai_multi_socket_action(genai_multi *multi, int fd, int events,
                                                                 int *running);

/** How long a loop may wait before calling genai_multi_perform (ms); -1: nothing pending. */
GENAI_API long genai_multi_timeout_ms(genai_multi *multi);

/** Interrupts a genai_multi_poll() waiting on another thread. Any thread. */
GENAI_API GENAI_NODISCARD genai_result genai_multi_wakeup(genai_multi *multi);

/** Callbacks of one operation; called inside perform/poll/socket_action on the multi's thread. */
typedef struct genai_op_callbacks {
  size_t struct_size;
  /** The operation ended (exactly once): genai_op_result() says how. */
  void (*on_done)(genai_op *op, void *user_data);
  /** Streams: a chunk, borrowed for the duration of the call. */
  void (*on_chunk)(genai_op *op, const genai_generate_content_response *chunk, void *user_data);
  void *user_data;
} genai_op_callbacks;

/**
 * How the operation ended: GENAI_OK (a call with a result), GENAI_DONE (a
 * stream that ended normally), an error (details in genai_op_error()), or
 * GENAI_EINPROGRESS while it runs.
 */
GENAI_API genai_result genai_op_result(const genai_op *op);

/** The error the operation ended with (never NULL; code GENAI_OK when none). */
GENAI_API const genai_error *genai_op_error(const genai_op *op);

/**
 * Asks the operation to stop. Any thread. Its on_done then fires (inside
 * the next perform/poll) with GENAI_ECANCELED, unless it already ended.
 */
GENAI_API GENAI_NODISCARD genai_result genai_op_cancel(genai_op *op);

/**
 * Frees an operation. A running one is stopped without calling its
 * callbacks. May be called from its own callbacks. NULL is a no-op.
 */
GENAI_API void genai_op_free(genai_op *op);

/**
 * The result of a finished genai_models_generate_content_async or
 * genai_chat_send_message_async: ownership moves to the caller (freed with
 * genai_generate_content_response_free); a second take gets GENAI_EINVAL.
 * @return GENAI_OK; the operation's error when it failed; GENAI_EINPROGRESS
 *         while it runs; GENAI_EINVAL for an operation of another method.
 */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_generate_content_response(genai_op *op,
                                                                               genai_generate_content_response **out);
/** The same for genai_models_count_tokens_async. */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_count_tokens_response(genai_op *op,
                                                                           genai_count_tokens_response **out);
/** The same for genai_models_compute_tokens_async. */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_compute_tokens_response(genai_op *op,
                                                                             genai_compute_tokens_response **out);
/** The same for genai_models_embed_content_async. */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_embed_content_response(genai_op *op,
                                                                            genai_embed_content_response **out);

/**
 * `await client.aio.models.generate_content(...)`: as
 * genai_models_generate_content(), automatic function calling included (the
 * functions run inside perform/poll). Arguments are read before it returns;
 * an error then means no operation started (and no callback will fire).
 * @param callbacks [copied] on_done is required.
 * @param[out] out [callee allocates] freed with genai_op_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_generate_content_async(
    genai_multi *multi, const char *model, const genai_contents *contents,
    const genai_generate_content_config *config, const genai_op_callbacks *callbacks, genai_op **out);

/**
 * `async for chunk in await client.aio.models.generate_content_stream(...)`:
 * each chunk goes to on_chunk as it arrives; on_done ends the stream with
 * GENAI_DONE or an error. The config (and the genai_functions of its tools)
 * must stay valid until on_done when automatic function calling runs.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_generate_content_stream_async(
    genai_multi *multi, const char *model, const genai_contents *contents,
    const genai_generate_content_config *config, const genai_op_callbacks *callbacks, genai_op **out);

/** `await client.aio.models.count_tokens(...)`. */
GENAI_API GENAI_NODISCARD genai_result genai_models_count_tokens_async(genai_multi *multi, const char *model,
                                                                       const genai_contents *contents,
                                                                       const genai_count_tokens_config *config,
                                                                       const genai_op_callbacks *callbacks,
                                                                       genai_op **out);

/** `await client.aio.models.compute_tokens(...)` (Vertex AI). */
GENAI_API GENAI_NODISCARD genai_result genai_models_compute_tokens_async(genai_multi *multi, const char *model,
                                                                         const genai_contents *contents,
                                                                         const genai_compute_tokens_config *config,
                                                                         const genai_op_callbacks *callbacks,
                                                                         genai_op **out);

/** `await client.aio.models.embed_content(...)`. */
GENAI_API GENAI_NODISCARD genai_result genai_models_embed_content_async(genai_multi *multi, const char *model,
                                                                        const genai_contents *contents,
                                                                        const genai_embed_content_config *config,
                                                                        const genai_op_callbacks *callbacks,
                                                                        genai_op **out);

/**
 * `await chat.send_message(...)` (a chat from genai_chats_create on the
 * multi's client): the turn is recorded when the operation succeeds. The
 * chat accepts no other message until the operation ended or was freed.
 */
GENAI_API GENAI_NODISCARD genai_result genai_chat_send_message_async(genai_multi *multi, genai_chat *chat,
                                                                     const genai_contents *message,
                                                                     const genai_generate_content_config *config,
                                                                     const genai_op_callbacks *callbacks,
                                                                     genai_op **out);

/** `async for chunk in await chat.send_message_stream(...)`: recorded when it ends with GENAI_DONE. */
GENAI_API GENAI_NODISCARD genai_result genai_chat_send_message_stream_async(
    genai_multi *multi, genai_chat *chat, const genai_contents *message, const genai_generate_content_config *config,
    const genai_op_callbacks *callbacks, genai_op **out);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_MULTI_H */
