/*
 * stream_image_bytes.c: "Generate Content (Synchronous Streaming)", an image
 * from the local file system.
 *
 * The C twin of this Python SDK snippet:
 *
 *     YOUR_IMAGE_PATH = 'your_image_path'
 *     YOUR_IMAGE_MIME_TYPE = 'your_image_mime_type'
 *     with open(YOUR_IMAGE_PATH, 'rb') as f:
 *         image_bytes = f.read()
 *
 *     for chunk in client.models.generate_content_stream(
 *         model='gemini-2.0-flash-001',
 *         contents=[
 *             'What is this image about?',
 *             types.Part.from_bytes(data=image_bytes, mime_type=YOUR_IMAGE_MIME_TYPE),
 *         ],
 *     ):
 *         print(chunk.text, end='')
 *
 * Usage: stream_image_bytes IMAGE_PATH [MIME_TYPE]   (MIME_TYPE default image/png)
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

/* with open(path, 'rb') as f: image_bytes = f.read() */
static unsigned char *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  unsigned char *data = NULL;
  size_t cap = 0, n = 0, got;
  do {
    if (n == cap) {
      unsigned char *bigger = realloc(data, cap = cap ? cap * 2 : 65536);
      if (!bigger) {
        free(data);
        fclose(f);
        return NULL;
      }
      data = bigger;
    }
    got = fread(data + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    free(data);
    return NULL;
  }
  *size = n;
  return data;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s IMAGE_PATH [MIME_TYPE]\n", argv[0]);
    return EXIT_FAILURE;
  }
  const char *mime_type = argc > 2 ? argv[2] : "image/png";
  size_t size = 0;
  unsigned char *image_bytes = read_file(argv[1], &size);
  if (!image_bytes) {
    perror(argv[1]);
    return EXIT_FAILURE;
  }

  genai_client *client = NULL;
  genai_part *image = NULL;
  genai_stream *stream = NULL;
  int status = EXIT_FAILURE;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    goto done;
  }
  /* types.Part.from_bytes(...): the part keeps its own copy of the bytes,
   * sent base64-encoded as inlineData. */
  if (genai_part_from_bytes(image_bytes, size, mime_type, &image) != GENAI_OK) {
    print_error("genai_part_from_bytes");
    goto done;
  }
  if (genai_models_generate_content_stream(client, "gemini-2.0-flash-001",
                                           GENAI_LIST(GENAI_TEXT("What is this image about?"), GENAI_PART(image)),
                                           NULL, &stream) != GENAI_OK) {
    print_error("generate_content_stream");
    goto done;
  }
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

done:
  genai_stream_free(stream);
  genai_part_free(image);
  genai_client_free(client);
  free(image_bytes);
  return status;
}
