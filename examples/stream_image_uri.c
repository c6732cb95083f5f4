/*
 * stream_image_uri.c: "Generate Content (Synchronous Streaming)", an image
 * stored in Google Cloud Storage.
 *
 * The C twin of this Python SDK snippet:
 *
 *     for chunk in client.models.generate_content_stream(
 *         model='gemini-2.0-flash-001',
 *         contents=[
 *             'What is this image about?',
 *             types.Part.from_uri(
 *                 file_uri='gs://generativeai-downloads/images/scones.jpg',
 *                 mime_type='image/jpeg',
 *             ),
 *         ],
 *     ):
 *         print(chunk.text, end='')
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

  /* types.Part.from_uri(...): an owned part, freed with genai_part_free(). */
  genai_part *image = NULL;
  if (genai_part_from_uri("gs://generativeai-downloads/images/scones.jpg", "image/jpeg", &image) != GENAI_OK) {
    print_error("genai_part_from_uri");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  /* contents=[text, part]: a list whose items form one user Content. */
  genai_stream *stream = NULL;
  int status = EXIT_FAILURE;
  if (genai_models_generate_content_stream(client, "gemini-2.0-flash-001",
                                           GENAI_LIST(GENAI_TEXT("What is this image about?"), GENAI_PART(image)),
                                           NULL, &stream) != GENAI_OK) {
    print_error("generate_content_stream");
  } else {
    const genai_generate_content_response *chunk;
    genai_result rc;
    while ((rc = genai_stream_next(stream, &chunk)) == GENAI_OK) {
      const char *text = genai_response_text(chunk);
      if (text) fputs(text, stdout);
      fflush(stdout);
    }
    putchar('\n');
    if (rc == GENAI_DONE) status = EXIT_SUCCESS;
    else print_error("the stream");
  }

  genai_stream_free(stream);
  genai_part_free(image);
  genai_client_free(client);
  return status;
}
