/*
 * compute_tokens.c: "Count Tokens and Compute Tokens", compute_tokens.
 *
 * The C twin of this Python SDK snippet (Vertex AI only):
 *
 *     response = client.models.compute_tokens(
 *         model='gemini-2.0-flash-001',
 *         contents='why is the sky blue?',
 *     )
 *     print(response)
 *
 * On the Gemini Developer API the call fails with GENAI_EINVAL ("This
 * method is only supported in Gemini Enterprise Agent Platform mode, not in
 * Gemini Developer API mode."), as the Python SDK raises ValueError. Run it
 * with GOOGLE_GENAI_USE_VERTEXAI=true.
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
  genai_compute_tokens_response *response = NULL;
  if (genai_models_compute_tokens(client, "gemini-2.0-flash-001", GENAI_TEXT("why is the sky blue?"), NULL,
                                  &response) != GENAI_OK) {
    print_error("compute_tokens");
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  char *json = NULL;
  if (genai_compute_tokens_response_to_json(response, &json) == GENAI_OK) printf("%s\n", json);
  genai_free(json);
  /* tokens_info[i]: the token ids and the bytes of each token (not always
   * valid UTF-8 on their own, hence genai_bytes). */
  for (size_t i = 0; i < response->tokens_info_count; i++) {
    const genai_tokens_info *info = response->tokens_info[i];
    printf("%s:", info->role ? info->role : "(no role)");
    for (size_t j = 0; j < info->token_ids_count && j < info->tokens_count; j++)
      printf(" %d=\"%.*s\"", info->token_ids[j], (int)info->tokens[j].size, (const char *)info->tokens[j].data);
    putchar('\n');
  }
  genai_compute_tokens_response_free(response);
  genai_client_free(client);
  return EXIT_SUCCESS;
}
