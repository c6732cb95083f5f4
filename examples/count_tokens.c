/*
 * count_tokens.c: "Count Tokens and Compute Tokens", count_tokens.
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = client.models.count_tokens(
 *         model='gemini-2.0-flash-001',
 *         contents='why is the sky blue?',
 *     )
 *     print(response)
 *
 * print(response) shows the Python object; the C twin prints the response
 * as JSON (genai_count_tokens_response_to_json) and its total.
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
  genai_count_tokens_response *response = NULL;
  if (genai_models_count_tokens(client, "gemini-2.0-flash-001", GENAI_TEXT("why is the sky blue?"), NULL,
                                &response) != GENAI_OK) {
    print_error("count_tokens");
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  char *json = NULL;
  if (genai_count_tokens_response_to_json(response, &json) == GENAI_OK) printf("%s\n", json);
  genai_free(json);
  /* Optional numbers are pointers: NULL is Python's None. */
  if (response->total_tokens) printf("total_tokens: %d\n", *response->total_tokens);
  genai_count_tokens_response_free(response);
  genai_client_free(client);
  return EXIT_SUCCESS;
}
