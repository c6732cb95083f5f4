/*
 * async_files_upload.c: "Files: Upload", async (Gemini Developer API only).
 *
 * The C twin of this Python SDK snippet:
 *
 *     file = await client.aio.files.upload(file='a11.txt')
 *     print(file)
 *
 * client.aio is a genai_multi: genai_files_upload_async() checks the file,
 * sends the start request and returns at once; genai_multi_poll() then
 * sends the bytes chunk by chunk (recovering a broken chunk if need be),
 * calls the progress callback as they go out, and on_done when the service
 * holds the whole file. Takes the path as its argument; prints the progress
 * and the File as JSON.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void print_error(const char *what, const genai_error *err) {
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

/* Called inside genai_multi_poll as the bytes go out. */
static void on_progress(void *user_data, uint64_t sent, uint64_t total) {
  (void)user_data;
  printf("uploaded %" PRIu64 " of %" PRIu64 " bytes\n", sent, total);
}

/* await: the upload ended. */
static void on_done(genai_op *op, void *user_data) {
  int *status = user_data;
  genai_file *file = NULL;
  if (genai_op_take_file(op, &file) != GENAI_OK) {
    print_error("upload", genai_op_error(op));
    return;
  }
  char *json = NULL;
  if (genai_file_to_json(file, &json) == GENAI_OK) {
    printf("%s\n", json);
    *status = EXIT_SUCCESS;
  } else {
    print_error("genai_file_to_json", genai_error_last());
  }
  genai_free(json);
  genai_file_free(file);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: async_files_upload FILE\n");
    return EXIT_FAILURE;
  }
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

  /* client.aio.files.upload(file=...): the MIME type comes from the
   * extension, the bytes stream from disk in 8 MiB chunks. */
  int status = EXIT_FAILURE;
  genai_upload_options options = {GENAI_INIT(genai_upload_options), .progress = on_progress};
  genai_op_callbacks callbacks = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &status};
  genai_op *op = NULL;
  if (genai_files_upload_async(multi, argv[1], NULL, &options, &callbacks, &op) != GENAI_OK) {
    print_error("genai_files_upload_async", genai_error_last());
  } else {
    /* The event loop: the upload advances inside genai_multi_poll. */
    int running = 1;
    while (running) {
      if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) {
        print_error("genai_multi_poll", genai_error_last());
        status = EXIT_FAILURE;
        break;
      }
    }
  }
  genai_op_free(op);
  genai_multi_free(multi);
  genai_client_free(client);
  return status;
}
