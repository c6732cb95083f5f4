/*
 * chat.c: "Chats: Send Message".
 *
 * The C twin of this Python SDK snippet:
 *
 *     chat = client.chats.create(model='gemini-2.0-flash-001')
 *     response = chat.send_message('tell me a story')
 *     print(response.text)
 *
 * A chat keeps the conversation: every message sends the earlier (valid)
 * turns along, and genai_chat_get_history() returns them.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

int main(void) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }

  /* chat = client.chats.create(model=...): no config, no earlier history. */
  genai_chat *chat = NULL;
  if (genai_chats_create(client, "gemini-2.0-flash-001", NULL, NULL, &chat) != GENAI_OK) {
    print_error("chats_create");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  int status = EXIT_FAILURE;
  genai_generate_content_response *response = NULL;
  if (genai_chat_send_message(chat, GENAI_TEXT("tell me a story"), NULL, &response) != GENAI_OK) {
    print_error("send_message");
  } else {
    const char *text = genai_response_text(response);
    printf("%s\n", text ? text : "(no text)");

    /* The turn is in the history now: the user's message and the answer. */
    const genai_content *const *turns = NULL;
    size_t count = 0;
    if (genai_chat_get_history(chat, false, &turns, &count) == GENAI_OK)
      printf("history: %zu turns (%s, %s)\n", count, turns[0]->role, turns[count - 1]->role);
    status = EXIT_SUCCESS;
  }

  genai_generate_content_response_free(response);
  genai_chat_free(chat);
  genai_client_free(client);
  return status;
}
