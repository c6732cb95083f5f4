/*
 * chat_stream.c: "Chats: Streaming".
 *
 * The C twin of this Python SDK snippet:
 *
 *     chat = client.chats.create(model='gemini-2.0-flash-001')
 *     for chunk in chat.send_message_stream('tell me a story'):
 *         print(chunk.text, end='')
 *
 * The turn joins the chat's history when the stream ends (GENAI_DONE), one
 * history entry per chunk, as in the Python SDK.
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
  genai_chat *chat = NULL;
  if (genai_chats_create(client, "gemini-2.0-flash-001", NULL, NULL, &chat) != GENAI_OK) {
    print_error("chats_create");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  int status = EXIT_FAILURE;
  genai_stream *stream = NULL;
  if (genai_chat_send_message_stream(chat, GENAI_TEXT("tell me a story"), NULL, &stream) != GENAI_OK) {
    print_error("send_message_stream");
  } else {
    const genai_generate_content_response *chunk;
    genai_result rc;
    while ((rc = genai_stream_next(stream, &chunk)) == GENAI_OK) {
      const char *text = genai_response_text(chunk);
      if (text) fputs(text, stdout);
      fflush(stdout);
    }
    putchar('\n');
    if (rc == GENAI_DONE) {
      const genai_content *const *turns = NULL;
      size_t count = 0;
      if (genai_chat_get_history(chat, true, &turns, &count) == GENAI_OK)
        printf("history: %zu turns\n", count);
      status = EXIT_SUCCESS;
    } else {
      print_error("the stream");
    }
  }

  genai_stream_free(stream);
  genai_chat_free(chat);
  genai_client_free(client);
  return status;
}
