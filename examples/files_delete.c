/*
 * files_delete.c: "Files: Delete" (Gemini Developer API only).
 *
 * The C twin of this Python SDK snippet:
 *
 *     file3 = client.files.upload(file='2312.11805v3.pdf')
 *
 *     client.files.delete(name=file3.name)
 *
 * Takes the path as its argument.
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

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: files_delete FILE\n");
    return EXIT_FAILURE;
  }
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }

  genai_file *file3 = NULL;
  int status = EXIT_FAILURE;
  if (genai_files_upload(client, argv[1], NULL, NULL, &file3) != GENAI_OK) {
    print_error("upload");
  } else if (genai_files_delete(client, file3->name, NULL, NULL) != GENAI_OK) {
    /* The answer (a DeleteFileResponse) is not needed: out may be NULL. */
    print_error("delete");
  } else {
    printf("deleted %s\n", file3->name);
    status = EXIT_SUCCESS;
  }

  genai_file_free(file3);
  genai_client_free(client);
  return status;
}
