/*
 * generate_with_file.c: "Generate Content with uploaded file (Gemini API
 * only)".
 *
 * The C twin of this Python SDK snippet:
 *
 *     file = client.files.upload(file='a11.txt')
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents=['Could you summarize this file?', file]
 *     )
 *     print(response.text)
 *
 * Takes the path of a11.txt (or any text file) as its argument. Python turns
 * the File in `contents` into a file_data part; in C that is
 * genai_part_from_uri(file->uri, file->mime_type).
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
    fprintf(stderr, "usage: generate_with_file FILE\n");
    return EXIT_FAILURE;
  }
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }

  genai_file *file = NULL;
  genai_part *file_part = NULL;
  genai_generate_content_response *response = NULL;
  int status = EXIT_FAILURE;
  if (genai_files_upload(client, argv[1], NULL, NULL, &file) != GENAI_OK) {
    print_error("upload");
  } else if (genai_part_from_uri(file->uri, file->mime_type, &file_part) != GENAI_OK) {
    print_error("genai_part_from_uri");
  } else if (genai_models_generate_content(
                 client, "gemini-2.0-flash-001",
                 GENAI_LIST(GENAI_TEXT("Could you summarize this file?"), GENAI_PART(file_part)), NULL,
                 &response) != GENAI_OK) {
    print_error("generate_content");
  } else {
    const char *text = genai_response_text(response);
    printf("%s\n", text ? text : "");
    status = EXIT_SUCCESS;
  }

  genai_generate_content_response_free(response);
  genai_part_free(file_part);
  genai_file_free(file);
  genai_client_free(client);
  return status;
}
