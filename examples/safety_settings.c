/*
 * safety_settings.c: "Safety Settings".
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents='Say something bad.',
 *         config=types.GenerateContentConfig(
 *             safety_settings=[
 *                 types.SafetySetting(
 *                     category='HARM_CATEGORY_HATE_SPEECH',
 *                     threshold='BLOCK_ONLY_HIGH',
 *                 )
 *             ]
 *         ),
 *     )
 *     print(response.text)
 *
 * Service enumerations are C enums (GENAI_HARM_CATEGORY_HATE_SPEECH). Each
 * enum field has a string twin, `<field>_str`, which wins when set: it sends
 * a value newer than this library, e.g. .category_str = "HARM_CATEGORY_HATE_SPEECH".
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

  /* types.SafetySetting(...) */
  genai_safety_setting hate_speech = {
      GENAI_INIT(genai_safety_setting),
      .category = GENAI_HARM_CATEGORY_HATE_SPEECH,
      .threshold = GENAI_HARM_BLOCK_THRESHOLD_BLOCK_ONLY_HIGH,
  };
  /* safety_settings=[...]: an array of pointers plus its length. */
  const genai_safety_setting *const safety_settings[] = {&hate_speech};
  genai_generate_content_config config = {
      GENAI_INIT(genai_generate_content_config),
      .safety_settings = safety_settings,
      .safety_settings_count = sizeof(safety_settings) / sizeof(safety_settings[0]),
  };

  genai_generate_content_response *response = NULL;
  if (genai_models_generate_content(client, "gemini-2.0-flash-001", GENAI_TEXT("Say something bad."), &config,
                                    &response) != GENAI_OK) {
    print_error("generate_content");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  /* print(response.text). A blocked answer is not an error: the call
   * succeeds, the text is NULL (Python's None) and the reason is in the
   * candidate's finish_reason or in prompt_feedback. */
  const char *text = genai_response_text(response);
  if (text) {
    printf("%s\n", text);
  } else {
    const char *finish = response->candidates_count ? response->candidates[0]->finish_reason_str : NULL;
    const char *blocked = response->prompt_feedback ? response->prompt_feedback->block_reason_str : NULL;
    printf("(no text; finish reason %s, prompt block reason %s)\n", finish ? finish : "none",
           blocked ? blocked : "none");
  }

  genai_generate_content_response_free(response);
  genai_client_free(client);
  return EXIT_SUCCESS;
}
