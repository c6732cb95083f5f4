/*
 * async_count_tokens.c: "Count Tokens and Compute Tokens", async.
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = await client.aio.models.count_tokens(
 *         model='gemini-2.0-flash-001',
 *         contents='why is the sky blue?',
 *     )
 *     print(response)
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void on_done(genai_op *op, void *user_data) {
  (void)user_data;
  genai_count_tokens_response *response = NULL;
  if (genai_op_take_count_tokens_response(op, &response) != GENAI_OK) {
    fprintf(stderr, "count_tokens failed: %s\n", genai_op_error(op)->message);
    return;
  }
  char *json = NULL;
  if (genai_count_tokens_response_to_json(response, &json) == GENAI_OK) printf("%s\n", json);
  genai_free(json);
  if (response->total_tokens) printf("total_tokens: %d\n", *response->total_tokens);
  genai_count_tokens_response_free(response);
}

int main(void) {
  genai_client *client = NULL;
  genai_multi *multi = NULL;
  genai_op *op = NULL;
  int status = EXIT_FAILURE;
  if (genai_client_new(NULL, &client) != GENAI_OK || genai_multi_new(client, NULL, &multi) != GENAI_OK) {
    fprintf(stderr, "setup failed: %s\n", genai_error_last()->message);
    goto done;
  }
  genai_op_callbacks callbacks = {GENAI_INIT(genai_op_callbacks), .on_done = on_done};
  if (genai_models_count_tokens_async(multi, "gemini-2.0-flash-001", GENAI_TEXT("why is the sky blue?"), NULL,
                                      &callbacks, &op) != GENAI_OK) {
    fprintf(stderr, "count_tokens_async failed: %s\n", genai_error_last()->message);
    goto done;
  }
  int running = 1;
  while (running)
    if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) goto done;
  status = genai_op_result(op) == GENAI_OK ? EXIT_SUCCESS : EXIT_FAILURE;
done:
  genai_op_free(op);
  genai_multi_free(multi);
  genai_client_free(client);
  return status;
}
