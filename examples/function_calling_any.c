/*
 * function_calling_any.c: "Function Calling", mode ANY with automatic
 * function calling disabled.
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = client.models.generate_content(
 *         model="gemini-2.0-flash-001",
 *         contents="What is the weather like in Boston?",
 *         config=types.GenerateContentConfig(
 *             tools=[get_current_weather],
 *             automatic_function_calling=types.AutomaticFunctionCallingConfig(
 *                 disable=True
 *             ),
 *             tool_config=types.ToolConfig(
 *                 function_calling_config=types.FunctionCallingConfig(mode='ANY')
 *             ),
 *         ),
 *     )
 *
 * In mode ANY the model always answers with function calls.
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

static void get_current_weather(void *user_data, const char *args_json, genai_function_result *result) {
  (void)user_data;
  (void)args_json;
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
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &weather};
  genai_automatic_function_calling_config afc = {GENAI_INIT(genai_automatic_function_calling_config),
                                                 .disable = &(bool){true}};
  genai_function_calling_config any = {GENAI_INIT(genai_function_calling_config),
                                       .mode = GENAI_FUNCTION_CALLING_CONFIG_MODE_ANY};
  genai_tool_config tool_config = {GENAI_INIT(genai_tool_config), .function_calling_config = &any};
  genai_generate_content_config config = {GENAI_INIT(genai_generate_content_config),
                                          .tools = (const genai_tool *const[]){&tool}, .tools_count = 1,
                                          .automatic_function_calling = &afc, .tool_config = &tool_config};
  genai_generate_content_response *response = NULL;
  if (genai_models_generate_content(client, "gemini-2.0-flash-001",
                                    GENAI_TEXT("What is the weather like in Boston?"), &config,
                                    &response) != GENAI_OK) {
    print_error("generate_content");
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  const genai_function_call *const *calls = NULL;
  size_t n = genai_response_function_calls(response, &calls);
  for (size_t i = 0; i < n; i++) printf("function call: %s %s\n", calls[i]->name, calls[i]->args_json);
  genai_generate_content_response_free(response);
  genai_client_free(client);
  return n ? EXIT_SUCCESS : EXIT_FAILURE;
}
