/* count_tokens, compute_tokens and embed_content end to end on both
 * backends: the endpoint each picks, what goes on the wire, and what comes
 * back (docs/emulator.md describes the emulator's token and vector rules). */
#include <math.h>
#include <string.h>

#include "itest.h"

static json_t *last_body(void) {
  json_t *req = itest_last_request();
  json_t *body = json_incref(json_object_get(req, "body"));
  json_decref(req);
  return body;
}

static const char *last_path(char *buf, size_t size) {
  json_t *req = itest_last_request();
  snprintf(buf, size, "%s", json_string_value(json_object_get(req, "path")));
  json_decref(req);
  return buf;
}

static void count_tokens_gemini_api(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_count_tokens_response *r = NULL;
  assert_int_equal(genai_models_count_tokens(c, "gemini-2.0-flash-001", GENAI_TEXT("why is the sky blue?"), NULL, &r),
                   GENAI_OK);
  assert_int_equal(*r->total_tokens, 6);
  assert_non_null(r->sdk_http_response);
  char path[256];
  assert_string_equal(last_path(path, sizeof path), "/v1beta/models/gemini-2.0-flash-001:countTokens");
  json_t *body = last_body();
  itest_assert_json_value(body, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"why is the sky blue?\"}]}]}");
  json_decref(body);
  genai_count_tokens_response_free(r);
  /* the same count as the prompt of a generate call */
  genai_generate_content_response *g = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash-001", GENAI_TEXT("why is the sky blue?"), NULL,
                                                 &g),
                   GENAI_OK);
  assert_int_equal(*g->usage_metadata->prompt_token_count, 6);
  genai_generate_content_response_free(g);
  /* Vertex AI only fields are refused before anything is sent */
  size_t before = itest_request_count();
  genai_count_tokens_config cfg = {GENAI_INIT(genai_count_tokens_config), .system_instruction = GENAI_TEXT("x")};
  assert_int_equal(genai_models_count_tokens(c, "gemini-2.0-flash-001", GENAI_TEXT("a"), &cfg, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "system_instruction"));
  genai_generation_config gen = {GENAI_INIT(genai_generation_config), .temperature = &(double){0}};
  genai_count_tokens_config cfg2 = {GENAI_INIT(genai_count_tokens_config), .generation_config = &gen};
  assert_int_equal(genai_models_count_tokens(c, "gemini-2.0-flash-001", GENAI_TEXT("a"), &cfg2, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "generation_config"));
  assert_null(r);
  assert_int_equal(itest_request_count(), before);
  genai_client_free(c);
}

static void count_tokens_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_generation_config gen = {GENAI_INIT(genai_generation_config), .max_output_tokens = &(int32_t){5}};
  genai_count_tokens_config cfg = {GENAI_INIT(genai_count_tokens_config),
                                   .system_instruction = GENAI_TEXT("be brief"), .generation_config = &gen};
  genai_count_tokens_response *r = NULL;
  assert_int_equal(genai_models_count_tokens(c, "gemini-2.0-flash-001", GENAI_TEXT("why is the sky blue?"), &cfg, &r),
                   GENAI_OK);
  assert_true(*r->total_tokens >= 6);
  genai_count_tokens_response_free(r);
  char path[256];
  assert_string_equal(last_path(path, sizeof path),
                      "/v1beta1/publishers/google/models/gemini-2.0-flash-001:countTokens");
  json_t *body = last_body();
  itest_assert_json_value(body,
                          "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"why is the sky blue?\"}]}],"
                          "\"systemInstruction\":{\"role\":\"user\",\"parts\":[{\"text\":\"be brief\"}]},"
                          "\"generationConfig\":{\"maxOutputTokens\":5}}");
  json_decref(body);
  genai_client_free(c);
}

static void compute_tokens(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_compute_tokens_response *r = NULL;
  assert_int_equal(genai_models_compute_tokens(c, "gemini-2.0-flash-001", GENAI_TEXT("why is the sky blue?"), NULL,
                                               &r),
                   GENAI_OK);
  assert_int_equal(r->tokens_info_count, 1);
  const genai_tokens_info *info = r->tokens_info[0];
  assert_string_equal(info->role, "user");
  const char *want[] = {"why", " is", " the", " sky", " blue", "?"};
  assert_int_equal(info->tokens_count, 6);
  assert_int_equal(info->token_ids_count, 6);
  for (size_t i = 0; i < 6; i++) {
    assert_int_equal(info->tokens[i].size, strlen(want[i]));
    assert_memory_equal(info->tokens[i].data, want[i], strlen(want[i]));
  }
  assert_int_equal(info->token_ids[0], 87609);
  genai_compute_tokens_response_free(r);
  char path[256];
  assert_string_equal(last_path(path, sizeof path),
                      "/v1beta1/publishers/google/models/gemini-2.0-flash-001:computeTokens");
  genai_client_free(c);
  /* the Gemini API has no computeTokens */
  c = itest_mldev_client(NULL);
  size_t before = itest_request_count();
  assert_int_equal(genai_models_compute_tokens(c, "gemini-2.0-flash-001", GENAI_TEXT("a"), NULL, &r), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, 
                      "This method is only supported in Gemini Enterprise Agent Platform mode, not in Gemini "
                      "Developer API mode.");
  assert_int_equal(itest_request_count(), before);
  genai_client_free(c);
}

static double norm(const genai_content_embedding *e) {
  double sum = 0;
  for (size_t i = 0; i < e->values_count; i++) sum += e->values[i] * e->values[i];
  return sqrt(sum);
}

static void assert_same_vector(const genai_content_embedding *a, const genai_content_embedding *b) {
  assert_int_equal(a->values_count, b->values_count);
  for (size_t i = 0; i < a->values_count; i++) assert_true(a->values[i] == b->values[i]);
}

static void embed_gemini_api(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_embed_content_config cfg = {GENAI_INIT(genai_embed_content_config), .task_type = "RETRIEVAL_DOCUMENT",
                                    .title = "T", .output_dimensionality = &(int32_t){64}};
  genai_embed_content_response *r = NULL;
  assert_int_equal(genai_models_embed_content(c, "text-embedding-004",
                                              GENAI_LIST(GENAI_TEXT("What is your name?"),
                                                         GENAI_TEXT("What is your favorite color?")),
                                              &cfg, &r),
                   GENAI_OK);
  assert_int_equal(r->embeddings_count, 2);
  assert_int_equal(r->embeddings[0]->values_count, 64);
  assert_true(fabs(norm(r->embeddings[0]) - 1) < 1e-5);
  char path[256];
  assert_string_equal(last_path(path, sizeof path), "/v1beta/models/text-embedding-004:batchEmbedContents");
  json_t *body = last_body();
  itest_assert_json_value(body,
                          "{\"requests\":[{\"model\":\"models/text-embedding-004\",\"content\":{\"role\":\"user\","
                          "\"parts\":[{\"text\":\"What is your name?\"}]},\"taskType\":\"RETRIEVAL_DOCUMENT\","
                          "\"title\":\"T\",\"outputDimensionality\":64},{\"model\":\"models/text-embedding-004\","
                          "\"content\":{\"role\":\"user\",\"parts\":[{\"text\":\"What is your favorite color?\"}]},"
                          "\"taskType\":\"RETRIEVAL_DOCUMENT\",\"title\":\"T\",\"outputDimensionality\":64}]}");
  json_decref(body);
  /* one text: one embedding, of the default size, the same vector as in the list */
  genai_embed_content_response *one = NULL;
  assert_int_equal(genai_models_embed_content(c, "gemini-embedding-001", GENAI_TEXT("What is your name?"),
                                              &(genai_embed_content_config){GENAI_INIT(genai_embed_content_config),
                                                                            .output_dimensionality = &(int32_t){64}},
                                              &one),
                   GENAI_OK);
  assert_int_equal(one->embeddings_count, 1);
  assert_same_vector(one->embeddings[0], r->embeddings[0]);
  genai_embed_content_response_free(one);
  genai_embed_content_response_free(r);
  /* fields of the Vertex AI endpoints are refused */
  size_t before = itest_request_count();
  genai_embed_content_config bad = {GENAI_INIT(genai_embed_content_config), .auto_truncate = &(bool){true}};
  assert_int_equal(genai_models_embed_content(c, "text-embedding-004", GENAI_TEXT("a"), &bad, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "auto_truncate"));
  assert_int_equal(itest_request_count(), before);
  genai_client_free(c);
}

static void embed_gemini_api_multimodal_model_groups_parts(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_part img = {GENAI_INIT(genai_part),
                    .file_data = &(genai_file_data){GENAI_INIT(genai_file_data), .file_uri = "gs://b/scones.jpg",
                                                    .mime_type = "image/jpeg"}};
  genai_embed_content_response *r = NULL;
  assert_int_equal(genai_models_embed_content(c, "gemini-embedding-2-preview",
                                              GENAI_LIST(GENAI_TEXT("scones"), GENAI_PART(&img)), NULL, &r),
                   GENAI_OK);
  assert_int_equal(r->embeddings_count, 1);
  genai_embed_content_response_free(r);
  json_t *body = last_body();
  itest_assert_json_value(body,
                          "{\"requests\":[{\"model\":\"models/gemini-embedding-2-preview\",\"content\":{\"role\":"
                          "\"user\",\"parts\":[{\"text\":\"scones\"},{\"fileData\":{\"fileUri\":\"gs://b/scones.jpg\","
                          "\"mimeType\":\"image/jpeg\"}}]}}]}");
  json_decref(body);
  genai_client_free(c);
}

static void embed_vertex_predict(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_embed_content_config cfg = {GENAI_INIT(genai_embed_content_config), .task_type = "RETRIEVAL_QUERY",
                                    .output_dimensionality = &(int32_t){8}, .auto_truncate = &(bool){false}};
  genai_part img = {GENAI_INIT(genai_part),
                    .file_data = &(genai_file_data){GENAI_INIT(genai_file_data), .file_uri = "gs://b/i.jpg",
                                                    .mime_type = "image/jpeg"}};
  genai_embed_content_response *r = NULL;
  /* the image part is skipped: :predict takes texts */
  assert_int_equal(genai_models_embed_content(c, "text-embedding-004",
                                              GENAI_LIST(GENAI_TEXT("Hello world"), GENAI_PART(&img),
                                                         GENAI_TEXT("Bye")),
                                              &cfg, &r),
                   GENAI_OK);
  assert_int_equal(r->embeddings_count, 2);
  assert_int_equal(r->embeddings[0]->values_count, 8);
  assert_non_null(r->embeddings[0]->statistics);
  assert_false(*r->embeddings[0]->statistics->truncated);
  assert_true(*r->embeddings[0]->statistics->token_count == 2);
  assert_non_null(r->metadata);
  char path[256];
  assert_string_equal(last_path(path, sizeof path), "/v1beta1/publishers/google/models/text-embedding-004:predict");
  json_t *body = last_body();
  itest_assert_json_value(body,
                          "{\"instances\":[{\"content\":\"Hello world\",\"task_type\":\"RETRIEVAL_QUERY\"},"
                          "{\"content\":\"Bye\",\"task_type\":\"RETRIEVAL_QUERY\"}],"
                          "\"parameters\":{\"outputDimensionality\":8,\"autoTruncate\":false}}");
  json_decref(body);
  /* the same vector as the Gemini API gives for the same text */
  genai_client *m = itest_mldev_client(NULL);
  genai_embed_content_response *same = NULL;
  assert_int_equal(genai_models_embed_content(m, "text-embedding-004", GENAI_TEXT("Hello world"),
                                              &(genai_embed_content_config){GENAI_INIT(genai_embed_content_config),
                                                                            .output_dimensionality = &(int32_t){8}},
                                              &same),
                   GENAI_OK);
  assert_same_vector(same->embeddings[0], r->embeddings[0]);
  genai_embed_content_response_free(same);
  genai_client_free(m);
  genai_embed_content_response_free(r);
  /* a field only :embedContent reads */
  genai_embed_content_config ocr = {GENAI_INIT(genai_embed_content_config), .document_ocr = &(bool){true}};
  assert_int_equal(genai_models_embed_content(c, "text-embedding-004", GENAI_TEXT("a"), &ocr, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "document_ocr"));
  genai_client_free(c);
}

static void embed_vertex_embed_content(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_embed_content_config cfg = {GENAI_INIT(genai_embed_content_config), .task_type = "RETRIEVAL_QUERY",
                                    .title = "t", .output_dimensionality = &(int32_t){16},
                                    .auto_truncate = &(bool){true}};
  genai_embed_content_response *r = NULL;
  assert_int_equal(genai_models_embed_content(c, "gemini-embedding-2-preview", GENAI_TEXT("Hello world"), &cfg, &r),
                   GENAI_OK);
  /* {embedding, usageMetadata} reshaped into embeddings[0] */
  assert_int_equal(r->embeddings_count, 1);
  assert_int_equal(r->embeddings[0]->values_count, 16);
  assert_true(fabs(norm(r->embeddings[0]) - 1) < 1e-5);
  char path[256];
  assert_string_equal(last_path(path, sizeof path),
                      "/v1beta1/publishers/google/models/gemini-embedding-2-preview:embedContent");
  json_t *body = last_body();
  itest_assert_json_value(body,
                          "{\"content\":{\"role\":\"user\",\"parts\":[{\"text\":\"Hello world\"}]},"
                          "\"embedContentConfig\":{\"taskType\":\"RETRIEVAL_QUERY\",\"title\":\"t\","
                          "\"outputDimensionality\":16,\"autoTruncate\":true}}");
  json_decref(body);
  genai_embed_content_response_free(r);
  /* one content at a time */
  size_t before = itest_request_count();
  genai_part p = {GENAI_INIT(genai_part), .text = "a"};
  const genai_part *parts[] = {&p};
  genai_content two = {GENAI_INIT(genai_content), .role = "user", .parts = parts, .parts_count = 1};
  assert_int_equal(genai_models_embed_content(c, "gemini-embedding-2-preview",
                                              GENAI_LIST(GENAI_CONTENT(&two), GENAI_CONTENT(&two)), NULL, &r),
                   GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message,
                      "The embedContent API for this model only supports one content at a time.");
  /* but the parts of a list are one content */
  assert_int_equal(itest_request_count(), before);
  assert_int_equal(genai_models_embed_content(c, "gemini-embedding-2-preview",
                                              GENAI_LIST(GENAI_TEXT("a"), GENAI_TEXT("b")), NULL, &r),
                   GENAI_OK);
  assert_int_equal(r->embeddings_count, 1);
  genai_embed_content_response_free(r);
  genai_client_free(c);
}

static void service_errors(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_embed_content_response *r = NULL;
  /* a generative model is not an embedding model */
  assert_int_equal(genai_models_embed_content(c, "gemini-2.0-flash", GENAI_TEXT("a"), NULL, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  genai_embed_content_config big = {GENAI_INIT(genai_embed_content_config),
                                    .output_dimensionality = &(int32_t){5000}};
  assert_int_equal(genai_models_embed_content(c, "text-embedding-004", GENAI_TEXT("a"), &big, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  assert_non_null(strstr(genai_error_last()->message, "output_dimensionality"));
  assert_null(r);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(count_tokens_gemini_api, itest_reset),
      cmocka_unit_test_setup(count_tokens_vertex, itest_reset),
      cmocka_unit_test_setup(compute_tokens, itest_reset),
      cmocka_unit_test_setup(embed_gemini_api, itest_reset),
      cmocka_unit_test_setup(embed_gemini_api_multimodal_model_groups_parts, itest_reset),
      cmocka_unit_test_setup(embed_vertex_predict, itest_reset),
      cmocka_unit_test_setup(embed_vertex_embed_content, itest_reset),
      cmocka_unit_test_setup(service_errors, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
