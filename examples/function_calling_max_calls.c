/*
 * function_calling_max_calls.c: "Function Calling", a limit on automatic
 * function calling.
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = client.models.generate_content(
 *         model="gemini-2.0-flash-001",
 *         contents="What is the weather like in Boston?",
 *         config=types.GenerateContentConfig(
 *             tools=[get_current_weather],
 *             automatic_function_calling=types.AutomaticFunctionCallingConfig(
 *                 maximum_remote_calls=2
 *             ),
 *             tool_config=types.ToolConfig(
 *                 function_calling_config=types.FunctionCallingConfig(mode='ANY')
 *             ),
 *         ),
 *     )
 *
 * "If you'd like to set x number of automatic function call turns, you can
 * configure the maximum remote calls to be x + 1": in mode ANY the model
 * keeps asking, and the loop stops after two calls to the model.
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
  int *calls = user_data;
  ++*calls;
  (void)args_json;
  if (genai_function_result_set_text(result, "sunny") != GENAI_OK) print_error("set_text");
}

int main(void) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }
  int calls = 0;
  genai_function weather = {
      GENAI_INIT(genai_function),
      .name = "get_current_weather",
      .description = "Returns the current weather.",
      .parameters_json_schema = "{\"type\": \"object\", \"properties\": {\"location\": {\"type\": \"string\", "
                                "\"description\": \"The city and state, e.g. San Francisco, CA\"}}, "
                                "\"required\": [\"location\"]}",
      .call = get_current_weather,
      .user_data = &calls,
  };
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &weather};
  genai_automatic_function_calling_config afc = {GENAI_INIT(genai_automatic_function_calling_config),
                                                 .maximum_remote_calls = &(int32_t){2}};
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
  printf("the function ran %d times\n", calls);
  printf("automatic function calling history: %zu turns\n", response->automatic_function_calling_history_count);
  /* The last answer still asks for the function: the loop stopped at the limit. */
  const genai_function_call *const *last = NULL;
  if (genai_response_function_calls(response, &last))
    printf("the last answer asks for: %s %s\n", last[0]->name, last[0]->args_json);
  genai_generate_content_response_free(response);
  genai_client_free(client);
  return EXIT_SUCCESS;
}
