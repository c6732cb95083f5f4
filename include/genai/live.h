/**
 * @file live.h
 * The Live API: a bidirectional session over WebSocket, the C form of the
 * Python SDK's `client.aio.live.connect(model=..., config=...)`.
 *
 * @code
 *   genai_live_session *s;
 *   if (genai_live_connect(client, "gemini-live-2.5-flash-preview",
 *                          &(genai_live_connect_config){GENAI_INIT(genai_live_connect_config),
 *                              .response_modalities = (genai_modality[]){GENAI_MODALITY_TEXT},
 *                              .response_modalities_count = 1}, &s) != GENAI_OK) fail();
 *   if (genai_live_send_client_content(s, GENAI_TEXT("Hello"), true) != GENAI_OK) fail();
 *   const genai_live_server_message *m;
 *   genai_result rc;
 *   while ((rc = genai_live_receive(s, &m)) == GENAI_OK)
 *     if (genai_live_server_message_text(m)) fputs(genai_live_server_message_text(m), stdout);
 *   if (rc != GENAI_DONE) report(genai_error_last());
 *   genai_live_close(s);
 * @endcode
 *
 * Transport: libwebsockets, serviced only inside these calls on the calling
 * thread (no hidden thread). Keepalive pings are sent every 20 s of silence
 * while the caller waits in genai_live_receive() or a send; a session left
 * alone between calls sends nothing. See docs/live.md.
 *
 * Close codes: when the server closes the session with a code other than
 * 1000, the call that notices it returns GENAI_EAPI and genai_error_last()
 * has the close code in `http_status` (as the Python SDK's APIError.code)
 * and the reason in `message`.
 *
 * Non-blocking form: genai_live_connect_async() runs the session on a
 * genai_multi (genai/multi.h) beside its other calls; server messages go to
 * callbacks inside genai_multi_perform/poll/socket_action, sends queue and
 * return at once. See docs/live.md.
 *
 * Thread safety: a session is used by one thread at a time (an async one:
 * its multi's thread). It must not outlive its client.
 */
#ifndef GENAI_LIVE_H
#define GENAI_LIVE_H

#include <stdbool.h>

#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/multi.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An open Live API session (opaque). */
typedef struct genai_live_session genai_live_session;

/**
 * Opens a session: connects to the backend's Live endpoint (the Gemini API
 * with the client's API key, or Vertex AI with a bearer token from the
 * client's credentials or with an express-mode API key), sends the setup
 * built from `config` and waits for `setupComplete`.
 * @param client [borrowed] must outlive the session.
 * @param model  model id ("gemini-live-2.5-flash-preview") or a full name.
 * @param config [borrowed] NULL for defaults. `http_options` is refused
 *        (GENAI_EINVAL) as in the Python SDK. On Vertex AI with a project,
 *        `response_modalities` defaults to AUDIO (as in the Python SDK).
 *        Tools holding C functions (genai_tool.function, genai/functions.h)
 *        are declared to the model and called automatically (see
 *        genai_live_receive()); their callbacks and user_data must stay
 *        valid until genai_live_close() (the rest of config is copied).
 * @param[out] out [owned] set NULL first; free with genai_live_close().
 * @return GENAI_OK; GENAI_EINVAL naming the field; GENAI_EAUTH;
 *         GENAI_ETRANSPORT / GENAI_ETIMEOUT; GENAI_EAPI when the upgrade was
 *         refused (http_status is the HTTP status) or the server closed the
 *         session during the setup (http_status is the close code).
 */
GENAI_API GENAI_NODISCARD genai_result genai_live_connect(genai_client *client, const char *model,
                                                          const genai_live_connect_config *config,
                                                          genai_live_session **out);

/**
 * Sends client content: `session.send_client_content(turns=..., turn_complete=...)`.
 * On an async session every send queues the message and returns at once
 * (GENAI_ETRANSPORT once the session ended or is closing).
 * @param turns [borrowed] any form of genai_contents (a text, parts,
 *        contents); NULL sends no turns (e.g. only turn_complete).
 * @param turn_complete true when the model should answer now (Python's default).
 * @return GENAI_OK, GENAI_EINVAL, or a connection error as in genai_live_receive().
 */
GENAI_API GENAI_NODISCARD genai_result genai_live_send_client_content(genai_live_session *session,
                                                                      const genai_contents *turns,
                                                                      bool turn_complete);

/**
 * Sends realtime input: `session.send_realtime_input(...)`. Exactly one of
 * `media_chunks`, `audio`, `audio_stream_end` (Gemini API only), `video`,
 * `text`, `activity_start`, `activity_end` must be set, else GENAI_EINVAL.
 * @param input [borrowed]
 */
GENAI_API GENAI_NODISCARD genai_result genai_live_send_realtime_input(genai_live_session *session,
                                                                      const genai_live_client_realtime_input *input);

/**
 * Answers a tool call: `session.send_tool_response(function_responses=...)`.
 * On the Gemini API every response needs the `id` of its call
 * (GENAI_EINVAL naming `function_responses[i].id` otherwise).
 * @param responses [borrowed] `count` responses, count >= 1.
 */
GENAI_API GENAI_NODISCARD genai_result genai_live_send_tool_response(genai_live_session *session,
                                                                     const genai_function_response *const *responses,
                                                                     size_t count);

/**
 * What genai_live_send() sends: at most one member set; none means "the
 * turn is complete" (a clientContent with only turnComplete true).
 */
typedef struct genai_live_send_input {
  size_t struct_size;
  /** Content (a text, parts or contents): a clientContent turn, complete when end_of_turn. */
  const genai_contents *contents;
  /** A clientContent message as given (its own turn_complete; end_of_turn is not used). */
  const genai_live_client_content *client_content;
  /** Realtime input as given (exactly one of its members, as genai_live_send_realtime_input()). */
  const genai_live_client_realtime_input *realtime_input;
  /** Blobs (audio, images): a realtimeInput with these mediaChunks. */
  const genai_blob *const *media_chunks;
  size_t media_chunks_count;
  /** A toolResponse as given. */
  const genai_live_client_tool_response *tool_response;
  /** Function responses: a toolResponse (each with its call's id on the Gemini API). */
  const genai_function_response *const *function_responses;
  size_t function_responses_count;
} genai_live_send_input;

/**
 * `session.send(input=..., end_of_turn=...)`, the older all-purpose send
 * that Python keeps (deprecated there in favour of the three specific
 * sends, which it forwards to here too): the member of `input` that is set
 * decides the message.
 * @param input [borrowed] NULL or no member set: the end of the turn.
 * @return as the specific send; GENAI_EINVAL when more than one member is set.
 */
GENAI_API GENAI_NODISCARD genai_result genai_live_send(genai_live_session *session, const genai_live_send_input *input,
                                                       bool end_of_turn);

/**
 * Supplies genai_live_start_stream() with the next piece of a stream: set
 * *chunk (borrowed until the next call) and return GENAI_OK, or return
 * GENAI_DONE at the end of the stream (and on every later call); any other
 * result stops the stream with that result.
 */
typedef genai_result (*genai_live_stream_reader)(void *user_data, genai_bytes *chunk);

/**
 * One step of Python's `async for message in session.start_stream(stream=...,
 * mime_type=...)` (deprecated there): sends the stream's pieces, each as a
 * realtimeInput media chunk of `mime_type`, until a server message has
 * arrived, and returns it (GENAI_OK, borrowed as from genai_live_receive(),
 * tool calls of config's C functions answered); GENAI_DONE once the reader
 * ended the stream (its last piece sent). Call it again with the same
 * reader for the next message. Messages that come while pieces are still
 * to be sent are handed out in between, in order. Blocking sessions only.
 */
GENAI_API GENAI_NODISCARD genai_result genai_live_start_stream(genai_live_session *session, const char *mime_type,
                                                               genai_live_stream_reader read, void *user_data,
                                                               const genai_live_server_message **message);

/**
 * Waits for the next server message, like one step of Python's
 * `async for message in session.receive()`. Blocking sessions only (an
 * async session's messages go to on_message: GENAI_EINVAL).
 *
 * A turn ends with the message that carries `serverContent.turnComplete`:
 * it is returned with GENAI_OK, and the next call returns GENAI_DONE once;
 * the call after that waits for the next turn. GENAI_DONE is also returned
 * (from then on) when the server closed the session normally (1000).
 *
 * Automatic tool calls: when config.tools held C functions, a `toolCall`
 * message is answered before it is returned: the functions run in the
 * order of the calls, on this thread, and one `toolResponse` carries their
 * results (with the calls' ids; a call of an unknown function gets an error
 * result, as in automatic function calling). The message is still returned
 * so that the caller sees the calls; the model's answer follows.
 * @param[out] message [borrowed] valid until the next call on the session
 *             or genai_live_close(); NULL unless GENAI_OK.
 * @return GENAI_OK; GENAI_DONE; GENAI_EAPI for a close with a code (the code
 *         in genai_error_last()->http_status) or an error message from the
 *         server; GENAI_ETIMEOUT when nothing came within the client's
 *         timeout (when one is set); GENAI_ETRANSPORT; GENAI_EDECODE.
 */
GENAI_API GENAI_NODISCARD genai_result genai_live_receive(genai_live_session *session,
                                                          const genai_live_server_message **message);

/**
 * Callbacks of a session opened with genai_live_connect_async(). They run
 * on the multi's thread inside genai_multi_perform(), genai_multi_poll() or
 * genai_multi_socket_action(), never re-entrantly; any of them may send on
 * the session or call genai_live_close().
 */
typedef struct genai_live_callbacks {
  size_t struct_size;
  /** `setupComplete` arrived: the session is open. Optional. */
  void (*on_open)(genai_live_session *session, void *user_data);
  /**
   * A server message, borrowed for the duration of the call. Required.
   * Tool calls of config.tools' C functions were answered just before, as
   * with genai_live_receive(); a turn ends with the message whose
   * `server_content->turn_complete` is true.
   */
  void (*on_message)(genai_live_session *session, const genai_live_server_message *message, void *user_data);
  /**
   * The session ended, exactly once (unless genai_live_close() came
   * first): GENAI_DONE when the server closed it normally (1000), else the
   * error, with details in genai_live_error() (a close code in
   * `http_status`, as genai_live_receive() reports it). The session stays
   * allocated until genai_live_close(). Required.
   */
  void (*on_close)(genai_live_session *session, genai_result result, void *user_data);
  void *user_data;
} genai_live_callbacks;

/**
 * `async with client.aio.live.connect(model=..., config=...) as session`, on
 * a genai_multi: returns at once with the session connecting; the
 * handshake, the setup and every later message happen while the multi's
 * loop runs. Sends made before on_open are held and go out, in order, after
 * `setupComplete`. An open session counts in the multi's `running` until
 * it ended (on_close) or was closed.
 *
 * Deadlines: the handshake must finish within the client's connect
 * timeout (30 s unless set) and `setupComplete` come within its
 * timeout (when one is set), else on_close gets GENAI_ETIMEOUT. An open
 * session has no receive deadline; keepalive pings (20 s of silence) end a
 * dead connection with GENAI_ETRANSPORT when 60 s pass without an answer.
 *
 * Blocking parts: name resolution of the host and, on Vertex AI with
 * OAuth, fetching a token that is not cached yet, happen inside this call.
 *
 * @param multi [borrowed] its client is the session's; must outlive the
 *        session's use (genai_multi_free() stops open sessions without
 *        callbacks; genai_live_close() then only frees them).
 * @param config as genai_live_connect(); C functions of its tools run on
 *        the multi's thread.
 * @param callbacks [copied] on_message and on_close are required.
 * @param[out] out [owned] set NULL first; free with genai_live_close().
 * @return GENAI_OK (errors after this go to on_close); GENAI_EINVAL naming
 *         the argument; GENAI_EAUTH; GENAI_ENOMEM; GENAI_ETRANSPORT (an
 *         unusable proxy or a connection that cannot start).
 */
GENAI_API GENAI_NODISCARD genai_result genai_live_connect_async(genai_multi *multi, const char *model,
                                                                const genai_live_connect_config *config,
                                                                const genai_live_callbacks *callbacks,
                                                                genai_live_session **out);

/**
 * The error an async session ended with (never NULL; code GENAI_OK while
 * it runs or when it ended normally). Borrowed from the session.
 */
GENAI_API const genai_error *genai_live_error(const genai_live_session *session);

/**
 * `session.setup_complete`: the server's `setupComplete` message (its
 * session id on Vertex AI), or NULL before it came (async sessions before
 * on_open). Borrowed from the session.
 */
GENAI_API const genai_live_server_setup_complete *genai_live_setup_complete(const genai_live_session *session);

/** The session id from `setupComplete` (Vertex AI sends one), or NULL. Borrowed. */
GENAI_API const char *genai_live_session_id(const genai_live_session *session);

/**
 * The newest session resumption handle the server sent
 * (`sessionResumptionUpdate.newHandle` with `resumable` not false) on a
 * session whose config asked for `session_resumption`, or NULL. Pass it as
 * `config.session_resumption.handle` to genai_live_connect() to carry on
 * the conversation on a new connection (after a `goAway` or a lost
 * connection); nothing reconnects by itself, as in the Python SDK. Borrowed:
 * valid until the next genai_live_receive() or genai_live_close().
 */
GENAI_API const char *genai_live_session_resumption_handle(const genai_live_session *session);

/**
 * Closes the session (close code 1000) and frees it. NULL is a no-op.
 * A blocking session waits up to 2 s for the server's answer. An async
 * session returns at once: no callback fires after this; the messages it
 * queued and the close go out while the multi's loop runs (counted in
 * `running` until done, at most 2 s), and the library frees it then. May
 * be called from the session's own callbacks.
 */
GENAI_API void genai_live_close(genai_live_session *session);

/**
 * `LiveServerMessage.text`: the non-thought text parts of
 * `serverContent.modelTurn` joined, or NULL when there are none. Borrowed
 * from the message.
 */
GENAI_API const char *genai_live_server_message_text(const genai_live_server_message *message);

/**
 * `LiveServerMessage.data`: the bytes of the `inlineData` parts of
 * `serverContent.modelTurn` joined (audio), in *out (borrowed from the
 * message). Returns GENAI_OK with out->size > 0, GENAI_DONE when there are
 * none, GENAI_ENOMEM, or GENAI_EINVAL for NULL arguments.
 */
GENAI_API GENAI_NODISCARD genai_result genai_live_server_message_data(const genai_live_server_message *message,
                                                                      genai_bytes *out);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_LIVE_H */
