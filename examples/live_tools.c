/*
 * live_tools.c: "Live API: function calling".
 *
 * The C twin of this Python SDK pattern:
 *
 *     def get_current_weather(location: str) -> dict:
 *         return {'temperature': 21, 'unit': 'celsius'}
 *
 *     config = {'response_modalities': ['TEXT'], 'tools': [get_current_weather]}
 *     async with client.aio.live.connect(model='gemini-live-2.5-flash-preview', config=config) as session:
 *         await session.send_client_content(
 *             turns={'role': 'user', 'parts': [{'text': 'Call get_current_weather with location Redmond'}]})
 *         async for message in session.receive():
 *             if message.tool_call:
 *                 responses = [types.FunctionResponse(id=fc.id, name=fc.name,
 *                              response=get_current_weather(**fc.args))
 *                              for fc in message.tool_call.function_calls]
 *                 await session.send_tool_response(function_responses=responses)
 *             elif message.text:
 *                 print(message.text, end='')
 *
 * In C the function goes into the tool as a genai_function: the library
 * declares it to the model and, when the model calls it, runs it and sends
 * the tool response itself (the toolCall message is still shown to you).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", code %d", err->http_status);
  fputs(")\n", stderr);
}

/* Called by the library, on this thread, with the call's arguments. */
static void get_current_weather(void *user_data, const char *args_json, genai_function_result *result) {
  (void)user_data;
  printf("[get_current_weather called with %s]\n", args_json);
  /* left unset (out of memory), the model is told the function returned nothing */
  if (genai_function_result_set_json(result, "{\"temperature\": 21, \"unit\": \"celsius\"}") != GENAI_OK)
    fprintf(stderr, "get_current_weather: could not set the result\n");
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
      .description = "Get the current weather in a given location",
      .parameters_json_schema = "{\"type\": \"object\", \"properties\": {\"location\": {\"type\": \"string\", "
                                "\"description\": \"The city and state, e.g. San Francisco, CA\"}}, "
                                "\"required\": [\"location\"]}",
      .call = get_current_weather,
  };
  const genai_tool tool = {GENAI_INIT(genai_tool), .function = &weather};
  const genai_live_connect_config config = {
      GENAI_INIT(genai_live_connect_config),
      .response_modalities = (const genai_modality[]){GENAI_MODALITY_TEXT},
      .response_modalities_count = 1,
      .tools = (const genai_tool *const[]){&tool},
      .tools_count = 1,
  };
  genai_live_session *session = NULL;
  if (genai_live_connect(client, "gemini-live-2.5-flash-preview", &config, &session) != GENAI_OK) {
    print_error("live connect");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  int status = EXIT_SUCCESS;
  if (genai_live_send_client_content(session, GENAI_TEXT("Call get_current_weather with location Redmond"),
                                     true) != GENAI_OK) {
    print_error("send_client_content");
    status = EXIT_FAILURE;
  } else {
    const genai_live_server_message *message = NULL;
    genai_result rc;
    while ((rc = genai_live_receive(session, &message)) == GENAI_OK) {
      if (message->tool_call) {
        for (size_t i = 0; i < message->tool_call->function_calls_count; i++)
          printf("tool call: %s (id %s), answered\n", message->tool_call->function_calls[i]->name,
                 message->tool_call->function_calls[i]->id ? message->tool_call->function_calls[i]->id : "-");
      }
      const char *text = genai_live_server_message_text(message);
      if (text) fputs(text, stdout);
    }
    putchar('\n');
    if (rc != GENAI_DONE) {
      print_error("receive");
      status = EXIT_FAILURE;
    }
  }
  genai_live_close(session);
  genai_client_free(client);
  return status;
}
