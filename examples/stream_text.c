/*
 * stream_text.c: "Generate Content (Synchronous Streaming)".
 *
 * The C twin of this Python SDK snippet:
 *
 *     for chunk in client.models.generate_content_stream(
 *         model='gemini-2.0-flash-001', contents='Tell me a story in 300 words.'
 *     ):
 *         print(chunk.text, end='')
 *
 * The Python iterator is a genai_stream: genai_stream_next() hands out each
 * chunk as soon as the service sent it, and returns GENAI_DONE at the end.
 * Nothing is buffered: a long answer uses the memory of one chunk.
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

  /* The call returns once the answer began (or with the error that
   * prevented it: a bad request, an unknown model, a network failure). */
  genai_stream *stream = NULL;
  if (genai_models_generate_content_stream(client, "gemini-2.0-flash-001",
                                           GENAI_TEXT("Tell me a story in 300 words."), NULL,
                                           &stream) != GENAI_OK) {
    print_error("generate_content_stream");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  /* for chunk in ...: print(chunk.text, end=''). A chunk is borrowed until
   * the next genai_stream_next(); its text may be NULL (Python's None). */
  const genai_generate_content_response *chunk;
  genai_result rc;
  while ((rc = genai_stream_next(stream, &chunk)) == GENAI_OK) {
    const char *text = genai_response_text(chunk);
    if (text) fputs(text, stdout);
    fflush(stdout);
  }
  putchar('\n');

  /* GENAI_DONE is the normal end; anything else is the error that ended the
   * stream (an error the service sent mid-stream, a broken connection). */
  int status = EXIT_SUCCESS;
  if (rc != GENAI_DONE) {
    print_error("the stream");
    status = EXIT_FAILURE;
  }
  genai_stream_free(stream);
  genai_client_free(client);
  return status;
}
