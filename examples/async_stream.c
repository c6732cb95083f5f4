/*
 * async_stream.c: "Async", streaming.
 *
 * The C twin of this Python SDK snippet:
 *
 *     async for chunk in await client.aio.models.generate_content_stream(
 *         model='gemini-2.0-flash-001', contents='Tell me a story in 300 words.'
 *     ):
 *         print(chunk.text, end='')
 *
 * The loop body is on_chunk, called with each chunk as it arrives; on_done
 * ends the stream (GENAI_DONE, or the error that stopped it).
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void on_chunk(genai_op *op, const genai_generate_content_response *chunk, void *user_data) {
  (void)op;
  (void)user_data;
  const char *text = genai_response_text(chunk);
  if (text) fputs(text, stdout);
  fflush(stdout);
}

static void on_done(genai_op *op, void *user_data) {
  (void)user_data;
  putchar('\n');
  if (genai_op_result(op) != GENAI_DONE) fprintf(stderr, "the stream failed: %s\n", genai_op_error(op)->message);
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
  genai_op_callbacks callbacks = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk};
  if (genai_models_generate_content_stream_async(multi, "gemini-2.0-flash-001",
                                                 GENAI_TEXT("Tell me a story in 300 words."), NULL, &callbacks,
                                                 &op) != GENAI_OK) {
    fprintf(stderr, "generate_content_stream_async failed: %s\n", genai_error_last()->message);
    goto done;
  }
  int running = 1;
  while (running)
    if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) goto done;
  status = genai_op_result(op) == GENAI_DONE ? EXIT_SUCCESS : EXIT_FAILURE;
done:
  genai_op_free(op);
  genai_multi_free(multi);
  genai_client_free(client);
  return status;
}
