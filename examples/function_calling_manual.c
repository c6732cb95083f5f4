/*
 * function_calling_manual.c: "Function Calling", declared and invoked by
 * hand.
 *
 * The C twin of this Python SDK snippet:
 *
 *     function = types.FunctionDeclaration(
 *         name='get_current_weather',
 *         description='Get the current weather in a given location',
 *         parameters=types.Schema(
 *             type='OBJECT',
 *             properties={
 *                 'location': types.Schema(
 *                     type='STRING',
 *                     description='The city and state, e.g. San Francisco, CA',
 *                 ),
 *             },
 *             required=['location'],
 *         ),
 *     )
 *     tool = types.Tool(function_declarations=[function])
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents='What is the weather like in Boston?',
 *         config=types.GenerateContentConfig(tools=[tool]),
 *     )
 *     print(response.function_calls[0])
 *
 *     user_prompt_content = types.Content(
 *         role='user',
 *         parts=[types.Part.from_text(text='What is the weather like in Boston?')],
 *     )
 *     function_call_part = response.function_calls[0]
 *     function_call_content = response.candidates[0].content
 *
 *     try:
 *         function_result = get_current_weather(**function_call_part.function_call.args)
 *         function_response = {'result': function_result}
 *     except Exception as e:
 *         function_response = {'error': str(e)}
 *
 *     function_response_part = types.Part.from_function_response(
 *         name=function_call_part.name,
 *         response=function_response,
 *     )
 *     function_response_content = types.Content(role='tool', parts=[function_response_part])
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents=[user_prompt_content, function_call_content, function_response_content],
 *         config=types.GenerateContentConfig(tools=[tool]),
 *     )
 *     print(response.text)
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

  /* types.FunctionDeclaration(..., parameters=types.Schema(...)) */
  genai_schema location = {GENAI_INIT(genai_schema), .type = GENAI_TYPE_STRING,
                           .description = "The city and state, e.g. San Francisco, CA"};
  genai_schema_entry properties[] = {{"location", &location}};
  const char *required[] = {"location"};
  genai_schema parameters = {GENAI_INIT(genai_schema), .type = GENAI_TYPE_OBJECT, .properties = properties,
                             .properties_count = 1, .required = required, .required_count = 1};
  genai_function_declaration function = {GENAI_INIT(genai_function_declaration), .name = "get_current_weather",
                                         .description = "Get the current weather in a given location",
                                         .parameters = &parameters};
  genai_tool tool = {GENAI_INIT(genai_tool),
                     .function_declarations = (const genai_function_declaration *const[]){&function},
                     .function_declarations_count = 1};
  genai_generate_content_config config = {GENAI_INIT(genai_generate_content_config),
                                          .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};

  int status = EXIT_FAILURE;
  genai_generate_content_response *response = NULL, *final = NULL;
  genai_part *prompt = NULL, *function_response_part = NULL;
  if (genai_models_generate_content(client, "gemini-2.0-flash-001",
                                    GENAI_TEXT("What is the weather like in Boston?"), &config,
                                    &response) != GENAI_OK) {
    print_error("generate_content");
    goto done;
  }
  /* print(response.function_calls[0]) */
  const genai_function_call *const *calls = NULL;
  if (!genai_response_function_calls(response, &calls)) {
    fprintf(stderr, "the model did not call the function\n");
    goto done;
  }
  printf("function call: %s %s\n", calls[0]->name, calls[0]->args_json ? calls[0]->args_json : "{}");

  /* Invoke the function yourself; here it always answers "sunny". Instead
   * of failing, report an error to the model with {"error": "..."}. */
  const char *function_response = "{\"result\": \"sunny\"}";
  if (genai_part_from_function_response(calls[0]->name, function_response, NULL, 0, &function_response_part) !=
          GENAI_OK ||
      genai_part_from_text("What is the weather like in Boston?", &prompt) != GENAI_OK) {
    print_error("building the parts");
    goto done;
  }
  genai_content user_prompt_content = {GENAI_INIT(genai_content), .role = "user",
                                       .parts = (const genai_part *const[]){prompt}, .parts_count = 1};
  const genai_content *function_call_content = response->candidates[0]->content;
  genai_content function_response_content = {GENAI_INIT(genai_content), .role = "tool",
                                             .parts = (const genai_part *const[]){function_response_part},
                                             .parts_count = 1};
  if (genai_models_generate_content(client, "gemini-2.0-flash-001",
                                    GENAI_LIST(GENAI_CONTENT(&user_prompt_content),
                                               GENAI_CONTENT(function_call_content),
                                               GENAI_CONTENT(&function_response_content)),
                                    &config, &final) != GENAI_OK) {
    print_error("generate_content");
    goto done;
  }
  const char *text = genai_response_text(final);
  printf("%s\n", text ? text : "(no text)");
  status = EXIT_SUCCESS;

done:
  genai_generate_content_response_free(final);
  genai_generate_content_response_free(response);
  genai_part_free(prompt);
  genai_part_free(function_response_part);
  genai_client_free(client);
  return status;
}
