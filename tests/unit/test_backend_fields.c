/* Fields one backend lacks are rejected before anything is sent, with the
 * Python SDK's ValueError text (reference/python-genai.md §3.3), and are
 * sent (under their backend's wire name) on the other backend. */
#include "unit_helpers.h"

#include "wire/types_gen.h"

#define ONLY_VERTEX(field) \
  field " parameter is only supported in Gemini Enterprise Agent Platform mode, not in Gemini Developer API mode."
#define ONLY_MLDEV(field) \
  field " parameter is only supported in Gemini Developer API mode, not in Gemini Enterprise Agent Platform mode."

/* The request is refused on `backend` with exactly the Python message (after
 * the field path this library puts in front of it). */
static void ut_expect_rejected(genai__backend backend, const genai_contents *contents,
                               const genai_generate_content_config *cfg, const char *python_message,
                               const char *path, const char *file, int line) {
  json_t *body = NULL;
  genai_result rc = ut_request(backend, contents, cfg, &body);
  const genai_error *e = genai_error_last();
  size_t ml = strlen(e->message), pl = strlen(python_message);
  int ends_with = ml >= pl && !strcmp(e->message + ml - pl, python_message);
  if (rc != GENAI_EINVAL || body || !ends_with || (path && strncmp(e->message, path, strlen(path)))) {
    print_error("%s:%d: expected GENAI_EINVAL \"%s%s%s\"\n  got %s: \"%s\"\n", file, line, path ? path : "",
                path ? ": " : "", python_message, genai_result_name(rc), e->message);
    json_decref(body);
    _fail(file, line);
  }
}
#define expect_rejected(b, contents, cfg, msg, path) ut_expect_rejected((b), (contents), (cfg), (msg), (path), __FILE__, __LINE__)

static json_t *ut_expect_accepted(genai__backend backend, const genai_contents *contents,
                                  const genai_generate_content_config *cfg, const char *file, int line) {
  json_t *body = NULL;
  genai_result rc = ut_request(backend, contents, cfg, &body);
  if (rc != GENAI_OK || !body) {
    print_error("%s:%d: expected the request to encode, got %s: %s\n", file, line, genai_result_name(rc),
                genai_error_last()->message);
    _fail(file, line);
  }
  return body;
}
#define expect_accepted(b, contents, cfg) ut_expect_accepted((b), (contents), (cfg), __FILE__, __LINE__)

#define CFG(...) (&(const genai_generate_content_config){GENAI_INIT(genai_generate_content_config), __VA_ARGS__})

/* ------------------------------------------------- GenerateContentConfig */

static void vertex_only_config_fields_are_rejected_on_mldev(void **state) {
  (void)state;
  const genai_string_entry labels[] = {{"team", "core"}};
  genai_generation_config_routing_config_manual_routing_mode manual = {
      GENAI_INIT(genai_generation_config_routing_config_manual_routing_mode), .model_name = "m"};
  genai_generation_config_routing_config routing = {GENAI_INIT(genai_generation_config_routing_config),
                                                    .manual_mode = &manual};
  genai_model_selection_config selection = {GENAI_INIT(genai_model_selection_config),
                                            .feature_selection_preference =
                                                GENAI_FEATURE_SELECTION_PREFERENCE_PRIORITIZE_COST};
  genai_model_armor_config armor = {GENAI_INIT(genai_model_armor_config), .prompt_template_name = "t"};

  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.labels = labels, .labels_count = 1),
                  ONLY_VERTEX("labels"), "config.labels");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.routing_config = &routing),
                  ONLY_VERTEX("routing_config"), "config.routing_config");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.model_selection_config = &selection),
                  ONLY_VERTEX("model_selection_config"), "config.model_selection_config");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.audio_timestamp = &(bool){false}),
                  ONLY_VERTEX("audio_timestamp"), "config.audio_timestamp");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.model_armor_config = &armor),
                  ONLY_VERTEX("model_armor_config"), "config.model_armor_config");
  /* An empty map is "set" (Python checks `is not None`). */
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.labels = labels, .labels_count = 0),
                  ONLY_VERTEX("labels"), NULL);
}

static void vertex_only_config_fields_are_sent_on_vertex(void **state) {
  (void)state;
  const genai_string_entry labels[] = {{"team", "core"}};
  genai_generation_config_routing_config_manual_routing_mode manual = {
      GENAI_INIT(genai_generation_config_routing_config_manual_routing_mode), .model_name = "m"};
  genai_generation_config_routing_config routing = {GENAI_INIT(genai_generation_config_routing_config),
                                                    .manual_mode = &manual};
  genai_model_armor_config armor = {GENAI_INIT(genai_model_armor_config), .prompt_template_name = "t"};
  json_t *body = expect_accepted(GENAI__BACKEND_VERTEX, GENAI_TEXT("hi"),
                                 CFG(.labels = labels, .labels_count = 1, .routing_config = &routing,
                                     .audio_timestamp = &(bool){true}, .model_armor_config = &armor));
  assert_json_take(body, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
                       "\"labels\":{\"team\":\"core\"},\"modelArmorConfig\":{\"promptTemplateName\":\"t\"},"
                       "\"generationConfig\":{\"routingConfig\":{\"manualMode\":{\"modelName\":\"m\"}},"
                       "\"audioTimestamp\":true}}");
}

static void model_selection_config_is_model_config_on_vertex(void **state) {
  (void)state;
  genai_model_selection_config selection = {GENAI_INIT(genai_model_selection_config),
                                            .feature_selection_preference =
                                                GENAI_FEATURE_SELECTION_PREFERENCE_PRIORITIZE_COST};
  json_t *body = expect_accepted(GENAI__BACKEND_VERTEX, GENAI_TEXT("hi"), CFG(.model_selection_config = &selection));
  assert_json_take(ut_take_at(body, "generationConfig"),
                 "{\"modelConfig\":{\"featureSelectionPreference\":\"PRIORITIZE_COST\"}}");
}

static void enable_enhanced_civic_answers_is_mldev_only(void **state) {
  (void)state;
  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_TEXT("hi"), CFG(.enable_enhanced_civic_answers = &(bool){true}),
                  ONLY_MLDEV("enable_enhanced_civic_answers"), "config.enable_enhanced_civic_answers");
  json_t *body = expect_accepted(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.enable_enhanced_civic_answers = &(bool){true}));
  assert_json_take(ut_take_at(body, "generationConfig"), "{\"enableEnhancedCivicAnswers\":true}");
}

/* -------------------------------------------------------------- Parts */

static void blob_and_file_data_display_name_are_vertex_only(void **state) {
  (void)state;
  const uint8_t bytes[] = {1, 2, 3};
  genai_blob blob = {GENAI_INIT(genai_blob), .data = {bytes, 3}, .mime_type = "image/png", .display_name = "pic"};
  genai_file_data file = {GENAI_INIT(genai_file_data), .file_uri = "gs://b/o", .mime_type = "image/png",
                          .display_name = "obj"};
  genai_part blob_part = {GENAI_INIT(genai_part), .inline_data = &blob};
  genai_part file_part = {GENAI_INIT(genai_part), .file_data = &file};

  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_PART(&blob_part), NULL, ONLY_VERTEX("display_name"),
                  "contents[0].parts[0].inline_data.display_name");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_PART(&file_part), NULL, ONLY_VERTEX("display_name"),
                  "contents[0].parts[0].file_data.display_name");

  json_t *body = expect_accepted(GENAI__BACKEND_VERTEX, GENAI_LIST(GENAI_PART(&blob_part), GENAI_PART(&file_part)), NULL);
  assert_json_take(body, "{\"contents\":[{\"role\":\"user\",\"parts\":["
                       "{\"inlineData\":{\"data\":\"AQID\",\"mimeType\":\"image/png\",\"displayName\":\"pic\"}},"
                       "{\"fileData\":{\"fileUri\":\"gs://b/o\",\"mimeType\":\"image/png\",\"displayName\":\"obj\"}}]}]}");
}

static void part_tool_call_tool_response_and_metadata_are_mldev_only(void **state) {
  (void)state;
  genai_tool_call call = {GENAI_INIT(genai_tool_call), .id = "c1", .tool_type = GENAI_TOOL_TYPE_URL_CONTEXT,
                          .args_json = "{\"u\":1}"};
  genai_tool_response resp = {GENAI_INIT(genai_tool_response), .id = "c1", .response_json = "{\"ok\":true}"};
  genai_part call_part = {GENAI_INIT(genai_part), .tool_call = &call};
  genai_part resp_part = {GENAI_INIT(genai_part), .tool_response = &resp};
  genai_part meta_part = {GENAI_INIT(genai_part), .text = "x", .part_metadata_json = "{\"k\":\"v\"}"};

  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_PART(&call_part), NULL, ONLY_MLDEV("tool_call"),
                  "contents[0].parts[0].tool_call");
  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_PART(&resp_part), NULL, ONLY_MLDEV("tool_response"),
                  "contents[0].parts[0].tool_response");
  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_PART(&meta_part), NULL, ONLY_MLDEV("part_metadata"),
                  "contents[0].parts[0].part_metadata");

  json_t *body = expect_accepted(
      GENAI__BACKEND_MLDEV, GENAI_LIST(GENAI_PART(&call_part), GENAI_PART(&resp_part), GENAI_PART(&meta_part)), NULL);
  assert_json_take(body, "{\"contents\":[{\"role\":\"user\",\"parts\":["
                       "{\"toolCall\":{\"id\":\"c1\",\"toolType\":\"URL_CONTEXT\",\"args\":{\"u\":1}}},"
                       "{\"toolResponse\":{\"id\":\"c1\",\"response\":{\"ok\":true}}},"
                       "{\"text\":\"x\",\"partMetadata\":{\"k\":\"v\"}}]}]}");
}

static void function_call_partial_args_and_will_continue_are_vertex_only(void **state) {
  (void)state;
  genai_partial_arg arg = {GENAI_INIT(genai_partial_arg), .json_path = "$.city", .string_value = "Par"};
  const genai_partial_arg *args[] = {&arg};
  genai_function_call partial = {GENAI_INIT(genai_function_call), .name = "f", .partial_args = args,
                                 .partial_args_count = 1};
  genai_function_call cont = {GENAI_INIT(genai_function_call), .name = "f", .will_continue = &(bool){true}};
  genai_part p1 = {GENAI_INIT(genai_part), .function_call = &partial};
  genai_part p2 = {GENAI_INIT(genai_part), .function_call = &cont};

  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_PART(&p1), NULL, ONLY_VERTEX("partial_args"),
                  "contents[0].parts[0].function_call.partial_args");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_PART(&p2), NULL, ONLY_VERTEX("will_continue"),
                  "contents[0].parts[0].function_call.will_continue");
  json_t *body = expect_accepted(GENAI__BACKEND_VERTEX, GENAI_PART(&p1), NULL);
  assert_json_take(body, "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\","
                       "\"partialArgs\":[{\"jsonPath\":\"$.city\",\"stringValue\":\"Par\"}]}}]}]}");
}

/* ------------------------------------------------------ safety, tools */

static void safety_setting_method_is_vertex_only(void **state) {
  (void)state;
  genai_safety_setting s = {GENAI_INIT(genai_safety_setting), .category = GENAI_HARM_CATEGORY_HATE_SPEECH,
                            .method = GENAI_HARM_BLOCK_METHOD_SEVERITY,
                            .threshold = GENAI_HARM_BLOCK_THRESHOLD_BLOCK_ONLY_HIGH};
  const genai_safety_setting *list[] = {&s};
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), CFG(.safety_settings = list, .safety_settings_count = 1),
                  ONLY_VERTEX("method"), "config.safety_settings[0].method");
  json_t *body = expect_accepted(GENAI__BACKEND_VERTEX, GENAI_TEXT("hi"),
                                 CFG(.safety_settings = list, .safety_settings_count = 1));
  assert_json_take(ut_take_at(body, "safetySettings"), "[{\"category\":\"HARM_CATEGORY_HATE_SPEECH\",\"method\":\"SEVERITY\","
                                                "\"threshold\":\"BLOCK_ONLY_HIGH\"}]");
}

static void vertex_only_tools_are_rejected_on_mldev(void **state) {
  (void)state;
  genai_vertex_ai_search search = {GENAI_INIT(genai_vertex_ai_search), .datastore = "projects/p/d"};
  genai_retrieval retrieval = {GENAI_INIT(genai_retrieval), .vertex_ai_search = &search};
  genai_enterprise_web_search web = {GENAI_INIT(genai_enterprise_web_search)};
  genai_tool_parallel_ai_search parallel = {GENAI_INIT(genai_tool_parallel_ai_search), .api_key = "pk"};
  genai_tool_exa_ai_search exa = {GENAI_INIT(genai_tool_exa_ai_search), .api_key = "ek"};
  const genai_tool t1 = {GENAI_INIT(genai_tool), .retrieval = &retrieval};
  const genai_tool t2 = {GENAI_INIT(genai_tool), .enterprise_web_search = &web};
  const genai_tool t3 = {GENAI_INIT(genai_tool), .parallel_ai_search = &parallel};
  const genai_tool t4 = {GENAI_INIT(genai_tool), .exa_ai_search = &exa};
  const genai_tool *l1[] = {&t1}, *l2[] = {&t2}, *l3[] = {&t3}, *l4[] = {&t4};
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tools = l1, .tools_count = 1), ONLY_VERTEX("retrieval"),
                  "config.tools[0].retrieval");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tools = l2, .tools_count = 1),
                  ONLY_VERTEX("enterprise_web_search"), "config.tools[0].enterprise_web_search");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tools = l3, .tools_count = 1),
                  ONLY_VERTEX("parallel_ai_search"), "config.tools[0].parallel_ai_search");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tools = l4, .tools_count = 1),
                  ONLY_VERTEX("exa_ai_search"), "config.tools[0].exa_ai_search");
  const genai_tool *all[] = {&t1, &t2, &t3, &t4};
  json_t *body = expect_accepted(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.tools = all, .tools_count = 4));
  assert_json_take(ut_take_at(body, "tools"), "[{\"retrieval\":{\"vertexAiSearch\":{\"datastore\":\"projects/p/d\"}}},"
                                        "{\"enterpriseWebSearch\":{}},{\"parallelAiSearch\":{\"apiKey\":\"pk\"}},"
                                        "{\"exaAiSearch\":{\"apiKey\":\"ek\"}}]");
}

static void file_search_tool_is_mldev_only(void **state) {
  (void)state;
  const char *stores[] = {"fileSearchStores/s1"};
  genai_file_search fs = {GENAI_INIT(genai_file_search), .file_search_store_names = stores,
                          .file_search_store_names_count = 1};
  const genai_tool t = {GENAI_INIT(genai_tool), .file_search = &fs};
  const genai_tool *list[] = {&t};
  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.tools = list, .tools_count = 1),
                  ONLY_MLDEV("file_search"), "config.tools[0].file_search");
  json_t *body = expect_accepted(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tools = list, .tools_count = 1));
  assert_json_take(ut_take_at(body, "tools"), "[{\"fileSearch\":{\"fileSearchStoreNames\":[\"fileSearchStores/s1\"]}}]");
}

static void google_search_and_maps_vertex_only_fields_are_rejected_on_mldev(void **state) {
  (void)state;
  const char *domains[] = {"example.com"};
  genai_google_search gs1 = {GENAI_INIT(genai_google_search),
                             .blocking_confidence = GENAI_PHISH_BLOCK_THRESHOLD_BLOCK_HIGH_AND_ABOVE};
  genai_google_search gs2 = {GENAI_INIT(genai_google_search), .exclude_domains = domains, .exclude_domains_count = 1};
  genai_google_maps_grounding_types types = {GENAI_INIT(genai_google_maps_grounding_types)};
  genai_google_maps maps = {GENAI_INIT(genai_google_maps), .grounding_types = &types};
  const genai_tool t1 = {GENAI_INIT(genai_tool), .google_search = &gs1};
  const genai_tool t2 = {GENAI_INIT(genai_tool), .google_search = &gs2};
  const genai_tool t3 = {GENAI_INIT(genai_tool), .google_maps = &maps};
  const genai_tool *l1[] = {&t1}, *l2[] = {&t2}, *l3[] = {&t3};
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tools = l1, .tools_count = 1),
                  ONLY_VERTEX("blocking_confidence"), "config.tools[0].google_search.blocking_confidence");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tools = l2, .tools_count = 1),
                  ONLY_VERTEX("exclude_domains"), "config.tools[0].google_search.exclude_domains");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tools = l3, .tools_count = 1),
                  ONLY_VERTEX("grounding_types"), "config.tools[0].google_maps.grounding_types");
  const genai_tool *all[] = {&t1, &t2, &t3};
  json_t *body = expect_accepted(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.tools = all, .tools_count = 3));
  assert_json_take(ut_take_at(body, "tools"), "[{\"googleSearch\":{\"blockingConfidence\":\"BLOCK_HIGH_AND_ABOVE\"}},"
                                        "{\"googleSearch\":{\"excludeDomains\":[\"example.com\"]}},"
                                        "{\"googleMaps\":{\"groundingTypes\":{}}}]");
}

static void computer_use_and_mcp_server_mldev_only_fields_are_rejected_on_vertex(void **state) {
  (void)state;
  const genai_safety_policy policies[] = {GENAI_SAFETY_POLICY_ACCOUNT_CREATION};
  genai_computer_use cu = {GENAI_INIT(genai_computer_use), .environment = GENAI_ENVIRONMENT_BROWSER,
                           .disabled_safety_policies = policies, .disabled_safety_policies_count = 1};
  genai_mcp_server mcp = {GENAI_INIT(genai_mcp_server), .name = "weather"};
  const genai_mcp_server *servers[] = {&mcp};
  const genai_tool t1 = {GENAI_INIT(genai_tool), .computer_use = &cu};
  const genai_tool t2 = {GENAI_INIT(genai_tool), .mcp_servers = servers, .mcp_servers_count = 1};
  const genai_tool *l1[] = {&t1}, *l2[] = {&t2};
  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.tools = l1, .tools_count = 1),
                  ONLY_MLDEV("disabled_safety_policies"), "config.tools[0].computer_use.disabled_safety_policies");
  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.tools = l2, .tools_count = 1), ONLY_MLDEV("name"),
                  "config.tools[0].mcp_servers[0].name");
  json_t *body = expect_accepted(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tools = l1, .tools_count = 1));
  assert_json_take(ut_take_at(body, "tools"), "[{\"computerUse\":{\"environment\":\"ENVIRONMENT_BROWSER\","
                                        "\"disabledSafetyPolicies\":[\"ACCOUNT_CREATION\"]}}]");
}

static void tool_config_fields_are_rejected_per_backend(void **state) {
  (void)state;
  genai_function_calling_config fcc = {GENAI_INIT(genai_function_calling_config),
                                       .mode = GENAI_FUNCTION_CALLING_CONFIG_MODE_ANY,
                                       .stream_function_call_arguments = &(bool){true}};
  genai_tool_config tc1 = {GENAI_INIT(genai_tool_config), .function_calling_config = &fcc};
  genai_tool_config tc2 = {GENAI_INIT(genai_tool_config), .include_server_side_tool_invocations = &(bool){true}};
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tool_config = &tc1),
                  ONLY_VERTEX("stream_function_call_arguments"),
                  "config.tool_config.function_calling_config.stream_function_call_arguments");
  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.tool_config = &tc2),
                  ONLY_MLDEV("include_server_side_tool_invocations"),
                  "config.tool_config.include_server_side_tool_invocations");
  json_t *body = expect_accepted(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.tool_config = &tc1));
  assert_json_take(ut_take_at(body, "toolConfig"),
                 "{\"functionCallingConfig\":{\"mode\":\"ANY\",\"streamFunctionCallArguments\":true}}");
  body = expect_accepted(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.tool_config = &tc2));
  assert_json_take(ut_take_at(body, "toolConfig"), "{\"includeServerSideToolInvocations\":true}");
}

/* ------------------------------------------------ image and speech config */

static void image_config_vertex_only_fields_are_rejected_on_mldev(void **state) {
  (void)state;
  genai_image_config_image_output_options opts = {GENAI_INIT(genai_image_config_image_output_options),
                                                  .mime_type = "image/png"};
  genai_image_config c1 = {GENAI_INIT(genai_image_config), .person_generation = "ALLOW_ALL"};
  genai_image_config c2 = {GENAI_INIT(genai_image_config),
                           .prominent_people = GENAI_PROMINENT_PEOPLE_BLOCK_PROMINENT_PEOPLE};
  genai_image_config c3 = {GENAI_INIT(genai_image_config), .output_mime_type = "image/jpeg"};
  genai_image_config c4 = {GENAI_INIT(genai_image_config), .output_compression_quality = &(int32_t){80}};
  genai_image_config c5 = {GENAI_INIT(genai_image_config), .image_output_options = &opts};
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.image_config = &c1), ONLY_VERTEX("person_generation"),
                  "config.image_config.person_generation");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.image_config = &c2), ONLY_VERTEX("prominent_people"),
                  "config.image_config.prominent_people");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.image_config = &c3), ONLY_VERTEX("output_mime_type"),
                  "config.image_config.output_mime_type");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.image_config = &c4),
                  ONLY_VERTEX("output_compression_quality"), "config.image_config.output_compression_quality");
  expect_rejected(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.image_config = &c5),
                  ONLY_VERTEX("image_output_options"), "config.image_config.image_output_options");
  genai_image_config plain = {GENAI_INIT(genai_image_config), .aspect_ratio = "16:9", .image_size = "2K"};
  json_t *body = expect_accepted(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.image_config = &plain));
  assert_json_take(ut_take_at(body, "generationConfig"), "{\"imageConfig\":{\"aspectRatio\":\"16:9\",\"imageSize\":\"2K\"}}");
}

static void image_output_mime_type_and_quality_nest_under_image_output_options_on_vertex(void **state) {
  (void)state;
  genai_image_config c = {GENAI_INIT(genai_image_config), .aspect_ratio = "1:1", .output_mime_type = "image/jpeg",
                          .output_compression_quality = &(int32_t){75}, .person_generation = "ALLOW_ADULT"};
  json_t *body = expect_accepted(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.image_config = &c));
  assert_json_take(ut_take_at(body, "generationConfig.imageConfig"),
                 "{\"aspectRatio\":\"1:1\",\"personGeneration\":\"ALLOW_ADULT\","
                 "\"imageOutputOptions\":{\"mimeType\":\"image/jpeg\",\"compressionQuality\":75}}");
}

static void replicated_voice_consent_fields_are_rejected_on_vertex(void **state) {
  (void)state;
  const uint8_t audio[] = {0, 1};
  genai_replicated_voice_config r1 = {GENAI_INIT(genai_replicated_voice_config), .mime_type = "audio/wav",
                                      .consent_audio = {audio, 2}};
  genai_voice_consent_signature sig = {GENAI_INIT(genai_voice_consent_signature), .signature = "s"};
  genai_replicated_voice_config r2 = {GENAI_INIT(genai_replicated_voice_config), .voice_consent_signature = &sig};
  genai_voice_config v1 = {GENAI_INIT(genai_voice_config), .replicated_voice_config = &r1};
  genai_voice_config v2 = {GENAI_INIT(genai_voice_config), .replicated_voice_config = &r2};
  genai_speech_config s1 = {GENAI_INIT(genai_speech_config), .voice_config = &v1};
  genai_speech_config s2 = {GENAI_INIT(genai_speech_config), .voice_config = &v2};
  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.speech_config = &s1), ONLY_MLDEV("consent_audio"),
                  "config.speech_config.voice_config.replicated_voice_config.consent_audio");
  expect_rejected(GENAI__BACKEND_VERTEX, GENAI_TEXT("q"), CFG(.speech_config = &s2),
                  ONLY_MLDEV("voice_consent_signature"),
                  "config.speech_config.voice_config.replicated_voice_config.voice_consent_signature");
  json_t *body = expect_accepted(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.speech_config = &s1));
  assert_json_take(ut_take_at(body, "generationConfig.speechConfig"),
                 "{\"voiceConfig\":{\"replicatedVoiceConfig\":{\"mimeType\":\"audio/wav\",\"consentAudio\":\"AAE=\"}}}");
}

/* ------------------------------------------------------------ responses */

static void citations_are_read_from_citation_sources_and_written_per_backend(void **state) {
  (void)state;
  const char *mldev = "{\"citationSources\":[{\"startIndex\":1,\"endIndex\":9,\"uri\":\"https://a\"}]}";
  genai_citation_metadata *m = NULL;
  assert_int_equal(genai__decode_owned(&genai__type_citation_metadata, GENAI__BACKEND_MLDEV, mldev, strlen(mldev),
                                       (void **)&m),
                   GENAI_OK);
  assert_null(m->unknown_json);
  assert_int_equal(m->citations_count, 1);
  assert_int_equal(*m->citations[0]->start_index, 1);
  assert_string_equal(m->citations[0]->uri, "https://a");

  json_t *wire = NULL;
  assert_int_equal(ut_encode(GENAI__BACKEND_MLDEV, &genai__type_citation_metadata, m, &wire), GENAI_OK);
  assert_json_take(wire, mldev);
  assert_int_equal(ut_encode(GENAI__BACKEND_VERTEX, &genai__type_citation_metadata, m, &wire), GENAI_OK);
  assert_json_take(wire, "{\"citations\":[{\"startIndex\":1,\"endIndex\":9,\"uri\":\"https://a\"}]}");
  char *text = NULL;
  assert_int_equal(genai_citation_metadata_to_json(m, &text), GENAI_OK);
  assert_json_text_eq(text, "{\"citations\":[{\"startIndex\":1,\"endIndex\":9,\"uri\":\"https://a\"}]}");
  genai_free(text);
  genai_citation_metadata_free(m);

  const char *vertex = "{\"citations\":[{\"startIndex\":2}]}";
  assert_int_equal(genai__decode_owned(&genai__type_citation_metadata, GENAI__BACKEND_VERTEX, vertex, strlen(vertex),
                                       (void **)&m),
                   GENAI_OK);
  assert_int_equal(m->citations_count, 1);
  assert_int_equal(*m->citations[0]->start_index, 2);
  genai_citation_metadata_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(vertex_only_config_fields_are_rejected_on_mldev),
      cmocka_unit_test(vertex_only_config_fields_are_sent_on_vertex),
      cmocka_unit_test(model_selection_config_is_model_config_on_vertex),
      cmocka_unit_test(enable_enhanced_civic_answers_is_mldev_only),
      cmocka_unit_test(blob_and_file_data_display_name_are_vertex_only),
      cmocka_unit_test(part_tool_call_tool_response_and_metadata_are_mldev_only),
      cmocka_unit_test(function_call_partial_args_and_will_continue_are_vertex_only),
      cmocka_unit_test(safety_setting_method_is_vertex_only),
      cmocka_unit_test(vertex_only_tools_are_rejected_on_mldev),
      cmocka_unit_test(file_search_tool_is_mldev_only),
      cmocka_unit_test(google_search_and_maps_vertex_only_fields_are_rejected_on_mldev),
      cmocka_unit_test(computer_use_and_mcp_server_mldev_only_fields_are_rejected_on_vertex),
      cmocka_unit_test(tool_config_fields_are_rejected_per_backend),
      cmocka_unit_test(image_config_vertex_only_fields_are_rejected_on_mldev),
      cmocka_unit_test(image_output_mime_type_and_quality_nest_under_image_output_options_on_vertex),
      cmocka_unit_test(replicated_voice_consent_fields_are_rejected_on_vertex),
      cmocka_unit_test(citations_are_read_from_citation_sources_and_written_per_backend),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
