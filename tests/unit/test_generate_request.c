/* The generateContent request body (reference/python-genai.md §3.2): config
 * fields placed at the request level, the rest in generationConfig, the
 * SDK-only fields never sent, cachedContent names completed (§4.1), and
 * tools merged as t_tools does (§4.4). */
#include "unit_helpers.h"

#include "core/alloc.h"
#include "wire/types_gen.h"

#define CFG(...) (&(const genai_generate_content_config){GENAI_INIT(genai_generate_content_config), __VA_ARGS__})

static json_t *ut_body(genai__backend backend, const genai_contents *contents,
                       const genai_generate_content_config *cfg, const char *file, int line) {
  json_t *body = NULL;
  genai_result rc = ut_request(backend, contents, cfg, &body);
  if (rc != GENAI_OK) {
    print_error("%s:%d: request failed: %s: %s\n", file, line, genai_result_name(rc), genai_error_last()->message);
    _fail(file, line);
  }
  return body;
}
#define body_of(b, contents, cfg) ut_body((b), (contents), (cfg), __FILE__, __LINE__)

static void no_config_means_no_generation_config(void **state) {
  (void)state;
  json_t *body = body_of(GENAI__BACKEND_MLDEV, GENAI_TEXT("Why is the sky blue?"), NULL);
  assert_json_take(body, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Why is the sky blue?\"}]}]}");
}

static void an_empty_config_still_sends_an_empty_generation_config(void **state) {
  (void)state;
  genai__backend backends[] = {GENAI__BACKEND_MLDEV, GENAI__BACKEND_VERTEX};
  for (size_t i = 0; i < 2; i++) {
    json_t *body = body_of(backends[i], GENAI_TEXT("hi"), CFG(.temperature = NULL));
    assert_json_take(body, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{}}");
  }
}

static void request_level_fields_leave_an_empty_generation_config(void **state) {
  (void)state;
  genai_safety_setting s = {GENAI_INIT(genai_safety_setting), .category = GENAI_HARM_CATEGORY_HARASSMENT,
                            .threshold = GENAI_HARM_BLOCK_THRESHOLD_BLOCK_NONE};
  const genai_safety_setting *safety[] = {&s};
  json_t *body = body_of(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"),
                         CFG(.safety_settings = safety, .safety_settings_count = 1));
  assert_json_take(body, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{},"
                       "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}]}");
}

static void config_fields_are_split_between_the_request_and_generation_config(void **state) {
  (void)state;
  genai_safety_setting s = {GENAI_INIT(genai_safety_setting), .category = GENAI_HARM_CATEGORY_DANGEROUS_CONTENT,
                            .threshold = GENAI_HARM_BLOCK_THRESHOLD_BLOCK_LOW_AND_ABOVE};
  const genai_safety_setting *safety[] = {&s};
  genai_function_declaration fd = {GENAI_INIT(genai_function_declaration), .name = "get_weather",
                                   .parameters_json_schema_json = "{\"type\":\"object\"}"};
  const genai_function_declaration *decls[] = {&fd};
  const genai_tool tool = {GENAI_INIT(genai_tool), .function_declarations = decls, .function_declarations_count = 1};
  const genai_tool *tools[] = {&tool};
  genai_function_calling_config fcc = {GENAI_INIT(genai_function_calling_config),
                                       .mode = GENAI_FUNCTION_CALLING_CONFIG_MODE_AUTO};
  genai_tool_config tc = {GENAI_INIT(genai_tool_config), .function_calling_config = &fcc};
  genai_thinking_config think = {GENAI_INIT(genai_thinking_config), .thinking_budget = &(int32_t){0}};
  const char *stops[] = {"END"};
  const char *modalities[] = {"TEXT"};
  const genai_string_entry labels[] = {{"team", "core"}};
  genai_model_armor_config armor = {GENAI_INIT(genai_model_armor_config), .response_template_name = "r"};

  const genai_generate_content_config *cfg = CFG(
      .system_instruction = GENAI_TEXT("Answer briefly."), .temperature = &(double){0.5}, .top_p = &(double){0.9},
      .top_k = &(double){20}, .candidate_count = &(int32_t){1}, .max_output_tokens = &(int32_t){100},
      .stop_sequences = stops, .stop_sequences_count = 1, .response_logprobs = &(bool){true},
      .logprobs = &(int32_t){3}, .presence_penalty = &(double){0.5}, .frequency_penalty = &(double){-0.5},
      .seed = &(int32_t){42}, .response_mime_type = "application/json",
      .response_json_schema_json = "{\"type\":\"object\",\"properties\":{\"a\":{},\"b\":{}}}",
      .safety_settings = safety, .safety_settings_count = 1, .tools = tools, .tools_count = 1, .tool_config = &tc,
      .labels = labels, .labels_count = 1, .cached_content = "cachedContents/c1", .response_modalities = modalities,
      .response_modalities_count = 1, .media_resolution = GENAI_MEDIA_RESOLUTION_HIGH, .thinking_config = &think,
      .model_armor_config = &armor, .service_tier = GENAI_SERVICE_TIER_PRIORITY);

  json_t *body = body_of(GENAI__BACKEND_VERTEX, GENAI_TEXT("hi"), cfg);
  assert_json_eq(
      body,
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
      "\"systemInstruction\":{\"role\":\"user\",\"parts\":[{\"text\":\"Answer briefly.\"}]},"
      "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_DANGEROUS_CONTENT\",\"threshold\":\"BLOCK_LOW_AND_ABOVE\"}],"
      "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"parametersJsonSchema\":{\"type\":\"object\"}}]}],"
      "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"AUTO\"}},"
      "\"labels\":{\"team\":\"core\"},"
      "\"cachedContent\":\"projects/my-project/locations/us-central1/cachedContents/c1\","
      "\"modelArmorConfig\":{\"responseTemplateName\":\"r\"},"
      "\"serviceTier\":\"priority\","
      "\"generationConfig\":{\"temperature\":0.5,\"topP\":0.9,\"topK\":20.0,\"candidateCount\":1,"
      "\"maxOutputTokens\":100,\"stopSequences\":[\"END\"],\"responseLogprobs\":true,\"logprobs\":3,"
      "\"presencePenalty\":0.5,\"frequencyPenalty\":-0.5,\"seed\":42,\"responseMimeType\":\"application/json\","
      "\"responseJsonSchema\":{\"type\":\"object\",\"properties\":{\"a\":{},\"b\":{}}},"
      "\"responseModalities\":[\"TEXT\"],\"mediaResolution\":\"MEDIA_RESOLUTION_HIGH\","
      "\"thinkingConfig\":{\"thinkingBudget\":0}}}");
  json_decref(body);
}

static void sdk_only_fields_are_never_sent(void **state) {
  (void)state;
  genai_http_options http = {GENAI_INIT(genai_http_options), .api_version = "v1", .timeout_ms = &(int32_t){5000}};
  genai_automatic_function_calling_config afc = {GENAI_INIT(genai_automatic_function_calling_config),
                                                 .disable = &(bool){true}, .maximum_remote_calls = &(int32_t){3}};
  genai__backend backends[] = {GENAI__BACKEND_MLDEV, GENAI__BACKEND_VERTEX};
  for (size_t i = 0; i < 2; i++) {
    json_t *body = body_of(backends[i], GENAI_TEXT("hi"),
                           CFG(.http_options = &http, .automatic_function_calling = &afc,
                               .should_return_http_response = &(bool){true}, .seed = &(int32_t){1}));
    assert_json_take(body, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
                         "\"generationConfig\":{\"seed\":1}}");
  }
}

static void system_instruction_accepts_every_contents_form(void **state) {
  (void)state;
  genai_part p = {GENAI_INIT(genai_part), .text = "from a part"};
  const genai_part *parts[] = {&p};
  genai_content c = {GENAI_INIT(genai_content), .role = "system", .parts = parts, .parts_count = 1};
  json_t *body = body_of(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"),
                         CFG(.system_instruction = GENAI_LIST(GENAI_TEXT("one"), GENAI_TEXT("two"))));
  assert_json_take(ut_take_at(body, "systemInstruction"),
                 "{\"role\":\"user\",\"parts\":[{\"text\":\"one\"},{\"text\":\"two\"}]}");
  body = body_of(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.system_instruction = GENAI_PART(&p)));
  assert_json_take(ut_take_at(body, "systemInstruction"), "{\"role\":\"user\",\"parts\":[{\"text\":\"from a part\"}]}");
  body = body_of(GENAI__BACKEND_VERTEX, GENAI_TEXT("hi"), CFG(.system_instruction = GENAI_CONTENT(&c)));
  assert_json_take(ut_take_at(body, "systemInstruction"), "{\"role\":\"system\",\"parts\":[{\"text\":\"from a part\"}]}");
}

static void cached_content_names_are_completed_on_mldev(void **state) {
  (void)state;
  struct {
    const char *in, *out;
  } cases[] = {
      {"abc123", "cachedContents/abc123"},
      {"cachedContents/abc123", "cachedContents/abc123"},
      {"some/other/name", "some/other/name"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    json_t *body = body_of(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.cached_content = cases[i].in));
    assert_string_equal(json_string_value(ut_get(body, "cachedContent")), cases[i].out);
    assert_json_take(ut_take_at(body, "generationConfig"), "{}");
  }
}

static void cached_content_names_are_completed_on_vertex(void **state) {
  (void)state;
  struct {
    const char *in, *out;
  } cases[] = {
      {"abc123", "projects/my-project/locations/us-central1/cachedContents/abc123"},
      {"cachedContents/abc123", "projects/my-project/locations/us-central1/cachedContents/abc123"},
      {"locations/europe-west4/cachedContents/abc123", "projects/my-project/locations/europe-west4/cachedContents/abc123"},
      {"projects/other/locations/asia1/cachedContents/x", "projects/other/locations/asia1/cachedContents/x"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    json_t *body = body_of(GENAI__BACKEND_VERTEX, GENAI_TEXT("hi"), CFG(.cached_content = cases[i].in));
    assert_string_equal(json_string_value(ut_get(body, "cachedContent")), cases[i].out);
    json_decref(body);
  }
}

static void contents_errors_name_the_contents_argument(void **state) {
  (void)state;
  json_t *body = NULL;
  assert_error(ut_request(GENAI__BACKEND_MLDEV, NULL, NULL, &body), GENAI_EINVAL, "contents are required.");
  assert_null(body);
}

/* t_tools: every function declaration of every tool goes into one trailing
 * Tool; other tool kinds stay separate entries (a mixed tool keeps its other
 * fields), in their original order. */
static void function_declarations_of_all_tools_are_merged_into_one_trailing_tool(void **state) {
  (void)state;
  genai_function_declaration f1 = {GENAI_INIT(genai_function_declaration), .name = "f1"};
  genai_function_declaration f2 = {GENAI_INIT(genai_function_declaration), .name = "f2"};
  const genai_function_declaration *d1[] = {&f1}, *d2[] = {&f2};
  genai_google_search gs = {GENAI_INIT(genai_google_search)};
  genai_tool_code_execution ce = {GENAI_INIT(genai_tool_code_execution)};
  const genai_tool t1 = {GENAI_INIT(genai_tool), .function_declarations = d1, .function_declarations_count = 1};
  const genai_tool t2 = {GENAI_INIT(genai_tool), .google_search = &gs};
  const genai_tool t3 = {GENAI_INIT(genai_tool), .code_execution = &ce, .function_declarations = d2,
                         .function_declarations_count = 1};
  const genai_tool *tools[] = {&t1, &t2, &t3};
  json_t *body = body_of(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.tools = tools, .tools_count = 3));
  json_t *wire_tools = json_incref(ut_get(body, "tools"));
  json_decref(body);
  assert_json_take(wire_tools, "[{\"googleSearch\":{}},{\"codeExecution\":{}},"
                               "{\"functionDeclarations\":[{\"name\":\"f1\"},{\"name\":\"f2\"}]}]");
}

static void generation_config_numbers_print_shortest(void **state) {
  (void)state;
  json_t *body = body_of(GENAI__BACKEND_MLDEV, GENAI_TEXT("high"),
                         CFG(.temperature = &(double){0.3}, .max_output_tokens = &(int32_t){3}));
  char *text = genai__json_dump(body);
  assert_non_null(strstr(text, "\"temperature\":0.3"));
  assert_null(strstr(text, "0.2999"));
  genai__free(text);
  json_decref(body);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(no_config_means_no_generation_config),
      cmocka_unit_test(an_empty_config_still_sends_an_empty_generation_config),
      cmocka_unit_test(request_level_fields_leave_an_empty_generation_config),
      cmocka_unit_test(config_fields_are_split_between_the_request_and_generation_config),
      cmocka_unit_test(sdk_only_fields_are_never_sent),
      cmocka_unit_test(system_instruction_accepts_every_contents_form),
      cmocka_unit_test(cached_content_names_are_completed_on_mldev),
      cmocka_unit_test(cached_content_names_are_completed_on_vertex),
      cmocka_unit_test(contents_errors_name_the_contents_argument),
      cmocka_unit_test(function_declarations_of_all_tools_are_merged_into_one_trailing_tool),
      cmocka_unit_test(generation_config_numbers_print_shortest),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
