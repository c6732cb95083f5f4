/* Function calling end to end with scripted answers: C functions as tools,
 * the automatic function calling loop (unary, streamed, in chats), its
 * limits and history, manual calls, and structured output helpers. */
#include <string.h>

#include "itest.h"

#define CALL(name, args) "{\"functionCall\":{\"name\":\"" name "\",\"args\":" args "}}"
#define CALL_ID(name, args, id) "{\"functionCall\":{\"name\":\"" name "\",\"args\":" args ",\"id\":\"" id "\"}}"
#define MODEL_PARTS(parts) "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" parts "]},\"finishReason\":\"STOP\"}]}"
#define ANSWER(parts) "{\"json\":" MODEL_PARTS(parts) "}"
#define TEXT(t) "{\"text\":\"" t "\"}"

#define WEATHER_SCHEMA                                                                                         \
  "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\",\"description\":\"The city and state, " \
  "e.g. San Francisco, CA\"}},\"required\":[\"location\"]}"

/* What the test functions saw. */
typedef struct seen {
  int calls;
  char args[4][256];
  const char *reply;     /* set_text, or NULL */
  const char *error;     /* set_error, or NULL */
  bool leave_unset;
} seen;

static void weather(void *user_data, const char *args_json, genai_function_result *result) {
  seen *s = user_data;
  if (s->calls < 4) snprintf(s->args[s->calls], sizeof s->args[0], "%s", args_json);
  s->calls++;
  if (s->leave_unset) return;
  if (s->error) {
    assert_int_equal(genai_function_result_set_error(result, s->error), GENAI_OK);
    return;
  }
  assert_int_equal(genai_function_result_set_text(result, s->reply ? s->reply : "sunny"), GENAI_OK);
}

static genai_function weather_function(seen *s) {
  return (genai_function){GENAI_INIT(genai_function), .name = "get_current_weather",
                          .description = "Returns the current weather.", .parameters_json_schema = WEATHER_SCHEMA,
                          .call = weather, .user_data = s};
}

static json_t *request_body(size_t index) {
  json_t *log = itest_requests();
  json_t *body = json_incref(json_object_get(json_array_get(log, index), "body"));
  json_decref(log);
  return body;
}

static const char *request_header(size_t index, const char *name, char *buf, size_t size) {
  json_t *log = itest_requests();
  const char *v = json_string_value(json_object_get(json_object_get(json_array_get(log, index), "headers"), name));
  snprintf(buf, size, "%s", v ? v : "");
  json_decref(log);
  return buf;
}

static void automatic_function_calling(genai_client *c, const char *model) {
  itest_script("{\"responses\":[" ANSWER(CALL_ID("get_current_weather", "{\"location\":\"Boston\"}", "c1")) ","
               ANSWER(TEXT("It is sunny in Boston.")) "]}");
  seen s = {0};
  genai_function fn = weather_function(&s);
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, model, GENAI_TEXT("What is the weather like in Boston?"), &cfg, &r),
                   GENAI_OK);
  assert_string_equal(genai_response_text(r), "It is sunny in Boston.");
  assert_int_equal(s.calls, 1);
  assert_string_equal(s.args[0], "{\"location\":\"Boston\"}");
  assert_int_equal(itest_request_count(), 2);
  /* the function goes out as its declaration */
  json_t *first = request_body(0);
  itest_assert_json_value(json_object_get(first, "tools"),
                          "[{\"functionDeclarations\":[{\"name\":\"get_current_weather\",\"description\":\"Returns the "
                          "current weather.\",\"parametersJsonSchema\":" WEATHER_SCHEMA "}]}]");
  json_decref(first);
  /* the second request carries the call and its result, with the call's id */
  json_t *second = request_body(1);
  itest_assert_json_value(json_object_get(second, "contents"),
                          "[{\"role\":\"user\",\"parts\":[{\"text\":\"What is the weather like in Boston?\"}]},"
                          "{\"role\":\"model\",\"parts\":[" CALL_ID("get_current_weather", "{\"location\":\"Boston\"}",
                                                                    "c1") "]},"
                          "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_current_weather\","
                          "\"id\":\"c1\",\"response\":{\"result\":\"sunny\"}}}]}]");
  json_decref(second);
  char ua[256];
  assert_non_null(strstr(request_header(1, "user-agent", ua, sizeof ua), "google-genai-sdk/" GENAI_VERSION_STRING "+afc gl-c/"));
  /* the conversation, on the response */
  assert_int_equal(r->automatic_function_calling_history_count, 3);
  assert_string_equal(r->automatic_function_calling_history[1]->role, "model");
  assert_string_equal(r->automatic_function_calling_history[2]->parts[0]->function_response->name,
                      "get_current_weather");
  genai_generate_content_response_free(r);
}

static void afc_gemini_api(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  automatic_function_calling(c, "gemini-2.0-flash-001");
  genai_client_free(c);
}

static void afc_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  automatic_function_calling(c, "gemini-2.0-flash-001");
  genai_client_free(c);
}

static void parallel_calls_numbers_and_errors(void **state) {
  (void)state;
  itest_script("{\"responses\":[" ANSWER(CALL("get_current_weather", "{\"location\":\"Boston\",\"days\":3.0,"
                                              "\"scale\":[1.5,2.0]}") ","
                                         CALL("get_current_weather", "{\"location\":\"Paris\"}") ","
                                         CALL("get_stock_price", "{\"symbol\":\"GOOG\"}")) ","
               ANSWER(TEXT("done")) "]}");
  seen s = {.error = "the weather service is down"};
  genai_function fn = weather_function(&s);
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("weather?"), &cfg, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  /* in the model's order; integral numbers as integers, as the Python SDK converts them */
  assert_int_equal(s.calls, 2);
  assert_string_equal(s.args[0], "{\"location\":\"Boston\",\"days\":3,\"scale\":[1.5,2]}");
  assert_string_equal(s.args[1], "{\"location\":\"Paris\"}");
  json_t *second = request_body(1);
  itest_assert_json_value(json_array_get(json_object_get(second, "contents"), 2),
                          "{\"role\":\"user\",\"parts\":["
                          "{\"functionResponse\":{\"name\":\"get_current_weather\",\"response\":{\"error\":"
                          "\"the weather service is down\"}}},"
                          "{\"functionResponse\":{\"name\":\"get_current_weather\",\"response\":{\"error\":"
                          "\"the weather service is down\"}}},"
                          "{\"functionResponse\":{\"name\":\"get_stock_price\",\"response\":{\"error\":"
                          "\"there is no function named get_stock_price; the functions are: get_current_weather\"}}}]}");
  json_decref(second);
  /* a callback that sets nothing is reported to the model */
  itest_reset(NULL);
  itest_script("{\"responses\":[" ANSWER(CALL("get_current_weather", "{}")) "," ANSWER(TEXT("ok")) "]}");
  s = (seen){.leave_unset = true};
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("weather?"), &cfg, &r), GENAI_OK);
  genai_generate_content_response_free(r);
  second = request_body(1);
  itest_assert_json_value(json_object_get(json_object_get(json_array_get(json_object_get(json_array_get(
                                                                             json_object_get(second, "contents"), 2),
                                                                                               "parts"),
                                                                             0),
                                                          "functionResponse"),
                                          "response"),
                          "{\"error\":\"get_current_weather returned no result\"}");
  json_decref(second);
  genai_client_free(c);
}

static void limits_and_switches(void **state) {
  (void)state;
  seen s = {0};
  genai_function fn = weather_function(&s);
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  const char *always_calls = "{\"responses\":[{\"repeat\":10," "\"json\":" MODEL_PARTS(
      CALL("get_current_weather", "{\"location\":\"Boston\"}")) "}]}";

  /* maximum_remote_calls=2: two calls made, two run; the last answer still asks */
  itest_script(always_calls);
  genai_automatic_function_calling_config two = {GENAI_INIT(genai_automatic_function_calling_config),
                                                 .maximum_remote_calls = &(int32_t){2}};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1,
                                       .automatic_function_calling = &two};
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("weather?"), &cfg, &r), GENAI_OK);
  assert_int_equal(itest_request_count(), 2);
  assert_int_equal(s.calls, 2);
  const genai_function_call *const *calls = NULL;
  assert_int_equal(genai_response_function_calls(r, &calls), 1);
  assert_string_equal(calls[0]->name, "get_current_weather");
  assert_int_equal(r->automatic_function_calling_history_count, 5);
  genai_generate_content_response_free(r);

  /* disable: one call, the function calls come back to the caller */
  itest_reset(NULL);
  itest_script(always_calls);
  s = (seen){0};
  genai_automatic_function_calling_config off = {GENAI_INIT(genai_automatic_function_calling_config),
                                                 .disable = &(bool){true}};
  cfg.automatic_function_calling = &off;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("weather?"), &cfg, &r), GENAI_OK);
  assert_int_equal(itest_request_count(), 1);
  assert_int_equal(s.calls, 0);
  assert_int_equal(genai_response_function_calls(r, &calls), 1);
  assert_string_equal(calls[0]->args_json, "{\"location\":\"Boston\"}");
  assert_int_equal(r->automatic_function_calling_history_count, 0);
  genai_generate_content_response_free(r);

  /* maximum_remote_calls=0 disables it too */
  itest_reset(NULL);
  itest_script(always_calls);
  genai_automatic_function_calling_config zero = {GENAI_INIT(genai_automatic_function_calling_config),
                                                  .maximum_remote_calls = &(int32_t){0}};
  cfg.automatic_function_calling = &zero;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("weather?"), &cfg, &r), GENAI_OK);
  assert_int_equal(itest_request_count(), 1);
  genai_generate_content_response_free(r);

  /* ignore_call_history: the loop runs, the response has no history */
  itest_reset(NULL);
  itest_script("{\"responses\":[" ANSWER(CALL("get_current_weather", "{}")) "," ANSWER(TEXT("ok")) "]}");
  genai_automatic_function_calling_config quiet = {GENAI_INIT(genai_automatic_function_calling_config),
                                                   .ignore_call_history = &(bool){true}};
  cfg.automatic_function_calling = &quiet;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("weather?"), &cfg, &r), GENAI_OK);
  assert_int_equal(itest_request_count(), 2);
  assert_string_equal(genai_response_text(r), "ok");
  assert_int_equal(r->automatic_function_calling_history_count, 0);
  genai_generate_content_response_free(r);

  /* a tool with declarations turns it off; all declarations go in one tool */
  itest_reset(NULL);
  itest_script(always_calls);
  genai_function_declaration decl = {GENAI_INIT(genai_function_declaration), .name = "get_stock_price"};
  genai_tool declared = {GENAI_INIT(genai_tool), .function_declarations = (const genai_function_declaration *const[]){&decl},
                         .function_declarations_count = 1};
  genai_generate_content_config mixed = {GENAI_INIT(genai_generate_content_config),
                                         .tools = (const genai_tool *const[]){&declared, &tool}, .tools_count = 2};
  s = (seen){0};
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("weather?"), &mixed, &r), GENAI_OK);
  assert_int_equal(itest_request_count(), 1);
  assert_int_equal(s.calls, 0);
  genai_generate_content_response_free(r);
  json_t *body = request_body(0);
  itest_assert_json_value(json_object_get(body, "tools"),
                          "[{\"functionDeclarations\":[{\"name\":\"get_stock_price\"},{\"name\":\"get_current_weather\","
                          "\"description\":\"Returns the current weather.\",\"parametersJsonSchema\":" WEATHER_SCHEMA
                          "}]}]");
  json_decref(body);
  genai_client_free(c);
}

static void bad_functions_are_refused(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  seen s = {0};
  genai_function unnamed = weather_function(&s);
  unnamed.name = NULL;
  genai_tool t1 = {GENAI_INIT(genai_tool), .function = &unnamed};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&t1}, .tools_count = 1};
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), &cfg, &r), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "config.tools[0].function: name is required.");
  genai_function no_call = weather_function(&s);
  no_call.call = NULL;
  t1.function = &no_call;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), &cfg, &r), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "config.tools[0].function: call is NULL");
  genai_function bad_schema = weather_function(&s);
  bad_schema.parameters_json_schema = "{not json";
  t1.function = &bad_schema;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), &cfg, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "parameters_json_schema"));
  genai_function a = weather_function(&s), b = weather_function(&s);
  genai_tool ta = {GENAI_INIT(genai_tool), .function = &a}, tb = {GENAI_INIT(genai_tool), .function = &b};
  genai_generate_content_config twice = {GENAI_INIT(genai_generate_content_config),
                                         .tools = (const genai_tool *const[]){&ta, &tb}, .tools_count = 2};
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), &twice, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "also named get_current_weather"));
  assert_null(r);
  assert_int_equal(itest_request_count(), 0);
  /* a tool's function is not JSON: not read, not written, kept (borrowed) by copies */
  genai_tool *from_json = NULL;
  assert_int_equal(genai_tool_from_json("{\"function\": {}}", &from_json), GENAI_EINVAL);
  genai_function ok = weather_function(&s);
  genai_tool with_fn = {GENAI_INIT(genai_tool), .function = &ok};
  char *text = NULL;
  assert_int_equal(genai_tool_to_json(&with_fn, &text), GENAI_OK);
  assert_string_equal(text, "{}");
  genai_free(text);
  genai_generate_content_config holder = {GENAI_INIT(genai_generate_content_config),
                                          .tools = (const genai_tool *const[]){&with_fn}, .tools_count = 1};
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", &holder, NULL, &chat), GENAI_OK);
  genai_chat_free(chat);
  genai_client_free(c);
}

static void streamed_rounds(void **state) {
  (void)state;
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" MODEL_PARTS(CALL("get_current_weather",
                                                                             "{\"location\":\"Boston\"}")) "]}},"
               "{\"stream\":{\"events\":[{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" TEXT("It is ")
               "]}}]}," MODEL_PARTS(TEXT("sunny.")) "]}}]}");
  seen s = {0};
  genai_function fn = weather_function(&s);
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};
  genai_client *c = itest_vertex_express_client(NULL);
  genai_stream *st = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("weather in Boston?"), &cfg,
                                                        &st),
                   GENAI_OK);
  const genai_generate_content_response *chunk;
  assert_int_equal(genai_stream_next(st, &chunk), GENAI_OK);
  assert_int_equal(genai_response_function_calls(chunk, NULL), 1);
  assert_int_equal(s.calls, 1); /* run as the chunk arrived */
  assert_int_equal(chunk->automatic_function_calling_history_count, 0);
  assert_int_equal(genai_stream_next(st, &chunk), GENAI_OK);
  assert_string_equal(genai_response_text(chunk), "It is ");
  /* chunks after the first round carry the conversation */
  assert_int_equal(chunk->automatic_function_calling_history_count, 3);
  assert_int_equal(genai_stream_next(st, &chunk), GENAI_OK);
  assert_string_equal(genai_response_text(chunk), "sunny.");
  assert_int_equal(genai_stream_next(st, &chunk), GENAI_DONE);
  genai_stream_free(st);
  assert_int_equal(itest_request_count(), 2);
  json_t *second = request_body(1);
  assert_int_equal(json_array_size(json_object_get(second, "contents")), 3);
  json_decref(second);
  /* stream_function_call_arguments cannot run with it */
  genai_function_calling_config fcc = {GENAI_INIT(genai_function_calling_config),
                                       .stream_function_call_arguments = &(bool){true}};
  genai_tool_config tc = {GENAI_INIT(genai_tool_config), .function_calling_config = &fcc};
  cfg.tool_config = &tc;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash", GENAI_TEXT("x"), &cfg, &st), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "stream_function_call_arguments"));
  genai_client_free(c);
}

static void chats_record_the_rounds(void **state) {
  (void)state;
  itest_script("{\"responses\":[" ANSWER(CALL("get_current_weather", "{\"location\":\"Boston\"}")) ","
               ANSWER(TEXT("It is sunny.")) "]}");
  seen s = {0};
  genai_function fn = weather_function(&s);
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};
  genai_client *c = itest_mldev_client(NULL);
  genai_chat *chat = NULL;
  assert_int_equal(genai_chats_create(c, "gemini-2.0-flash", &cfg, NULL, &chat), GENAI_OK);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_chat_send_message(chat, GENAI_TEXT("weather in Boston?"), NULL, &r), GENAI_OK);
  assert_string_equal(genai_response_text(r), "It is sunny.");
  genai_generate_content_response_free(r);
  const genai_content *const *turns = NULL;
  size_t n = 0;
  assert_int_equal(genai_chat_get_history(chat, true, &turns, &n), GENAI_OK);
  assert_int_equal(n, 4); /* user, model call, user results, model answer */
  assert_non_null(turns[1]->parts[0]->function_call);
  assert_non_null(turns[2]->parts[0]->function_response);
  assert_string_equal(turns[3]->parts[0]->text, "It is sunny.");
  char ua[256];
  assert_non_null(strstr(request_header(1, "user-agent", ua, sizeof ua), "google-genai-sdk/" GENAI_VERSION_STRING "+afc+chat"));
  /* streamed, the same rounds */
  itest_script("{\"responses\":[{\"stream\":{\"events\":[" MODEL_PARTS(CALL("get_current_weather", "{}")) "]}},"
               "{\"stream\":{\"events\":[" MODEL_PARTS(TEXT("Still sunny.")) "]}}]}");
  genai_stream *st = NULL;
  assert_int_equal(genai_chat_send_message_stream(chat, GENAI_TEXT("and now?"), NULL, &st), GENAI_OK);
  const genai_generate_content_response *chunk;
  while (genai_stream_next(st, &chunk) == GENAI_OK) {
  }
  assert_int_equal(genai_stream_error(st)->code, GENAI_OK);
  genai_stream_free(st);
  assert_int_equal(genai_chat_get_history(chat, true, &turns, &n), GENAI_OK);
  assert_int_equal(n, 8);
  assert_non_null(turns[5]->parts[0]->function_call);
  assert_non_null(turns[6]->parts[0]->function_response);
  assert_string_equal(turns[7]->parts[0]->text, "Still sunny.");
  assert_int_equal(s.calls, 2);
  genai_chat_free(chat);
  genai_client_free(c);
}

static void manual_round_trip(void **state) {
  (void)state;
  itest_script("{\"responses\":[" ANSWER(CALL("get_current_weather", "{\"location\":\"Boston\"}")) ","
               ANSWER(TEXT("It is sunny.")) "]}");
  genai_schema location = {GENAI_INIT(genai_schema), .type = GENAI_TYPE_STRING,
                           .description = "The city and state, e.g. San Francisco, CA"};
  genai_schema_entry props[] = {{"location", &location}};
  const char *required[] = {"location"};
  genai_schema params = {GENAI_INIT(genai_schema), .type = GENAI_TYPE_OBJECT, .properties = props,
                         .properties_count = 1, .required = required, .required_count = 1};
  genai_function_declaration decl = {GENAI_INIT(genai_function_declaration), .name = "get_current_weather",
                                     .description = "Get the current weather in a given location",
                                     .parameters = &params};
  genai_tool tool = {GENAI_INIT(genai_tool), .function_declarations = (const genai_function_declaration *const[]){&decl},
                     .function_declarations_count = 1};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("What is the weather like in Boston?"),
                                                 &cfg, &r),
                   GENAI_OK);
  const genai_function_call *const *calls = NULL;
  assert_int_equal(genai_response_function_calls(r, &calls), 1);
  json_t *body = request_body(0);
  itest_assert_json_value(json_object_get(body, "tools"),
                          "[{\"functionDeclarations\":[{\"name\":\"get_current_weather\",\"description\":\"Get the "
                          "current weather in a given location\",\"parameters\":{\"type\":\"OBJECT\",\"properties\":"
                          "{\"location\":{\"type\":\"STRING\",\"description\":\"The city and state, e.g. San "
                          "Francisco, CA\"}},\"required\":[\"location\"]}}]}]");
  json_decref(body);
  /* the function-response turn, built by hand */
  genai_part *answer = NULL;
  assert_int_equal(genai_part_from_function_response(calls[0]->name, "{\"result\": \"sunny\"}", NULL, 0, &answer),
                   GENAI_OK);
  genai_part *question = NULL;
  assert_int_equal(genai_part_from_text("What is the weather like in Boston?", &question), GENAI_OK);
  genai_content user = {GENAI_INIT(genai_content), .role = "user", .parts = (const genai_part *const[]){question},
                        .parts_count = 1};
  genai_content tool_turn = {GENAI_INIT(genai_content), .role = "tool", .parts = (const genai_part *const[]){answer},
                             .parts_count = 1};
  genai_generate_content_response *r2 = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash",
                                                 GENAI_LIST(GENAI_CONTENT(&user), GENAI_CONTENT(r->candidates[0]->content),
                                                            GENAI_CONTENT(&tool_turn)),
                                                 &cfg, &r2),
                   GENAI_OK);
  assert_string_equal(genai_response_text(r2), "It is sunny.");
  body = request_body(1);
  itest_assert_json_value(json_array_get(json_object_get(body, "contents"), 2),
                          "{\"role\":\"tool\",\"parts\":[{\"functionResponse\":{\"name\":\"get_current_weather\","
                          "\"response\":{\"result\":\"sunny\"}}}]}");
  json_decref(body);
  genai_part_free(answer);
  genai_part_free(question);
  genai_generate_content_response_free(r2);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void structured_output_helpers(void **state) {
  (void)state;
  const char *instruments[] = {"Percussion", "String", "Woodwind", "Brass", "Keyboard"};
  genai_schema *schema = NULL;
  assert_int_equal(genai_schema_from_enum("InstrumentEnum", instruments, 5, &schema), GENAI_OK);
  itest_script("{\"responses\":[" ANSWER(TEXT("Keyboard")) "," ANSWER(TEXT("\\\"String\\\"")) ","
               ANSWER(TEXT("{\\\"name\\\": \\\"United States\\\", \\\"population\\\": 331})")) ","
               ANSWER(TEXT("{\\\"name\\\": \\\"United States\\\", \\\"population\\\": 331}")) "]}");
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config), .response_mime_type = "text/x.enum",
                                       .response_schema = schema};
  genai_generate_content_response *r = NULL;
  size_t index = 99;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("What instrument plays multiple "
                                                                                   "notes at once?"),
                                                 &cfg, &r),
                   GENAI_OK);
  assert_int_equal(genai_response_enum_value(r, instruments, 5, &index), GENAI_OK);
  assert_int_equal(index, 4);
  genai_generate_content_response_free(r);
  json_t *body = request_body(0);
  itest_assert_json_value(json_object_get(body, "generationConfig"),
                          "{\"responseMimeType\":\"text/x.enum\",\"responseSchema\":{\"type\":\"STRING\",\"title\":"
                          "\"InstrumentEnum\",\"enum\":[\"Percussion\",\"String\",\"Woodwind\",\"Brass\",\"Keyboard\"]}}");
  json_decref(body);
  /* application/json: the same value in quotes */
  cfg.response_mime_type = "application/json";
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), &cfg, &r), GENAI_OK);
  assert_int_equal(genai_response_enum_value(r, instruments, 5, &index), GENAI_OK);
  assert_int_equal(index, 1);
  assert_int_equal(genai_response_enum_value(r, instruments, 1, &index), GENAI_EDECODE);
  assert_non_null(strstr(genai_error_last()->message, "\"String\" is none of the 1 enum values"));
  genai_generate_content_response_free(r);
  /* JSON: parsed, or a clear error */
  char *json = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), NULL, &r), GENAI_OK);
  assert_int_equal(genai_response_parsed_json(r, &json), GENAI_EDECODE);
  assert_non_null(strstr(genai_error_last()->message, "the response text is not JSON"));
  assert_null(json);
  genai_generate_content_response_free(r);
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), NULL, &r), GENAI_OK);
  assert_int_equal(genai_response_parsed_json(r, &json), GENAI_OK);
  assert_string_equal(json, "{\"name\":\"United States\",\"population\":331}");
  genai_free(json);
  genai_generate_content_response_free(r);
  genai_schema_free(schema);
  assert_int_equal(genai_schema_from_enum(NULL, NULL, 0, &schema), GENAI_EINVAL);
  genai_client_free(c);
}

/* The emulator's own rules (docs/emulator.md, "Function calling"): the
 * model calls the function the prompt names, once per capitalized place. */
static void emulated_model_parallel_calls_with_ids(void **state) {
  (void)state;
  seen s = {0};
  genai_function fn = weather_function(&s);
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  /* Gemini 3 models on the Gemini API send call ids, which come back with the results */
  assert_int_equal(genai_models_generate_content(c, "gemini-3-pro-preview",
                                                 GENAI_TEXT("What is the weather like in Boston and Paris?"), &cfg, &r),
                   GENAI_OK);
  assert_int_equal(s.calls, 2);
  assert_string_equal(s.args[0], "{\"location\":\"Boston\"}");
  assert_string_equal(s.args[1], "{\"location\":\"Paris\"}");
  assert_string_equal(genai_response_text(r), "get_current_weather returned {\"result\":\"sunny\"}; "
                                              "get_current_weather returned {\"result\":\"sunny\"}");
  genai_generate_content_response_free(r);
  json_t *second = request_body(1);
  json_t *calls = json_object_get(json_array_get(json_object_get(second, "contents"), 1), "parts");
  json_t *results = json_object_get(json_array_get(json_object_get(second, "contents"), 2), "parts");
  assert_int_equal(json_array_size(calls), 2);
  assert_int_equal(json_array_size(results), 2);
  for (size_t i = 0; i < 2; i++) {
    const char *id = json_string_value(json_object_get(json_object_get(json_array_get(calls, i), "functionCall"), "id"));
    assert_non_null(id);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(json_array_get(results, i), "functionResponse"), "id")), id);
  }
  json_decref(second);
  genai_client_free(c);
}

static void emulated_model_streams_and_schemas(void **state) {
  (void)state;
  seen s = {0};
  genai_function fn = weather_function(&s);
  genai_tool tool = {GENAI_INIT(genai_tool), .function = &fn};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};
  genai_client *c = itest_vertex_express_client(NULL);
  genai_stream *st = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, "gemini-2.0-flash",
                                                        GENAI_TEXT("What is the weather like in Boston?"), &cfg, &st),
                   GENAI_OK);
  const genai_generate_content_response *chunk;
  char text[512] = "";
  genai_result rc;
  while ((rc = genai_stream_next(st, &chunk)) == GENAI_OK) {
    const char *t = genai_response_text(chunk);
    if (t) strncat(text, t, sizeof(text) - strlen(text) - 1);
  }
  assert_int_equal(rc, GENAI_DONE);
  genai_stream_free(st);
  assert_int_equal(s.calls, 1);
  assert_string_equal(text, "get_current_weather returned {\"result\":\"sunny\"}");
  /* JSON following a JSON Schema */
  genai_generate_content_config json = {GENAI_INIT(genai_generate_content_config),
                                        .response_mime_type = "application/json",
                                        .response_json_schema_json =
                                            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                                            "\"days\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}}}"};
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("Plan a trip."), &json, &r),
                   GENAI_OK);
  char *parsed = NULL;
  assert_int_equal(genai_response_parsed_json(r, &parsed), GENAI_OK);
  assert_string_equal(parsed, "{\"city\":\"city\",\"days\":[1]}");
  genai_free(parsed);
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

static void modes_and_allowed_names(void **state) {
  (void)state;
  seen s = {0};
  genai_function fn = weather_function(&s);
  genai_function other = {GENAI_INIT(genai_function), .name = "get_stock_price", .call = weather, .user_data = &s,
                          .parameters_json_schema = "{\"type\":\"object\",\"properties\":{\"symbol\":"
                                                    "{\"type\":\"string\"}},\"required\":[\"symbol\"]}"};
  genai_tool t1 = {GENAI_INIT(genai_tool), .function = &fn}, t2 = {GENAI_INIT(genai_tool), .function = &other};
  genai_function_calling_config none = {GENAI_INIT(genai_function_calling_config),
                                        .mode = GENAI_FUNCTION_CALLING_CONFIG_MODE_NONE};
  genai_tool_config tc = {GENAI_INIT(genai_tool_config), .function_calling_config = &none};
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config),
                                       .tools = (const genai_tool *const[]){&t1, &t2}, .tools_count = 2,
                                       .tool_config = &tc};
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  /* NONE: the model answers without calling */
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("What is the weather like in Boston?"),
                                                 &cfg, &r),
                   GENAI_OK);
  assert_int_equal(s.calls, 0);
  assert_string_equal(genai_response_text(r), "Echo from gemini-2.0-flash: What is the weather like in Boston?");
  genai_generate_content_response_free(r);
  json_t *body = request_body(0);
  itest_assert_json_value(json_object_get(body, "toolConfig"), "{\"functionCallingConfig\":{\"mode\":\"NONE\"}}");
  json_decref(body);
  /* ANY limited to one name: that function is called */
  const char *allowed[] = {"get_stock_price"};
  genai_function_calling_config any = {GENAI_INIT(genai_function_calling_config),
                                       .mode = GENAI_FUNCTION_CALLING_CONFIG_MODE_ANY,
                                       .allowed_function_names = allowed, .allowed_function_names_count = 1};
  tc.function_calling_config = &any;
  genai_automatic_function_calling_config once = {GENAI_INIT(genai_automatic_function_calling_config),
                                                  .maximum_remote_calls = &(int32_t){1}};
  cfg.automatic_function_calling = &once;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("What is the weather like in Boston?"),
                                                 &cfg, &r),
                   GENAI_OK);
  assert_int_equal(s.calls, 1);
  assert_string_equal(s.args[0], "{\"symbol\":\"Boston\"}");
  const genai_function_call *const *calls = NULL;
  assert_int_equal(genai_response_function_calls(r, &calls), 1);
  assert_string_equal(calls[0]->name, "get_stock_price");
  genai_generate_content_response_free(r);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(afc_gemini_api, itest_reset),
      cmocka_unit_test_setup(afc_vertex, itest_reset),
      cmocka_unit_test_setup(parallel_calls_numbers_and_errors, itest_reset),
      cmocka_unit_test_setup(limits_and_switches, itest_reset),
      cmocka_unit_test_setup(bad_functions_are_refused, itest_reset),
      cmocka_unit_test_setup(streamed_rounds, itest_reset),
      cmocka_unit_test_setup(chats_record_the_rounds, itest_reset),
      cmocka_unit_test_setup(manual_round_trip, itest_reset),
      cmocka_unit_test_setup(structured_output_helpers, itest_reset),
      cmocka_unit_test_setup(emulated_model_parallel_calls_with_ids, itest_reset),
      cmocka_unit_test_setup(emulated_model_streams_and_schemas, itest_reset),
      cmocka_unit_test_setup(modes_and_allowed_names, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
