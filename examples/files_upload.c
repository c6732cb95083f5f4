/*
 * files_upload.c: "Files: Upload" (Gemini Developer API only).
 *
 * The C twin of this Python SDK snippet:
 *
 *     file1 = client.files.upload(file='2312.11805v3.pdf')
 *     file2 = client.files.upload(file='2403.05530.pdf')
 *
 *     print(file1)
 *     print(file2)
 *
 * Takes the two paths as arguments (the PDFs the Python documentation
 * downloads with gsutil); prints each File as JSON.
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

static int print_file(const genai_file *file) {
  char *json = NULL;
  if (genai_file_to_json(file, &json) != GENAI_OK) {
    print_error("genai_file_to_json");
    return -1;
  }
  printf("%s\n", json);
  genai_free(json);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: files_upload FILE1 FILE2\n");
    return EXIT_FAILURE;
  }
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }

  /* client.files.upload(file=...): the MIME type comes from the extension,
   * the bytes stream from disk in 8 MiB chunks. */
  genai_file *file1 = NULL, *file2 = NULL;
  int status = EXIT_FAILURE;
  if (genai_files_upload(client, argv[1], NULL, NULL, &file1) != GENAI_OK) {
    print_error("upload of file1");
  } else if (genai_files_upload(client, argv[2], NULL, NULL, &file2) != GENAI_OK) {
    print_error("upload of file2");
  } else if (print_file(file1) == 0 && print_file(file2) == 0) {
    status = EXIT_SUCCESS;
  }

  genai_file_free(file1);
  genai_file_free(file2);
  genai_client_free(client);
  return status;
}
