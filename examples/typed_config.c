/*
 * typed_config.c: "Typed Config".
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents=types.Part.from_text(text='Why is the sky blue?'),
 *         config=types.GenerateContentConfig(
 *             temperature=0,
 *             top_p=0.95,
 *             top_k=20,
 *             candidate_count=1,
 *             seed=5,
 *             max_output_tokens=100,
 *             stop_sequences=['STOP!'],
 *             presence_penalty=0.0,
 *             frequency_penalty=0.0,
 *         ),
 *     )
 *     print(response.text)
 *
 * In C every config is typed: the Python types are C structs, checked by the
 * compiler. (The dict form has a twin too: genai_generate_content_config_from_json()
 * reads {"temperature": 0, ...} into the same struct.)
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
  int status = EXIT_FAILURE;
  genai_client *client = NULL;
  genai_part *part = NULL;
  genai_generate_content_response *response = NULL;

  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    goto done;
  }

  /* types.Part.from_text(text=...): the part is allocated by the library and
   * owned by us; genai_part_free() releases it. */
  if (genai_part_from_text("Why is the sky blue?", &part) != GENAI_OK) {
    print_error("genai_part_from_text");
    goto done;
  }

  /* Lists are a pointer plus a count. Every optional scalar is a pointer,
   * so temperature=0 and presence_penalty=0.0 are really sent, while fields
   * left out are not sent at all. */
  const char *const stop_sequences[] = {"STOP!"};
  genai_generate_content_config config = {
      GENAI_INIT(genai_generate_content_config),
      .temperature = &(double){0},
      .top_p = &(double){0.95},
      .top_k = &(double){20},
      .candidate_count = &(int32_t){1},
      .seed = &(int32_t){5},
      .max_output_tokens = &(int32_t){100},
      .stop_sequences = stop_sequences,
      .stop_sequences_count = sizeof(stop_sequences) / sizeof(stop_sequences[0]),
      .presence_penalty = &(double){0.0},
      .frequency_penalty = &(double){0.0},
  };

  /* contents=<a Part>: GENAI_PART() wraps it; a text part becomes one user
   * Content, as in Python. */
  if (genai_models_generate_content(client, "gemini-2.0-flash-001", GENAI_PART(part), &config, &response) !=
      GENAI_OK) {
    print_error("generate_content");
    goto done;
  }

  /* print(response.text) */
  const char *text = genai_response_text(response);
  printf("%s\n", text ? text : "(no text)");
  status = EXIT_SUCCESS;

done:
  /* Every _free accepts NULL, so one cleanup path serves all exits. */
  genai_generate_content_response_free(response);
  genai_part_free(part);
  genai_client_free(client);
  return status;
}
