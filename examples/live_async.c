/*
 * live_async.c: "Live API: a text session", on the non-blocking driver.
 *
 * The C twin of this Python SDK snippet, run as Python runs it: inside an
 * event loop that has other work too:
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
 * genai_live_connect_async() puts the session on a genai_multi (client.aio):
 * it returns at once, and the handshake, the setup and the messages happen
 * inside genai_multi_poll(), beside a generate_content call started on the
 * same multi. The turn is sent at once: the library holds it until the
 * session is set up. The session is closed from on_message when the turn
 * is complete, and the loop ends when nothing runs any more.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

typedef struct app {
  bool failed;
  genai_live_session *session; /* NULL once closed */
} app;

static void print_error(const char *what, const genai_error *err) {
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  /* for a session the server closed, http_status is the WebSocket close code */
  if (err->http_status) fprintf(stderr, ", code %d", err->http_status);
  fputs(")\n", stderr);
}

static void on_open(genai_live_session *session, void *user_data) {
  (void)user_data;
  const char *id = genai_live_session_id(session); /* Vertex AI sends one */
  printf("[session open%s%s]\n", id ? " " : "", id ? id : "");
}

/* async for message in session.receive(): one call per server message. */
static void on_message(genai_live_session *session, const genai_live_server_message *message, void *user_data) {
  app *a = user_data;
  const char *text = genai_live_server_message_text(message);
  if (text) fputs(text, stdout);
  const genai_live_server_content *content = message->server_content;
  if (content && content->turn_complete && *content->turn_complete) {
    putchar('\n');
    /* leaving `async with`: the close goes out while the loop runs */
    genai_live_close(session);
    a->session = NULL;
  }
}

/* The server ended the session before we closed it. */
static void on_close(genai_live_session *session, genai_result result, void *user_data) {
  app *a = user_data;
  if (result != GENAI_DONE) {
    print_error("live session", genai_live_error(session));
    a->failed = true;
  }
}

/* The other work of the loop: an ordinary call on the same multi. */
static void on_generated(genai_op *op, void *user_data) {
  app *a = user_data;
  genai_generate_content_response *response = NULL;
  if (genai_op_take_generate_content_response(op, &response) != GENAI_OK) {
    print_error("generate_content", genai_op_error(op));
    a->failed = true;
    return;
  }
  const char *text = genai_response_text(response);
  printf("[generate_content: %s]\n", text ? text : "(no text)");
  genai_generate_content_response_free(response);
}

int main(void) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new", genai_error_last());
    return EXIT_FAILURE;
  }
  genai_multi *multi = NULL;
  if (genai_multi_new(client, NULL, &multi) != GENAI_OK) {
    print_error("genai_multi_new", genai_error_last());
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  app a = {0};
  const genai_live_connect_config config = {
      GENAI_INIT(genai_live_connect_config),
      .response_modalities = (const genai_modality[]){GENAI_MODALITY_TEXT},
      .response_modalities_count = 1,
  };
  const genai_live_callbacks callbacks = {GENAI_INIT(genai_live_callbacks), .on_open = on_open,
                                          .on_message = on_message, .on_close = on_close, .user_data = &a};
  if (genai_live_connect_async(multi, "gemini-live-2.5-flash-preview", &config, &callbacks, &a.session) != GENAI_OK ||
      genai_live_send_client_content(a.session, GENAI_TEXT("Hello what should we talk about?"), true) != GENAI_OK) {
    print_error("live connect", genai_error_last());
    genai_live_close(a.session);
    genai_multi_free(multi);
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  genai_op *op = NULL;
  const genai_op_callbacks op_callbacks = {GENAI_INIT(genai_op_callbacks), .on_done = on_generated, .user_data = &a};
  if (genai_models_generate_content_async(multi, "gemini-2.0-flash-001", GENAI_TEXT("Why is the sky blue?"), NULL,
                                          &op_callbacks, &op) != GENAI_OK) {
    print_error("generate_content_async", genai_error_last());
    a.failed = true;
  }

  /* the event loop: until the session and the call are done */
  int running = 1;
  while (running) {
    if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) {
      print_error("genai_multi_poll", genai_error_last());
      a.failed = true;
      break;
    }
  }

  genai_live_close(a.session); /* the server ended it first: only frees it */
  genai_op_free(op);
  genai_multi_free(multi);
  genai_client_free(client);
  return a.failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
