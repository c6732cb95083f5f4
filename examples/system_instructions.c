/*
 * system_instructions.c: "System Instructions and Other Configs".
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents='high',
 *         config=types.GenerateContentConfig(
 *             system_instruction='I say high, you say low',
 *             max_output_tokens=3,
 *             temperature=0.3,
 *         ),
 *     )
 *     print(response.text)
 *
 * types.GenerateContentConfig is the struct genai_generate_content_config,
 * built with a designated initializer: fields left out are "not set" (Python
 * None). Optional numbers are pointers, so that 0 can be told apart from
 * "not set"; a C99 compound literal such as &(double){0.3} is the shortest
 * way to write one.
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

  /* GENAI_INIT sets struct_size, which every public struct starts with.
   * system_instruction takes the same forms as contents (here a text); the
   * library sends it as the request's systemInstruction, and the numbers go
   * into generationConfig, as the Python SDK does. */
  genai_generate_content_config config = {
      GENAI_INIT(genai_generate_content_config),
      .system_instruction = GENAI_TEXT("I say high, you say low"),
      .max_output_tokens = &(int32_t){3},
      .temperature = &(double){0.3},
  };

  /* The config is borrowed for the duration of the call only. */
  genai_generate_content_response *response = NULL;
  if (genai_models_generate_content(client, "gemini-2.0-flash-001", GENAI_TEXT("high"), &config, &response) !=
      GENAI_OK) {
    print_error("generate_content");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  /* print(response.text). With max_output_tokens=3 the answer is cut short;
   * the candidate's finish reason then says MAX_TOKENS. */
  const char *text = genai_response_text(response);
  printf("%s\n", text ? text : "(no text)");
  if (response->candidates_count && response->candidates[0]->finish_reason_str)
    printf("finish reason: %s\n", response->candidates[0]->finish_reason_str);

  genai_generate_content_response_free(response);
  genai_client_free(client);
  return EXIT_SUCCESS;
}
