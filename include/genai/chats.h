/**
 * @file chats.h
 * `client.chats`: multi-turn conversations that keep their history.
 *
 * @code
 *   genai_chat *chat;
 *   genai_chats_create(client, "gemini-2.5-flash", NULL, NULL, &chat);
 *   genai_generate_content_response *r;
 *   genai_chat_send_message(chat, GENAI_TEXT("tell me a story"), NULL, &r);
 *   puts(genai_response_text(r));
 *   genai_generate_content_response_free(r);
 *   genai_chat_free(chat);
 * @endcode
 *
 * A chat keeps two histories, as the Python SDK's Chat does:
 * - the comprehensive history: every turn, including model answers that
 *   were empty or invalid (an empty model turn is recorded as a `model`
 *   content without parts so that the history alternates);
 * - the curated history: the valid turns only, which is what the next
 *   message sends along. A model turn is valid when it has at least one
 *   part and no part is empty; a streamed turn is valid when every chunk
 *   was, and one of them carried a finish reason.
 * Parts are kept exactly as the service sent them (thought signatures and
 * fields unknown to this library included), so they are echoed unchanged.
 *
 * Thread safety: a chat is used by one thread at a time; its client may be
 * shared. While a stream from genai_chat_send_message_stream() is open, the
 * chat accepts no other message (GENAI_EINVAL); the turn is recorded when
 * the stream ends with GENAI_DONE, and not at all if it fails or is freed
 * early (as in Python, where an unfinished iteration records nothing).
 */
#ifndef GENAI_CHATS_H
#define GENAI_CHATS_H

#include <stdbool.h>

#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/stream.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct genai_chat genai_chat;

/**
 * Starts a chat: `client.chats.create(model=, config=, history=)`.
 *
 * @param model    the model, as for genai_models_generate_content().
 * @param config   [nullable, copied] the config of every message that does
 *                 not bring its own.
 * @param history  [nullable, copied] earlier turns: a Content, or a list of
 *                 Contents (GENAI_LIST(GENAI_CONTENT(&c1), ...), or
 *                 genai_contents_from_json() of a JSON array), each with
 *                 role "user" or "model".
 * @param[out] out [callee allocates] freed with genai_chat_free(). The chat
 *                 must not outlive the client.
 * @return GENAI_OK; GENAI_EINVAL for a bad argument or a history turn whose
 *         role is not "user" or "model"; GENAI_ENOMEM.
 */
GENAI_API GENAI_NODISCARD genai_result genai_chats_create(genai_client *client, const char *model,
                                                          const genai_generate_content_config *config,
                                                          const genai_contents *history, genai_chat **out);

/**
 * Sends a message with the curated history: `chat.send_message(message, config=)`.
 *
 * @param message  a text, a part, or a list of texts and parts
 *                 (GENAI_TEXT, GENAI_PART, GENAI_LIST of those); a Content
 *                 is refused, as in Python.
 * @param config   [nullable] replaces the chat's config for this message
 *                 (it is not merged with it).
 * @param[out] out [callee allocates] the answer, freed with
 *                 genai_generate_content_response_free(). The turn is in
 *                 the history when this returns GENAI_OK; on an error the
 *                 history is unchanged.
 * @return as genai_models_generate_content().
 */
GENAI_API GENAI_NODISCARD genai_result genai_chat_send_message(genai_chat *chat, const genai_contents *message,
                                                               const genai_generate_content_config *config,
                                                               genai_generate_content_response **out);

/**
 * Sends a message and streams the answer: `chat.send_message_stream(message, config=)`.
 * The turn is recorded when genai_stream_next() returns GENAI_DONE.
 *
 * @param[out] out [callee allocates] freed with genai_stream_free(); it may
 *                 outlive the chat (it then records nothing).
 * @return as genai_models_generate_content_stream().
 */
GENAI_API GENAI_NODISCARD genai_result genai_chat_send_message_stream(genai_chat *chat,
                                                                      const genai_contents *message,
                                                                      const genai_generate_content_config *config,
                                                                      genai_stream **out);

/**
 * The history: `chat.get_history(curated=)`.
 *
 * @param curated  true: the valid turns only; false: every turn.
 * @param[out] history [borrowed] the turns, oldest first, valid until the
 *                 next message, genai_chat_record_history() or genai_chat_free().
 * @param[out] count the number of turns.
 */
GENAI_API GENAI_NODISCARD genai_result genai_chat_get_history(const genai_chat *chat, bool curated,
                                                              const genai_content *const **history, size_t *count);

/**
 * Appends a turn: `chat.record_history(user_input, model_output, is_valid)`.
 * For conversations driven outside genai_chat_send_message() (tools run by
 * the caller, answers from another source). An empty `model_output` is
 * recorded as one `model` content without parts.
 *
 * @param user_input   [copied] the user's content.
 * @param model_output [copied] the model's contents (may be NULL when count is 0).
 * @param is_valid     whether the turn also goes into the curated history.
 */
GENAI_API GENAI_NODISCARD genai_result genai_chat_record_history(genai_chat *chat, const genai_content *user_input,
                                                                 const genai_content *const *model_output,
                                                                 size_t model_output_count, bool is_valid);

/** Frees the chat and its history. An open stream of the chat stays usable. NULL is a no-op. */
GENAI_API void genai_chat_free(genai_chat *chat);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_CHATS_H */
