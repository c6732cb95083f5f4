/*
 * function_calling.c: "Function Calling", automatic.
 *
 * The C twin of this Python SDK snippet:
 *
 *     def get_current_weather(location: str) -> str:
 *         """Returns the current weather.
 *
 *         Args:
 *           location: The city and state, e.g. San Francisco, CA
 *         """
 *         return 'sunny'
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents='What is the weather like in Boston?',
 *         config=types.GenerateContentConfig(
 *             tools=[get_current_weather],
 *         ),
 *     )
 *
 *     print(response.text)
 *
 * Python reads the name, docstring and signature of the function; in C they
 * are spelled out in a genai_function (the arguments as a JSON Schema). The
 * library calls the function when the model asks for it, sends the result
 * back, and returns the model's final answer.
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

/* def get_current_weather(location: str) -> str: return 'sunny'
 * args_json is the model's arguments, e.g. {"location": "Boston"}. */
static void get_current_weather(void *user_data, const char *args_json, genai_function_result *result) {
  (void)user_data;
  fprintf(stderr, "get_current_weather(%s)\n", args_json);
  if (genai_function_result_set_text(result, "sunny") != GENAI_OK) print_error("set_text");
}

int main(void) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }

  static const genai_function weather = {
      GENAI_INIT(genai_function),
      .name = "get_current_weather",
      .description = "Returns the current weather.",
      .parameters_json_schema = "{\"type\": \"object\", \"properties\": {\"location\": {\"type\": \"string\", "
                                "\"description\": \"The city and state, e.g. San Francisco, CA\"}}, "
                                "\"required\": [\"location\"]}",
      .call = get_current_weather,
  };
  /* tools=[get_current_weather] */
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &weather};
  genai_generate_content_config config = {GENAI_INIT(genai_generate_content_config),
                                          .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};

  genai_generate_content_response *response = NULL;
  if (genai_models_generate_content(client, "gemini-2.0-flash-001",
                                    GENAI_TEXT("What is the weather like in Boston?"), &config,
                                    &response) != GENAI_OK) {
    print_error("generate_content");
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  const char *text = genai_response_text(response);
  printf("%s\n", text ? text : "(no text)");
  /* The turns of the exchange: the question, the call, the result. */
  printf("automatic function calling history: %zu turns\n", response->automatic_function_calling_history_count);

  genai_generate_content_response_free(response);
  genai_client_free(client);
  return EXIT_SUCCESS;
}
