/*
 * live_text.c: "Live API: a text session".
 *
 * The C twin of this Python SDK snippet:
 *
 *     config = {'response_modalities': ['TEXT']}
 *     async with client.aio.live.connect(
 *         model='gemini-live-2.5-flash-preview', config=config
 *     ) as session:
 *         await session.send_client_content(
 *             turns={'role': 'user', 'parts': [{'text': 'Hello what should we talk about?'}]},
 *             turn_complete=True,
 *         )
 *         async for message in session.receive():
 *             if message.text:
 *                 print(message.text, end='')
 *
 * The client is configured from the environment, as genai.Client() is (see
 * generate_text.c). The session is a WebSocket: the library services it only
 * inside the genai_live_* calls, on this thread.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  /* for a session the server closed, http_status is the WebSocket close code */
  if (err->http_status) fprintf(stderr, ", code %d", err->http_status);
  fputs(")\n", stderr);
}

int main(void) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }

  /* config = {'response_modalities': ['TEXT']} */
  const genai_live_connect_config config = {
      GENAI_INIT(genai_live_connect_config),
      .response_modalities = (const genai_modality[]){GENAI_MODALITY_TEXT},
      .response_modalities_count = 1,
  };
  genai_live_session *session = NULL;
  if (genai_live_connect(client, "gemini-live-2.5-flash-preview", &config, &session) != GENAI_OK) {
    print_error("live connect");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  /* send_client_content(turns=..., turn_complete=True): GENAI_TEXT is one
   * user turn with one text part. */
  int status = EXIT_SUCCESS;
  if (genai_live_send_client_content(session, GENAI_TEXT("Hello what should we talk about?"), true) != GENAI_OK) {
    print_error("send_client_content");
    status = EXIT_FAILURE;
  } else {
    /* async for message in session.receive(): GENAI_OK for each message of
     * the turn, GENAI_DONE after the one that completes it. Messages are
     * borrowed until the next call. */
    const genai_live_server_message *message = NULL;
    genai_result rc;
    while ((rc = genai_live_receive(session, &message)) == GENAI_OK) {
      const char *text = genai_live_server_message_text(message);
      if (text) fputs(text, stdout);
      if (message->usage_metadata && message->usage_metadata->total_token_count)
        printf("\n(total tokens: %d)", (int)*message->usage_metadata->total_token_count);
    }
    putchar('\n');
    if (rc != GENAI_DONE) {
      print_error("receive");
      status = EXIT_FAILURE;
    }
  }

  /* Leaving `async with`: the session closes (code 1000). */
  genai_live_close(session);
  genai_client_free(client);
  return status;
}
