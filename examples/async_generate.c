/*
 * async_generate.c: "Async", generate_content.
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = await client.aio.models.generate_content(
 *         model='gemini-2.0-flash-001', contents='Tell me a story in 300 words.'
 *     )
 *     print(response.text)
 *
 * client.aio is a genai_multi: the _async functions start calls and return
 * at once; genai_multi_poll() drives them, and each call's on_done fires
 * inside it when the answer is in. One thread can run many calls this way:
 * this example starts the snippet's call and two more, and prints each
 * answer as it arrives.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void print_error(const char *what, const genai_error *err) {
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

/* await: the answer arrived (or the call failed). */
static void on_done(genai_op *op, void *user_data) {
  const char *prompt = user_data;
  genai_generate_content_response *response = NULL;
  if (genai_op_take_generate_content_response(op, &response) != GENAI_OK) {
    print_error(prompt, genai_op_error(op));
    return;
  }
  const char *text = genai_response_text(response);
  printf("%s -> %s\n", prompt, text ? text : "(no text)");
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

  static const char *const prompts[] = {"Tell me a story in 300 words.", "Why is the sky blue?",
                                        "What is your name?"};
  genai_op *ops[3] = {0};
  int status = EXIT_SUCCESS;
  for (int i = 0; i < 3; i++) {
    genai_op_callbacks callbacks = {GENAI_INIT(genai_op_callbacks), .on_done = on_done,
                                    .user_data = (void *)prompts[i]};
    if (genai_models_generate_content_async(multi, "gemini-2.0-flash-001", GENAI_TEXT(prompts[i]), NULL, &callbacks,
                                            &ops[i]) != GENAI_OK) {
      print_error("generate_content_async", genai_error_last());
      status = EXIT_FAILURE;
    }
  }

  /* The event loop: wait for activity, let the library do its work, repeat
   * until nothing runs. */
  int running = 1;
  while (running) {
    if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) {
      print_error("genai_multi_poll", genai_error_last());
      status = EXIT_FAILURE;
      break;
    }
  }
  for (int i = 0; i < 3; i++) {
    if (ops[i] && genai_op_result(ops[i]) != GENAI_OK) status = EXIT_FAILURE;
    genai_op_free(ops[i]);
  }
  genai_multi_free(multi);
  genai_client_free(client);
  return status;
}
