/*
 * files_get.c: "Files: Get" (Gemini Developer API only).
 *
 * The C twin of this Python SDK snippet:
 *
 *     file1 = client.files.upload(file='2312.11805v3.pdf')
 *     file_info = client.files.get(name=file1.name)
 *
 * Takes the path as its argument; prints the name, state and size the
 * service reports.
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
    fprintf(stderr, "usage: files_get FILE\n");
    return EXIT_FAILURE;
  }
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }

  genai_file *file1 = NULL, *file_info = NULL;
  int status = EXIT_FAILURE;
  if (genai_files_upload(client, argv[1], NULL, NULL, &file1) != GENAI_OK) {
    print_error("upload");
  } else if (genai_files_get(client, file1->name, NULL, &file_info) != GENAI_OK) {
    print_error("get");
  } else {
    /* Optional fields are NULL when the service left them out. */
    printf("name: %s\n", file_info->name);
    printf("mime type: %s\n", file_info->mime_type ? file_info->mime_type : "?");
    printf("size: %lld bytes\n", file_info->size_bytes ? (long long)*file_info->size_bytes : -1LL);
    printf("state: %s\n", file_info->state_str ? file_info->state_str : "?");
    status = EXIT_SUCCESS;
  }

  genai_file_free(file_info);
  genai_file_free(file1);
  genai_client_free(client);
  return status;
}
