/*
 * async_chat.c: "Chats", async.
 *
 * The C twin of this Python SDK snippet:
 *
 *     chat = client.aio.chats.create(model='gemini-2.0-flash-001')
 *     response = await chat.send_message('tell me a story')
 *     print(response.text)
 *
 * A chat is created as for synchronous use; genai_chat_send_message_async
 * sends a message on a genai_multi. The turn joins the history when the
 * answer is in.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void on_done(genai_op *op, void *user_data) {
  genai_chat *chat = user_data;
  genai_generate_content_response *response = NULL;
  if (genai_op_take_generate_content_response(op, &response) != GENAI_OK) {
    fprintf(stderr, "send_message failed: %s\n", genai_op_error(op)->message);
    return;
  }
  const char *text = genai_response_text(response);
  printf("%s\n", text ? text : "(no text)");
  genai_generate_content_response_free(response);
  const genai_content *const *turns = NULL;
  size_t count = 0;
  if (genai_chat_get_history(chat, false, &turns, &count) == GENAI_OK) printf("history: %zu turns\n", count);
}

int main(void) {
  genai_client *client = NULL;
  genai_multi *multi = NULL;
  genai_chat *chat = NULL;
  genai_op *op = NULL;
  int status = EXIT_FAILURE;
  if (genai_client_new(NULL, &client) != GENAI_OK || genai_multi_new(client, NULL, &multi) != GENAI_OK ||
      genai_chats_create(client, "gemini-2.0-flash-001", NULL, NULL, &chat) != GENAI_OK) {
    fprintf(stderr, "setup failed: %s\n", genai_error_last()->message);
    goto done;
  }
  genai_op_callbacks callbacks = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = chat};
  if (genai_chat_send_message_async(multi, chat, GENAI_TEXT("tell me a story"), NULL, &callbacks, &op) != GENAI_OK) {
    fprintf(stderr, "send_message_async failed: %s\n", genai_error_last()->message);
    goto done;
  }
  int running = 1;
  while (running)
    if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) goto done;
  status = genai_op_result(op) == GENAI_OK ? EXIT_SUCCESS : EXIT_FAILURE;
done:
  genai_op_free(op);
  genai_chat_free(chat);
  genai_multi_free(multi);
  genai_client_free(client);
  return status;
}
