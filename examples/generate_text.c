/*
 * generate_text.c: "Generate Content with text".
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001', contents='Why is the sky blue?'
 *     )
 *     print(response.text)
 *
 * The client is configured from the environment, as genai.Client() is:
 * GEMINI_API_KEY (or GOOGLE_API_KEY) for the Gemini Developer API, or
 * GOOGLE_GENAI_USE_VERTEXAI=true and a key (express mode) for Vertex AI.
 * See create_client.c for every way to build a client and README.md for
 * running this against genai-emulator.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

/* Prints what failed with the details genai_error_last() keeps for the
 * calling thread: the message, the result code and, when the service
 * answered, its HTTP status and Google status. */
static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

int main(void) {
  /* client = genai.Client(): NULL options take everything from the environment. */
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }

  /* contents='Why is the sky blue?': GENAI_TEXT() wraps a string as a
   * genai_contents, which the library turns into one user Content holding one
   * text Part, exactly as the Python SDK does. No config: NULL. */
  genai_generate_content_response *response = NULL;
  if (genai_models_generate_content(client, "gemini-2.0-flash-001", GENAI_TEXT("Why is the sky blue?"), NULL,
                                    &response) != GENAI_OK) {
    print_error("generate_content");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  /* print(response.text): the text is borrowed from the response and lives
   * until the response is freed. It is NULL when the model sent no text
   * (Python's None), for example when the prompt was blocked. */
  const char *text = genai_response_text(response);
  if (text) {
    printf("%s\n", text);
  } else {
    const char *reason = response->candidates_count ? response->candidates[0]->finish_reason_str : NULL;
    printf("(no text; finish reason %s)\n", reason ? reason : "none");
  }

  /* One call frees the whole response tree; then the client. */
  genai_generate_content_response_free(response);
  genai_client_free(client);
  return EXIT_SUCCESS;
}
